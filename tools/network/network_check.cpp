#include "tools/network/network_check.hpp"

#include <algorithm>
#include <cmath>
#include <ostream>

#include "config/network_config.hpp"
#include "model/util/input_error.hpp"

namespace rtcell::tools {

int check_network(const std::string& path, bool json, std::ostream& out, std::ostream& err) {
    try {
        const NetworkConfig cfg = load_network_config(path);
        Network net = build_network(cfg);
        try {
            net.init_state(cfg.threads);
        } catch (const InputError& e) {
            throw InputError(path + ": " + e.what());
        }
        double longest = 0;
        for (const auto& c : cfg.connections)
            longest = std::max(longest, c.delay_ms);
        const double shortest = cfg.connections.empty() ? 0 : net.min_delay_ms();
        std::size_t cells = 0, cvs = 0;
        for (std::size_t g = 0; g < net.groups(); ++g) {
            cells += net.group_members(g);
            cvs += net.group_members(g) * net.part(g, 0).n_compartment();
        }
        if (json) {
            out << "{\"file\": \"" << path << "\", \"network\": \"" << cfg.name
                << "\", \"groups\": [";
            for (std::size_t g = 0; g < net.groups(); ++g)
                out << (g ? ", " : "") << "{\"name\": \"" << net.group_name(g)
                    << "\", \"cells\": " << net.group_members(g)
                    << ", \"cvs_per_cell\": " << net.part(g, 0).n_compartment()
                    << ", \"parts\": " << net.parts(g) << "}";
            out << "], \"cells\": " << cells << ", \"cvs\": " << cvs
                << ", \"connections\": " << net.connections() << ", \"min_delay_ms\": " << shortest
                << ", \"max_delay_ms\": " << longest
                << ", \"gap_junctions\": " << net.gap_junctions()
                << ", \"threads\": " << cfg.threads << ", \"dt_ms\": " << net.dt() << "}\n";
        } else {
            out << path << ": network '" << cfg.name << "', " << net.groups() << " groups, "
                << cells << " cells, " << cvs << " CVs\n";
            for (std::size_t g = 0; g < net.groups(); ++g)
                out << "  group " << net.group_name(g) << ": " << net.group_members(g)
                    << " cell(s) of " << net.part(g, 0).n_compartment() << " CVs"
                    << (net.parts(g) > 1
                            ? ", stepped in " + std::to_string(net.parts(g)) + " member slices"
                            : std::string())
                    << "\n";
            out << "  connections: " << net.connections();
            if (net.connections())
                out << ", delays " << shortest << " to " << longest << " ms";
            out << "\n  gap junctions: " << net.gap_junctions() << "\n  threads: " << cfg.threads
                << " (partitions of equal cost), dt " << net.dt() << " ms\n";
        }
        for (std::size_t g = 0; g < net.groups(); ++g)
            for (const auto& w : net.part(g, 0).warnings())
                err << "rtcell check: warning: " << path << ": group '" << net.group_name(g)
                    << "': " << w << "\n";
        return 0;
    } catch (const InputError& e) {
        err << "rtcell check: error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace rtcell::tools
