#include "model/vis/tree_layout.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace rtcell::vis {
namespace {

struct Tree {
    std::vector<std::vector<int>> children;
    std::vector<int> order;  // depth-first preorder from the root
    int root = 0;
};

Tree build(const std::vector<int>& parent) {
    Tree t;
    t.children.resize(parent.size());
    for (std::size_t i = 0; i < parent.size(); ++i) {
        if (parent[i] < 0)
            t.root = static_cast<int>(i);
        else
            t.children[parent[i]].push_back(static_cast<int>(i));
    }
    std::vector<int> stack{t.root};
    while (!stack.empty()) {
        const int n = stack.back();
        stack.pop_back();
        t.order.push_back(n);
        for (auto it = t.children[n].rbegin(); it != t.children[n].rend(); ++it)
            stack.push_back(*it);
    }
    return t;
}

std::vector<double> leaf_counts(const Tree& t) {
    std::vector<double> leaves(t.children.size(), 0.0);
    for (auto it = t.order.rbegin(); it != t.order.rend(); ++it) {
        const int n = *it;
        if (t.children[n].empty())
            leaves[n] = 1;
        for (int c : t.children[n])
            leaves[n] += leaves[c];
    }
    return leaves;
}

}  // namespace

std::vector<int> tree_depths(const std::vector<int>& parent) {
    const Tree t = build(parent);
    std::vector<int> depth(parent.size(), 0);
    for (int n : t.order)
        for (int c : t.children[n])
            depth[c] = depth[n] + 1;
    return depth;
}

std::vector<Position> radial_layout(const std::vector<int>& parent, double spacing) {
    const Tree t = build(parent);
    const std::vector<double> leaves = leaf_counts(t);
    const std::vector<int> depth = tree_depths(parent);
    const double total = leaves[t.root];
    // Two nodes on one ring are at least one leaf's share of the circle (2π/total) apart, so
    // their chord is ≥ 2·r·sin(π/total) ≥ 4r/total; r0 = spacing·total/4 keeps it ≥ spacing.
    const double r0 = std::max(spacing, spacing * total / 4);
    std::vector<double> start(parent.size(), 0.0), width(parent.size(), 2 * std::numbers::pi);
    std::vector<Position> pos(parent.size(), {0, 0});
    for (int n : t.order) {
        double a = start[n];
        for (int c : t.children[n]) {
            start[c] = a;
            width[c] = width[n] * leaves[c] / leaves[n];
            a += width[c];
        }
        if (n == t.root)
            continue;
        const double angle = start[n] + width[n] / 2;
        const double r = r0 + (depth[n] - 1) * spacing;
        pos[n] = {r * std::cos(angle), r * std::sin(angle)};
    }
    return pos;
}

std::vector<Position> dendrogram_layout(const std::vector<int>& parent, double spacing) {
    const Tree t = build(parent);
    const std::vector<int> depth = tree_depths(parent);
    std::vector<Position> pos(parent.size(), {0, 0});
    double next_leaf = 0;
    for (int n : t.order)
        if (t.children[n].empty()) {
            pos[n].x = next_leaf;
            next_leaf += spacing;
        }
    for (auto it = t.order.rbegin(); it != t.order.rend(); ++it) {
        const int n = *it;
        if (!t.children[n].empty()) {
            double sum = 0;
            for (int c : t.children[n])
                sum += pos[c].x;
            pos[n].x = sum / static_cast<double>(t.children[n].size());
        }
        pos[n].y = depth[n] * spacing;
    }
    return pos;
}

}  // namespace rtcell::vis
