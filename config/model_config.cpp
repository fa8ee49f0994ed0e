#include "config/model_config.hpp"

#include "config/catalogues_config.hpp"

#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

#include "config/cell_sections.hpp"
#include "config/io_config_yaml.hpp"
#include "config/realtime_config.hpp"
#include "config/yaml_fields.hpp"
#include "model/clamp/live_membrane.hpp"
#include "model/formats/morphology_file.hpp"
#include "model/morph/label_parser.hpp"
#include "model/util/did_you_mean.hpp"
#include "model/util/input_error.hpp"

namespace rtcell {
namespace {

using units::Dimension;
using yaml::Context;

std::string index_field(const std::string& field, std::size_t i) {
    return field + "[" + std::to_string(i) + "]";
}

Morphology inline_morphology(const Context& ctx, const YAML::Node& list) {
    if (!list.IsSequence() || list.size() == 0)
        ctx.fail(list, "morphology.branches", "expected a list of branches");
    std::vector<Branch> branches;
    std::vector<std::pair<std::string, YAML::Node>> parents;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const YAML::Node b = list[i];
        const std::string field = index_field("morphology.branches", i);
        yaml::check_keys(ctx, b, field, {"name", "type", "tag", "parent", "parent_x", "points_um"});
        Branch br;
        br.name = yaml::get_string(ctx, b["name"], field + ".name");
        if (b["type"]) {
            try {
                br.type = branch_type_from_name(yaml::get_string(ctx, b["type"], field + ".type"));
            } catch (const InputError& e) {
                ctx.fail(b["type"], field + ".type", e.what());
            }
            br.tag = static_cast<int>(br.type) <= 4 ? static_cast<int>(br.type) : 5;
        }
        if (b["tag"]) {
            br.tag = yaml::get_int(ctx, b["tag"], field + ".tag");
            if (!b["type"])
                br.type = branch_type_from_tag(br.tag);
        }
        if (!b["type"] && !b["tag"])
            ctx.fail(b, field, "needs a 'type' (soma, axon, basal_dendrite, ...)");
        if (b["parent_x"]) {
            br.parent_x = yaml::get_number(ctx, b["parent_x"], field + ".parent_x");
            if (!(br.parent_x >= 0 && br.parent_x <= 1))
                ctx.fail(b["parent_x"], field + ".parent_x", "must be in [0, 1]");
        }
        const YAML::Node pts = b["points_um"];
        if (!pts || !pts.IsSequence() || pts.size() < 2)
            ctx.fail(pts ? pts : b, field + ".points_um",
                     "expected at least two points [x, y, z, diameter] in µm");
        for (std::size_t k = 0; k < pts.size(); ++k) {
            const std::string pf = index_field(field + ".points_um", k);
            if (!pts[k].IsSequence() || pts[k].size() != 4)
                ctx.fail(pts[k], pf, "expected [x, y, z, diameter] in µm");
            const double d = yaml::get_number(ctx, pts[k][3], pf + "[3]");
            if (!(d > 0))
                ctx.fail(pts[k][3], pf, "diameter must be positive");
            br.samples.push_back({yaml::get_number(ctx, pts[k][0], pf + "[0]"),
                                  yaml::get_number(ctx, pts[k][1], pf + "[1]"),
                                  yaml::get_number(ctx, pts[k][2], pf + "[2]"), Diameter{d}});
        }
        parents.push_back({b["parent"] ? yaml::get_string(ctx, b["parent"], field + ".parent") : "",
                           b["parent"]});
        branches.push_back(std::move(br));
    }
    for (std::size_t i = 0; i < branches.size(); ++i) {
        const auto& [pname, pnode] = parents[i];
        if (pname.empty())
            continue;
        int found = -1;
        for (std::size_t j = 0; j < branches.size(); ++j)
            if (branches[j].name == pname)
                found = static_cast<int>(j);
        if (found < 0)
            ctx.fail(pnode, index_field("morphology.branches", i) + ".parent",
                     "no branch named '" + pname + "'");
        branches[i].parent = found;
    }
    try {
        return Morphology(std::move(branches), ctx.file);
    } catch (const InputError& e) {
        ctx.fail(list, "morphology.branches", e.what());
    }
}

// A symmetric binary tree of cylinders (Rallpack 2 is one): level k has 2^k branches of
// length root_length·length_ratio^k and diameter root_diameter·diameter_ratio^k.
Morphology binary_tree(const Context& ctx, const YAML::Node& node) {
    const std::string f = "morphology.binary_tree";
    yaml::check_keys(ctx, node, f,
                     {"levels", "root_length", "root_diameter", "length_ratio", "diameter_ratio"});
    const int levels = yaml::get_int(ctx, node["levels"], f + ".levels");
    if (levels < 1 || levels > 20)
        ctx.fail(node["levels"], f + ".levels", "must be between 1 and 20");
    const double L0 =
        yaml::get_quantity(ctx, node["root_length"], f + ".root_length", units::Dimension::length);
    const double d0 = yaml::get_quantity(ctx, node["root_diameter"], f + ".root_diameter",
                                         units::Dimension::length);
    const double rl = yaml::get_number(ctx, node["length_ratio"], f + ".length_ratio");
    const double rd = yaml::get_number(ctx, node["diameter_ratio"], f + ".diameter_ratio");
    if (!(L0 > 0 && d0 > 0 && rl > 0 && rd > 0))
        ctx.fail(node, f, "lengths, diameters and ratios must be positive");
    std::vector<Branch> branches;
    std::vector<double> end_x;
    for (int level = 0; level < levels; ++level) {
        const double len = L0 * std::pow(rl, level), r = 0.5 * d0 * std::pow(rd, level);
        for (int i = 0; i < (1 << level); ++i) {
            const int index = static_cast<int>(branches.size());
            const int parent = level == 0 ? -1 : (index - 1) / 2;
            const double x0 = parent < 0 ? 0.0 : end_x[parent];
            const double y = static_cast<double>(i) * 10.0;  // spread each level out for drawing
            branches.push_back({"b" + std::to_string(index),
                                BranchType::basal_dendrite,
                                3,
                                parent,
                                1.0,
                                {{x0, y, 0, Diameter{2 * r}}, {x0 + len, y, 0, Diameter{2 * r}}},
                                {}});
            end_x.push_back(x0 + len);
        }
    }
    return Morphology(std::move(branches), ctx.file);
}

Morphology load_morphology(const Context& ctx, const YAML::Node& node) {
    if (!node)
        ctx.fail(node, "morphology", "missing (give 'file', 'branches' or 'binary_tree')");
    yaml::check_keys(ctx, node, "morphology", {"file", "branches", "binary_tree"});
    if (node.size() != 1)
        ctx.fail(node, "morphology", "give exactly one of 'file', 'branches' or 'binary_tree'");
    if (node["binary_tree"])
        return binary_tree(ctx, node["binary_tree"]);
    if (node["file"]) {
        std::filesystem::path p = yaml::get_string(ctx, node["file"], "morphology.file");
        if (p.is_relative())
            p = std::filesystem::path(ctx.file).parent_path() / p;
        if (!std::filesystem::exists(p))
            ctx.fail(node["file"], "morphology.file", "file '" + p.string() + "' does not exist");
        return read_morphology_file(p.lexically_normal().string());
    }
    if (node["branches"])
        return inline_morphology(ctx, node["branches"]);
    ctx.fail(node, "morphology", "give 'file' or 'branches'");
}

LabelDict load_labels(const Context& ctx, const YAML::Node& node) {
    LabelDict labels;
    if (!node)
        return labels;
    yaml::check_keys(ctx, node, "labels", {"regions", "locsets"});
    for (const char* kind : {"regions", "locsets"}) {
        const YAML::Node group = node[kind];
        if (!group)
            continue;
        if (!group.IsMap())
            ctx.fail(group, std::string("labels.") + kind, "expected name: expression pairs");
        for (const auto& kv : group) {
            const std::string name = yaml::key_of(ctx, kv.first, std::string("labels.") + kind);
            const std::string field = std::string("labels.") + kind + "." + name;
            const std::string text = yaml::get_string(ctx, kv.second, field);
            try {
                if (std::string(kind) == "regions")
                    labels.regions[name] = parse_region(text);
                else
                    labels.locsets[name] = parse_locset(text);
            } catch (const InputError& e) {
                ctx.fail(kv.second, field, e.what());
            }
        }
    }
    return labels;
}

Region region_field(const Context& ctx, const YAML::Node& node, const std::string& field) {
    const std::string text = yaml::get_string(ctx, node, field);
    try {
        return parse_region(text);
    } catch (const InputError& e) {
        ctx.fail(node, field, e.what());
    }
}

CvPolicy load_cv_policy(const Context& ctx, const YAML::Node& node) {
    if (!node)
        return CvPolicy::per_branch();
    YAML::Node list = node.IsSequence() ? node : YAML::Node(YAML::NodeType::Sequence);
    if (!node.IsSequence())
        list.push_back(node);
    CvPolicy policy;
    bool first = true;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const YAML::Node item = list[i];
        const std::string field = node.IsSequence() ? index_field("cv_policy", i) : "cv_policy";
        CvPolicy p;
        if (item.IsScalar()) {
            const std::string kind = item.Scalar();
            if (kind != "per_branch")
                ctx.fail(item, field,
                         "unknown policy '" + kind + "'" +
                             did_you_mean(
                                 kind, std::vector<std::string>{"per_branch", "fixed", "explicit",
                                                                "max_extent", "d_lambda"}) +
                             " (a bare name is only allowed for per_branch)");
            p = CvPolicy::per_branch();
        } else {
            yaml::check_keys(ctx, item, field,
                             {"per_branch", "fixed", "explicit", "max_extent", "odd", "d_lambda",
                              "frequency", "region"});
            int kinds = 0;
            try {
                if (item["per_branch"]) {
                    ++kinds;
                    p = CvPolicy::per_branch();
                }
                if (item["fixed"]) {
                    ++kinds;
                    p = CvPolicy::fixed_per_branch(
                        yaml::get_int(ctx, item["fixed"], field + ".fixed"));
                }
                if (item["explicit"]) {
                    ++kinds;
                    std::map<std::string, int> counts;
                    if (!item["explicit"].IsMap())
                        ctx.fail(item["explicit"], field + ".explicit",
                                 "expected branch: count pairs");
                    for (const auto& kv : item["explicit"]) {
                        const std::string branch = yaml::key_of(ctx, kv.first, field + ".explicit");
                        counts[branch] =
                            yaml::get_int(ctx, kv.second, field + ".explicit." + branch);
                    }
                    p = CvPolicy::explicit_counts(counts);
                }
                if (item["max_extent"]) {
                    ++kinds;
                    const bool odd =
                        item["odd"] ? yaml::get_bool(ctx, item["odd"], field + ".odd") : false;
                    p = CvPolicy::max_extent(
                        yaml::get_quantity(ctx, item["max_extent"], field + ".max_extent",
                                           Dimension::length),
                        odd);
                } else if (item["odd"]) {
                    ctx.fail(item["odd"], field + ".odd", "only applies to max_extent");
                }
                if (item["d_lambda"]) {
                    ++kinds;
                    const double f = item["frequency"] ? yaml::get_quantity(ctx, item["frequency"],
                                                                            field + ".frequency",
                                                                            Dimension::frequency)
                                                       : 100.0;
                    p = CvPolicy::d_lambda(
                        yaml::get_number(ctx, item["d_lambda"], field + ".d_lambda"), Hertz{f});
                } else if (item["frequency"]) {
                    ctx.fail(item["frequency"], field + ".frequency", "only applies to d_lambda");
                }
            } catch (const InputError& e) {
                const std::string msg = e.what();
                if (msg.rfind(ctx.file, 0) == 0)
                    throw;
                ctx.fail(item, field, msg);
            }
            if (kinds != 1)
                ctx.fail(item, field,
                         "give exactly one of per_branch, fixed, explicit, max_extent or d_lambda");
            if (item["region"])
                p = p.on(region_field(ctx, item["region"], field + ".region"));
        }
        policy = first ? p : (policy | p);
        first = false;
    }
    return policy;
}

