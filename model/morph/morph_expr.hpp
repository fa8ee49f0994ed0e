#pragma once
// Regions and locsets: small immutable values that describe parts of a morphology without
// reference to any particular one. They compose (join, intersect, a | b, a & b, a + b),
// print themselves in the s-expression language of label_parser.hpp (and parse back to an
// equal value), compare by value, and are evaluated against a concrete Morphology as a
// separate step (region_eval.cpp, locset_eval.cpp).
//
// A region evaluates to a set of cables (branch, x0, x1); a locset to a sorted multiset of
// locations (branch, x), with x the fraction of the branch length from its proximal end.
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "model/morph/morphology.hpp"

namespace rtcell {

struct ExprNode;

struct Cable {
    int branch;
    double x0, x1;
    bool operator==(const Cable&) const = default;
};
using CableList = std::vector<Cable>;  // sorted by (branch, x0), overlapping cables merged

struct Location {
    int branch;
    double x;
    bool operator==(const Location&) const = default;
    auto operator<=>(const Location&) const = default;
};
using LocationList = std::vector<Location>;  // sorted; may repeat (a multiset)

struct LabelDict;

class Region {
  public:
    Region();  // nothing
    explicit Region(std::shared_ptr<const ExprNode> node) : node_(std::move(node)) {}
    std::string to_string() const;
    const ExprNode& node() const { return *node_; }
    CableList evaluate(const Morphology& m) const;
    CableList evaluate(const Morphology& m, const LabelDict& labels) const;
    bool operator==(const Region& other) const { return to_string() == other.to_string(); }

  private:
    std::shared_ptr<const ExprNode> node_;
};

class Locset {
  public:
    Locset();  // empty
    explicit Locset(std::shared_ptr<const ExprNode> node) : node_(std::move(node)) {}
    std::string to_string() const;
    const ExprNode& node() const { return *node_; }
    LocationList evaluate(const Morphology& m) const;
    LocationList evaluate(const Morphology& m, const LabelDict& labels) const;
    bool operator==(const Locset& other) const { return to_string() == other.to_string(); }

  private:
    std::shared_ptr<const ExprNode> node_;
};

using ExprArg = std::variant<double, std::string, Region, Locset>;

struct ExprNode {
    std::string op;
    std::vector<ExprArg> args;
};

// Named regions and locsets, so that configuration can define a label once and reuse it.
struct LabelDict {
    std::map<std::string, Region> regions;
    std::map<std::string, Locset> locsets;
};

// ---- Regions -------------------------------------------------------------------------
namespace reg {
Region all();
Region nothing();
Region branch(int index);
Region branch(const std::string& name);
Region cable(int branch, double x0, double x1);
Region cable(const std::string& branch, double x0, double x1);
Region tag(int swc_tag);                     // SWC type tag, e.g. 3
Region type(BranchType type);                // soma, axon, basal_dendrite, ...
Region branch_length(double lo, double hi);  // whole branches with lo ≤ length ≤ hi [µm]
Region branch_radius(double lo, double hi);  // whole branches whose mean radius is in range
Region branch_order(int lo, int hi);         // whole branches with lo ≤ order ≤ hi
Region distance_between(double lo, double hi, const Locset& from);  // path distance [µm]
Region distance_ge(double d, const Locset& from);
Region distance_le(double d, const Locset& from);
Region radius_between(double lo, double hi);  // where the local radius is in [lo, hi] µm
Region subtree(int branch);
Region subtree(const std::string& branch);
Region proximal_interval(const Locset& from, double extent = 1e300);  // towards the root
Region distal_interval(const Locset& from, double extent = 1e300);    // away from it
Region join(const Region& a, const Region& b);
Region intersect(const Region& a, const Region& b);
Region difference(const Region& a, const Region& b);
Region complement(const Region& a);
Region named(const std::string& label);
}  // namespace reg

inline Region operator|(const Region& a, const Region& b) {
    return reg::join(a, b);
}
inline Region operator&(const Region& a, const Region& b) {
    return reg::intersect(a, b);
}

// ---- Locsets -------------------------------------------------------------------------
namespace ls {
Locset root();
Locset location(int branch, double x);
Locset location(const std::string& branch, double x);
Locset terminals();
Locset forks();
Locset uniform(const Region& where, int count);                // evenly spaced by length
Locset random(const Region& where, int count, unsigned seed);  // reproducible for a seed
Locset on_branches(double x);
Locset proximal(const Region& where);  // most proximal point of each piece of the region
Locset distal(const Region& where);    // most distal points
Locset restrict_to(const Locset& what, const Region& where);
Locset join(const Locset& a, const Locset& b);  // set union (duplicates removed)
Locset sum(const Locset& a, const Locset& b);   // multiset sum (duplicates kept)
Locset named(const std::string& label);
}  // namespace ls

inline Locset operator|(const Locset& a, const Locset& b) {
    return ls::join(a, b);
}
inline Locset operator+(const Locset& a, const Locset& b) {
    return ls::sum(a, b);
}

// ---- Cable-set arithmetic (shared by the evaluators) ----------------------------------
namespace cables {
CableList canonical(CableList c);  // sort and merge
CableList unite(const CableList& a, const CableList& b);
CableList intersect(const CableList& a, const CableList& b);
CableList complement(const CableList& a, std::size_t num_branches);
bool contains(const CableList& c, const Location& loc);
double length(const CableList& c, const Morphology& m);  // µm
}  // namespace cables

}  // namespace rtcell
