#pragma once
// Neurolucida ASCII (.asc) reader with the semantics of NEURON's Import3d_Neurolucida3:
// (Axon), (Dendrite) and (Apical) trees become axon/dend/apic sections split at every
// branch point; a (CellBody) outline becomes one soma section (see soma_contour.hpp) from
// whose middle every tree hangs; spines, markers and labels are skipped.
#include <istream>
#include <string>

#include "model/morph/morphology.hpp"

namespace rtcell {

Morphology read_asc(std::istream& in, const std::string& name);
Morphology read_asc_file(const std::string& path);

}  // namespace rtcell