CableProperties load_cable(const Context& ctx, const YAML::Node& node) {
    CableProperties cable;
    if (!node)
        return cable;
    yaml::check_keys(ctx, node, "cable", {"Ra", "cm"});
    if (node["Ra"])
        cable.Ra_ohm_cm = yaml::get_quantity(ctx, node["Ra"], "cable.Ra", Dimension::resistivity);
    if (node["cm"])
        cable.cm_uF_cm2 =
            yaml::get_quantity(ctx, node["cm"], "cable.cm", Dimension::capacitance_density);
    if (!(cable.Ra_ohm_cm > 0))
        ctx.fail(node["Ra"], "cable.Ra", "must be positive");
    if (!(cable.cm_uF_cm2 > 0))
        ctx.fail(node["cm"], "cable.cm", "must be positive");
    return cable;
}

}  // namespace

namespace {
constexpr int kMaxYamlNesting = 64;  // flow collections ([ ] and { }) inside each other

// yaml-cpp parses recursively: deep flow nesting is refused here first, with a clear message.
// Quoted scalars and comments are skipped, so brackets inside them do not count.
void check_yaml_nesting(const std::string& text, const std::string& source) {
    int depth = 0, line = 1, column = 0;
    char quote = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        ++column;
        if (c == '\n') {
            ++line;
            column = 0;
        }
        if (quote) {
            if (c == '\\' && quote == '"')
                ++i;
            else if (c == quote)
                quote = 0;
        } else if ((c == '"' || c == '\'') &&
                   (i == 0 ||
                    std::string_view(" \t\n:[{,-").find(text[i - 1]) != std::string_view::npos)) {
            quote = c;  // a quoted scalar starts here (an apostrophe inside a word does not)
        } else if (c == '#' && (i == 0 || std::isspace(static_cast<unsigned char>(text[i - 1])))) {
            while (i + 1 < text.size() && text[i + 1] != '\n')
                ++i;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxYamlNesting)
                throw InputError(source + ":" + std::to_string(line) + ":" +
                                 std::to_string(column) +
                                 ": lists and mappings nested deeper than " +
                                 std::to_string(kMaxYamlNesting) + " levels");
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
}

// A dynamic clamp takes its samples from one place: shared memory, or one ZeroMQ binding.
void check_sample_source(const Context& ctx, const YAML::Node& root, const ModelConfig& cfg) {
    int zeromq = 0;
    for (const auto& in : cfg.io.inputs)
        zeromq += in.kind == io::InputBinding::Kind::samples;
    if (!cfg.clamp) {
        if (zeromq)
            ctx.fail(root["io"], "io.inputs", "a binding of kind samples needs a dynamic_clamp");
        return;
    }
    const bool shm = !cfg.clamp->shared_memory.empty();
    if (shm == (zeromq > 0) || zeromq > 1)
        ctx.fail(root["dynamic_clamp"], "dynamic_clamp",
                 shm ? "the samples come through shared_memory: no io.inputs binding of kind "
                       "samples as well"
                     : "give 'shared_memory' (a name such as /rtcell-clamp), or one io.inputs "
                       "binding of kind samples");
}

}  // namespace

