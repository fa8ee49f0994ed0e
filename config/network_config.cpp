#include "config/network_config.hpp"

#include "config/catalogues_config.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/cell_sections.hpp"
#include "config/connection_csv.hpp"
#include "config/io_config_yaml.hpp"
#include "config/realtime_config.hpp"
#include "model/mechanisms/catalogue.hpp"
#include "model/morph/label_parser.hpp"
#include "model/util/did_you_mean.hpp"
#include "model/util/input_error.hpp"

namespace rtcell {
namespace {

using units::Dimension;
using yaml::Context;

std::string field_at(const std::string& field, std::size_t i) {
    return field + "[" + std::to_string(i) + "]";
}

std::size_t members_of(const ModelConfig& cell) {
    std::size_t n = 1;
    for (std::size_t k : cell.dynamics.options.pop_size)
        n *= k;
    return n;
}

// One group: a cell configuration file (`file:`, relative to this one) or inline sections.
// An input of a group from another cell of the network (`inputs: [{synapse, from, weight,
// delay}]`), resolved once every group is known.
struct CellInput {
    std::size_t group;
    YAML::Node item;
    std::string field;
};

// The group's sections without its inputs from other cells, which go to `from_cells`.
YAML::Node without_cell_inputs(const YAML::Node& node, std::size_t group, const std::string& field,
                               std::vector<CellInput>& from_cells) {
    const YAML::Node inputs = node["inputs"];
    if (!inputs || !inputs.IsSequence())
        return node;
    YAML::Node copy = YAML::Clone(node), kept(YAML::NodeType::Sequence);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        if (inputs[i].IsMap() && inputs[i]["from"])
            from_cells.push_back({group, inputs[i], field + ".inputs[" + std::to_string(i) + "]"});
        else
            kept.push_back(inputs[i]);
    }
    copy["inputs"] = kept;
    return copy;
}

NetworkConfig::Group parse_group(const Context& ctx, const std::string& name,
                                 const YAML::Node& given, const std::string& field,
                                 std::size_t index, std::vector<CellInput>& from_cells) {
    if (!given.IsMap())
        ctx.fail(given, field, "expected a cell's sections or {file: cell.yaml}");
    const YAML::Node node =
        given["file"] ? given : without_cell_inputs(given, index, field, from_cells);
    NetworkConfig::Group g{name, {}, 1};
    if (node["file"]) {
        yaml::check_keys(ctx, node, field, {"file"});
        const auto file = std::filesystem::path(ctx.file).parent_path() /
                          yaml::get_string(ctx, node["file"], field + ".file");
        g.cell = load_model_config(file.string());
        g.cell.name = name;
    } else {
        yaml::check_keys(ctx, node, field,
                         {"morphology", "labels", "cv_policy", "cable", "population", "cell",
                          "paint", "place", "probes", "inputs"});
        g.cell = parse_cell_sections(ctx, node, name);
    }
    if (g.cell.clamp)
        ctx.fail(node, field, "a network's cell cannot have a dynamic_clamp");
    g.members = members_of(g.cell);
    return g;
}

struct Cells {
    std::size_t group, first, count;
};

// "E" (every member), "E:3" (one) or "E:2-5" (members 2 to 5).
Cells cells_of(const Context& ctx, const NetworkConfig& cfg, const YAML::Node& node,
               const std::string& field) {
    const std::string text = yaml::get_string(ctx, node, field);
    const auto colon = text.rfind(':');
    const std::string name = text.substr(0, colon);
    std::vector<std::string> names;
    std::size_t g = cfg.groups.size();
    for (std::size_t k = 0; k < cfg.groups.size(); ++k) {
        names.push_back(cfg.groups[k].name);
        if (cfg.groups[k].name == name)
            g = k;
    }
    if (g == cfg.groups.size())
        ctx.fail(node, field, "no group '" + name + "' in cells" + did_you_mean(name, names));
    const std::size_t members = cfg.groups[g].members;
    if (colon == std::string::npos)
        return {g, 0, members};
    const std::string range = text.substr(colon + 1);
    std::size_t a = 0, b = 0;
    char dash = 0;
    std::istringstream in(range);
    if (!(in >> a) || (in >> dash && (dash != '-' || !(in >> b))) || !in.eof())
        ctx.fail(node, field, "'" + text + "': expected group, group:member or group:first-last");
    if (!dash)
        b = a;
    if (b < a || b >= members)
        ctx.fail(
            node, field,
            "'" + text + "': group '" + name + "' has members 0 to " + std::to_string(members - 1));
    return {g, a, b - a + 1};
}

// The unit an event weight carries for a synapse placed on the group: "uS" or "1".
std::string weight_unit(const Context& ctx, const NetworkConfig::Group& group,
                        const std::string& synapse, const YAML::Node& at,
                        const std::string& field) {
    std::vector<std::string> names;
    for (const auto& p : group.cell.dynamics.place)
        if (const auto* pt = std::get_if<Point>(&p.what)) {
            names.push_back(pt->name);
            if (pt->name == synapse) {
                const auto* e = find_mechanism(pt->mechanism);
                if (!e || e->spec.event_weight_unit.empty())
                    ctx.fail(at, field,
                             "'" + synapse + "' on group '" + group.name + "' is a " +
                                 pt->mechanism + ", not a synapse");
                return e->spec.event_weight_unit;
            }
        }
    ctx.fail(at, field,
             "group '" + group.name + "' has no synapse '" + synapse + "'" +
                 did_you_mean(synapse, names));
}

void parse_rule(const Context& ctx, NetworkConfig& cfg, const YAML::Node& c, const std::string& f) {
    yaml::check_keys(ctx, c, f,
                     {"pre", "post", "synapse", "weight", "delay", "rule", "p", "k", "seed",
                      "allow_self", "instance"});
    const Cells pre = cells_of(ctx, cfg, c["pre"], f + ".pre");
    const Cells post = cells_of(ctx, cfg, c["post"], f + ".post");
    SynapseTarget t;
    t.synapse = yaml::get_string(ctx, c["synapse"], f + ".synapse");
    const std::string unit =
        weight_unit(ctx, cfg.groups[post.group], t.synapse, c["synapse"], f + ".synapse");
    t.weight = unit == "uS"
                   ? yaml::get_quantity(ctx, c["weight"], f + ".weight", Dimension::conductance)
                   : yaml::get_number(ctx, c["weight"], f + ".weight");
    t.delay_ms = yaml::get_quantity(ctx, c["delay"], f + ".delay", Dimension::time);
    if (c["instance"])
        t.instance = yaml::get_int(ctx, c["instance"], f + ".instance");
    const bool self = c["allow_self"] && yaml::get_bool(ctx, c["allow_self"], f + ".allow_self");
    const MemberRange a{pre.group, pre.first, pre.count}, b{post.group, post.first, post.count};
    const std::string rule =
        c["rule"] ? yaml::get_string(ctx, c["rule"], f + ".rule")
                  : (pre.count == 1 && post.count == 1 ? "one_to_one" : "all_to_all");
    const auto seed =
        c["seed"] ? static_cast<std::uint64_t>(yaml::get_int(ctx, c["seed"], f + ".seed")) : 1;
    std::vector<Connection> made;
    try {
        if (rule == "all_to_all")
            made = connect::all_to_all(a, b, t, self);
        else if (rule == "one_to_one")
            made = connect::one_to_one(a, b, t);
        else if (rule == "fixed_probability")
            made = connect::fixed_probability(a, b, t, yaml::get_number(ctx, c["p"], f + ".p"),
                                              seed, self);
        else if (rule == "fixed_indegree")
            made = connect::fixed_indegree(
                a, b, t, static_cast<std::size_t>(yaml::get_int(ctx, c["k"], f + ".k")), seed,
                self);
        else
            ctx.fail(c["rule"], f + ".rule",
                     "unknown rule '" + rule + "'" +
                         did_you_mean(rule, std::vector<std::string>{"all_to_all", "one_to_one",
                                                                     "fixed_probability",
                                                                     "fixed_indegree"}));
    } catch (const InputError& e) {
        ctx.fail(c, f, e.what());
    }
    cfg.connections.insert(cfg.connections.end(), made.begin(), made.end());
}

// `{synapse, from: "E:0", weight, delay}` on a group: one source cell to every member, or as
// many cells as the group has members, one to one.
void parse_cell_input(const Context& ctx, NetworkConfig& cfg, const CellInput& in) {
    const YAML::Node& c = in.item;
    const std::string& f = in.field;
    yaml::check_keys(ctx, c, f, {"synapse", "from", "weight", "delay"});
    const Cells pre = cells_of(ctx, cfg, c["from"], f + ".from");
    const NetworkConfig::Group& group = cfg.groups[in.group];
    SynapseTarget t;
    t.synapse = yaml::get_string(ctx, c["synapse"], f + ".synapse");
    const std::string unit = weight_unit(ctx, group, t.synapse, c["synapse"], f + ".synapse");
    t.weight = unit == "uS"
                   ? yaml::get_quantity(ctx, c["weight"], f + ".weight", Dimension::conductance)
                   : yaml::get_number(ctx, c["weight"], f + ".weight");
    t.delay_ms = yaml::get_quantity(ctx, c["delay"], f + ".delay", Dimension::time);
    const MemberRange a{pre.group, pre.first, pre.count}, b{in.group, 0, group.members};
    std::vector<Connection> made;
    if (pre.count == 1)
        made = connect::all_to_all(a, b, t, true);
    else if (pre.count == group.members)
        made = connect::one_to_one(a, b, t);
    else
        ctx.fail(c["from"], f + ".from",
                 std::to_string(pre.count) + " cells for " + std::to_string(group.members) +
                     " members: name one cell, or one per member");
    cfg.connections.insert(cfg.connections.end(), made.begin(), made.end());
}

void parse_connections(const Context& ctx, NetworkConfig& cfg, const YAML::Node& list) {
    if (!list)
        return;
    if (!list.IsSequence())
        ctx.fail(list, "connections", "expected a list of rules or {file: connections.csv}");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string f = field_at("connections", i);
        const YAML::Node c = list[i];
        if (!c.IsMap())
            ctx.fail(c, f, "expected a mapping");
        if (c["file"]) {
            yaml::check_keys(ctx, c, f, {"file"});
            const auto file = std::filesystem::path(ctx.file).parent_path() /
                              yaml::get_string(ctx, c["file"], f + ".file");
            const auto made = read_connections_csv(file.string(), [&](const std::string& name) {
                for (std::size_t g = 0; g < cfg.groups.size(); ++g)
                    if (cfg.groups[g].name == name)
                        return g;
                throw InputError("no group '" + name + "' in cells");
            });
            cfg.connections.insert(cfg.connections.end(), made.begin(), made.end());
        } else {
            parse_rule(ctx, cfg, c, f);
        }
    }
}

