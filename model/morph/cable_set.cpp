// Set arithmetic on cable lists: the common currency of region evaluation.
#include <algorithm>

#include "model/morph/morph_expr.hpp"

namespace rtcell::cables {

CableList canonical(CableList c) {
    std::sort(c.begin(), c.end(), [](const Cable& a, const Cable& b) {
        return a.branch != b.branch ? a.branch < b.branch : a.x0 < b.x0;
    });
    CableList out;
    for (const Cable& k : c) {
        if (!out.empty() && out.back().branch == k.branch && k.x0 <= out.back().x1)
            out.back().x1 = std::max(out.back().x1, k.x1);
        else
            out.push_back(k);
    }
    return out;
}

CableList unite(const CableList& a, const CableList& b) {
    CableList all = a;
    all.insert(all.end(), b.begin(), b.end());
    return canonical(std::move(all));
}

CableList intersect(const CableList& a, const CableList& b) {
    CableList out;
    for (const Cable& p : a)
        for (const Cable& q : b) {
            if (p.branch != q.branch)
                continue;
            const double lo = std::max(p.x0, q.x0), hi = std::min(p.x1, q.x1);
            if (lo <= hi)
                out.push_back({p.branch, lo, hi});
        }
    return canonical(std::move(out));
}

CableList complement(const CableList& a, std::size_t num_branches) {
    CableList out;
    std::size_t k = 0;
    for (std::size_t b = 0; b < num_branches; ++b) {
        double x = 0.0;
        bool covered_to_end = false;
        for (; k < a.size() && a[k].branch == static_cast<int>(b); ++k) {
            if (a[k].x0 > x)
                out.push_back({static_cast<int>(b), x, a[k].x0});
            x = std::max(x, a[k].x1);
            if (x >= 1.0)
                covered_to_end = true;
        }
        if (!covered_to_end)
            out.push_back({static_cast<int>(b), x, 1.0});
    }
    return out;
}

bool contains(const CableList& c, const Location& loc) {
    return std::any_of(c.begin(), c.end(), [&](const Cable& k) {
        return k.branch == loc.branch && k.x0 <= loc.x && loc.x <= k.x1;
    });
}

double length(const CableList& c, const Morphology& m) {
    double sum = 0;
    for (const Cable& k : c)
        sum += (k.x1 - k.x0) * m.length(k.branch);
    return sum;
}

}  // namespace rtcell::cables
