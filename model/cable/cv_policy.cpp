#include "model/cable/cv_policy.hpp"

#include <cmath>
#include <numbers>
#include <sstream>

#include "model/util/input_error.hpp"

namespace rtcell {

CvPolicy CvPolicy::per_branch() {
    return CvPolicy(Rule{});
}

CvPolicy CvPolicy::fixed_per_branch(int count) {
    if (count < 1)
        throw InputError("cv policy: the CV count must be at least 1, got " +
                         std::to_string(count));
    Rule r;
    r.kind = Kind::fixed;
    r.count = count;
    return CvPolicy(r);
}

CvPolicy CvPolicy::explicit_counts(std::map<std::string, int> counts) {
    for (const auto& [name, n] : counts)
        if (n < 1)
            throw InputError("cv policy: CV count for '" + name + "' must be at least 1");
    Rule r;
    r.kind = Kind::explicit_counts;
    r.counts = std::move(counts);
    return CvPolicy(r);
}

CvPolicy CvPolicy::max_extent(double max_length_um, bool odd) {
    if (!(max_length_um > 0))
        throw InputError("cv policy: the maximum CV length must be positive");
    Rule r;
    r.kind = Kind::max_extent;
    r.max_length_um = max_length_um;
    r.odd = odd;
    return CvPolicy(r);
}

CvPolicy CvPolicy::d_lambda(double frequency_hz, double d_lambda) {
    if (!(frequency_hz > 0) || !(d_lambda > 0))
        throw InputError("cv policy: d-lambda needs a positive frequency and d_lambda");
    Rule r;
    r.kind = Kind::d_lambda;
    r.frequency_hz = frequency_hz;
    r.d_lambda = d_lambda;
    return CvPolicy(r);
}

CvPolicy CvPolicy::on(const Region& where) const {
    CvPolicy out = *this;
    for (Rule& r : out.rules_) {
        r.where = r.restricted ? reg::intersect(r.where, where) : where;
        r.restricted = true;
    }
    return out;
}

CvPolicy CvPolicy::operator|(const CvPolicy& later) const {
    CvPolicy out = *this;
    out.rules_.insert(out.rules_.end(), later.rules_.begin(), later.rules_.end());
    return out;
}

double lambda_f(const Morphology& m, std::size_t b, double frequency_hz, double Ra, double cm) {
    // λ_f = 1e5·sqrt(d / (4π f Ra cm)) µm for a cylinder of diameter d µm; for a chain of
    // frusta NEURON sums each piece's length in units of λ using sqrt of the mean diameter.
    const auto& s = m.branch(b).samples;
    const auto& arc = m.arc(b);
    double lam = 0;
    for (std::size_t k = 0; k + 1 < s.size(); ++k)
        lam += (arc[k + 1] - arc[k]) / std::sqrt(2 * s[k].radius + 2 * s[k + 1].radius);
    lam *= std::numbers::sqrt2 * 1e-5 * std::sqrt(4 * std::numbers::pi * frequency_hz * Ra * cm);
    return m.length(b) / lam;
}

std::vector<int> CvPolicy::cvs_per_branch(const Morphology& m, const CableProperties& cable,
                                          const LabelDict& labels) const {
    const std::size_t n = m.num_branches();
    std::vector<int> counts(n, 1);
    for (const Rule& r : rules_) {
        std::vector<bool> applies(n, !r.restricted);
        if (r.restricted)
            for (const Cable& c : r.where.evaluate(m, labels))
                if (c.x1 > c.x0)
                    applies[c.branch] = true;
        if (r.kind == Kind::explicit_counts) {
            for (const auto& [name, k] : r.counts) {
                const int b = m.find_branch(name);
                if (b < 0)
                    throw InputError("cv policy: no branch named '" + name + "' in " + m.source());
                if (applies[b])
                    counts[b] = k;
            }
            continue;
        }
        for (std::size_t b = 0; b < n; ++b) {
            if (!applies[b])
                continue;
            const double L = m.length(b);
            switch (r.kind) {
                case Kind::per_branch:
                    counts[b] = 1;
                    break;
                case Kind::fixed:
                    counts[b] = r.count;
                    break;
                case Kind::max_extent: {
                    int k = std::max(1, static_cast<int>(std::ceil(L / r.max_length_um - 1e-9)));
                    if (r.odd && k % 2 == 0)
                        ++k;
                    counts[b] = k;
                    break;
                }
                case Kind::d_lambda: {
                    const double lam = lambda_f(m, b, r.frequency_hz, cable.Ra(b), cable.cm(b));
                    counts[b] = static_cast<int>((L / (r.d_lambda * lam) + 0.9) / 2) * 2 + 1;
                    break;
                }
                case Kind::explicit_counts:
                    break;
            }
        }
    }
    return counts;
}

std::string CvPolicy::to_string() const {
    std::string out;
    for (const Rule& r : rules_) {
        if (!out.empty())
            out += " | ";
        switch (r.kind) {
            case Kind::per_branch:
                out += "per_branch";
                break;
            case Kind::fixed:
                out += "fixed(" + std::to_string(r.count) + ")";
                break;
            case Kind::explicit_counts: {
                out += "explicit(";
                bool first = true;
                for (const auto& [name, k] : r.counts) {
                    out += (first ? "" : ", ") + name + "=" + std::to_string(k);
                    first = false;
                }
                out += ")";
                break;
            }
            case Kind::max_extent: {
                std::ostringstream s;
                s << "max_extent(" << r.max_length_um << " um" << (r.odd ? ", odd" : "") << ")";
                out += s.str();
                break;
            }
            case Kind::d_lambda: {
                std::ostringstream s;
                s << "d_lambda(" << r.frequency_hz << " Hz, " << r.d_lambda << ")";
                out += s.str();
                break;
            }
        }
        if (r.restricted)
            out += ".on" + r.where.to_string();
    }
    return out;
}

}  // namespace rtcell
