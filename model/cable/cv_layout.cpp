#include "model/cable/cv_layout.hpp"

#include <algorithm>
#include <cmath>

#include "model/util/input_error.hpp"
#include "model/util/model_limits.hpp"

namespace rtcell {

int CvLayout::node_of(const Location& loc) const {
    if (loc.x <= 0.0)
        return branch_proximal_node[loc.branch];
    if (loc.x >= 1.0)
        return branch_distal_node[loc.branch];
    return cv_node[cv_of(loc)];
}

int CvLayout::cv_of(const Location& loc) const {
    const int n = branch_cv_count.at(loc.branch);
    // NEURON's node_index: the whole part of n·x, so x = k/n belongs to CV k (the distal one)
    // and x = 1 to the last CV. The product is taken as NEURON takes it (double, truncated),
    // so that locations such as 0.3 on 10 CVs land where NEURON puts them.
    int k = static_cast<int>(static_cast<double>(n) * loc.x);
    k = std::clamp(k, 0, n - 1);
    return branch_first_cv[loc.branch] + k;
}

double CvLayout::axial_resistance_MOhm(int node, const std::vector<double>& Ra_per_cv) const {
    double r = 0;
    const int cv = node_cv[node];
    const int b = node_branch[node];
    switch (node_kind[node]) {
        case NodeKind::root_end:
            return 0.0;
        case NodeKind::midpoint:
            r += Ra_per_cv[cv] * cv_proximal_factor[cv];
            if (cv > branch_first_cv[b])
                r += Ra_per_cv[cv - 1] * cv_distal_factor[cv - 1];
            break;
        case NodeKind::distal_end: {
            const int last = branch_first_cv[b] + branch_cv_count[b] - 1;
            r += Ra_per_cv[last] * cv_distal_factor[last];
            break;
        }
    }
    return 0.01 * r;
}

double CvLayout::node_x(int node) const {
    switch (node_kind[node]) {
        case NodeKind::root_end:
            return 0.0;
        case NodeKind::distal_end:
            return 1.0;
        case NodeKind::midpoint:
            break;
    }
    return cv_x0[node_cv[node]] + 0.5 / branch_cv_count[node_branch[node]];
}

double CvLayout::node_area_um2(int node) const {
    return node_cv[node] >= 0 ? cv_area_um2[node_cv[node]] : 0.0;
}

int CvLayout::node_nearest_cv(int node) const {
    if (node_cv[node] >= 0)
        return node_cv[node];
    const int b = node_branch[node];
    if (node_kind[node] == NodeKind::distal_end)
        return branch_first_cv[b] + branch_cv_count[b] - 1;
    return branch_first_cv[b];
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
    L.branch_length_um.resize(nb);
    std::size_t total = 0;
    for (std::size_t b = 0; b < nb; ++b) {
        const auto n = static_cast<std::size_t>(std::max(cvs_per_branch[b], 0));
        if (n > kMaxCvsPerBranch)
            throw InputError("branch '" + m.branch(b).name + "' would have " + std::to_string(n) +
                             " CVs; the limit is " + std::to_string(kMaxCvsPerBranch));
        total += n;
    }
    if (total > kMaxCvs)
        throw InputError("the cell would have " + std::to_string(total) + " CVs; the limit is " +
                         std::to_string(kMaxCvs));
    for (auto* v :
         {&L.cv_x0, &L.cv_area_um2, &L.cv_volume_um3, &L.cv_proximal_factor, &L.cv_distal_factor})
        v->reserve(total);
    L.cv_branch.reserve(total);
    L.node_kind.reserve(total + nb + 1);
    for (auto* v : {&L.node_parent, &L.node_cv, &L.node_branch})
        v->reserve(total + nb + 1);

    for (std::size_t b = 0; b < nb; ++b) {
        const int n = cvs_per_branch[b];
        if (n < 1)
            throw InputError("discretize: branch '" + m.branch(b).name + "' needs at least one CV");
        L.branch_first_cv[b] = static_cast<int>(L.cv_branch.size());
        const double len = m.length(b);
        L.branch_length_um[b] = len;
        for (int k = 0; k < n; ++k) {
            const double x0 = double(k) / n, x1 = double(k + 1) / n, xm = (k + 0.5) / n;
            L.cv_branch.push_back(static_cast<int>(b));
            L.cv_x0.push_back(x0);
            L.cv_area_um2.push_back(m.area(b, x0, x1));
            L.cv_volume_um3.push_back(m.volume(b, x0, x1));
            L.cv_proximal_factor.push_back(m.resistance_factor(b, x0, xm));
            L.cv_distal_factor.push_back(m.resistance_factor(b, xm, x1));
        }
    }
    L.cv_node.assign(L.cv_branch.size(), -1);

    auto add_node = [&](CvLayout::NodeKind kind, int parent, int cv, int branch) {
        L.node_kind.push_back(kind);
        L.node_parent.push_back(parent);
        L.node_cv.push_back(cv);
        L.node_branch.push_back(branch);
        return static_cast<int>(L.node_parent.size()) - 1;
    };

    add_node(CvLayout::NodeKind::root_end, -1, -1, m.root());
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
            prev = add_node(CvLayout::NodeKind::midpoint, prev, first + k, b);
            L.cv_node[first + k] = prev;
        }
        L.branch_distal_node[b] = add_node(CvLayout::NodeKind::distal_end, prev, -1, b);
    }
    return L;
}

}  // namespace rtcell
