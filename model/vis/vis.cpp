#include "model/vis/vis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <tuple>

#include "model/cell/cell.hpp"
#include "model/util/did_you_mean.hpp"
#include "model/util/input_error.hpp"
#include "model/vis/colormap.hpp"
#include "model/vis/svg_parts.hpp"
#include "model/vis/tree_layout.hpp"

namespace rtcell {
namespace {

using vis::escape;
using vis::fmt;
using vis::Rgb;

struct Style {
    Rgb node, edge, root;
    bool by_depth = false;
};

Style style_of(const VisOptions& o) {
    Style s;
    if (o.preset == "dendrotweaks")
        s = {vis::parse_color("#1e3a8a"), vis::parse_color("#9ca3af"), vis::parse_color("#f97316")};
    else if (o.preset == "mono")
        s = {vis::parse_color("#111827"), vis::parse_color("#9ca3af"), vis::parse_color("#111827")};
    else if (o.preset == "depth") {
        s = {vis::parse_color("#1e3a8a"), vis::parse_color("#9ca3af"), vis::parse_color("#f97316")};
        s.by_depth = true;
    } else
        throw InputError(
            "unknown preset '" + o.preset + "'" +
            did_you_mean(o.preset, std::vector<std::string>{"dendrotweaks", "mono", "depth"}) +
            " (dendrotweaks, mono or depth)");
    if (!o.node_color.empty())
        s.node = vis::parse_color(o.node_color);
    if (!o.edge_color.empty())
        s.edge = vis::parse_color(o.edge_color);
    if (!o.root_color.empty())
        s.root = vis::parse_color(o.root_color);
    return s;
}

// A tree of items (branches, CVs or nodes) and what colours them.
struct Picture {
    std::string level;
    std::vector<int> parent;
    std::vector<double> coverage;  // highlight amount 0..1, or empty
    std::vector<double> value;     // value per item (NaN: none), or empty
    std::string value_label;
    std::vector<std::string> label;  // per item, drawn when asked (VisOptions::labels)
};

void check_modes(const VisOptions& o, const std::string& level) {
    const bool highlight = o.region.has_value() || o.locset.has_value();
    const bool value = !o.value.empty() || !o.values.empty();
    if (highlight && value)
        throw InputError("vis_" + level +
                         ": value colouring and region/locset highlighting are mutually exclusive");
    if (o.coverage_mode != "fraction" && o.coverage_mode != "any" && o.coverage_mode != "all")
        throw InputError(
            "coverage_mode '" + o.coverage_mode + "'" +
            did_you_mean(o.coverage_mode, std::vector<std::string>{"fraction", "any", "all"}) +
            " is not fraction, any or all");
    if (!(o.layout_scale > 0))
        throw InputError("layout_scale must be positive");
}

double coverage_amount(double fraction, const std::string& mode) {
    if (mode == "any")
        return fraction > 0 ? 1 : 0;
    if (mode == "all")
        return fraction >= 1 - 1e-9 ? 1 : 0;
    return fraction;
}

// Where every item goes and what colour it gets: the layout and the styling, shared by the
// SVG here and by the Python module's matplotlib pictures.
TopologyDrawing drawing_of(const Picture& p, const VisOptions& o) {
    const Style style = style_of(o);
    TopologyDrawing d;
    d.level = p.level;
    d.layout = o.layout.empty() ? "radial" : o.layout;
    d.spacing = 16 * o.layout_scale;
    d.node_radius = 4 * o.layout_scale;
    d.edge_width = 1.2 * o.layout_scale;
    std::vector<vis::Position> pos;
    if (d.layout == "radial")
        pos = vis::radial_layout(p.parent, d.spacing);
    else if (d.layout == "dendrogram")
        pos = vis::dendrogram_layout(p.parent, d.spacing);
    else
        throw InputError("unknown layout '" + d.layout + "'" +
                         did_you_mean(d.layout, std::vector<std::string>{"radial", "dendrogram"}) +
                         " (radial or dendrogram)");
    const std::vector<int> depth = vis::tree_depths(p.parent);
    int max_depth = 0;
    for (int k : depth)
        max_depth = std::max(max_depth, k);
    const vis::ValueRange range = vis::value_range(p.value, o.vmin, o.vmax);
    const Rgb highlight = vis::parse_color(o.highlight_color);
    if (!p.value.empty())
        vis::colormap(o.cmap, 0);  // validates the name
    d.parent = p.parent;
    d.label = p.label;
    d.value = p.value;
    d.value_label = o.value_label.empty() ? p.value_label : o.value_label;
    d.vmin = range.lo;
    d.vmax = range.hi;
    d.constant_value = range.constant;
    d.cmap = o.cmap;
    d.edge_color = vis::to_hex(style.edge);
    for (std::size_t i = 0; i < p.parent.size(); ++i) {
        d.x.push_back(pos[i].x);
        d.y.push_back(pos[i].y);
        Rgb c = style.node;
        if (style.by_depth)
            c = vis::colormap("viridis", max_depth ? double(depth[i]) / max_depth : 0);
        if (p.parent[i] < 0)
            c = style.root;
        if (!p.coverage.empty())
            c = vis::mix(style.node, highlight, p.coverage[i]);
        if (!p.value.empty())
            c = vis::colormap(o.cmap, range.fraction(p.value[i]));
        d.fill.push_back(vis::to_hex(c));
    }
    return d;
}

std::string svg_of(const TopologyDrawing& d, const VisOptions& o) {
    double minx = 0, maxx = 0, miny = 0, maxy = 0;
    for (std::size_t i = 0; i < d.x.size(); ++i)
        minx = std::min(minx, d.x[i]), maxx = std::max(maxx, d.x[i]), miny = std::min(miny, d.y[i]),
        maxy = std::max(maxy, d.y[i]);
    const double margin = 3 * d.spacing, bar = (!d.value.empty() && o.show_colorbar) ? 90 : 0;
    const double width = maxx - minx + 2 * margin + bar,
                 height = std::max(maxy - miny + 2 * margin, bar ? 260.0 : 0.0);
    // y up, as the morphology pictures draw the geometry: the root at the bottom of a
    // dendrogram, the children above it.
    auto X = [&](double x) { return fmt(x - minx + margin); };
    auto Y = [&](double y) { return fmt(maxy - y + margin); };

    std::ostringstream svg;
    svg << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << fmt(width) << "\" height=\""
        << fmt(height) << "\" viewBox=\"0 0 " << fmt(width) << " " << fmt(height)
        << "\" data-level=\"" << d.level << "\" data-layout=\"" << d.layout
        << "\">\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<g class=\"edges\" "
           "stroke=\""
        << d.edge_color << "\" stroke-width=\"" << fmt(d.edge_width) << "\">\n";
    for (std::size_t i = 0; i < d.parent.size(); ++i)
        if (d.parent[i] >= 0)
            svg << "<line class=\"edge\" x1=\"" << X(d.x[d.parent[i]]) << "\" y1=\""
                << Y(d.y[d.parent[i]]) << "\" x2=\"" << X(d.x[i]) << "\" y2=\"" << Y(d.y[i])
                << "\"/>\n";
    svg << "</g>\n<g class=\"nodes\">\n";
    for (std::size_t i = 0; i < d.parent.size(); ++i) {
        svg << "<circle class=\"node\" data-id=\"" << i << "\" cx=\"" << X(d.x[i]) << "\" cy=\""
            << Y(d.y[i]) << "\" r=\"" << fmt(d.node_radius) << "\" fill=\"" << d.fill[i] << "\"";
        if (!d.value.empty())
            svg << " data-value=\"" << fmt(d.value[i]) << "\"";
        svg << "/>\n";
    }
    svg << "</g>\n";
    if (o.labels && !d.label.empty()) {
        svg << "<g class=\"labels\">\n";
        for (std::size_t i = 0; i < d.label.size(); ++i)
            if (!d.label[i].empty())
                svg << vis::label(d.x[i] - minx + margin + d.node_radius + 2,
                                  maxy - d.y[i] + margin - d.node_radius - 2, d.label[i]);
        svg << "</g>\n";
    }
    if (bar)
        svg << vis::colorbar(width - bar + 20, 30, o.cmap,
                             vis::ValueRange{d.vmin, d.vmax, d.constant_value}, d.value_label);
    svg << "</svg>\n";
    return svg.str();
}

// Per-CV values from the options: explicit values (per CV) or a named quantity.
std::vector<double> cv_value_source(const Cell& cell, const VisOptions& o, std::string& label) {
    if (!o.values.empty()) {
        if (o.values.size() != cell.layout().num_cvs())
            throw InputError("vis_cv: " + std::to_string(o.values.size()) + " values for " +
                             std::to_string(cell.layout().num_cvs()) + " CVs");
        label = "value";
        return o.values;
    }
    label = (o.value == "V" || o.value == "voltage") ? "V (mV)" : o.value;
    return cell.cv_values(o.value);
}

Picture branch_picture(const Cell& cell, const VisOptions& o) {
    check_modes(o, "branch");
    if (!o.value.empty() || !o.values.empty())
        throw InputError(
            "vis_branch is topology-only: no value colouring (use vis_cv or vis_node)");
    if (o.locset)
        throw InputError("vis_branch takes a region, not a locset (use vis_cv or vis_node)");
    const Morphology& m = cell.morphology();
    Picture p;
    p.level = "branch";
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        p.parent.push_back(m.parent(b));
        p.label.push_back(m.branch(b).name);
    }
    if (o.region) {
        p.coverage.assign(m.num_branches(), 0.0);
        for (const Cable& c : o.region->evaluate(m, cell.options().labels))
            p.coverage[c.branch] += c.x1 - c.x0;
        for (double& f : p.coverage)
            f = coverage_amount(std::min(1.0, f), o.coverage_mode);
    }
    return p;
}

// The CV tree: a CV's parent is the CV of the nearest midpoint node above it.
std::vector<int> cv_parents(const CvLayout& L) {
    std::vector<int> parent(L.num_cvs(), -1);
    for (std::size_t cv = 0; cv < L.num_cvs(); ++cv) {
        int n = L.node_parent[L.cv_node[cv]];
        while (n >= 0 && L.node_cv[n] < 0)
            n = L.node_parent[n];
        parent[cv] = n >= 0 ? L.node_cv[n] : -1;
    }
    return parent;
}

// The model's CVs: the initialized cell's, or those init_state() would make (the CV policy
// with the painted Ra and cm, which d-λ needs).
CvLayout layout_for(const Cell& cell) {
    if (cell.phase() == Cell::Phase::initialized)
        return cell.layout();
    return discretize(cell.morphology(), cell.planned_cv_counts());
}

// Coverage of each CV by a region (fraction of its length), and the CVs owning a locset.
std::vector<double> cv_coverage(const Cell& cell, const CvLayout& L, const VisOptions& o) {
    std::vector<double> cov(L.num_cvs(), 0.0);
    if (o.region) {
        for (const Cable& c : o.region->evaluate(cell.morphology(), cell.options().labels)) {
            const int first = L.branch_first_cv[c.branch], n = L.branch_cv_count[c.branch];
            for (int k = 0; k < n; ++k) {
                const double a = std::max(c.x0, L.cv_x0[first + k]),
                             b = std::min(c.x1, L.cv_x1(first + k));
                if (b > a)
                    cov[first + k] += (b - a) * n;
            }
        }
        for (double& f : cov)
            f = coverage_amount(std::min(1.0, f), o.coverage_mode);
    }
    if (o.locset)
        for (const Location& loc : o.locset->evaluate(cell.morphology(), cell.options().labels))
            cov[L.cv_of(loc)] = 1.0;
    return cov;
}

Picture cv_picture(const Cell& cell, const VisOptions& o) {
    check_modes(o, "cv");
    const CvLayout L = layout_for(cell);
    Picture p;
    p.level = "cv";
    p.parent = cv_parents(L);
    p.label.assign(L.num_cvs(), "");  // each branch's name at its first CV
    for (std::size_t b = 0; b < L.branch_first_cv.size(); ++b)
        if (L.branch_cv_count[b] > 0)
            p.label[L.branch_first_cv[b]] = cell.morphology().branch(b).name;
    if (o.region || o.locset)
        p.coverage = cv_coverage(cell, L, o);
    if (!o.value.empty() || !o.values.empty()) {
        if (o.values.empty() && cell.phase() != Cell::Phase::initialized)
            throw InputError(
                "vis_cv: value colouring from the cell needs an initialized cell (init_state or "
                "run first)");
        p.value = cv_value_source(cell, o, p.value_label);
    }
    return p;
}

Picture node_picture(const Cell& cell, const VisOptions& o) {
    check_modes(o, "node");
    if (cell.phase() != Cell::Phase::initialized)
        throw InputError(
            "vis_node needs an initialized cell (the runtime node tree); call init_state() first");
    const CvLayout& L = cell.layout();
    Picture p;
    p.level = "node";
    p.parent = L.node_parent;
    const std::size_t nn = L.num_nodes(), ncv = L.num_cvs();
    p.label.assign(nn, "");  // each branch's name at its first CV's node
    for (std::size_t b = 0; b < L.branch_first_cv.size(); ++b)
        if (L.branch_cv_count[b] > 0)
            p.label[L.cv_node[L.branch_first_cv[b]]] = cell.morphology().branch(b).name;
    if (o.region || o.locset) {
        // Midpoint semantics: a CV's highlight goes to its midpoint node; end nodes stay plain.
        const std::vector<double> cov = cv_coverage(cell, L, o);
        p.coverage.assign(nn, 0.0);
        for (std::size_t cv = 0; cv < ncv; ++cv)
            p.coverage[L.cv_node[cv]] = cov[cv];
    }
    if (!o.value.empty() || !o.values.empty()) {
        p.value.assign(nn, std::numeric_limits<double>::quiet_NaN());
        if (!o.values.empty() && o.values.size() == nn) {
            p.value = o.values;
            p.value_label = "value";
        } else if (!o.values.empty() && o.values.size() == ncv) {
            for (std::size_t cv = 0; cv < ncv; ++cv)
                p.value[L.cv_node[cv]] = o.values[cv];
            p.value_label = "value";
        } else if (!o.values.empty()) {
            throw InputError("vis_node: " + std::to_string(o.values.size()) +
                             " values fit neither the " + std::to_string(nn) + " nodes nor the " +
                             std::to_string(ncv) + " CVs");
        } else if (o.value == "V" || o.value == "voltage") {
            p.value = cell.node_voltages();
            p.value_label = "V (mV)";
        } else {
            const std::vector<double> per_cv = cell.cv_values(o.value);
            for (std::size_t cv = 0; cv < ncv; ++cv)
                p.value[L.cv_node[cv]] = per_cv[cv];
            p.value_label = o.value;
        }
    }
    return p;
}

}  // namespace

