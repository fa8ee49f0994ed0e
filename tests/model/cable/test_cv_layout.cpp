// CV geometry and the node tree: closed forms for cylinders and cones, NEURON's node
// layout, and conservation of area on a real reconstruction.
#include <catch2/catch.hpp>
#include <numbers>

#include "model/cable/cv_layout.hpp"
#include "model/cable/cv_policy.hpp"
#include "model/formats/swc_reader.hpp"
#include "support/fixtures.hpp"
#include "support/test_data.hpp"

using namespace rtcell;
using std::numbers::pi;

TEST_CASE("CVs of a cylinder: areas and half-CV resistances", "[cv_layout]") {
    const Morphology m = test::cable(100, 0.5);
    const CvLayout L = discretize(m, {4});
    REQUIRE(L.num_cvs() == 4);
    for (int cv = 0; cv < 4; ++cv) {
        CHECK(L.cv_length_um(cv) == Approx(25));
        CHECK(L.cv_area_um2[cv] == Approx(2 * pi * 0.5 * 25));
        CHECK(L.cv_volume_um3[cv] == Approx(pi * 0.25 * 25));
        CHECK(L.cv_proximal_factor[cv] == Approx(12.5 / (pi * 0.25)));
        CHECK(L.cv_distal_factor[cv] == Approx(12.5 / (pi * 0.25)));
    }
    // Between two midpoints: one CV length of cable. Ra = 100 Ω·cm, r = 0.5 µm, 25 µm:
    // R = Ra·L/(π r²) = 100 Ω·cm · 25e-4 cm / (π · 0.25e-8 cm²) = 31.83 MΩ.
    const std::vector<double> Ra(4, 100.0);
    CHECK(L.axial_resistance_MOhm(L.cv_node[2], Ra) == Approx(100 * 25e-4 / (pi * 0.25e-8) * 1e-6));
    CHECK(L.axial_resistance_MOhm(L.cv_node[0], Ra) ==
          Approx(100 * 12.5e-4 / (pi * 0.25e-8) * 1e-6));
}

TEST_CASE("CVs of a cone: frustum-exact areas and resistances", "[cv_layout]") {
    const Morphology m = test::cable(40, 2, 1);  // r(x) = 2 − x
    const CvLayout L = discretize(m, {2});
    // CV 0: r 2 → 1.5 over 20 µm; its halves 2 → 1.75 and 1.75 → 1.5 over 10 µm each.
    CHECK(L.cv_area_um2[0] == Approx(pi * 3.5 * std::sqrt(400 + 0.25)));
    CHECK(L.cv_area_um2[1] == Approx(pi * 2.5 * std::sqrt(400 + 0.25)));
    CHECK(L.cv_volume_um3[0] == Approx(pi * 20 * (4 + 3 + 2.25) / 3));
    CHECK(L.cv_proximal_factor[0] == Approx(10 / (pi * 2 * 1.75)));
    CHECK(L.cv_distal_factor[0] == Approx(10 / (pi * 1.75 * 1.5)));
    CHECK(L.cv_distal_factor[1] == Approx(10 / (pi * 1.25 * 1)));
}

