#pragma once
// How a morphology is cut into control volumes (CVs). Every policy cuts each branch into
// n equal-length CVs (NEURON's nseg); policies differ in how they choose n:
//
//   per_branch()             n = 1 (the default, as in braincell)
//   fixed_per_branch(k)      n = k on every branch
//   explicit_counts({..})    n given per branch name (NEURON's nseg), others keep theirs
//   max_extent(l, odd)       the smallest n with L/n ≤ l µm; with odd = true, promoted to odd
//   d_lambda(f, d)           NEURON's d-λ rule: the smallest odd n with L/n ≤ d·λ_f, where
//                            λ_f is the AC length constant at f Hz (uses Ra and cm)
//
// Policies compose: `a | b` applies a, then b on top of it; `p.on(region)` restricts p to
// the branches the region touches (with non-zero length), leaving the others as they were.
// So "d-λ everywhere, but 1 CV on the soma" is d_lambda() | per_branch().on(reg::tag(1)).
#include <map>
#include <string>
#include <vector>

#include "model/morph/morph_expr.hpp"

namespace rtcell {

// Cable properties per branch that a policy may need (d-λ). Defaults are NEURON's.
struct CableProperties {
    double Ra_ohm_cm = 35.4;            // axial resistivity [Ω·cm]
    double cm_uF_cm2 = 1.0;             // specific membrane capacitance [µF/cm²]
    std::vector<double> Ra_per_branch;  // optional overrides, one per branch
    std::vector<double> cm_per_branch;
    double Ra(std::size_t b) const {
        return b < Ra_per_branch.size() ? Ra_per_branch[b] : Ra_ohm_cm;
    }
    double cm(std::size_t b) const {
        return b < cm_per_branch.size() ? cm_per_branch[b] : cm_uF_cm2;
    }
};

class CvPolicy {
  public:
    enum class Kind { per_branch, fixed, explicit_counts, max_extent, d_lambda };
    struct Rule {
        Kind kind = Kind::per_branch;
        int count = 1;                      // fixed
        std::map<std::string, int> counts;  // explicit_counts, by branch name
        double max_length_um = 0;           // max_extent
        bool odd = false;                   // max_extent
        double frequency_hz = 100;          // d_lambda
        double d_lambda = 0.1;              // d_lambda
        bool restricted = false;
        Region where;
    };

    CvPolicy() : rules_{Rule{}} {}
    static CvPolicy per_branch();
    static CvPolicy fixed_per_branch(int count);
    static CvPolicy explicit_counts(std::map<std::string, int> counts);
    static CvPolicy max_extent(double max_length_um, bool odd = false);
    static CvPolicy d_lambda(double frequency_hz = 100, double d_lambda = 0.1);

    CvPolicy on(const Region& where) const;
    CvPolicy operator|(const CvPolicy& later) const;

    // CVs on each branch. Throws InputError for unknown branch names or bad parameters.
    std::vector<int> cvs_per_branch(const Morphology& m, const CableProperties& cable = {},
                                    const LabelDict& labels = {}) const;
    std::string to_string() const;
    const std::vector<Rule>& rules() const { return rules_; }

  private:
    explicit CvPolicy(Rule r) : rules_{std::move(r)} {}
    std::vector<Rule> rules_;
};

// NEURON's lambda_f for a branch: the AC length constant [µm] at `frequency_hz`, taking the
// tapering into account frustum by frustum as NEURON's stdlib does for 3-D sections.
double lambda_f(const Morphology& m, std::size_t branch, double frequency_hz, double Ra, double cm);

}  // namespace rtcell