void parse_gap_junctions(const Context& ctx, NetworkConfig& cfg, const YAML::Node& list) {
    if (!list)
        return;
    if (!list.IsSequence())
        ctx.fail(list, "gap_junctions", "expected a list");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string f = field_at("gap_junctions", i);
        const YAML::Node j = list[i];
        yaml::check_keys(ctx, j, f, {"a", "b", "g"});
        GapJunction gj;
        auto side = [&](const char* key, std::size_t& group, std::size_t& member, Locset& at) {
            const YAML::Node s = j[key];
            const std::string sf = f + "." + key;
            if (!s || !s.IsMap())
                ctx.fail(s, sf, "expected {cell: group:member, at: locset}");
            yaml::check_keys(ctx, s, sf, {"cell", "at"});
            const Cells c = cells_of(ctx, cfg, s["cell"], sf + ".cell");
            if (c.count != 1)
                ctx.fail(s["cell"], sf + ".cell", "a gap junction joins one member: group:member");
            group = c.group;
            member = c.first;
            try {
                at = parse_locset(yaml::get_string(ctx, s["at"], sf + ".at"));
            } catch (const InputError& e) {
                ctx.fail(s["at"], sf + ".at", e.what());
            }
        };
        side("a", gj.group_a, gj.member_a, gj.where_a);
        side("b", gj.group_b, gj.member_b, gj.where_b);
        gj.g_uS = yaml::get_quantity(ctx, j["g"], f + ".g", Dimension::conductance);
        if (gj.g_uS < 0)
            ctx.fail(j["g"], f + ".g", "must not be negative");
        cfg.gap_junctions.push_back(gj);
    }
}

