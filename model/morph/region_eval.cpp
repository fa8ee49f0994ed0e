// Evaluation of a Region against a Morphology: every operator of morph_expr.hpp.
#include <algorithm>
#include <limits>
#include <queue>

#include "model/morph/expr_args.hpp"
#include "model/morph/label_scope.hpp"

namespace rtcell {
namespace {

using namespace expr_args;
constexpr double kInf = std::numeric_limits<double>::infinity();

CableList whole(const std::vector<int>& branches) {
    CableList out;
    for (int b : branches)
        out.push_back({b, 0.0, 1.0});
    return cables::canonical(out);
}

template <class Pred>
CableList whole_if(const Morphology& m, Pred pred) {
    std::vector<int> picked;
    for (std::size_t b = 0; b < m.num_branches(); ++b)
        if (pred(static_cast<int>(b)))
            picked.push_back(static_cast<int>(b));
    return whole(picked);
}

// Path distance from a set of locations, as a function on every branch: for each branch
// the key points (ends, attachment points of children, sources) and their distances. Along
// the branch, d(x) = min_k (d_k + L·|x − x_k|), because every path to a source leaves the
// branch through one of its key points.
struct DistanceField {
    std::vector<std::vector<std::pair<double, double>>> keys;  // per branch: (x, distance)
};

DistanceField distance_from(const Morphology& m, const LocationList& sources) {
    const std::size_t n = m.num_branches();
    // Vertices: every key point (branch, x); a child's x = 0 is tied to its attachment.
    std::vector<std::vector<double>> xs(n);
    for (std::size_t b = 0; b < n; ++b) {
        xs[b] = {0.0, 1.0};
        for (int c : m.children(b))
            xs[b].push_back(m.branch(c).parent_x);
    }
    for (const Location& s : sources)
        xs[s.branch].push_back(s.x);
    std::vector<std::size_t> base(n + 1, 0);
    for (std::size_t b = 0; b < n; ++b) {
        auto& v = xs[b];
        std::sort(v.begin(), v.end());
        v.erase(std::unique(v.begin(), v.end()), v.end());
        base[b + 1] = base[b] + v.size();
    }
    auto vertex = [&](int b, double x) {
        const auto& v = xs[b];
        return base[b] + (std::lower_bound(v.begin(), v.end(), x) - v.begin());
    };
    std::vector<std::vector<std::pair<std::size_t, double>>> edges(base[n]);
    auto link = [&](std::size_t a, std::size_t b, double w) {
        edges[a].push_back({b, w});
        edges[b].push_back({a, w});
    };
    for (std::size_t b = 0; b < n; ++b) {
        const double L = m.length(b);
        for (std::size_t k = 0; k + 1 < xs[b].size(); ++k)
            link(base[b] + k, base[b] + k + 1, L * (xs[b][k + 1] - xs[b][k]));
        if (m.parent(b) >= 0)
            link(base[b], vertex(m.parent(b), m.branch(b).parent_x), 0.0);
    }
    std::vector<double> dist(base[n], kInf);
    using Item = std::pair<double, std::size_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    for (const Location& s : sources) {
        const auto v = vertex(s.branch, s.x);
        dist[v] = 0.0;
        queue.push({0.0, v});
    }
    while (!queue.empty()) {
        auto [d, v] = queue.top();
        queue.pop();
        if (d > dist[v])
            continue;
        for (auto [w, len] : edges[v])
            if (d + len < dist[w]) {
                dist[w] = d + len;
                queue.push({dist[w], w});
            }
    }
    DistanceField field;
    field.keys.resize(n);
    for (std::size_t b = 0; b < n; ++b)
        for (std::size_t k = 0; k < xs[b].size(); ++k)
            field.keys[b].push_back({xs[b][k], dist[base[b] + k]});
    return field;
}

// {x : lo ≤ d(x) ≤ hi} = ∪_k {|x − x_k| ≤ (hi − d_k)/L}  minus  ∪_k {|x − x_k| < (lo − d_k)/L}.
CableList distance_band(const Morphology& m, const LocationList& sources, double lo, double hi) {
    if (sources.empty())
        return {};
    const DistanceField field = distance_from(m, sources);
    CableList near_hi, near_lo;
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        const double L = m.length(b);
        for (auto [x, d] : field.keys[b]) {
            if (d == kInf)
                continue;
            if (hi >= d) {
                const double r = (hi - d) / L;
                near_hi.push_back({int(b), std::max(0.0, x - r), std::min(1.0, x + r)});
            }
            if (lo > d) {
                const double r = (lo - d) / L;
                near_lo.push_back({int(b), std::max(0.0, x - r), std::min(1.0, x + r)});
            }
        }
    }
    near_hi = cables::canonical(near_hi);
    if (near_lo.empty())
        return near_hi;
    near_lo = cables::canonical(near_lo);
    // Remove the open intervals of near_lo. What is left where d is exactly lo would be a
    // single point; points are dropped unless the band itself is a point (lo = hi).
    CableList out;
    for (const Cable& c : near_hi) {
        std::vector<std::pair<double, double>> pieces{{c.x0, c.x1}};
        for (const Cable& cut : near_lo) {
            if (cut.branch != c.branch)
                continue;
            std::vector<std::pair<double, double>> next;
            for (auto [a, b] : pieces) {
                if (cut.x1 <= a || cut.x0 >= b) {
                    next.push_back({a, b});
                    continue;
                }
                if (cut.x0 > a)
                    next.push_back({a, cut.x0});
                if (cut.x1 < b)
                    next.push_back({cut.x1, b});
            }
            pieces = std::move(next);
        }
        for (auto [a, b] : pieces)
            if (b > a || lo == hi)
                out.push_back({c.branch, a, b});
    }
    return cables::canonical(out);
}

CableList radius_band(const Morphology& m, double lo, double hi) {
    CableList out;
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        const auto& s = m.branch(b).samples;
        const auto& arc = m.arc(b);
        const double L = m.length(b);
        for (std::size_t k = 0; k + 1 < s.size(); ++k) {
            if (arc[k + 1] == arc[k])
                continue;
            const double r0 = s[k].radius, r1 = s[k + 1].radius;
            double t0 = 0, t1 = 1;  // fraction of the frustum where lo ≤ r ≤ hi
            if (r0 == r1) {
                if (r0 < lo || r0 > hi)
                    continue;
            } else {
                const double a = (lo - r0) / (r1 - r0), c = (hi - r0) / (r1 - r0);
                t0 = std::max(0.0, std::min(a, c));
                t1 = std::min(1.0, std::max(a, c));
                if (t0 > t1)
                    continue;
            }
            const double span = arc[k + 1] - arc[k];
            out.push_back({int(b), (arc[k] + t0 * span) / L, (arc[k] + t1 * span) / L});
        }
    }
    return cables::canonical(out);
}

