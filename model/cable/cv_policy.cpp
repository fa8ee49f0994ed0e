#include "model/cable/cv_policy.hpp"

#include <cmath>
#include <numbers>
#include <sstream>

#include "model/util/input_error.hpp"
#include "model/util/model_limits.hpp"

namespace rtcell {

// ---- the policies ----

namespace cv_policies {

namespace {
// A CV count a policy computed as a double, checked before it becomes an int (a tiny extent
// gives a count beyond int's range, and converting that is undefined).
int cv_count(double wanted, const Morphology& m, std::size_t b, const char* policy) {
    if (!(wanted <= static_cast<double>(kMaxCvsPerBranch)))
        throw InputError(std::string("cv policy ") + policy + ": branch '" + m.branch(b).name +
                         "' would have more than " + std::to_string(kMaxCvsPerBranch) + " CVs");
    return static_cast<int>(wanted);
}
}  // namespace

void PerBranch::apply(const Morphology&, const CableProperties&, const std::vector<bool>& applies,
                      std::vector<int>& counts) const {
    for (std::size_t b = 0; b < counts.size(); ++b)
        if (applies[b])
            counts[b] = 1;
}

void Fixed::apply(const Morphology&, const CableProperties&, const std::vector<bool>& applies,
                  std::vector<int>& counts) const {
    for (std::size_t b = 0; b < counts.size(); ++b)
        if (applies[b])
            counts[b] = count;
}
std::string Fixed::text() const {
    return "fixed(" + std::to_string(count) + ")";
}

void ExplicitCounts::apply(const Morphology& m, const CableProperties&,
                           const std::vector<bool>& applies, std::vector<int>& out) const {
    for (const auto& [name, k] : counts) {
        const int b = m.find_branch(name);
        if (b < 0)
            throw InputError("cv policy: no branch named '" + name + "' in " + m.source());
        if (applies[b])
            out[b] = k;
    }
}
std::string ExplicitCounts::text() const {
    std::string out = "explicit(";
    bool first = true;
    for (const auto& [name, k] : counts) {
        out += (first ? "" : ", ") + name + "=" + std::to_string(k);
        first = false;
    }
    return out + ")";
}

void MaxExtent::apply(const Morphology& m, const CableProperties&, const std::vector<bool>& applies,
                      std::vector<int>& counts) const {
    for (std::size_t b = 0; b < counts.size(); ++b) {
        if (!applies[b])
            continue;
        int k = std::max(
            1, cv_count(std::ceil(m.length(b) / max_length_um - 1e-9), m, b, "max_extent"));
        if (odd && k % 2 == 0)
            ++k;
        counts[b] = k;
    }
}
std::string MaxExtent::text() const {
    std::ostringstream s;
    s << "max_extent(" << max_length_um << " um" << (odd ? ", odd" : "") << ")";
    return s.str();
}

// NEURON's rule: the smallest odd n with L/n ≤ d_lambda·λ_f (stdlib.hoc's geom_nseg).
void DLambda::apply(const Morphology& m, const CableProperties& cable,
                    const std::vector<bool>& applies, std::vector<int>& counts) const {
    for (std::size_t b = 0; b < counts.size(); ++b) {
        if (!applies[b])
            continue;
        const double lam = lambda_f(m, b, frequency_hz, cable.Ra(b), cable.cm(b));
        const double half = std::floor((m.length(b) / (d_lambda * lam) + 0.9) / 2);
        counts[b] = cv_count(half * 2 + 1, m, b, "d_lambda");
    }
}
std::string DLambda::text() const {
    std::ostringstream s;
    s << "d_lambda(" << frequency_hz << " Hz, " << d_lambda << ")";
    return s.str();
}

}  // namespace cv_policies

// ---- construction and composition ----

CvPolicy CvPolicy::per_branch() {
    return CvPolicy(cv_policies::PerBranch{});
}

CvPolicy CvPolicy::fixed_per_branch(int count) {
    if (count < 1 || static_cast<std::size_t>(count) > kMaxCvsPerBranch)
        throw InputError("cv policy: the CV count must be in [1, " +
                         std::to_string(kMaxCvsPerBranch) + "], got " + std::to_string(count));
    return CvPolicy(cv_policies::Fixed{count});
}

CvPolicy CvPolicy::explicit_counts(std::map<std::string, int> counts) {
    for (const auto& [name, n] : counts)
        if (n < 1 || static_cast<std::size_t>(n) > kMaxCvsPerBranch)
            throw InputError("cv policy: CV count for '" + name + "' must be in [1, " +
                             std::to_string(kMaxCvsPerBranch) + "]");
    return CvPolicy(cv_policies::ExplicitCounts{std::move(counts)});
}

CvPolicy CvPolicy::max_extent(double max_length_um, bool odd) {
    if (!(max_length_um > 0))
        throw InputError("cv policy: the maximum CV length must be positive");
    return CvPolicy(cv_policies::MaxExtent{max_length_um, odd});
}

CvPolicy CvPolicy::d_lambda(double d_lambda, Hertz frequency) {
    const double frequency_hz = frequency.hz;
    if (!(frequency_hz > 0) || !(d_lambda > 0))
        throw InputError("cv policy: d-lambda needs a positive frequency and d_lambda");
    if (d_lambda > 1)
        throw InputError(
            "cv policy: d_lambda is a fraction of the length constant (NEURON's "
            "is 0.1), not " +
            std::to_string(d_lambda) +
            "; the frequency comes second, as Hertz{f}: d_lambda(0.1, Hertz{100})");
    return CvPolicy(cv_policies::DLambda{frequency_hz, d_lambda});
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

// ---- evaluation ----

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
        std::visit([&](const auto& policy) { policy.apply(m, cable, applies, counts); }, r.policy);
    }
    return counts;
}

std::string CvPolicy::to_string() const {
    std::string out;
    for (const Rule& r : rules_) {
        if (!out.empty())
            out += " | ";
        out += std::visit([](const auto& policy) { return policy.text(); }, r.policy);
        if (r.restricted)
            out += ".on" + r.where.to_string();
    }
    return out;
}

}  // namespace rtcell
