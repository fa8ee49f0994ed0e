#include "tools/check_command.hpp"

#include "config/network_config.hpp"
#include "tools/network/network_check.hpp"

#include <chrono>
#include <cmath>
#include <iomanip>
#include <map>
#include <ostream>
#include <sstream>

#include "config/model_config.hpp"
#include "io/clamp_shared_memory.hpp"
#include "model/cable/cv_layout.hpp"
#include "model/formats/morphology_file.hpp"
#include "model/util/input_error.hpp"
#include "tools/cli/arguments.hpp"

namespace rtcell::tools {

const char* const check_help =
    "usage: rtcell check CONFIG.yaml|MORPHOLOGY.swc|MORPHOLOGY.asc [--json]\n"
    "\n"
    "Loads a configuration (or a morphology file, with one CV per branch), builds the\n"
    "morphology and its control volumes, and prints a summary: branches per type, CVs,\n"
    "nodes, total length and area, the labels and any warnings.\n"
    "\n"
    "  --json   print the summary as one JSON object (keys: branches, cvs, nodes,\n"
    "           length_um, area_um2, volume_um3, labels, warnings, ...)\n"
    "\n"
    "Exit status: 0 when the input is valid, 1 when it is not (the error names the file,\n"
    "line and problem), 2 for a usage error.\n";

namespace {

struct Summary {
    std::string source, name, cv_policy;
    std::map<std::string, int> branches;
    std::size_t cvs = 0, nodes = 0, samples = 0;
    double length_um = 0, area_um2 = 0, volume_um3 = 0, soma_area_um2 = 0;
    double load_ms = 0, discretize_ms = 0;
    std::vector<std::pair<std::string, std::string>> labels;  // name, description
    std::vector<std::string> warnings;
    std::size_t mechanisms = 0, members = 1;  // painted and placed rules, population size
    bool dynamics = false;
    // A dynamic clamp: its rig channels and their shared-memory blocks (none: ZeroMQ samples).
    std::size_t clamp_channels = 0;
    std::vector<std::string> clamp_blocks;
};

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

Summary summarize(const std::string& path) {
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    const ModelConfig cfg =
        is_morphology_file(path) ? model_config_for_morphology(path) : load_model_config(path);
    const auto t1 = clock::now();
    CvLayout layout;
    try {
        // The model's own CV counts (d-λ with the painted Ra and cm), as init_state makes them.
        layout = discretize(cfg.morphology, build_cell(cfg).planned_cv_counts());
    } catch (const InputError& e) {
        throw InputError(path + ": " + e.what());
    }
    const auto t2 = clock::now();

    Summary s;
    s.source = path;
    s.name = cfg.name;
    s.cv_policy = cfg.cv_policy.to_string();
    for (const char* t : {"soma", "axon", "basal_dendrite", "apical_dendrite", "custom"})
        s.branches[t] = 0;
    const Morphology& m = cfg.morphology;
    for (std::size_t b = 0; b < m.num_branches(); ++b) {
        s.branches[branch_type_name(m.branch(b).type)]++;
        s.samples += m.branch(b).samples.size();
        if (m.branch(b).type == BranchType::soma)
            s.soma_area_um2 += m.area(b);
    }
    s.cvs = layout.num_cvs();
    s.nodes = layout.num_nodes();
    s.length_um = m.total_length();
    s.area_um2 = m.total_area();
    s.volume_um3 = m.total_volume();
    s.load_ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
    s.discretize_ms = std::chrono::duration<double, std::milli>(t2 - t1).count();

    if (s.branches["soma"] == 0)
        s.warnings.push_back("the morphology has no soma branch");
    // A configuration with dynamics is built and initialized too, so that every mechanism,
    // probe and input binding is checked.
    const auto& dyn = cfg.dynamics;
    if (!dyn.paint.empty() || !dyn.place.empty() || !dyn.inputs.empty() || cfg.clamp) {
        Cell cell = build_cell(cfg);
        ClampParts clamp;  // built too, as rtcell run builds it: its couplings are checked
        if (cfg.clamp)
            clamp = declare_clamp(*cfg.clamp, cell, cfg.source);
        init_cell(cell, cfg);
        if (cfg.clamp) {
            init_clamp(clamp, *cfg.clamp, cell, dyn.simulation.dt_ms, cfg.source);
            s.clamp_channels = clamp.clamp->channels();
            if (!cfg.clamp->shared_memory.empty())
                for (std::size_t k = 0; k < s.clamp_channels; ++k)
                    s.clamp_blocks.push_back(
                        io::clamp_channel_block(cfg.clamp->shared_memory, k, s.clamp_channels));
        }
        for (const auto& w : cell.warnings())
            s.warnings.push_back(w);
        s.dynamics = true;
        s.mechanisms = dyn.paint.size() + dyn.place.size();
        s.members = cell.members();
    }
    for (const auto& [name, r] : cfg.labels.regions) {
        const CableList c = r.evaluate(m, cfg.labels);
        std::ostringstream d;
        d << "region " << r.to_string() << ": " << c.size() << " cable(s), " << std::setprecision(6)
          << cables::length(c, m) << " um";
        s.labels.push_back({name, d.str()});
        if (c.empty())
            s.warnings.push_back("region '" + name + "' is empty on this morphology");
    }
    for (const auto& [name, l] : cfg.labels.locsets) {
        const LocationList locs = l.evaluate(m, cfg.labels);
        s.labels.push_back({name, "locset " + l.to_string() + ": " + std::to_string(locs.size()) +
                                      " location(s)"});
        if (locs.empty())
            s.warnings.push_back("locset '" + name + "' is empty on this morphology");
    }
    double longest = 0;
    for (std::size_t cv = 0; cv < layout.num_cvs(); ++cv)
        longest = std::max(longest, layout.cv_length_um(static_cast<int>(cv)));
    if (longest > 100 && s.cvs > 1)
        s.warnings.push_back("the longest CV is " + std::to_string(static_cast<int>(longest)) +
                             " um; consider a max_extent or d_lambda CV policy");
    return s;
}

void print_text(const Summary& s, std::ostream& out) {
    out << std::fixed << std::setprecision(2);
    out << "rtcell check: " << s.source << "\n";
    out << "  cell:        " << s.name << "\n";
    out << "  branches:    ";
    int total = 0;
    for (const auto& [t, n] : s.branches)
        total += n;
    out << total << " (";
    bool first = true;
    for (const char* t : {"soma", "axon", "basal_dendrite", "apical_dendrite", "custom"}) {
        out << (first ? "" : ", ") << t << " " << s.branches.at(t);
        first = false;
    }
    out << ")\n";
    out << "  samples:     " << s.samples << "\n";
    out << "  length:      " << s.length_um << " um\n";
    out << "  area:        " << s.area_um2 << " um2 (soma " << s.soma_area_um2 << " um2)\n";
    out << "  volume:      " << s.volume_um3 << " um3\n";
    out << "  cv policy:   " << s.cv_policy << "\n";
    out << "  cvs:         " << s.cvs << "\n";
    out << "  nodes:       " << s.nodes << " (" << s.cvs << " CV midpoints + " << s.nodes - s.cvs
        << " branch ends)\n";
    for (const auto& [name, d] : s.labels)
        out << "  label " << name << ": " << d << "\n";
    if (s.dynamics)
        out << "  dynamics:    " << s.mechanisms << " paint/place rules, " << s.members
            << " member(s), initialized\n";
    if (s.clamp_channels) {
        out << "  clamp:       " << s.clamp_channels << " rig channel(s), ";
        if (s.clamp_blocks.empty())
            out << "samples over ZeroMQ";
        for (std::size_t k = 0; k < s.clamp_blocks.size(); ++k)
            out << (k ? ", " : "shared memory ") << s.clamp_blocks[k];
        out << "\n";
    }
    out << "  time:        load " << s.load_ms << " ms, discretize " << s.discretize_ms << " ms\n";
    if (s.warnings.empty())
        out << "  warnings:    none\n";
    for (const auto& w : s.warnings)
        out << "  warning:     " << w << "\n";
}

void print_json(const Summary& s, std::ostream& out) {
    out << std::setprecision(10);
    out << "{\"source\": " << json_string(s.source) << ", \"cell\": " << json_string(s.name)
        << ", \"branches\": {";
    bool first = true;
    for (const char* t : {"soma", "axon", "basal_dendrite", "apical_dendrite", "custom"}) {
        out << (first ? "" : ", ") << "\"" << t << "\": " << s.branches.at(t);
        first = false;
    }
    out << "}, \"samples\": " << s.samples << ", \"length_um\": " << s.length_um
        << ", \"area_um2\": " << s.area_um2 << ", \"soma_area_um2\": " << s.soma_area_um2
        << ", \"volume_um3\": " << s.volume_um3 << ", \"cv_policy\": " << json_string(s.cv_policy)
        << ", \"cvs\": " << s.cvs << ", \"nodes\": " << s.nodes << ", \"labels\": {";
    first = true;
    for (const auto& [name, d] : s.labels) {
        out << (first ? "" : ", ") << json_string(name) << ": " << json_string(d);
        first = false;
    }
    out << "}, \"load_ms\": " << s.load_ms << ", \"discretize_ms\": " << s.discretize_ms;
    if (s.clamp_channels) {
        out << ", \"clamp_channels\": " << s.clamp_channels << ", \"clamp_blocks\": [";
        for (std::size_t k = 0; k < s.clamp_blocks.size(); ++k)
            out << (k ? ", " : "") << json_string(s.clamp_blocks[k]);
        out << "]";
    }
    out << ", \"warnings\": [";
    first = true;
    for (const auto& w : s.warnings) {
        out << (first ? "" : ", ") << json_string(w);
        first = false;
    }
    out << "]}\n";
}

}  // namespace

int run_check(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    bool json = false;
    std::string path;
    Arguments a("check", check_help);
    a.flag("--json", json).positional(path, "file");
    if (const int status = a.parse(args, out, err); status >= 0)
        return status;
    if (path.empty()) {
        err << "rtcell check: no file given\n\n" << check_help;
        return 2;
    }
    if (is_network_config_file(path))
        return check_network(path, json, out, err);
    try {
        const Summary s = summarize(path);
        if (json)
            print_json(s, out);
        else
            print_text(s, out);
        return 0;
    } catch (const InputError& e) {
        err << "rtcell check: error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace rtcell::tools