TEST_CASE("the node tree follows NEURON's layout", "[cv_layout]") {
    const Morphology m = test::y_tree();  // side hangs from trunk(0.5)
    const CvLayout L = discretize(m, {3, 2, 1, 1});
    CHECK(L.num_cvs() == 7);
    CHECK(L.num_nodes() == 7 + 4 + 1);
    for (std::size_t n = 1; n < L.num_nodes(); ++n)
        CHECK(L.node_parent[n] < static_cast<int>(n));
    CHECK(L.node_parent[0] == -1);
    CHECK(L.node_area_um2(0) == 0);
    CHECK(L.node_area_um2(L.cv_node[2]) == Approx(L.cv_area_um2[2]));
    CHECK(L.node_x(L.cv_node[1]) == Approx(0.5));
    // Trunk: root end → 3 midpoints → distal end; left and right hang from that end.
    CHECK(L.node_parent[L.cv_node[0]] == 0);
    CHECK(L.branch_proximal_node[1] == L.branch_distal_node[0]);
    CHECK(L.branch_proximal_node[2] == L.branch_distal_node[0]);
    // side at trunk(0.5) hangs from the midpoint node of trunk's middle CV, through its
    // own proximal half-CV only.
    CHECK(L.branch_proximal_node[3] == L.cv_node[1]);
    const int side_mid = L.cv_node[L.branch_first_cv[3]];
    CHECK(L.node_parent[side_mid] == L.cv_node[1]);
    const std::vector<double> Ra(L.num_cvs(), 100.0);  // Ω·cm
    CHECK(L.axial_resistance_MOhm(side_mid, Ra) == Approx(0.01 * 100 * 15 / (pi * 0.25)));
    // End nodes have no area; the distal end's resistance is the last CV's distal half.
    const int end = L.branch_distal_node[3];
    CHECK(L.node_area_um2(end) == 0);
    CHECK(L.node_x(end) == 1.0);
    CHECK(L.axial_resistance_MOhm(end, Ra) == Approx(0.01 * 100 * 15 / (pi * 0.25)));
    // Between two midpoints of the trunk: the distal half of one CV and the proximal half of
    // the next.
    CHECK(L.axial_resistance_MOhm(L.cv_node[1], Ra) ==
          Approx(0.01 * 100 * (L.cv_distal_factor[0] + L.cv_proximal_factor[1])));
    // Locations map to the CV that contains them; a boundary x = k/n belongs to the distal
    // CV k (NEURON's node_index), and x = 1 to the last CV.
    CHECK(L.cv_of({0, 0.0}) == 0);
    CHECK(L.cv_of({0, 0.2}) == 0);
    CHECK(L.cv_of({0, 1.0 / 3}) == 1);
    CHECK(L.cv_of({0, 0.5}) == 1);
    CHECK(L.cv_of({0, 2.0 / 3}) == 2);
    CHECK(L.cv_of({0, 1.0}) == 2);
    CHECK(L.cv_of({1, 0.5}) == L.branch_first_cv[1] + 1);
    CHECK(L.cv_of({1, 0.25}) == L.branch_first_cv[1]);
}

TEST_CASE("a branch on its parent's proximal end hangs from the parent's parent node",
          "[cv_layout]") {
    Branch a{"a", BranchType::soma, 1, -1, 1.0, {{0, 0, 0, Diameter{10}}, {10, 0, 0, Diameter{10}}},
             {}};
    Branch b{"b", BranchType::axon, 2, 0, 1.0, {{10, 0, 0, Diameter{2}}, {20, 0, 0, Diameter{2}}},
             {}};
    Branch c{"c", BranchType::axon, 2, 1, 0.0, {{10, 0, 0, Diameter{2}}, {10, 10, 0, Diameter{2}}},
             {}};
    const Morphology m({a, b, c}, "t");
    const CvLayout L = discretize(m, {1, 2, 1});
    CHECK(L.branch_proximal_node[2] == L.branch_proximal_node[1]);
    CHECK(L.branch_proximal_node[1] == L.branch_distal_node[0]);
}

TEST_CASE("CV areas add up to the membrane area of a real cell", "[cv_layout]") {
    const Morphology m = read_swc_file(test::data("morphology/CA1.swc"));
    for (const CvPolicy& p :
         {CvPolicy::per_branch(), CvPolicy::max_extent(5, true), CvPolicy::d_lambda()}) {
        const CvLayout L = discretize(m, p.cvs_per_branch(m));
        double area = 0, length = 0;
        for (std::size_t cv = 0; cv < L.num_cvs(); ++cv) {
            area += L.cv_area_um2[cv];
            length += L.cv_length_um(static_cast<int>(cv));
        }
        INFO(p.to_string());
        CHECK(area == Approx(m.total_area()).epsilon(1e-10));
        CHECK(length == Approx(m.total_length()).epsilon(1e-10));
        CHECK(L.num_nodes() == L.num_cvs() + m.num_branches() + 1);
    }
}
