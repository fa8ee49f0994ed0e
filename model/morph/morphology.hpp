#pragma once
// A neuron's shape: a tree of named, unbranched branches. Each branch is a polyline of
// samples (x, y, z, radius) in µm, i.e. a chain of frusta; consecutive samples at the same
// place with different radii form a zero-length frustum (an annulus), which is how NEURON
// counts the membrane at a radius jump. A child branch attaches by its proximal end (x = 0)
// at `parent_x` on its parent.
#include <array>
#include <optional>
#include <string>
#include <vector>

namespace rtcell {

enum class BranchType { soma = 1, axon = 2, basal_dendrite = 3, apical_dendrite = 4, custom = 5 };

// Name used in summaries and configuration: "soma", "axon", "basal_dendrite", ...
const char* branch_type_name(BranchType type);
// Parses those names (and the SWC-style short names "dend", "apic"); throws on others.
BranchType branch_type_from_name(const std::string& name);
// SWC type tag → BranchType (tags other than 1..4 are custom).
BranchType branch_type_from_tag(int tag);

// Bounds on geometry that keep every length, area and path distance finite: a coordinate
// beyond 10 m or a radius beyond 10 cm is a unit mistake, and products of such numbers overflow.
constexpr double kMaxCoordinate = 1e7;  // µm
constexpr double kMaxRadius = 1e5;      // µm

// A sample's thickness is given as a diameter, as NEURON (pt3dadd's diam), SWC-free tools
// and the configuration's points_um do: Sample{x, y, z, Diameter{2}} is 2 µm thick. The
// constructor is explicit, so the old form Sample{x, y, z, 1} (a radius) no longer compiles.
struct Diameter {
    double um;
    constexpr explicit Diameter(double d_um) : um(d_um) {}
};

struct Sample {
    double x = 0, y = 0, z = 0;  // µm
    double radius = 0;           // µm: half the diameter given
    constexpr Sample() = default;
    constexpr Sample(double x_um, double y_um, double z_um, Diameter d)
        : x(x_um), y(y_um), z(z_um), radius(0.5 * d.um) {}
    double diameter() const { return 2 * radius; }
};

struct Branch {
    std::string name;  // unique; readers use NEURON's names ("soma[0]", "dend[12]")
    BranchType type = BranchType::custom;
    int tag = 0;                  // SWC type tag (1..4, or the custom tag)
    int parent = -1;              // index of the parent branch, -1 for the root
    double parent_x = 1.0;        // where on the parent the proximal end attaches, in [0, 1]
    std::vector<Sample> samples;  // at least two, proximal to distal
    // NEURON's pt3dstyle "logical connection": where a branch drawn away from its parent
    // (e.g. a dendrite on a spherical soma) is wired to. Drawing only; no electrical effect.
    std::optional<std::array<double, 3>> logical_connection;
};

class Morphology {
  public:
    Morphology() = default;
    // Checks the tree (exactly one root, parents exist, no cycles, ≥ 2 samples, radii > 0,
    // non-zero length, unique names) and throws InputError naming `source` otherwise.
    Morphology(std::vector<Branch> branches, std::string source = "morphology");

    const std::string& source() const { return source_; }
    std::size_t num_branches() const { return branches_.size(); }
    const Branch& branch(std::size_t i) const { return branches_.at(i); }
    const std::vector<Branch>& branches() const { return branches_; }
    int root() const { return root_; }

    // Index of the branch with this name, or -1.
    int find_branch(const std::string& name) const;
    int parent(std::size_t i) const { return branches_.at(i).parent; }
    const std::vector<int>& children(std::size_t i) const { return children_.at(i); }
    // Branches with every parent before its children (root first, depth-first, file order).
    const std::vector<int>& topological_order() const { return order_; }

    // Branch order: 0 for the root, parent's order + 1 otherwise.
    int branch_order(std::size_t i) const { return depth_.at(i); }
    // Path distance [µm] from the root's x = 0 end to (branch, x).
    double path_distance(std::size_t i, double x) const;

    // Arc length [µm] of each sample from the branch's proximal end.
    const std::vector<double>& arc(std::size_t i) const { return arc_.at(i); }
    double length(std::size_t i) const { return arc_.at(i).back(); }
    // Radius [µm] at fraction x of the branch length (linear within a frustum; at a radius
    // jump the distal-side radius).
    double radius_at(std::size_t i, double x) const;
    // Position [µm] at fraction x.
    std::array<double, 3> position_at(std::size_t i, double x) const;

    // Integrals over the part [x0, x1] of branch i.
    double area(std::size_t i, double x0 = 0.0, double x1 = 1.0) const;    // µm²
    double volume(std::size_t i, double x0 = 0.0, double x1 = 1.0) const;  // µm³
    // ∫ dx / (π r²) [1/µm]; axial resistance [MΩ] = factor · Ra [Ω·cm] · 0.01.
    double resistance_factor(std::size_t i, double x0, double x1) const;

    double total_length() const;  // µm
    double total_area() const;    // µm²
    double total_volume() const;  // µm³

  private:
    template <class F>
    double integrate(std::size_t i, double x0, double x1, F&& piece) const;

    std::string source_;
    std::vector<Branch> branches_;
    std::vector<std::vector<int>> children_;
    std::vector<std::vector<double>> arc_;
    std::vector<int> order_;
    std::vector<int> depth_;
    std::vector<double> root_distance_;  // µm from the root's x = 0 to each branch's x = 0
    int root_ = -1;
};

}  // namespace rtcell
