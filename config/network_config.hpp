#pragma once
// A network from a YAML configuration (README "Networks"): named groups of cells under
// `cells` (each a cell configuration of its own, inline or `file:`), `connections` (rules or
// a CSV file), `gap_junctions`, and the network-wide `simulation`, `network` (threads),
// `realtime` and `io` sections. Errors name the file, line, column and field.
#include <string>
#include <vector>

#include "config/model_config.hpp"
#include "model/network/network.hpp"

namespace rtcell {

struct NetworkConfig {
    std::string source, text, name;
    struct Group {
        std::string name;
        ModelConfig cell;  // the group's cell sections (its own simulation etc. are unused)
        std::size_t members = 1;
    };
    std::vector<Group> groups;
    std::vector<Connection> connections;  // group indices in `groups` order
    std::vector<GapJunction> gap_junctions;
    std::size_t threads = 1;  // `network.threads`: partitions, one thread each
    SimulationSettings simulation;
    rt::LoopConfig realtime;
    io::IoConfig io;
};

// Whether a configuration's top level describes a network (has a `cells` section).
bool is_network_config_text(const std::string& text);
bool is_network_config_file(const std::string& path);

NetworkConfig parse_network_config(const std::string& text, const std::string& source);
NetworkConfig load_network_config(const std::string& path);
// A DECLARING network: every group's cell built as build_cell builds it, the connections and
// the gap junctions; set_dt from the simulation section.
Network build_network(const NetworkConfig& config);

}  // namespace rtcell
