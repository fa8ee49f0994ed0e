#include "config/clamp_config.hpp"

#include <algorithm>
#include <cctype>

#include "model/clamp/live_membrane.hpp"
#include "model/morph/label_parser.hpp"

namespace rtcell {

using units::Dimension;
using yaml::Context;

namespace {

std::string at(const std::string& field, std::size_t i) {
    return field + "[" + std::to_string(i) + "]";
}

double rectify_of(const Context& ctx, const YAML::Node& node, const std::string& field) {
    if (!node)
        return 0;
    const std::string r = yaml::get_string(ctx, node, field);
    if (r == "none")
        return 0;
    if (r == "into_model")
        return 1;
    if (r == "into_live")
        return -1;
    ctx.fail(node, field, "'" + r + "' is not none, into_model or into_live");
}

std::vector<ClampConfig::Gap> parse_gaps(const Context& ctx, const YAML::Node& list,
                                         const std::string& f) {
    if (!list.IsSequence())
        ctx.fail(list, f, "expected a list of gap junctions");
    std::vector<ClampConfig::Gap> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const YAML::Node g = list[i];
        const std::string field = at(f, i);
        yaml::check_keys(ctx, g, field, {"name", "location", "g", "rectify"});
        ClampConfig::Gap gap;
        gap.name = g["name"] ? yaml::get_string(ctx, g["name"], field + ".name")
                             : "gap" + std::to_string(i);
        if (!g["location"])
            ctx.fail(g, field, "missing 'location' (where on the model neuron)");
        try {
            gap.where = parse_locset(yaml::get_string(ctx, g["location"], field + ".location"));
        } catch (const InputError& e) {
            ctx.fail(g["location"], field + ".location", e.what());
        }
        if (!g["g"])
            ctx.fail(g, field, "missing 'g' (the junction's conductance, e.g. 2 nS)");
        gap.g_uS = yaml::get_quantity(ctx, g["g"], field + ".g", Dimension::conductance);
        if (!(gap.g_uS >= 0))
            ctx.fail(g["g"], field + ".g", "must not be negative");
        gap.rectify = rectify_of(ctx, g["rectify"], field + ".rectify");
        out.push_back(std::move(gap));
    }
    return out;
}

// A synapse's weight per event: a conductance with its unit (ExpSyn, Exp2Syn), or a bare drive
// (the kinetic synapses).
double synapse_weight(const Context& ctx, const YAML::Node& w, const std::string& field) {
    const bool has_unit =
        w.IsScalar() && std::any_of(w.Scalar().begin(), w.Scalar().end(), [](char ch) {
            return std::isalpha(static_cast<unsigned char>(ch)) || (ch & 0x80);
        });
    return has_unit ? yaml::get_quantity(ctx, w, field, Dimension::conductance)
                    : yaml::get_number(ctx, w, field);
}

std::vector<ClampConfig::Synapse> parse_synapses(const Context& ctx, const YAML::Node& list,
                                                 const std::string& f) {
    if (!list.IsSequence())
        ctx.fail(list, f, "expected a list of synapses");
    std::vector<ClampConfig::Synapse> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const YAML::Node s = list[i];
        const std::string field = at(f, i);
        yaml::check_keys(ctx, s, field, {"onto_live", "onto_model", "weight"});
        if (!s["onto_live"] == !s["onto_model"])
            ctx.fail(s, field,
                     "give one of 'onto_live' (a synapse placed on the live membrane, driven by "
                     "the model's spikes) or 'onto_model' (one on the model, driven by the living "
                     "cell's threshold crossings)");
        ClampConfig::Synapse syn;
        syn.onto_live = static_cast<bool>(s["onto_live"]);
        const char* key = syn.onto_live ? "onto_live" : "onto_model";
        syn.synapse = yaml::get_string(ctx, s[key], field + "." + key);
        if (s["weight"])
            syn.weight = synapse_weight(ctx, s["weight"], field + ".weight");
        out.push_back(std::move(syn));
    }
    return out;
}

std::size_t channel_of(const Context& ctx, const YAML::Node& node, const std::string& field) {
    const int k = yaml::get_int(ctx, node, field);
    if (k < 0)
        ctx.fail(node, field, "a channel is a member of the live membrane's population: 0, 1, …");
    return static_cast<std::size_t>(k);
}

