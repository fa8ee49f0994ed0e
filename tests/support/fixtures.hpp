#pragma once
// Morphologies shared by the tests.
#include <cmath>

#include "model/morph/morphology.hpp"

namespace rtcell::test {

// One straight branch along x from 0 to `length` µm, radius r0 → r1.
inline Morphology cable(double length, double r0, double r1 = -1) {
    if (r1 < 0)
        r1 = r0;
    Branch b{"cable", BranchType::basal_dendrite,
             3,       -1,
             1.0,     {{0, 0, 0, Diameter{2 * r0}}, {length, 0, 0, Diameter{2 * r1}}},
             {}};
    return Morphology({b}, "cable");
}

// Soma (20 µm cylinder, r = 10) with a 200 µm dendrite (r = 1) on its distal end.
inline Morphology ball_and_stick() {
    Branch soma{
        "soma", BranchType::soma, 1, -1, 1.0, {{-10, 0, 0, Diameter{20}}, {10, 0, 0, Diameter{20}}},
        {}};
    Branch dend{"dend", BranchType::basal_dendrite,
                3,      0,
                1.0,    {{10, 0, 0, Diameter{2}}, {210, 0, 0, Diameter{2}}},
                {}};
    return Morphology({soma, dend}, "ball_and_stick");
}

// A Y: root "trunk" (100 µm, r 2 → 1), children "left" (50 µm, r 1) and "right" (80 µm,
// r 0.5) at the trunk's end, and "side" (30 µm, r 0.5) at the trunk's middle.
inline Morphology y_tree() {
    Branch trunk{"trunk", BranchType::apical_dendrite,
                 4,       -1,
                 1.0,     {{0, 0, 0, Diameter{4}}, {100, 0, 0, Diameter{2}}},
                 {}};
    Branch left{"left", BranchType::basal_dendrite,
                3,      0,
                1.0,    {{100, 0, 0, Diameter{2}}, {100, 50, 0, Diameter{2}}},
                {}};
    Branch right{
        "right", BranchType::axon, 2, 0, 1.0, {{100, 0, 0, Diameter{1}}, {180, 0, 0, Diameter{1}}},
        {}};
    Branch side{"side", BranchType::basal_dendrite,
                3,      0,
                0.5,    {{50, 0, 0, Diameter{1}}, {50, -30, 0, Diameter{1}}},
                {}};
    return Morphology({trunk, left, right, side}, "y_tree");
}

// Rallpack 2: a binary tree of 10 levels (1023 branches); level k has branches of length
// 32·2^(−k/3) µm and diameter 16·2^(−2k/3) µm.
inline Morphology rallpack2() {
    std::vector<Branch> branches;
    std::vector<std::array<double, 3>> ends;
    for (int level = 0; level < 10; ++level) {
        const double len = 32 * std::pow(2.0, -level / 3.0),
                     r = 8 * std::pow(2.0, -2.0 * level / 3.0);
        const int first = (1 << level) - 1;
        for (int i = 0; i < (1 << level); ++i) {
            const int index = first + i;
            const int parent = level == 0 ? -1 : (index - 1) / 2;
            std::array<double, 3> start =
                parent < 0 ? std::array<double, 3>{0, 0, 0} : ends[parent];
            const std::array<double, 3> end = {start[0] + len, start[1],
                                               start[2]};  // geometry only
            Branch b{"b" + std::to_string(index),
                     BranchType::basal_dendrite,
                     3,
                     parent,
                     1.0,
                     {{start[0], start[1], start[2], Diameter{2 * r}},
                      {end[0], end[1], end[2], Diameter{2 * r}}},
                     {}};
            branches.push_back(b);
            ends.push_back(end);
        }
    }
    return Morphology(branches, "rallpack2");
}

}  // namespace rtcell::test
