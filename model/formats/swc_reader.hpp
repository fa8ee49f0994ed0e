#pragma once
// SWC reader with the semantics of NEURON's Import3d_SWC_read + Import3d_GUI.instantiate:
// the same sections, names, attachment points and 3-D points as NEURON, including its soma
// rules (single-point and NeuroMorpho three-point spheres, multi-point and branched somata,
// dendrites "wired" to a sphere's centre) and its first-point copies.
#include <istream>
#include <string>

#include "model/morph/morphology.hpp"

namespace rtcell {

struct SwcOptions {
    bool require_soma = false;  // throw when no sample has type 1
};

// `name` is used in error messages ("name:line: problem").
Morphology read_swc(std::istream& in, const std::string& name, const SwcOptions& options = {});
Morphology read_swc_file(const std::string& path, const SwcOptions& options = {});

}  // namespace rtcell
