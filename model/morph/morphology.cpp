#include "model/morph/morphology.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "model/morph/frustum.hpp"
#include "model/util/input_error.hpp"

namespace rtcell {

const char* branch_type_name(BranchType type) {
    switch (type) {
        case BranchType::soma:
            return "soma";
        case BranchType::axon:
            return "axon";
        case BranchType::basal_dendrite:
            return "basal_dendrite";
        case BranchType::apical_dendrite:
            return "apical_dendrite";
        case BranchType::custom:
            return "custom";
    }
    return "custom";
}

BranchType branch_type_from_name(const std::string& name) {
    if (name == "soma")
        return BranchType::soma;
    if (name == "axon")
        return BranchType::axon;
    if (name == "basal_dendrite" || name == "dend" || name == "dendrite")
        return BranchType::basal_dendrite;
    if (name == "apical_dendrite" || name == "apic")
        return BranchType::apical_dendrite;
    if (name == "custom")
        return BranchType::custom;
    throw InputError("unknown branch type '" + name +
                     "' (expected soma, axon, basal_dendrite, apical_dendrite or custom)");
}

BranchType branch_type_from_tag(int tag) {
    if (tag >= 1 && tag <= 4)
        return static_cast<BranchType>(tag);
    return BranchType::custom;
}

Morphology::Morphology(std::vector<Branch> branches, std::string source)
    : source_(std::move(source)), branches_(std::move(branches)) {
    const int n = static_cast<int>(branches_.size());
    auto fail = [&](const std::string& what) { throw InputError(source_ + ": " + what); };
    if (n == 0)
        fail("the morphology has no branches");

    std::unordered_map<std::string, int> names;
    children_.assign(n, {});
    for (int i = 0; i < n; ++i) {
        const Branch& b = branches_[i];
        const std::string label = "branch '" + b.name + "'";
        if (b.name.empty())
            fail("branch " + std::to_string(i) + " has no name");
        if (!names.emplace(b.name, i).second)
            fail("duplicate branch name '" + b.name + "'");
        if (b.samples.size() < 2)
            fail(label + " needs at least two samples");
        for (const Sample& s : b.samples) {
            if (!(s.radius > 0.0))
                fail(label + " has a non-positive radius");
            if (!(s.radius <= kMaxRadius))
                fail(label + " has a radius above " + std::to_string(kMaxRadius) + " µm");
            for (double c : {s.x, s.y, s.z})
                if (!(std::fabs(c) <= kMaxCoordinate))
                    fail(label + " has a coordinate outside ±" + std::to_string(kMaxCoordinate) +
                         " µm");
        }
        if (b.parent < -1 || b.parent >= n)
            fail(label + " has a parent that does not exist");
        if (b.parent == i)
            fail(label + " is its own parent");
        if (!(b.parent_x >= 0.0 && b.parent_x <= 1.0))
            fail(label + ": parent_x must be in [0, 1]");
        if (b.parent < 0) {
            if (root_ >= 0)
                fail("more than one root ('" + branches_[root_].name + "' and '" + b.name + "')");
            root_ = i;
        } else {
            children_[b.parent].push_back(i);
        }
    }
    if (root_ < 0)
        fail("no root branch (every branch has a parent: the tree has a cycle)");

    // Depth-first from the root; anything not reached is on a cycle.
    depth_.assign(n, -1);
    root_distance_.assign(n, 0.0);
    arc_.resize(n);
    for (int i = 0; i < n; ++i) {
        const auto& s = branches_[i].samples;
        auto& a = arc_[i];
        a.assign(s.size(), 0.0);
        for (std::size_t k = 1; k < s.size(); ++k)
            a[k] = a[k - 1] +
                   std::hypot(s[k].x - s[k - 1].x, s[k].y - s[k - 1].y, s[k].z - s[k - 1].z);
        if (!(a.back() > 0.0))
            fail("branch '" + branches_[i].name + "' has zero length");
    }
    std::vector<int> stack{root_};
    depth_[root_] = 0;
    while (!stack.empty()) {
        const int b = stack.back();
        stack.pop_back();
        order_.push_back(b);
        const auto& kids = children_[b];
        for (auto it = kids.rbegin(); it != kids.rend(); ++it) {
            depth_[*it] = depth_[b] + 1;
            root_distance_[*it] = root_distance_[b] + branches_[*it].parent_x * length(b);
            stack.push_back(*it);
        }
    }
    if (static_cast<int>(order_.size()) != n) {
        for (int i = 0; i < n; ++i)
            if (depth_[i] < 0)
                fail("branch '" + branches_[i].name + "' is on a cycle");
    }
}

int Morphology::find_branch(const std::string& name) const {
    for (std::size_t i = 0; i < branches_.size(); ++i)
        if (branches_[i].name == name)
            return static_cast<int>(i);
    return -1;
}

double Morphology::path_distance(std::size_t i, double x) const {
    return root_distance_.at(i) + x * length(i);
}

double Morphology::radius_at(std::size_t i, double x) const {
    const auto& s = branches_.at(i).samples;
    const auto& a = arc_[i];
    const double pos = std::clamp(x, 0.0, 1.0) * a.back();
    // Last sample whose arc is <= pos, so that at a jump the distal radius wins.
    std::size_t k = std::upper_bound(a.begin(), a.end(), pos) - a.begin();
    if (k == 0)
        return s.front().radius;
    if (k >= a.size())
        return s.back().radius;
    const double span = a[k] - a[k - 1];
    const double f = span > 0 ? (pos - a[k - 1]) / span : 1.0;
    return s[k - 1].radius + f * (s[k].radius - s[k - 1].radius);
}

std::array<double, 3> Morphology::position_at(std::size_t i, double x) const {
    const auto& s = branches_.at(i).samples;
    const auto& a = arc_[i];
    const double pos = std::clamp(x, 0.0, 1.0) * a.back();
    std::size_t k = std::upper_bound(a.begin(), a.end(), pos) - a.begin();
    if (k == 0)
        return {s.front().x, s.front().y, s.front().z};
    if (k >= a.size())
        return {s.back().x, s.back().y, s.back().z};
    const double span = a[k] - a[k - 1];
    const double f = span > 0 ? (pos - a[k - 1]) / span : 1.0;
    return {s[k - 1].x + f * (s[k].x - s[k - 1].x), s[k - 1].y + f * (s[k].y - s[k - 1].y),
            s[k - 1].z + f * (s[k].z - s[k - 1].z)};
}

// Sums piece(length, r0, r1) over the frusta clipped to [x0, x1]. A zero-length frustum at
// arc position p belongs to the interval with x0·L < p ≤ x1·L (or p = 0 when x0 = 0), the
// same convention NEURON uses when it splits a section into segments.
template <class F>
double Morphology::integrate(std::size_t i, double x0, double x1, F&& piece) const {
    const auto& s = branches_.at(i).samples;
    const auto& a = arc_[i];
    const double L = a.back();
    const double lo = std::clamp(x0, 0.0, 1.0) * L, hi = std::clamp(x1, 0.0, 1.0) * L;
    double sum = 0.0;
    for (std::size_t k = 0; k + 1 < s.size(); ++k) {
        const double s0 = a[k], s1 = a[k + 1];
        if (s1 == s0) {
            if ((s0 > lo && s0 <= hi) || (s0 == 0.0 && lo == 0.0))
                sum += piece(0.0, s[k].radius, s[k + 1].radius);
            continue;
        }
        const double c0 = std::max(lo, s0), c1 = std::min(hi, s1);
        if (c1 <= c0)
            continue;
        const double dr = s[k + 1].radius - s[k].radius;
        const double r0 = s[k].radius + dr * (c0 - s0) / (s1 - s0);
        const double r1 = s[k].radius + dr * (c1 - s0) / (s1 - s0);
        sum += piece(c1 - c0, r0, r1);
    }
    return sum;
}

double Morphology::area(std::size_t i, double x0, double x1) const {
    return integrate(i, x0, x1, frustum::lateral_area);
}
double Morphology::volume(std::size_t i, double x0, double x1) const {
    return integrate(i, x0, x1, frustum::volume);
}
double Morphology::resistance_factor(std::size_t i, double x0, double x1) const {
    return integrate(i, x0, x1, frustum::resistance_factor);
}

double Morphology::total_length() const {
    double sum = 0;
    for (std::size_t i = 0; i < branches_.size(); ++i)
        sum += length(i);
    return sum;
}
double Morphology::total_area() const {
    double sum = 0;
    for (std::size_t i = 0; i < branches_.size(); ++i)
        sum += area(i);
    return sum;
}
double Morphology::total_volume() const {
    double sum = 0;
    for (std::size_t i = 0; i < branches_.size(); ++i)
        sum += volume(i);
    return sum;
}

}  // namespace rtcell
