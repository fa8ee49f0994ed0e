#include "model/formats/morphology_file.hpp"

#include <algorithm>
#include <cctype>

#include "model/formats/asc_reader.hpp"
#include "model/formats/swc_reader.hpp"
#include "model/util/input_error.hpp"

namespace rtcell {
namespace {
std::string extension(const std::string& path) {
    const auto dot = path.rfind('.');
    if (dot == std::string::npos)
        return "";
    std::string ext = path.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return ext;
}
}  // namespace

bool is_morphology_file(const std::string& path) {
    const auto ext = extension(path);
    return ext == "swc" || ext == "asc";
}

Morphology read_morphology_file(const std::string& path) {
    const auto ext = extension(path);
    if (ext == "swc")
        return read_swc_file(path);
    if (ext == "asc")
        return read_asc_file(path);
    throw InputError(path + ": unknown morphology format (expected a .swc or .asc file)");
}

}  // namespace rtcell
