#pragma once
// Reduction of a Neurolucida CellBody outline to one soma section, exactly as NEURON's
// Import3d (contour2centroid) does it: a straight spine along the outline's long axis with
// the outline's width across it as the diameter, 21 points. The steps are documented in
// soma_contour.cpp and in NEURON's import3d_gui.hoc.
#include <array>
#include <vector>

namespace rtcell {

struct ContourPoint {
    double x, y, z;  // µm
};

struct SomaSpine {
    std::array<double, 3> center;               // c: mean of the resampled outline (µm)
    std::vector<std::array<double, 4>> points;  // x, y, z, diameter (µm), 21 of them
};

// Throws std::invalid_argument for an outline with fewer than three distinct points.
SomaSpine reduce_soma_contour(const std::vector<ContourPoint>& outline);

}  // namespace rtcell
