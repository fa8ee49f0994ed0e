#pragma once
// Reads a morphology file, choosing the reader by extension (.swc, .asc; any case).
#include <string>

#include "model/morph/morphology.hpp"

namespace rtcell {

Morphology read_morphology_file(const std::string& path);
bool is_morphology_file(const std::string& path);  // has a known extension

}  // namespace rtcell
