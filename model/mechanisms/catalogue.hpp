#pragma once
// The mechanism catalogue: every mechanism rtcell knows, one row each in catalogue.cpp — density
// channels (on the gate or Markov template), point mechanisms (on the point template), ion pools
// and ion settings. Everything else that lists or makes mechanisms reads this table:
// density_specs(), point_specs(), pool_specs(), ion_setting_specs(), make_density_runtime(),
// make_point_runtime(), `rtcell mechanisms`, the configuration's did-you-mean.
//
// A new channel: its definition in mechanisms/channels/<family>.hpp and a row here. A new
// synapse or clamp: mechanisms/points/<kind>.hpp and a row. A new ion pool: its spec in
// ions/ion_specs.cpp, its kind in ions/ion_coupling.cpp, and a row.
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "model/mechanisms/density_runtime.hpp"
#include "model/mechanisms/points/point_runtime.hpp"

namespace rtcell {

struct CatalogueEntry {
    enum class Role { channel, point, pool, ion_setting } role;
    MechanismSpec spec;
    std::function<std::unique_ptr<DensityRuntime>()> make_density = {};         // channels
    std::function<std::unique_ptr<PointRuntime>(std::string)> make_point = {};  // points
    std::string source = {};  // "" for built-in mechanisms, else the catalogue file it came from
};

// In listing order: channels, point mechanisms, pools, ion settings, then the mechanisms of
// loaded catalogues (loaded/catalogue_loader.hpp) in the order they were loaded. Entries never
// move, so pointers to them stay valid.
const std::deque<CatalogueEntry>& catalogue();
const CatalogueEntry* find_mechanism(const std::string& name);  // nullptr if unknown
// Adds a mechanism (from a loaded catalogue); throws InputError if its name is taken. Not
// thread-safe: add before cells are built, not while they are.
void add_mechanism(CatalogueEntry entry);

}  // namespace rtcell