YAML::Node load_yaml_root(const std::string& text, const std::string& source) {
    check_yaml_nesting(text, source);
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        throw InputError(source + ":" + std::to_string(e.mark.line + 1) + ":" +
                         std::to_string(e.mark.column + 1) + ": YAML syntax error: " + e.msg);
    }
    if (!root.IsMap())
        throw InputError(source + ": expected a YAML mapping at the top level");
    return root;
}

ModelConfig parse_cell_sections(const Context& ctx, const YAML::Node& root,
                                const std::string& name) {
    const std::string& source = ctx.file;
    ModelConfig cfg;
    cfg.source = source;
    cfg.name = name;
    std::optional<LiveMembraneConfig> live;
    if (const YAML::Node l = root["live_membrane"]) {
        if (root["morphology"] || root["cv_policy"])
            ctx.fail(l, "live_membrane",
                     "a live membrane is one compartment of the given area: give no morphology "
                     "and no cv_policy with it");
        if (!root["dynamic_clamp"])
            ctx.fail(l, "live_membrane",
                     "a live membrane needs a 'dynamic_clamp' section (where its samples come "
                     "from)");
        yaml::check_keys(ctx, l, "live_membrane", {"area", "refractory"});
        live = parse_live_membrane(ctx, l, "live_membrane");
        cfg.morphology = live_membrane_morphology(live->area_um2, source);
    } else {
        cfg.morphology = load_morphology(ctx, root["morphology"]);
    }
    cfg.labels = load_labels(ctx, root["labels"]);
    cfg.cv_policy = load_cv_policy(ctx, root["cv_policy"]);
    cfg.cable = load_cable(ctx, root["cable"]);
    cfg.dynamics = parse_dynamics(ctx, root);
    if (live)
        cfg.dynamics.options.live = LiveMembraneOptions{live->refractory_ms};
    if (root["dynamic_clamp"]) {
        // A live membrane alone may be a population (a rig channel per member); a model neuron
        // couples to a single living cell.
        if (!cfg.dynamics.options.pop_size.empty() && !live)
            ctx.fail(root["population"], "population",
                     "a model neuron coupled to a living cell is a single cell: remove the "
                     "population (a live membrane at the top level may be one, a rig channel "
                     "per member)");
        cfg.clamp = parse_dynamic_clamp(ctx, root["dynamic_clamp"], !live.has_value());
    }
    cfg.realtime = parse_realtime(ctx, root["realtime"], cfg.dynamics.simulation);
    cfg.io = parse_io(ctx, root["io"]);
    cfg.realtime.frame_every = cfg.io.frame_every;
    check_sample_source(ctx, root, cfg);
    // Evaluate every label once now, so that a bad branch name is reported at load time.
    for (const auto& [label, r] : cfg.labels.regions) {
        try {
            r.evaluate(cfg.morphology, cfg.labels);
        } catch (const InputError& e) {
            throw InputError(source + ": labels.regions." + label + ": " + e.what());
        }
    }
    for (const auto& [label, l] : cfg.labels.locsets) {
        try {
            l.evaluate(cfg.morphology, cfg.labels);
        } catch (const InputError& e) {
            throw InputError(source + ": labels.locsets." + label + ": " + e.what());
        }
    }
    return cfg;
}

