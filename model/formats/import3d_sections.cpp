#include "model/formats/import3d_sections.hpp"

#include <algorithm>
#include <map>

#include "model/util/input_error.hpp"

namespace rtcell::import3d {
namespace {

std::string type_prefix(int tag) {
    switch (tag) {
        case 1:
            return "soma";
        case 2:
            return "axon";
        case 3:
            return "dend";
        case 4:
            return "apic";
        default:
            return tag < 0 ? "minus_" + std::to_string(-tag) : "dend_" + std::to_string(tag);
    }
}

bool same_place(const Point& a, const Point& b) {
    return a.x == b.x && a.y == b.y && a.z == b.z;
}

// Import3d_GUI.chk_valid: sections with one real point, or two at the same place, are
// removed and their children attached where the removed section was attached.
void remove_degenerate(std::vector<Section>& sections) {
    for (int i = static_cast<int>(sections.size()) - 1; i >= 0; --i) {
        Section& s = sections[i];
        if (s.parent < 0)
            continue;
        const std::size_t real = s.points.size() - (s.wired ? 1 : 0);
        const bool degenerate =
            real <= 1 || (real == 2 && same_place(s.points[s.wired ? 1 : 0], s.points.back()));
        if (!degenerate)
            continue;
        const int parent = s.parent;
        const double parent_x = s.parent_x;
        sections.erase(sections.begin() + i);
        for (Section& other : sections) {
            if (other.parent == i) {
                other.parent = parent;
                other.parent_x = parent_x;
            } else if (other.parent > i) {
                --other.parent;
            }
        }
    }
}

}  // namespace

Morphology instantiate(std::vector<Section> sections, const std::string& file) {
    if (sections.empty())
        throw InputError(file + ": no sections");
    remove_degenerate(sections);

    // NEURON creates sections type by type (ascending tag), each in list order.
    std::vector<int> order(sections.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int>(i);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return sections[a].tag < sections[b].tag; });
    std::vector<int> new_index(sections.size());
    for (std::size_t k = 0; k < order.size(); ++k)
        new_index[order[k]] = static_cast<int>(k);

    std::map<int, int> per_type;
    std::vector<Branch> branches;
    branches.reserve(sections.size());
    for (int old : order) {
        const Section& s = sections[old];
        Branch b;
        b.tag = s.tag;
        b.type = branch_type_from_tag(s.tag);
        b.name = type_prefix(s.tag) + "[" + std::to_string(per_type[s.tag]++) + "]";
        b.parent = s.parent < 0 ? -1 : new_index[s.parent];
        b.parent_x = s.parent_x;
        std::vector<Point> pts(s.points.begin() + (s.wired ? 1 : 0), s.points.end());
        if (s.wired)
            b.logical_connection = {s.points[0].x, s.points[0].y, s.points[0].z};
        if (pts.size() == 1) {
            // A lone point is a sphere: a cylinder along x with L = diam (Import3d sphere_rep).
            const Point c = pts[0];
            pts = {{c.x - c.diameter / 2, c.y, c.z, c.diameter},
                   c,
                   {c.x + c.diameter / 2, c.y, c.z, c.diameter}};
        }
        for (const Point& p : pts)
            b.samples.push_back({p.x, p.y, p.z, Diameter{p.diameter}});
        if (b.samples.size() < 2)
            throw InputError(located(file, s.line, "section " + b.name + " has no points"));
        branches.push_back(std::move(b));
    }
    return Morphology(std::move(branches), file);
}

}  // namespace rtcell::import3d
