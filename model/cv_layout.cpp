#include "cv_layout.hpp"

#include <algorithm>
#include <cmath>

#include "input_error.hpp"

namespace rtcell {

int CvLayout::cv_of(const Location& loc) const {
    const int n = branch_cv_count.at(loc.branch);
    int k = static_cast<int>(std::ceil(loc.x * n)) - 1;  // x = k/n belongs to CV k-1
    k = std::clamp(k, 0, n - 1);
    return branch_first_cv[loc.branch] + k;
}

double CvLayout::axial_resistance_MOhm(int node, const std::vector<double>& Ra_per_cv) const {
    double r = 0;
    if (node_own_cv[node] >= 0)
        r += Ra_per_cv[node_own_cv[node]] * node_own_factor[node];
    if (node_parent_cv[node] >= 0)
        r += Ra_per_cv[node_parent_cv[node]] * node_parent_factor[node];
    return 0.01 * r;
}

CvLayout discretize(const Morphology& m, const std::vector<int>& cvs_per_branch) {
    const std::size_t nb = m.num_branches();
    if (cvs_per_branch.size() != nb)
        throw InputError("discretize: one CV count per branch is required");
    CvLayout L;
    L.branch_first_cv.resize(nb);
    L.branch_cv_count = cvs_per_branch;
    L.branch_proximal_node.assign(nb, -1);
    L.branch_distal_node.assign(nb, -1);

    for (std::size_t b = 0; b < nb; ++b) {
        const int n = cvs_per_branch[b];
        if (n < 1)
            throw InputError("discretize: branch '" + m.branch(b).name + "' needs at least one CV");
        L.branch_first_cv[b] = static_cast<int>(L.cv_branch.size());
        const double len = m.length(b);
        for (int k = 0; k < n; ++k) {
            const double x0 = double(k) / n, x1 = double(k + 1) / n, xm = (k + 0.5) / n;
            L.cv_branch.push_back(static_cast<int>(b));
            L.cv_x0.push_back(x0);
            L.cv_x1.push_back(x1);
            L.cv_length_um.push_back(len / n);
            L.cv_area_um2.push_back(m.area(b, x0, x1));
            L.cv_volume_um3.push_back(m.volume(b, x0, x1));
            L.cv_proximal_factor.push_back(m.resistance_factor(b, x0, xm));
            L.cv_distal_factor.push_back(m.resistance_factor(b, xm, x1));
        }
    }
    L.cv_node.assign(L.cv_branch.size(), -1);

    auto add_node = [&](CvLayout::NodeKind kind, int parent, int cv, int branch, double x,
                        double area) {
        L.node_kind.push_back(kind);
        L.node_parent.push_back(parent);
        L.node_cv.push_back(cv);
        L.node_branch.push_back(branch);
        L.node_x.push_back(x);
        L.node_area_um2.push_back(area);
        L.node_own_cv.push_back(-1);
        L.node_own_factor.push_back(0.0);
        L.node_parent_cv.push_back(-1);
        L.node_parent_factor.push_back(0.0);
        return static_cast<int>(L.node_parent.size()) - 1;
    };

    add_node(CvLayout::NodeKind::root_end, -1, -1, m.root(), 0.0, 0.0);
    L.branch_proximal_node[m.root()] = 0;
    for (int b : m.topological_order()) {
        if (b != m.root()) {
            const Branch& br = m.branch(b);
            const int p = br.parent;
            if (br.parent_x >= 1.0)
                L.branch_proximal_node[b] = L.branch_distal_node[p];
            else if (br.parent_x <= 0.0)
                L.branch_proximal_node[b] = L.branch_proximal_node[p];
            else
                L.branch_proximal_node[b] = L.cv_node[L.cv_of({p, br.parent_x})];
        }
        const int first = L.branch_first_cv[b], n = L.branch_cv_count[b];
        int prev = L.branch_proximal_node[b];
        for (int k = 0; k < n; ++k) {
            const int cv = first + k;
            const int node = add_node(CvLayout::NodeKind::midpoint, prev, cv, b, (k + 0.5) / n,
                                      L.cv_area_um2[cv]);
            L.node_own_cv[node] = cv;
            L.node_own_factor[node] = L.cv_proximal_factor[cv];
            if (k > 0) {
                L.node_parent_cv[node] = cv - 1;
                L.node_parent_factor[node] = L.cv_distal_factor[cv - 1];
            }
            L.cv_node[cv] = node;
            prev = node;
        }
        const int end = add_node(CvLayout::NodeKind::distal_end, prev, -1, b, 1.0, 0.0);
        L.node_parent_cv[end] = first + n - 1;
        L.node_parent_factor[end] = L.cv_distal_factor[first + n - 1];
        L.branch_distal_node[b] = end;
    }
    return L;
}

}  // namespace rtcell
