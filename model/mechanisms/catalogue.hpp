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
#include <memory>
#include <string>
#include <vector>

#include "model/mechanisms/density_runtime.hpp"
#include "model/mechanisms/points/point_runtime.hpp"

namespace rtcell {

struct CatalogueEntry {
    enum class Role { channel, point, pool, ion_setting } role;
    MechanismSpec spec;
    std::unique_ptr<DensityRuntime> (*make_density)() = nullptr;              // channels
    std::unique_ptr<PointRuntime> (*make_point)(std::string name) = nullptr;  // points
};

// In listing order: channels, point mechanisms, pools, ion settings.
const std::vector<CatalogueEntry>& catalogue();
const CatalogueEntry* find_mechanism(const std::string& name);  // nullptr if unknown

}  // namespace rtcell