// between_channels: {gap_junctions: [{name, channels: [a, b], g, rectify}],
//                    synapses: [{from, to, synapse, weight}]}
ChannelCouplings parse_between_channels(const Context& ctx, const YAML::Node& node,
                                        const std::string& f) {
    if (!node.IsMap())
        ctx.fail(node, f, "expected a mapping with gap_junctions and/or synapses");
    yaml::check_keys(ctx, node, f, {"gap_junctions", "synapses"});
    ChannelCouplings out;
    if (const YAML::Node list = node["gap_junctions"]) {
        if (!list.IsSequence())
            ctx.fail(list, f + ".gap_junctions", "expected a list of gap junctions");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const YAML::Node g = list[i];
            const std::string field = at(f + ".gap_junctions", i);
            yaml::check_keys(ctx, g, field, {"name", "channels", "g", "rectify"});
            ChannelGap gap;
            gap.name = g["name"] ? yaml::get_string(ctx, g["name"], field + ".name")
                                 : "channel_gap" + std::to_string(i);
            const YAML::Node ch = g["channels"];
            if (!ch || !ch.IsSequence() || ch.size() != 2)
                ctx.fail(ch ? ch : g, field + ".channels", "give the two channels, e.g. [0, 1]");
            gap.a = channel_of(ctx, ch[0], field + ".channels[0]");
            gap.b = channel_of(ctx, ch[1], field + ".channels[1]");
            if (!g["g"])
                ctx.fail(g, field, "missing 'g' (the junction's conductance, e.g. 2 nS)");
            gap.g_uS = yaml::get_quantity(ctx, g["g"], field + ".g", Dimension::conductance);
            if (!(gap.g_uS >= 0))
                ctx.fail(g["g"], field + ".g", "must not be negative");
            if (const YAML::Node r = g["rectify"]) {
                const std::string how = yaml::get_string(ctx, r, field + ".rectify");
                if (how != "none" && how != "into_first" && how != "into_second")
                    ctx.fail(r, field + ".rectify",
                             "'" + how + "' is not none, into_first or into_second");
                gap.rectify = how == "into_first" ? 1 : how == "into_second" ? -1 : 0;
            }
            out.gaps.push_back(std::move(gap));
        }
    }
    if (const YAML::Node list = node["synapses"]) {
        if (!list.IsSequence())
            ctx.fail(list, f + ".synapses", "expected a list of synapses");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const YAML::Node s = list[i];
            const std::string field = at(f + ".synapses", i);
            yaml::check_keys(ctx, s, field, {"from", "to", "synapse", "weight"});
            for (const char* key : {"from", "to", "synapse"})
                if (!s[key])
                    ctx.fail(s, field,
                             std::string("missing '") + key +
                                 "' (a synapse placed on the live membrane, driven on channel "
                                 "'to' by the crossings of channel 'from')");
            ChannelSynapse syn;
            syn.from = channel_of(ctx, s["from"], field + ".from");
            syn.to = channel_of(ctx, s["to"], field + ".to");
            syn.synapse = yaml::get_string(ctx, s["synapse"], field + ".synapse");
            if (s["weight"])
                syn.weight = synapse_weight(ctx, s["weight"], field + ".weight");
            out.synapses.push_back(std::move(syn));
        }
    }
    return out;
}

}  // namespace

LiveMembraneConfig parse_live_membrane(const Context& ctx, const YAML::Node& node,
                                       const std::string& field) {
    if (!node.IsMap())
        ctx.fail(node, field, "expected a mapping with 'area' (and 'refractory')");
    LiveMembraneConfig c;
    if (!node["area"])
        ctx.fail(node, field, "missing 'area' (the living cell's membrane area, e.g. 3000 um2)");
    c.area_um2 = yaml::get_quantity(ctx, node["area"], field + ".area", Dimension::area);
    if (!(c.area_um2 > 0 && c.area_um2 <= 1e8))
        ctx.fail(node["area"], field + ".area", "must be in (0, 1e8] um2");
    if (node["refractory"]) {
        c.refractory_ms =
            yaml::get_quantity(ctx, node["refractory"], field + ".refractory", Dimension::time);
        if (!(c.refractory_ms >= 0))
            ctx.fail(node["refractory"], field + ".refractory", "must not be negative");
    }
    return c;
}