NetworkConfig parse_yaml_network(const std::string& text, const std::string& source) {
    const Context ctx{source};
    const YAML::Node root = load_yaml_root(text, source);
    yaml::check_keys(ctx, root, "top level",
                     {"name", "network", "cells", "connections", "gap_junctions", "simulation",
                      "realtime", "io", "catalogues"});
    load_catalogues(ctx, root["catalogues"]);
    NetworkConfig cfg;
    cfg.source = source;
    cfg.text = text;
    cfg.name = root["name"] ? yaml::get_string(ctx, root["name"], "name")
                            : std::filesystem::path(source).stem().string();
    const YAML::Node cells = root["cells"];
    if (!cells.IsMap() || cells.size() == 0)
        ctx.fail(cells, "cells", "expected the groups by name: {E: {...}, I: {file: i.yaml}}");
    std::vector<CellInput> from_cells;
    for (const auto& kv : cells) {
        const std::string name = yaml::key_of(ctx, kv.first, "cells");
        cfg.groups.push_back(
            parse_group(ctx, name, kv.second, "cells." + name, cfg.groups.size(), from_cells));
    }
    for (const CellInput& in : from_cells)
        parse_cell_input(ctx, cfg, in);
    if (const YAML::Node n = root["network"]) {
        yaml::check_keys(ctx, n, "network", {"threads"});
        if (n["threads"]) {
            const int t = yaml::get_int(ctx, n["threads"], "network.threads");
            if (t < 1 || t > 256)
                ctx.fail(n["threads"], "network.threads", "must be from 1 to 256");
            cfg.threads = static_cast<std::size_t>(t);
        }
    }
    parse_connections(ctx, cfg, root["connections"]);
    parse_gap_junctions(ctx, cfg, root["gap_junctions"]);
    cfg.simulation = parse_simulation(ctx, root["simulation"]);
    cfg.realtime = parse_realtime(ctx, root["realtime"], cfg.simulation);
    cfg.io = parse_io(ctx, root["io"]);
    cfg.realtime.frame_every =
        cfg.io.frame_every;  // the loop makes the frames the io section asks for
    return cfg;
}

}  // namespace

bool is_network_config_text(const std::string& text) {
    try {
        const YAML::Node root = YAML::Load(text);
        return root.IsMap() && root["cells"];
    } catch (const YAML::Exception&) {
        return false;
    }
}

bool is_network_config_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return in && is_network_config_text(buffer.str());
}

NetworkConfig parse_network_config(const std::string& text, const std::string& source) {
    return with_yaml_errors(source, [&] { return parse_yaml_network(text, source); });
}

NetworkConfig load_network_config(const std::string& path) {
    return parse_network_config(read_config_file(path), path);
}

Network build_network(const NetworkConfig& config) {
    Network net;
    try {
        for (const auto& g : config.groups)
            net.add_group(g.name, build_cell(g.cell));
        net.connect(config.connections);
        for (const auto& gj : config.gap_junctions)
            net.add_gap_junction(gj);
        net.set_dt(config.simulation.dt_ms);
    } catch (const InputError& e) {
        throw InputError(config.source + ": " + e.what());
    }
    return net;
}

}  // namespace rtcell
