#pragma once
// Loading a mechanism catalogue built from NMODL files (`rtcell nmodl build`): the shared
// object is opened once and never closed, its version checked against this rtcell's, and
// each of its mechanisms added to the catalogue (catalogue.hpp) under `prefix` + its name,
// from where paint, place, probes and `rtcell mechanisms` use it exactly like a built-in one.
//
// Load catalogues before cells are built (configuration does it for `catalogues:`), not while
// other threads build or step cells.
#include <string>
#include <vector>

namespace rtcell {

struct LoadedCatalogue {
    std::string path;                     // as given
    std::string name;                     // the catalogue's own name (its -o file's stem)
    std::vector<std::string> mechanisms;  // as they are now known, prefix included
};

// Throws InputError naming `path` when the file cannot be opened, is not an rtcell catalogue,
// was built for another rtcell version, or defines a mechanism whose name is taken. Loading
// the same file with the same prefix again returns the first load's result.
LoadedCatalogue load_catalogue(const std::string& path, const std::string& prefix = "");

// Opens and checks a catalogue as load_catalogue does, without adding its mechanisms; the
// result lists them by their own names.
LoadedCatalogue inspect_catalogue(const std::string& path);

}  // namespace rtcell