TopologyDrawing topology_drawing(const Cell& cell, const std::string& level, const VisOptions& o) {
    if (level == "branch")
        return drawing_of(branch_picture(cell, o), o);
    if (level == "cv")
        return drawing_of(cv_picture(cell, o), o);
    if (level == "node")
        return drawing_of(node_picture(cell, o), o);
    throw InputError("unknown level '" + level + "'" +
                     did_you_mean(level, std::vector<std::string>{"branch", "cv", "node"}) +
                     " (branch, cv or node)");
}

std::string vis_topology(const Cell& cell, const std::string& level, const VisOptions& o) {
    return svg_of(topology_drawing(cell, level, o), o);
}
std::string vis_branch(const Cell& cell, const VisOptions& o) {
    return vis_topology(cell, "branch", o);
}
std::string vis_cv(const Cell& cell, const VisOptions& o) {
    return vis_topology(cell, "cv", o);
}
std::string vis_node(const Cell& cell, const VisOptions& o) {
    return vis_topology(cell, "node", o);
}

std::string morphology_picture(const Cell& cell, const MorphologyPictureOptions& o) {
    const Morphology& m = cell.morphology();
    int ax = 0, ay = 1;
    if (o.plane == "xz")
        ay = 2;
    else if (o.plane == "yz")
        ax = 1, ay = 2;
    else if (o.plane != "xy")
        throw InputError("plane '" + o.plane + "' is not xy, xz or yz");
    if (o.color_by != "type" && o.color_by != "region" && o.color_by != "value")
        throw InputError("color_by '" + o.color_by + "' is not type, region or value");
    if (o.color_by == "region" && !o.region)
        throw InputError("color_by region needs a region");

    // Bounds of the projected geometry.
    double minx = 1e300, maxx = -1e300, miny = 1e300, maxy = -1e300;
    auto coord = [&](const Sample& s, int a) { return a == 0 ? s.x : a == 1 ? s.y : s.z; };
    for (const Branch& b : m.branches())
        for (const Sample& s : b.samples) {
            minx = std::min(minx, coord(s, ax) - s.radius),
            maxx = std::max(maxx, coord(s, ax) + s.radius);
            miny = std::min(miny, coord(s, ay) - s.radius),
            maxy = std::max(maxy, coord(s, ay) + s.radius);
        }
    const double span = std::max(maxx - minx, maxy - miny);
    const double k = (o.width_px - 80) / span;  // px per µm
    // A panel on the right for the legend (by type) or the colour bar (by value).
    const bool panel =
        (o.color_by == "type" && o.legend) || (o.color_by == "value" && o.show_colorbar);
    const double drawing = (maxx - minx) * k + 80, width = drawing + (panel ? 160 : 0);
    const double height = std::max((maxy - miny) * k + 110, panel ? 290.0 : 0.0);
    auto X = [&](double x) { return fmt((x - minx) * k + 40); };
    auto Y = [&](double y) { return fmt((maxy - y) * k + 40); };  // y up

    CvLayout L;
    std::vector<double> cvv;
    vis::ValueRange range;
    if (o.color_by == "value") {
        if (cell.phase() != Cell::Phase::initialized && o.values.empty())
            throw InputError("colouring by value needs an initialized cell (run it first)");
        L = layout_for(cell);
        cvv = o.values.empty() ? cell.cv_values(o.value) : o.values;
        if (cvv.size() != L.num_cvs())
            throw InputError("one value per CV is needed");
        range = vis::value_range(cvv, o.vmin, o.vmax);
    }
    CableList cover;
    if (o.region)
        cover = o.region->evaluate(m, cell.options().labels);
    const std::vector<std::string> type_colors = {"#111827", "#f97316", "#2563eb",
                                                  "#16a34a", "#9333ea", "#6b7280"};

    std::ostringstream svg;
    svg << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
           "width=\""
        << fmt(width) << "\" height=\"" << fmt(height) << "\" viewBox=\"0 0 " << fmt(width) << " "
        << fmt(height)
        << "\">\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<g "
           "class=\"morphology\">\n";
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        const auto& arc = m.arc(b);
        const double Lb = m.length(b);
        // Pieces between consecutive samples, cut further at CV boundaries when colouring by
        // value, so that each piece has one colour.
        std::vector<double> cuts(arc.begin(), arc.end());
        if (o.color_by == "value") {
            const int n = L.branch_cv_count[b];
            for (int q = 1; q < n; ++q)
                cuts.push_back(Lb * q / n);
            std::sort(cuts.begin(), cuts.end());
        }
        for (std::size_t j = 0; j + 1 < cuts.size(); ++j) {
            const double a0 = cuts[j], a1 = cuts[j + 1];
            if (a1 - a0 < 1e-12 * Lb)
                continue;  // a radius jump has no extent to draw
            const auto p0 = m.position_at(b, a0 / Lb), p1 = m.position_at(b, a1 / Lb);
            // Radii just inside the piece, so that a jump at either end takes this piece's side.
            const double r0 = m.radius_at(b, (a0 + 1e-9 * (a1 - a0)) / Lb);
            const double r1 = m.radius_at(b, (a1 - 1e-9 * (a1 - a0)) / Lb);
            const Sample s0{p0[0], p0[1], p0[2], Diameter{2 * r0}},
                s1{p1[0], p1[1], p1[2], Diameter{2 * r1}};
            const double xm = 0.5 * (a0 + a1) / Lb;
            std::string color = type_colors[std::min<std::size_t>(
                static_cast<std::size_t>(m.branch(b).type) - 1, 5)];
            if (o.color_by == "region")
                color = cables::contains(cover, {static_cast<int>(b), xm}) ? o.highlight_color
                                                                           : "#9ca3af";
            if (o.color_by == "value")
                color = vis::to_hex(
                    vis::colormap(o.cmap, range.fraction(cvv[L.cv_of({static_cast<int>(b), xm})])));
            const double x0 = coord(s0, ax), y0 = coord(s0, ay), x1 = coord(s1, ax),
                         y1 = coord(s1, ay);
            const double dx = x1 - x0, dy = y1 - y0, len = std::hypot(dx, dy);
            if (len < 1e-9) {  // seen end-on: a disc
                svg << "<circle class=\"frustum\" cx=\"" << X(x0) << "\" cy=\"" << Y(y0)
                    << "\" r=\"" << fmt(std::max(s0.radius, s1.radius) * k) << "\" fill=\"" << color
                    << "\"/>\n";
                continue;
            }
            const double nx = -dy / len, ny = dx / len;  // the frustum drawn at its true width
            svg << "<polygon class=\"frustum\" fill=\"" << color << "\" points=\""
                << X(x0 + nx * s0.radius) << "," << Y(y0 + ny * s0.radius) << " "
                << X(x1 + nx * s1.radius) << "," << Y(y1 + ny * s1.radius) << " "
                << X(x1 - nx * s1.radius) << "," << Y(y1 - ny * s1.radius) << " "
                << X(x0 - nx * s0.radius) << "," << Y(y0 - ny * s0.radius) << "\"/>\n";
        }
    }
    svg << "</g>\n";
    if (o.labels) {  // each branch's name at its middle
        svg << "<g class=\"labels\">\n";
        for (std::size_t b = 0; b < m.num_branches(); ++b) {
            const auto mid = m.position_at(b, 0.5);
            svg << vis::label((mid[ax] - minx) * k + 44, (maxy - mid[ay]) * k + 36,
                              m.branch(b).name);
        }
        svg << "</g>\n";
    }
    if (panel && o.color_by == "type") {
        std::vector<std::pair<std::string, std::string>> entries;
        for (int t = 1; t <= 5; ++t) {
            const auto type = static_cast<BranchType>(t);
            if (std::any_of(m.branches().begin(), m.branches().end(),
                            [&](const Branch& b) { return b.type == type; }))
                entries.emplace_back(branch_type_name(type), type_colors[t - 1]);
        }
        svg << vis::legend(drawing + 10, 50, entries);
    }
    if (panel && o.color_by == "value")
        svg << vis::colorbar(drawing + 20, 40, o.cmap, range,
                             o.value == "V" || o.value == "voltage" ? "V (mV)" : o.value);
    // Scale bar: a round length near a fifth of the picture.
    double bar = 1;
    for (double c : {1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0})
        if (c <= span / 5)
            bar = c;
    svg << "<g class=\"scalebar\" font-family=\"sans-serif\" font-size=\"12\"><line x1=\"40\" y1=\""
        << fmt(height - 30) << "\" x2=\"" << fmt(40 + bar * k) << "\" y2=\"" << fmt(height - 30)
        << "\" stroke=\"#111\" stroke-width=\"3\"/><text x=\"40\" y=\"" << fmt(height - 12) << "\">"
        << fmt(bar) << " µm</text></g>\n</svg>\n";
    return svg.str();
}

}  // namespace rtcell