namespace {
ModelConfig parse_yaml_config(const std::string& text, const std::string& source) {
    const Context ctx{source};
    const YAML::Node root = load_yaml_root(text, source);
    if (root["cells"])
        ctx.fail(root["cells"], "cells",
                 "this is a network configuration (README \"Networks\"): rtcell sim, check and "
                 "run take it, and in C++ load_network_config; this command needs one cell");
    yaml::check_keys(ctx, root, "top level",
                     {"name", "morphology", "live_membrane", "labels", "cv_policy", "cable",
                      "population", "cell", "paint", "place", "probes", "inputs", "simulation",
                      "realtime", "io", "dynamic_clamp", "catalogues"});
    load_catalogues(ctx, root["catalogues"]);
    return parse_cell_sections(ctx, root,
                               root["name"] ? yaml::get_string(ctx, root["name"], "name")
                                            : std::filesystem::path(source).stem().string());
}
}  // namespace

// Every failure becomes an InputError naming the file: yaml-cpp's own exceptions (a conversion
// the field readers did not foresee) carry a mark when they have one.
ModelConfig parse_model_config(const std::string& text, const std::string& source) {
    return with_yaml_errors(source, [&] {
        ModelConfig cfg = parse_yaml_config(text, source);
        cfg.text = text;
        return cfg;
    });
}