ClampConfig parse_dynamic_clamp(const Context& ctx, const YAML::Node& node, bool model_on_top) {
    const std::string f = "dynamic_clamp";
    if (!node.IsMap())
        ctx.fail(node, f, "expected a mapping");
    yaml::check_keys(ctx, node, f,
                     {"shared_memory", "wait_for_sample", "current_limit", "watchdog",
                      "live_membrane", "gap_junctions", "synapses", "between_channels"});
    ClampConfig c;
    if (node["shared_memory"]) {  // otherwise the samples come over ZeroMQ (io.inputs)
        c.shared_memory = yaml::get_string(ctx, node["shared_memory"], f + ".shared_memory");
        if (c.shared_memory.size() < 2 || c.shared_memory.size() > 200 ||
            c.shared_memory[0] != '/' || c.shared_memory.find('/', 1) != std::string::npos)
            ctx.fail(node["shared_memory"], f + ".shared_memory",
                     "'" + c.shared_memory + "' is not a POSIX shared-memory name: '/' and then " +
                         "up to 200 characters without '/'");
    }
    if (node["current_limit"]) {
        c.safety.current_limit_nA = yaml::get_quantity(ctx, node["current_limit"],
                                                       f + ".current_limit", Dimension::current);
        if (!(c.safety.current_limit_nA >= 0 && c.safety.current_limit_nA <= 1000))
            ctx.fail(node["current_limit"], f + ".current_limit", "must be in [0, 1000] nA");
    }
    if (node["watchdog"]) {
        const int n = yaml::get_int(ctx, node["watchdog"], f + ".watchdog");
        if (n < 0)
            ctx.fail(node["watchdog"], f + ".watchdog",
                     "must not be negative (steps without a new sample; 0 turns it off)");
        c.safety.watchdog_steps = static_cast<std::uint32_t>(n);
    }
    if (node["wait_for_sample"]) {
        const double ms = yaml::get_quantity(ctx, node["wait_for_sample"], f + ".wait_for_sample",
                                             Dimension::time);
        if (!(ms >= 0 && ms <= 60'000))
            ctx.fail(node["wait_for_sample"], f + ".wait_for_sample", "must be in [0, 60] s");
        c.safety.wait_for_sample_ns = static_cast<std::int64_t>(ms * 1e6);
    }
    const bool coupled = node["live_membrane"] || node["gap_junctions"] || node["synapses"];
    if (coupled && !model_on_top)
        ctx.fail(node, f,
                 "live_membrane, gap_junctions and synapses couple a model neuron to the living "
                 "cell; here the top level is itself the live membrane (give a morphology there "
                 "for a model neuron)");
    if (model_on_top) {
        if (!node["live_membrane"])
            ctx.fail(node, f,
                     "missing 'live_membrane' (the living cell's area, and what acts on it)");
        const YAML::Node l = node["live_membrane"];
        yaml::check_keys(ctx, l, f + ".live_membrane",
                         {"area", "refractory", "cell", "paint", "place", "probes"});
        c.live = parse_live_membrane(ctx, l, f + ".live_membrane");
        c.live->dynamics = parse_dynamics(ctx, l);
    }
    if (node["gap_junctions"])
        c.gaps = parse_gaps(ctx, node["gap_junctions"], f + ".gap_junctions");
    if (node["synapses"])
        c.synapses = parse_synapses(ctx, node["synapses"], f + ".synapses");
    if (const YAML::Node between = node["between_channels"]) {
        if (model_on_top)
            ctx.fail(between, f + ".between_channels",
                     "couples the channels of a live-membrane population at the top level; "
                     "here the top level is a model neuron");
        c.between_channels = parse_between_channels(ctx, between, f + ".between_channels");
    }
    return c;
}

ClampParts declare_clamp(const ClampConfig& c, Cell& cell, const std::string& source) {
    ClampParts parts;
    try {
        for (const auto& g : c.gaps)
            cell.place(g.where, Point{"Gap", g.name, {{"g", g.g_uS}, {"rectify", g.rectify}}});
        if (c.live) {
            CellOptions o = c.live->dynamics.options;
            o.live = LiveMembraneOptions{c.live->refractory_ms};
            o.name = "live";
            parts.live =
                std::make_unique<Cell>(live_membrane_morphology(c.live->area_um2, source), o);
            for (const auto& p : c.live->dynamics.paint)
                parts.live->paint(p.region, p.what);
            for (const auto& p : c.live->dynamics.place)
                parts.live->place(p.locset, p.what);
        }
        for (const auto& s : c.synapses) {
            if (s.onto_live)
                parts.live->bind_synapse_input(s.synapse, CellSpikes{&cell}, {s.weight});
            else
                cell.bind_synapse_input(s.synapse, CellSpikes{parts.live.get()}, {s.weight});
        }
    } catch (const InputError& e) {
        throw InputError(source + ": dynamic_clamp: " + e.what());
    }
    return parts;
}

void init_clamp(ClampParts& parts, const ClampConfig& c, Cell& cell, double dt_ms,
                const std::string& source) {
    try {
        std::vector<std::string> gaps;
        for (const auto& g : c.gaps)
            gaps.push_back(g.name);
        Cell* live = parts.live ? parts.live.get() : &cell;
        if (parts.live) {
            parts.live->set_dt(dt_ms);
            parts.live->init_state();
        }
        parts.clamp = std::make_unique<DynamicClamp>(*live, parts.live ? &cell : nullptr,
                                                     std::move(gaps), c.between_channels);
    } catch (const InputError& e) {
        throw InputError(source + ": dynamic_clamp: " + e.what());
    }
}

}  // namespace rtcell
