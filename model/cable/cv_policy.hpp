#pragma once
// How a morphology is cut into control volumes (CVs). Every policy cuts each branch into
// n equal-length CVs (NEURON's nseg); policies differ in how they choose n:
//
//   per_branch()             n = 1 (the default, as in braincell)
//   fixed_per_branch(k)      n = k on every branch
//   explicit_counts({..})    n given per branch name (NEURON's nseg), others keep theirs
//   max_extent(l, odd)       the smallest n with L/n ≤ l µm; with odd = true, promoted to odd
//   d_lambda(d, Hertz{f})    NEURON's d-λ rule: the smallest odd n with L/n ≤ d·λ_f, where
//                            λ_f is the AC length constant at f Hz (uses Ra and cm)
//
// Policies compose: `a | b` applies a, then b on top of it; `p.on(region)` restricts p to
// the branches the region touches (with non-zero length), leaving the others as they were.
// So "d-λ everywhere, but 1 CV on the soma" is d_lambda() | per_branch().on(reg::tag(1)).
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "model/cable/neuron_defaults.hpp"
#include "model/morph/morph_expr.hpp"

namespace rtcell {

// Cable properties per branch that a policy may need (d-λ). Defaults are NEURON's.
struct CableProperties {
    double Ra_ohm_cm = neuron_defaults::Ra_ohm_cm;  // axial resistivity [Ω·cm]
    double cm_uF_cm2 = neuron_defaults::cm_uF_cm2;  // specific membrane capacitance [µF/cm²]
    std::vector<double> Ra_per_branch;              // optional overrides, one per branch
    std::vector<double> cm_per_branch;
    double Ra(std::size_t b) const {
        return b < Ra_per_branch.size() ? Ra_per_branch[b] : Ra_ohm_cm;
    }
    double cm(std::size_t b) const {
        return b < cm_per_branch.size() ? cm_per_branch[b] : cm_uF_cm2;
    }
};

// The policies, each a small type: apply() sets the CV count of every branch it applies to
// (applies[b]) and leaves the others; text() is how the policy prints.
namespace cv_policies {
struct PerBranch {  // n = 1
    void apply(const Morphology&, const CableProperties&, const std::vector<bool>& applies,
               std::vector<int>& counts) const;
    std::string text() const { return "per_branch"; }
};
struct Fixed {  // n = count
    int count;
    void apply(const Morphology&, const CableProperties&, const std::vector<bool>& applies,
               std::vector<int>& counts) const;
    std::string text() const;
};
struct ExplicitCounts {  // n by branch name (NEURON's nseg)
    std::map<std::string, int> counts;
    void apply(const Morphology& m, const CableProperties&, const std::vector<bool>& applies,
               std::vector<int>& counts) const;
    std::string text() const;
};
struct MaxExtent {  // the smallest n with L/n ≤ max_length_um (promoted to odd if asked)
    double max_length_um;
    bool odd;
    void apply(const Morphology& m, const CableProperties&, const std::vector<bool>& applies,
               std::vector<int>& counts) const;
    std::string text() const;
};
struct DLambda {  // NEURON's d-λ rule at frequency_hz
    double frequency_hz, d_lambda;
    void apply(const Morphology& m, const CableProperties& cable, const std::vector<bool>& applies,
               std::vector<int>& counts) const;
    std::string text() const;
};
using Any = std::variant<PerBranch, Fixed, ExplicitCounts, MaxExtent, DLambda>;
}  // namespace cv_policies

// A frequency [Hz], explicitly: the d-λ rule's λ is taken at it.
struct Hertz {
    double hz;
    constexpr explicit Hertz(double f_hz) : hz(f_hz) {}
};

class CvPolicy {
  public:
    struct Rule {
        cv_policies::Any policy = cv_policies::PerBranch{};
        bool restricted = false;  // only on the branches `where` touches
        Region where;
    };

    CvPolicy() : rules_{Rule{}} {}
    static CvPolicy per_branch();
    static CvPolicy fixed_per_branch(int count);
    static CvPolicy explicit_counts(std::map<std::string, int> counts);
    static CvPolicy max_extent(double max_length_um, bool odd = false);
    // d_lambda first, as the configuration's {d_lambda: 0.1, frequency: 100 Hz}; the frequency
    // is a Hertz so that the old order d_lambda(100, 0.1) does not compile, and a d_lambda
    // above 1 (a frequency in its place) is an error.
    static CvPolicy d_lambda(double d_lambda = 0.1, Hertz frequency = Hertz{100});

    CvPolicy on(const Region& where) const;
    CvPolicy operator|(const CvPolicy& later) const;

    // CVs on each branch. Throws InputError for unknown branch names or bad parameters.
    std::vector<int> cvs_per_branch(const Morphology& m, const CableProperties& cable = {},
                                    const LabelDict& labels = {}) const;
    std::string to_string() const;
    const std::vector<Rule>& rules() const { return rules_; }

  private:
    explicit CvPolicy(cv_policies::Any p) : rules_{Rule{std::move(p), false, {}}} {}
    std::vector<Rule> rules_;
};

// NEURON's lambda_f for a branch: the AC length constant [µm] at `frequency_hz`, taking the
// tapering into account frustum by frustum as NEURON's stdlib does for 3-D sections.
double lambda_f(const Morphology& m, std::size_t branch, double frequency_hz, double Ra, double cm);

}  // namespace rtcell
