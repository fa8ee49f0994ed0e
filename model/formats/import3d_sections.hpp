#pragma once
// The last steps NEURON's Import3d applies to any reader's output, shared by the SWC and
// Neurolucida readers: drop one-point and zero-length two-point sections (reattaching their
// children), draw a lone-point root as a cylinder with L = diam, name sections by type in
// list order ("soma[0]", "dend[3]", "dend_6[0]") and order branches as NEURON creates them
// (by type tag, then list order).
#include <array>
#include <string>
#include <vector>

#include "model/morph/morphology.hpp"

namespace rtcell::import3d {

struct Point {
    double x, y, z, diameter;  // µm
};

struct Section {
    int tag = 0;      // SWC-style type tag
    int parent = -1;  // index into the section list
    double parent_x = 1.0;
    std::vector<Point> points;
    bool wired = false;  // points[0] is only the logical connection, not a 3-D point
    int line = 0;        // source line of the first point, for messages
};

// Builds the Morphology. `file` names the source in error messages.
Morphology instantiate(std::vector<Section> sections, const std::string& file);

}  // namespace rtcell::import3d