std::string read_config_file(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        throw InputError(path + ": cannot open configuration file");
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

ModelConfig load_model_config(const std::string& path) {
    return parse_model_config(read_config_file(path), path);
}

Cell build_cell(const ModelConfig& config) {
    try {
        CellOptions options = config.dynamics.options;
        options.cv_policy = config.cv_policy;
        options.labels = config.labels;
        options.name = config.name;
        Cell cell(config.morphology, options);
        CableSettings defaults;
        defaults.Ra = config.cable.Ra_ohm_cm;
        defaults.cm = config.cable.cm_uF_cm2;
        cell.paint(reg::all(), defaults);
        for (const auto& p : config.dynamics.paint)
            cell.paint(p.region, p.what);
        for (const auto& p : config.dynamics.place)
            cell.place(p.locset, p.what);
        for (const auto& in : config.dynamics.inputs)
            cell.bind_synapse_input(in.synapse, in.source, in.weight);
        return cell;
    } catch (const InputError& e) {
        throw InputError(config.source + ": " + e.what());
    }
}

void init_cell(Cell& cell, const ModelConfig& config) {
    try {
        cell.init_state();
    } catch (const InputError& e) {
        throw InputError(config.source + ": " + e.what());
    }
}

ModelConfig model_config_for_morphology(const std::string& path) {
    ModelConfig cfg;
    cfg.source = path;
    cfg.name = std::filesystem::path(path).stem().string();
    cfg.morphology = read_morphology_file(path);
    return cfg;
}

}  // namespace rtcell
