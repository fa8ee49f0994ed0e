// CV policies: counts per branch for each policy and their composition, on the Rallpack 2
// tree (geometry from shared/reference/README.md) and on small trees.
#include <catch2/catch.hpp>
#include <numbers>
#include <type_traits>

#include "model/cable/cv_policy.hpp"
#include "model/util/input_error.hpp"
#include "support/fixtures.hpp"

using namespace rtcell;

namespace {
int total(const std::vector<int>& counts) {
    int sum = 0;
    for (int c : counts)
        sum += c;
    return sum;
}
double level_length(int k) {
    return 32 * std::pow(2.0, -k / 3.0);
}
double level_diameter(int k) {
    return 16 * std::pow(2.0, -2.0 * k / 3.0);
}
}  // namespace

TEST_CASE("Rallpack 2: one CV per branch and a fixed count", "[cv_policy]") {
    const Morphology m = test::rallpack2();
    REQUIRE(m.num_branches() == 1023);
    CHECK(total(CvPolicy::per_branch().cvs_per_branch(m)) == 1023);
    CHECK(total(CvPolicy().cvs_per_branch(m)) == 1023);
    CHECK(total(CvPolicy::fixed_per_branch(3).cvs_per_branch(m)) == 3069);
}

TEST_CASE("Rallpack 2: maximum CV length, with and without odd promotion", "[cv_policy]") {
    const Morphology m = test::rallpack2();
    for (bool odd : {false, true}) {
        const auto counts = CvPolicy::max_extent(10, odd).cvs_per_branch(m);
        int expected = 0;
        for (int k = 0; k < 10; ++k) {
            int n = static_cast<int>(std::ceil(level_length(k) / 10));
            if (odd && n % 2 == 0)
                ++n;
            expected += n << k;
            INFO("level " << k);
            CHECK(counts[(1 << k) - 1] == n);
        }
        CHECK(total(counts) == expected);
    }
}

TEST_CASE("Rallpack 2: the d-lambda rule", "[cv_policy]") {
    const Morphology m = test::rallpack2();
    CableProperties cable;
    cable.Ra_ohm_cm = 100;
    cable.cm_uF_cm2 = 1;
    const double f = 1000, dl = 0.01;  // strict enough that the thick branches need several CVs
    const auto counts = CvPolicy::d_lambda(dl, Hertz{f}).cvs_per_branch(m, cable);
    for (int k = 0; k < 10; ++k) {
        // Closed form for a cylinder: λ_f = 1e5·sqrt(d / (4π f Ra cm)) µm.
        const double lambda =
            1e5 * std::sqrt(level_diameter(k) / (4 * std::numbers::pi * f * 100 * 1));
        const int n = static_cast<int>((level_length(k) / (dl * lambda) + 0.9) / 2) * 2 + 1;
        INFO("level " << k << " lambda " << lambda);
        CHECK(counts[(1 << k) - 1] == n);
        CHECK(lambda_f(m, (1 << k) - 1, f, 100, 1) == Approx(lambda));
    }
    CHECK(counts[0] > 1);
}

TEST_CASE("policies compose: later ones override earlier ones on their region", "[cv_policy]") {
    const Morphology m = test::y_tree();  // trunk 100, left 50, right 80, side 30 µm
    const auto counts =
        (CvPolicy::max_extent(10) | CvPolicy::per_branch().on(reg::tag(2))).cvs_per_branch(m);
    CHECK(counts == std::vector<int>{10, 5, 1, 3});
    const auto fixed_on_tips = CvPolicy::fixed_per_branch(4).on(reg::tag(3)).cvs_per_branch(m);
    CHECK(fixed_on_tips == std::vector<int>{1, 4, 1, 4});
    const auto explicit_counts =
        (CvPolicy::fixed_per_branch(2) | CvPolicy::explicit_counts({{"right", 7}}))
            .cvs_per_branch(m);
    CHECK(explicit_counts == std::vector<int>{2, 2, 7, 2});
    // A region touching only a point of a branch does not select it.
    CHECK(CvPolicy::fixed_per_branch(9).on(reg::cable(1, 0.5, 0.5)).cvs_per_branch(m) ==
          std::vector<int>{1, 1, 1, 1});
    // Restricting twice intersects the regions.
    CHECK(CvPolicy::fixed_per_branch(3).on(reg::tag(3)).on(reg::branch("side")).cvs_per_branch(m) ==
          std::vector<int>{1, 1, 1, 3});
    CHECK_THROWS_WITH(CvPolicy::explicit_counts({{"nope", 3}}).cvs_per_branch(m),
                      Catch::Contains("no branch named 'nope'"));
    CHECK_THROWS_AS(CvPolicy::fixed_per_branch(0), InputError);
    CHECK_THROWS_AS(CvPolicy::max_extent(-1), InputError);
    CHECK_THROWS_AS(CvPolicy::d_lambda(0.1, Hertz{0}), InputError);
    // The old order with one argument, a frequency where d_lambda belongs: refused.
    CHECK_THROWS_WITH(CvPolicy::d_lambda(100), Catch::Contains("the frequency comes second"));
    // ... and with two it does not compile: d_lambda(100, 0.1) has no Hertz.
    static_assert(!std::is_invocable_v<decltype(&CvPolicy::d_lambda), double, double>);
    CHECK((CvPolicy::max_extent(10, true) | CvPolicy::per_branch().on(reg::tag(2))).to_string() ==
          "max_extent(10 um, odd) | per_branch.on(tag 2)");
}
