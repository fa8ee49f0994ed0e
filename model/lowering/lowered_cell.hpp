#pragma once
// Lowering: a Cell's declaration (morphology, paint and place rules, options) turned into plain
// arrays, before anything is allocated for stepping. Cell::init_state() is "lower, then
// allocate": lower_cell() computes everything that can be decided once, and the allocation
// moves these arrays into the runtime (SIMD padding, kernel objects, pointers for probes).
//
// The stages, each a pure function of the ones before it (files in this folder):
//   paint_cvs()       which paint rule holds on which CV: cable properties, ion settings,
//                     mechanisms with their parameter overrides        (painted_cvs.hpp)
//   lower_nodes()     per node: capacitance, axial conductance, V_init, in solver order;
//                     per CV: temperature                              (lower_nodes.cpp)
//   lower_pools(), lower_density()   per mechanism: instances and their parameter values per
//                     instance × member                                (lower_mechanisms.cpp)
//   lower_points()    per placed point mechanism: instances and parameters (lower_points.cpp)
// Arrays over members are member-fastest (index = item·members + m), as in the runtime.
#include <cstddef>
#include <string>
#include <vector>

#include "model/cable/cv_layout.hpp"
#include "model/ions/ion_pools.hpp"

namespace rtcell {

struct LoweredNodes {
    std::size_t n_nodes = 0, n_cvs = 0, members = 1;
    std::vector<int> parent;         // per solver node (solver_order.hpp); −1 at the root
    std::vector<int> solver_index;   // layout node → solver node
    std::vector<int> cv_node;        // per CV: its midpoint's solver node
    std::vector<double> cap_nF;      // node × member: membrane capacitance [nF]
    std::vector<double> g_axial_uS;  // node × member: conductance to the parent [µS]
    std::vector<double> V_init_mV;   // node × member [mV]; empty when V_init is uniform
    double V_init_uniform_mV = -65.0;
    std::vector<double> celsius_degC;  // CV × member: the region's temperature [°C]
};

struct LoweredDensity {
    std::string mechanism;
    std::vector<int> cv, node;  // per instance: its CV and that CV's solver node
    // Per parameter (the spec's order): instance × member, in the parameter's kernel unit.
    std::vector<std::vector<double>> params;
    std::vector<double> celsius_degC;  // instance × member [°C]
    std::vector<std::string> ion;      // per CV: the paint's `ion` field (ion instances)
};

struct LoweredPoint {
    std::string name, mechanism;
    std::vector<int> node, cv;                // per instance (location × IClamp step)
    std::vector<std::vector<double>> params;  // per parameter: instance × member
};

struct LoweredCell {
    CvLayout layout;
    LoweredNodes nodes;
    IonPools pools;  // parameters per pool × member; states are sized at allocation
    std::vector<LoweredDensity> densities;
    std::vector<LoweredPoint> points;
    int detector_node = 0;              // solver node of the spike detector
    std::vector<std::string> warnings;  // declarations that have no effect (PaintedCvs)
};

}  // namespace rtcell