void collect_subtree(const Morphology& m, int b, std::vector<int>& out) {
    out.push_back(b);
    for (int c : m.children(b))
        collect_subtree(m, c, out);
}

CableList distal_from(const Morphology& m, Location loc, double extent, CableList& out) {
    const double L = m.length(loc.branch);
    const double end = std::min(1.0, loc.x + extent / L);
    out.push_back({loc.branch, loc.x, end});
    for (int c : m.children(loc.branch)) {
        const double px = m.branch(c).parent_x;
        if (px >= loc.x && px <= end)
            distal_from(m, {c, 0.0}, extent - (px - loc.x) * L, out);
    }
    return out;
}

void proximal_from(const Morphology& m, Location loc, double extent, CableList& out) {
    while (true) {
        const double L = m.length(loc.branch);
        const double start = std::max(0.0, loc.x - extent / L);
        out.push_back({loc.branch, start, loc.x});
        extent -= (loc.x - start) * L;
        const int p = m.parent(loc.branch);
        if (start > 0.0 || p < 0 || extent <= 0.0)
            return;
        loc = {p, m.branch(loc.branch).parent_x};
    }
}

CableList eval(const Region& r, LabelScope& scope, int depth);

// One case per region operator of the label language (label_parser.hpp), each a few lines; kept
// together so that the operators read as one table.
CableList eval(const Region& r, LabelScope& scope, int depth) {
    const Morphology& m = scope.m;
    const ExprNode& n = r.node();
    const std::string& op = n.op;
    if (depth > kMaxLabelDepth)
        throw InputError("region labels nest deeper than " + std::to_string(kMaxLabelDepth) +
                         " levels: do they refer to each other in a cycle?");
    auto sub = [&](std::size_t i) { return eval(region(n, i), scope, depth + 1); };
    auto locs = [&](std::size_t i) { return evaluate_locset(locset(n, i), scope, depth + 1); };

    if (op == "all")
        return whole_if(m, [](int) { return true; });
    if (op == "nil")
        return {};
    if (op == "branch")
        return {{branch(n, 0, m), 0.0, 1.0}};
    if (op == "cable") {
        const double x0 = fraction(n, 1), x1 = fraction(n, 2);
        if (x0 > x1)
            throw InputError("(cable ...): x0 must not exceed x1");
        return {{branch(n, 0, m), x0, x1}};
    }
    if (op == "tag") {
        const int tag = static_cast<int>(whole_number(n, 0, -1e9, 1e9, "a tag"));
        return whole_if(m, [&](int b) { return m.branch(b).tag == tag; });
    }
    if (op == "type") {
        const BranchType t = branch_type_from_name(std::get<std::string>(n.args.at(0)));
        return whole_if(m, [&](int b) { return m.branch(b).type == t; });
    }
    if (op == "branch-length")
        return whole_if(
            m, [&](int b) { return m.length(b) >= number(n, 0) && m.length(b) <= number(n, 1); });
    if (op == "branch-radius")
        return whole_if(m, [&](int b) {
            const double mean = m.area(b) / (2 * 3.141592653589793 * m.length(b));
            return mean >= number(n, 0) && mean <= number(n, 1);
        });
    if (op == "branch-order")
        return whole_if(m, [&](int b) {
            return m.branch_order(b) >= number(n, 0) && m.branch_order(b) <= number(n, 1);
        });
    if (op == "distance-between")
        return distance_band(m, locs(2), number(n, 0), number(n, 1));
    if (op == "distance-ge")
        return distance_band(m, locs(1), number(n, 0), kInf);
    if (op == "distance-le")
        return distance_band(m, locs(1), 0.0, number(n, 0));
    if (op == "radius-between")
        return radius_band(m, number(n, 0), number(n, 1));
    if (op == "subtree") {
        std::vector<int> picked;
        collect_subtree(m, branch(n, 0, m), picked);
        return whole(picked);
    }
    if (op == "distal-interval" || op == "proximal-interval") {
        CableList out;
        const double e = extent(n, 1);
        for (const Location& loc : locs(0)) {
            if (op == "distal-interval")
                distal_from(m, loc, e, out);
            else
                proximal_from(m, loc, e, out);
        }
        return cables::canonical(out);
    }
    if (op == "join") {
        CableList acc;
        for (std::size_t i = 0; i < n.args.size(); ++i)
            acc = cables::unite(acc, sub(i));
        return acc;
    }
    if (op == "intersect") {
        CableList acc = sub(0);
        for (std::size_t i = 1; i < n.args.size(); ++i)
            acc = cables::intersect(acc, sub(i));
        return acc;
    }
    if (op == "difference") {
        return cables::intersect(sub(0), cables::complement(sub(1), m.num_branches()));
    }
    if (op == "complement")
        return cables::complement(sub(0), m.num_branches());
    if (op == "region") {
        const auto& name = std::get<std::string>(n.args.at(0));
        if (auto known = scope.regions.find(name); known != scope.regions.end())
            return known->second;
        auto it = scope.labels.regions.find(name);
        if (it == scope.labels.regions.end())
            throw InputError("no region labelled '" + name + "'");
        return scope.regions[name] = eval(it->second, scope, depth + 1);
    }
    throw InputError("unknown region operator '" + op + "'");
}

}  // namespace

CableList evaluate_region(const Region& r, LabelScope& scope, int depth) {
    return eval(r, scope, depth);
}

CableList Region::evaluate(const Morphology& m, const LabelDict& labels) const {
    LabelScope scope{m, labels, {}, {}};
    return eval(*this, scope, 0);
}

}  // namespace rtcell
