// Evaluation of a Locset against a Morphology: every operator of morph_expr.hpp.
#include <algorithm>
#include <random>

#include "model/morph/expr_args.hpp"
#include "model/morph/label_scope.hpp"

namespace rtcell {

namespace {

using namespace expr_args;

LocationList sorted(LocationList l) {
    std::sort(l.begin(), l.end());
    return l;
}

LocationList unique_sorted(LocationList l) {
    l = sorted(std::move(l));
    l.erase(std::unique(l.begin(), l.end()), l.end());
    return l;
}

// The location at arc length `s` [µm] into the concatenation of the cables.
Location at_length(const CableList& c, const Morphology& m, double s) {
    for (const Cable& k : c) {
        const double len = (k.x1 - k.x0) * m.length(k.branch);
        if (s <= len || &k == &c.back()) {
            const double f = len > 0 ? std::min(1.0, s / len) : 0.0;
            return {k.branch, k.x0 + f * (k.x1 - k.x0)};
        }
        s -= len;
    }
    return {c.back().branch, c.back().x1};
}

int count(const ExprNode& n, std::size_t i) {
    return static_cast<int>(whole_number(n, i, 0, 1e7, "a count"));
}

}  // namespace

LocationList evaluate_locset(const Locset& l, LabelScope& scope, int depth) {
    const Morphology& m = scope.m;
    const ExprNode& n = l.node();
    const std::string& op = n.op;
    if (depth > kMaxLabelDepth)
        throw InputError("locset labels nest deeper than " + std::to_string(kMaxLabelDepth) +
                         " levels: do they refer to each other in a cycle?");
    auto sub = [&](std::size_t i) { return evaluate_locset(locset(n, i), scope, depth + 1); };
    auto area = [&](std::size_t i) { return evaluate_region(region(n, i), scope, depth + 1); };
    const int nb = static_cast<int>(m.num_branches());

    if (op == "nil")
        return {};
    if (op == "root")
        return {{m.root(), 0.0}};
    if (op == "location")
        return {{branch(n, 0, m), fraction(n, 1)}};
    if (op == "terminal") {
        LocationList out;
        for (int b = 0; b < nb; ++b) {
            const auto& kids = m.children(b);
            if (std::none_of(kids.begin(), kids.end(),
                             [&](int c) { return m.branch(c).parent_x == 1.0; }))
                out.push_back({b, 1.0});
        }
        return out;
    }
    if (op == "fork") {
        // Every place where the tree splits: two or more children attach there, or one
        // attaches to the interior (or proximal end) of a branch that carries on past it.
        LocationList out;
        for (int b = 0; b < nb; ++b) {
            std::vector<double> xs;
            for (int c : m.children(b))
                xs.push_back(m.branch(c).parent_x);
            std::sort(xs.begin(), xs.end());
            for (std::size_t k = 0; k < xs.size(); ++k) {
                if (k > 0 && xs[k] == xs[k - 1])
                    continue;
                const auto same = std::count(xs.begin(), xs.end(), xs[k]);
                if (same + (xs[k] < 1.0 ? 1 : 0) >= 2)
                    out.push_back({b, xs[k]});
            }
        }
        return out;
    }
    if (op == "uniform") {
        const CableList where = area(0);
        const int k = count(n, 1);
        const double total = cables::length(where, m);
        LocationList out;
        if (where.empty() || k == 0)
            return out;
        for (int i = 0; i < k; ++i)
            out.push_back(at_length(where, m, total * (i + 0.5) / k));
        return sorted(out);
    }
    if (op == "random") {
        const CableList where = area(0);
        const int k = count(n, 1);
        const double total = cables::length(where, m);
        LocationList out;
        if (where.empty() || k == 0)
            return out;
        // mt19937_64 output is fixed by the standard; the conversion to [0, 1) is ours, so
        // the samples are the same on every platform for a given seed.
        std::mt19937_64 engine(
            static_cast<std::uint64_t>(whole_number(n, 2, 0, 9007199254740992.0, "a seed")));
        for (int i = 0; i < k; ++i) {
            const double u = static_cast<double>(engine() >> 11) * 0x1.0p-53;
            out.push_back(at_length(where, m, u * total));
        }
        return sorted(out);
    }
    if (op == "on-branches") {
        const double x = fraction(n, 0);
        LocationList out;
        for (int b = 0; b < nb; ++b)
            out.push_back({b, x});
        return out;
    }
    if (op == "proximal") {
        const CableList where = area(0);
        LocationList out;
        for (const Cable& c : where) {
            const int p = m.parent(c.branch);
            const bool continues =
                c.x0 == 0.0 && p >= 0 && cables::contains(where, {p, m.branch(c.branch).parent_x});
            if (!continues)
                out.push_back({c.branch, c.x0});
        }
        return sorted(out);
    }
    if (op == "distal") {
        const CableList where = area(0);
        LocationList out;
        for (const Cable& c : where) {
            bool continues = false;
            for (int child : m.children(c.branch))
                if (m.branch(child).parent_x == c.x1 && cables::contains(where, {child, 0.0}))
                    continues = true;
            if (!continues)
                out.push_back({c.branch, c.x1});
        }
        return sorted(out);
    }
    if (op == "restrict") {
        const LocationList what = sub(0);
        const CableList where = area(1);
        LocationList out;
        for (const Location& loc : what)
            if (cables::contains(where, loc))
                out.push_back(loc);
        return out;
    }
    if (op == "join" || op == "sum") {  // union without, or with, the duplicates
        LocationList all;
        for (std::size_t i = 0; i < n.args.size(); ++i) {
            auto part = sub(i);
            all.insert(all.end(), part.begin(), part.end());
        }
        return op == "join" ? unique_sorted(all) : sorted(all);
    }
    if (op == "locset") {
        const auto& name = std::get<std::string>(n.args.at(0));
        if (auto known = scope.locsets.find(name); known != scope.locsets.end())
            return known->second;
        auto it = scope.labels.locsets.find(name);
        if (it == scope.labels.locsets.end())
            throw InputError("no locset labelled '" + name + "'");
        return scope.locsets[name] = evaluate_locset(it->second, scope, depth + 1);
    }
    throw InputError("unknown locset operator '" + op + "'");
}

LocationList Locset::evaluate(const Morphology& m, const LabelDict& labels) const {
    LabelScope scope{m, labels, {}, {}};
    return evaluate_locset(*this, scope, 0);
}

}  // namespace rtcell
