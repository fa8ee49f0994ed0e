#include "config/dynamics_config.hpp"

#include <algorithm>
#include <cmath>

#include "model/mechanisms/density_runtime.hpp"
#include "model/mechanisms/points/point_runtime.hpp"
#include "model/morph/label_parser.hpp"
#include "model/util/did_you_mean.hpp"
#include "model/util/input_error.hpp"
#include "model/util/model_limits.hpp"

namespace rtcell {
namespace {

using units::Dimension;
using yaml::Context;

std::string at(const std::string& field, std::size_t i) {
    return field + "[" + std::to_string(i) + "]";
}

// A random train's seed: a whole number in [0, 2^53] (default 1, so that a run reproduces).
std::uint64_t seed_of(const Context& ctx, const YAML::Node& node, const std::string& field) {
    if (!node)
        return 1;
    const double s = yaml::get_number(ctx, node, field);
    if (!(s >= 0 && s <= 9007199254740992.0) || s != std::floor(s))
        ctx.fail(node, field, "a seed is a whole number from 0 to 2^53");
    return static_cast<std::uint64_t>(s);
}

// poisson: {rate: 20 Hz, start: 0 ms, stop: 1 s, seed: 3}, or an inhomogeneous rate,
// {rate: [[0 ms, 0 Hz], [100 ms, 50 Hz], ...], seed: 3}, linear between its points.
PoissonTrain poisson_train(const Context& ctx, const YAML::Node& t, const std::string& tf) {
    yaml::check_keys(ctx, t, tf, {"rate", "start", "stop", "seed"});
    PoissonTrain p;
    p.seed = seed_of(ctx, t["seed"], tf + ".seed");
    const YAML::Node rate = t["rate"];
    if (rate && rate.IsSequence()) {
        if (t["start"] || t["stop"])
            ctx.fail(t, tf,
                     "a rate profile sets its own start and stop (its first and last times)");
        for (std::size_t k = 0; k < rate.size(); ++k) {
            const std::string pf = at(tf + ".rate", k);
            if (!rate[k].IsSequence() || rate[k].size() != 2)
                ctx.fail(rate[k], pf, "expected [time, rate], such as [100 ms, 20 Hz]");
            const double time = yaml::get_quantity(ctx, rate[k][0], pf + "[0]", Dimension::time);
            const double r = yaml::get_quantity(ctx, rate[k][1], pf + "[1]", Dimension::frequency);
            if (k > 0 && time < p.rate.back().first)
                ctx.fail(rate[k], pf,
                         "is earlier than the point before it; give them in time order");
            if (r < 0)
                ctx.fail(rate[k], pf, "a rate must not be negative");
            p.rate.emplace_back(time, r);
        }
        if (p.rate.empty())
            ctx.fail(rate, tf + ".rate", "an empty rate profile");
        return p;
    }
    p.rate_hz = yaml::get_quantity(ctx, rate, tf + ".rate", Dimension::frequency);
    p.start_ms =
        t["start"] ? yaml::get_quantity(ctx, t["start"], tf + ".start", Dimension::time) : 0;
    p.stop_ms = yaml::get_quantity(ctx, t["stop"], tf + ".stop", Dimension::time);
    if (p.rate_hz < 0)
        ctx.fail(rate, tf + ".rate", "a rate must not be negative");
    if (p.stop_ms < p.start_ms)
        ctx.fail(t["stop"], tf + ".stop", "is before start");
    return p;
}

double scalar(const Context& ctx, const YAML::Node& node, const std::string& field,
              const std::string& unit) {
    Dimension d;
    if (!units::dimension_of(unit, d))
        return yaml::get_number(ctx, node, field);
    return yaml::get_quantity(ctx, node, field, d);
}

// One value; a list (one per population member); {from, to} (linear across members); or
// {by_distance: [[distance, value], ...]} (piecewise linear in path distance from the root).
ParamValue param_value(const Context& ctx, const YAML::Node& node, const std::string& field,
                       const std::string& unit) {
    // A mechanism's own temperature may be "region": its region's temperature.
    if (unit == "degC" && node.IsScalar() && node.Scalar() == "region")
        return ParamValue::region_temperature();
    if (node.IsSequence()) {
        std::vector<double> values;
        for (std::size_t i = 0; i < node.size(); ++i)
            values.push_back(scalar(ctx, node[i], at(field, i), unit));
        if (values.empty())
            ctx.fail(node, field, "an empty list");
        return ParamValue::per_member(values);
    }
    if (node.IsMap()) {
        yaml::check_keys(ctx, node, field, {"from", "to", "by_distance"});
        if (node["by_distance"]) {
            const YAML::Node table = node["by_distance"];
            std::vector<std::pair<double, double>> points;
            if (!table.IsSequence() || table.size() == 0)
                ctx.fail(table, field + ".by_distance", "expected [[distance, value], ...]");
            for (std::size_t i = 0; i < table.size(); ++i) {
                const std::string f = at(field + ".by_distance", i);
                if (!table[i].IsSequence() || table[i].size() != 2)
                    ctx.fail(table[i], f, "expected [distance, value]");
                points.push_back(
                    {yaml::get_quantity(ctx, table[i][0], f + "[0]", Dimension::length),
                     scalar(ctx, table[i][1], f + "[1]", unit)});
            }
            std::sort(points.begin(), points.end());
            return ParamValue::by_distance(
                [points](double x) {
                    if (x <= points.front().first)
                        return points.front().second;
                    for (std::size_t k = 1; k < points.size(); ++k)
                        if (x <= points[k].first) {
                            const auto [x0, y0] = points[k - 1];
                            const auto [x1, y1] = points[k];
                            return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
                        }
                    return points.back().second;
                },
                "by_distance");
        }
        if (!node["from"] || !node["to"])
            ctx.fail(node, field, "a linear range needs 'from' and 'to'");
        return ParamValue::linear_range(scalar(ctx, node["from"], field + ".from", unit),
                                        scalar(ctx, node["to"], field + ".to", unit));
    }
    return scalar(ctx, node, field, unit);
}

std::map<std::string, ParamValue> params_of(const Context& ctx, const YAML::Node& node,
                                            const std::string& field, const MechanismSpec& spec) {
    std::map<std::string, ParamValue> out;
    if (!node)
        return out;
    if (!node.IsMap())
        ctx.fail(node, field, "expected name: value pairs");
    for (const auto& kv : node) {
        const std::string name = yaml::key_of(ctx, kv.first, field);
        const ParamSpec* p = spec.find_param(name);
        if (!p) {
            std::vector<std::string> names;
            for (const auto& s : spec.params)
                names.push_back(s.name);
            ctx.fail(kv.first, field,
                     "mechanism '" + spec.name + "' has no parameter '" + name + "'" +
                         did_you_mean(name, names));
        }
        out[name] = param_value(ctx, kv.second, field + "." + name, p->unit);
    }
    return out;
}

Region region_of(const Context& ctx, const YAML::Node& node, const std::string& field) {
    if (!node)
        ctx.fail(node, field, "missing 'region'");
    try {
        return parse_region(yaml::get_string(ctx, node, field));
    } catch (const InputError& e) {
        ctx.fail(node, field, e.what());
    }
}

Locset locset_of(const Context& ctx, const YAML::Node& node, const std::string& field) {
    if (!node)
        ctx.fail(node, field, "missing 'locset'");
    try {
        return parse_locset(yaml::get_string(ctx, node, field));
    } catch (const InputError& e) {
        ctx.fail(node, field, e.what());
    }
}

template <class Specs>
const MechanismSpec& spec_of(const Context& ctx, const YAML::Node& node, const std::string& field,
                             const Specs& specs) {
    const std::string name = yaml::get_string(ctx, node, field);
    for (const auto& s : specs)
        if (s.name == name)
            return s;
    std::vector<std::string> names;
    for (const auto& s : specs)
        names.push_back(s.name);
    ctx.fail(node, field, "unknown mechanism '" + name + "'" + did_you_mean(name, names));
}

void parse_paint(const Context& ctx, const YAML::Node& list, DynamicsConfig& out) {
    if (!list)
        return;
    if (!list.IsSequence())
        ctx.fail(list, "paint", "expected a list of rules");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const YAML::Node item = list[i];
        const std::string field = at("paint", i);
        yaml::check_keys(ctx, item, field,
                         {"region", "mechanism", "params", "ion", "cable", "reversal"});
        const Region region = region_of(ctx, item["region"], field + ".region");
        const int kinds = !!item["mechanism"] + !!item["cable"] + !!item["reversal"];
        if (kinds != 1)
            ctx.fail(item, field, "give exactly one of 'mechanism', 'cable' or 'reversal'");
        if (item["mechanism"]) {
            const MechanismSpec& spec =
                spec_of(ctx, item["mechanism"], field + ".mechanism", density_specs());
            // ion: the ion instance a pool is, or the instance(s) a channel binds to: one name
            // or a list ([ca_t, k_ahp]), kept as Density::ion's space-separated names.
            std::string ion;
            if (const YAML::Node ions = item["ion"]; ions && ions.IsSequence()) {
                for (std::size_t k = 0; k < ions.size(); ++k)
                    ion += (k ? " " : "") + yaml::get_string(ctx, ions[k], at(field + ".ion", k));
            } else if (ions) {
                ion = yaml::get_string(ctx, ions, field + ".ion");
            }
            out.paint.push_back(
                {region,
                 Density{spec.name, params_of(ctx, item["params"], field + ".params", spec), ion}});
        } else if (item["cable"]) {
            const YAML::Node c = item["cable"];
            const std::string cf = field + ".cable";
            yaml::check_keys(ctx, c, cf, {"cm", "Ra", "v_rest", "temperature"});
            CableSettings s;
            if (c["cm"])
                s.cm = param_value(ctx, c["cm"], cf + ".cm", "uF/cm2");
            if (c["Ra"])
                s.Ra = param_value(ctx, c["Ra"], cf + ".Ra", "ohm*cm");
            if (c["v_rest"])
                s.v_rest = param_value(ctx, c["v_rest"], cf + ".v_rest", "mV");
            if (c["temperature"]) {
                s.celsius = param_value(ctx, c["temperature"], cf + ".temperature", "degC");
                if (s.celsius->is_region_temperature())
                    ctx.fail(c["temperature"], cf + ".temperature",
                             "'region' is for a mechanism's own temperature; give a value");
            }
            out.paint.push_back({region, s});
        } else {
            const YAML::Node r = item["reversal"];
            const std::string rf = field + ".reversal";
            yaml::check_keys(ctx, r, rf, {"ion", "E", "inside", "outside"});
            const std::string ion = yaml::get_string(ctx, r["ion"], rf + ".ion");
            if (r["E"] && !r["inside"] && !r["outside"]) {
                out.paint.push_back(
                    {region, Reversal{ion, param_value(ctx, r["E"], rf + ".E", "mV")}});
            } else if (!r["E"] && r["inside"] && r["outside"]) {
                if (ion != "na" && ion != "k" && ion != "ca" && ion != "cl")
                    ctx.fail(
                        r["ion"], rf + ".ion",
                        "Nernst needs a known valence (na, k, ca, cl); give E for '" + ion + "'");
                // Nernst once at init from the concentrations, at the region's temperature.
                out.paint.push_back(
                    {region, Reversal::nernst(ion,
                                              yaml::get_quantity(ctx, r["inside"], rf + ".inside",
                                                                 Dimension::concentration),
                                              yaml::get_quantity(ctx, r["outside"], rf + ".outside",
                                                                 Dimension::concentration))});
            } else {
                ctx.fail(r, rf, "give either 'E' or both 'inside' and 'outside' concentrations");
            }
        }
    }
}

void parse_place(const Context& ctx, const YAML::Node& list, DynamicsConfig& out) {
    if (!list)
        return;
    if (!list.IsSequence())
        ctx.fail(list, "place", "expected a list of rules");
    std::vector<std::string> names;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const YAML::Node item = list[i];
        const std::string field = at("place", i);
        yaml::check_keys(ctx, item, field, {"locset", "mechanism", "name", "params", "steps"});
        const Locset locset = locset_of(ctx, item["locset"], field + ".locset");
        const MechanismSpec& spec =
            spec_of(ctx, item["mechanism"], field + ".mechanism", point_specs());
        Point p{spec.name,
                yaml::get_string(ctx, item["name"], field + ".name"),
                params_of(ctx, item["params"], field + ".params", spec),
                {}};
        if (std::find(names.begin(), names.end(), p.name) != names.end())
            ctx.fail(item["name"], field + ".name", "'" + p.name + "' is already placed");
        names.push_back(p.name);
        if (item["steps"]) {
            if (spec.name != "IClamp")
                ctx.fail(item["steps"], field + ".steps", "only IClamp takes steps");
            const YAML::Node steps = item["steps"];
            for (std::size_t k = 0; k < steps.size(); ++k) {
                const std::string sf = at(field + ".steps", k);
                yaml::check_keys(ctx, steps[k], sf, {"delay", "dur", "amp"});
                p.steps.push_back(
                    {yaml::get_quantity(ctx, steps[k]["delay"], sf + ".delay", Dimension::time),
                     yaml::get_quantity(ctx, steps[k]["dur"], sf + ".dur", Dimension::time),
                     param_value(ctx, steps[k]["amp"], sf + ".amp", "nA")});
            }
        }
        out.place.push_back({locset, p});
    }
}

void parse_probes(const Context& ctx, const YAML::Node& list, DynamicsConfig& out) {
    if (!list)
        return;
    if (!list.IsSequence())
        ctx.fail(list, "probes", "expected a list of probes");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const YAML::Node item = list[i];
        const std::string field = at("probes", i);
        yaml::check_keys(ctx, item, field, {"name", "locset", "quantity"});
        const Locset locset =
            item["locset"] ? locset_of(ctx, item["locset"], field + ".locset") : ls::root();
        out.place.push_back(
            {locset,
             Probe{yaml::get_string(ctx, item["name"], field + ".name"),
                   item["quantity"] ? yaml::get_string(ctx, item["quantity"], field + ".quantity")
                                    : "v"}});
    }
}

void parse_inputs(const Context& ctx, const YAML::Node& list, DynamicsConfig& out) {
    if (!list)
        return;
    if (!list.IsSequence())
        ctx.fail(list, "inputs", "expected a list of bindings");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const YAML::Node item = list[i];
        const std::string field = at("inputs", i);
        yaml::check_keys(
            ctx, item, field,
            {"synapse", "weight", "spike_times", "spike_train", "poisson", "constant"});
        InputItem in;
        in.synapse = yaml::get_string(ctx, item["synapse"], field + ".synapse");
        // Each synapse's spec gives its event weight's unit: conductances [µS] (ExpSyn,
        // Exp2Syn), or plain numbers scaling the transmitter drive (the kinetic synapses).
        bool kinetic = false;
        for (const auto& p : out.place)
            if (const auto* pt = std::get_if<Point>(&p.what); pt && pt->name == in.synapse)
                if (const MechanismSpec* s = find_point_spec(pt->mechanism))
                    kinetic = s->event_weight_unit == "1";
        auto weight = [&](const YAML::Node& node, const std::string& name) {
            return kinetic ? yaml::get_number(ctx, node, name)
                           : yaml::get_quantity(ctx, node, name, Dimension::conductance);
        };
        const YAML::Node w = item["weight"];
        if (!w)
            in.weight = {1.0};
        else if (w.IsSequence())
            for (std::size_t k = 0; k < w.size(); ++k)
                in.weight.push_back(weight(w[k], at(field + ".weight", k)));
        else
            in.weight = {weight(w, field + ".weight")};
        const int kinds =
            !!item["spike_times"] + !!item["spike_train"] + !!item["poisson"] + !!item["constant"];
        if (kinds != 1)
            ctx.fail(item, field,
                     "give exactly one source: spike_times, spike_train, poisson or constant");
        if (item["spike_times"]) {
            SpikeTrain train;
            const YAML::Node t = item["spike_times"];
            if (!t.IsSequence())
                ctx.fail(t, field + ".spike_times", "expected a list of times");
            for (std::size_t k = 0; k < t.size(); ++k)
                train.times_ms.push_back(
                    yaml::get_quantity(ctx, t[k], at(field + ".spike_times", k), Dimension::time));
            in.source = train;
        } else if (item["spike_train"]) {
            const YAML::Node t = item["spike_train"];
            const std::string tf = field + ".spike_train";
            yaml::check_keys(ctx, t, tf, {"start", "interval", "number", "noise", "seed"});
            SpikeTrain train;
            train.start_ms = yaml::get_quantity(ctx, t["start"], tf + ".start", Dimension::time);
            train.interval_ms =
                yaml::get_quantity(ctx, t["interval"], tf + ".interval", Dimension::time);
            train.number = yaml::get_int(ctx, t["number"], tf + ".number");
            if (train.number < 0 || train.interval_ms < 0)
                ctx.fail(t, tf, "number and interval must not be negative");
            if (t["noise"]) {
                train.noise = yaml::get_number(ctx, t["noise"], tf + ".noise");
                if (!(train.noise >= 0 && train.noise <= 1))
                    ctx.fail(t["noise"], tf + ".noise",
                             "must be in [0, 1] (0: regular, 1: Poisson), as NetStim's noise");
            }
            train.seed = seed_of(ctx, t["seed"], tf + ".seed");
            in.source = train;
        } else if (item["poisson"]) {
            in.source = poisson_train(ctx, item["poisson"], field + ".poisson");
        } else {
            in.source = yaml::get_number(ctx, item["constant"], field + ".constant");
        }
        out.inputs.push_back(std::move(in));
    }
}

}  // namespace

DynamicsConfig parse_dynamics(const Context& ctx, const YAML::Node& root, std::size_t) {
    DynamicsConfig out;
    if (const YAML::Node pop = root["population"]) {
        yaml::check_keys(ctx, pop, "population", {"size"});
        const YAML::Node size = pop["size"];
        if (size.IsSequence()) {
            for (std::size_t k = 0; k < size.size(); ++k) {
                const int n = yaml::get_int(ctx, size[k], at("population.size", k));
                if (n < 1)
                    ctx.fail(size[k], at("population.size", k), "must be at least 1");
                out.options.pop_size.push_back(static_cast<std::size_t>(n));
            }
        } else {
            const int n = yaml::get_int(ctx, size, "population.size");
            if (n < 1)
                ctx.fail(size, "population.size", "must be at least 1");
            out.options.pop_size = {static_cast<std::size_t>(n)};
        }
    }
    if (const YAML::Node cell = root["cell"]) {
        yaml::check_keys(ctx, cell, "cell",
                         {"V_init", "V_th", "solver", "detector", "temperature",
                          "cache_ion_total_current", "ion_channel_update_order"});
        if (cell["cache_ion_total_current"])
            out.options.cache_ion_total_current = yaml::get_bool(
                ctx, cell["cache_ion_total_current"], "cell.cache_ion_total_current");
        if (cell["ion_channel_update_order"]) {
            const std::string order = yaml::get_string(ctx, cell["ion_channel_update_order"],
                                                       "cell.ion_channel_update_order");
            if (order != "family" && order != "integration")
                ctx.fail(
                    cell["ion_channel_update_order"], "cell.ion_channel_update_order",
                    "'" + order + "' is not family or integration" +
                        did_you_mean(order, std::vector<std::string>{"family", "integration"}));
            out.options.ion_channel_update_order = order;
        }
        if (cell["V_init"])
            out.options.V_init =
                yaml::get_quantity(ctx, cell["V_init"], "cell.V_init", Dimension::voltage);
        if (cell["V_th"])
            out.options.V_th =
                yaml::get_quantity(ctx, cell["V_th"], "cell.V_th", Dimension::voltage);
        if (cell["solver"]) {
            out.options.solver = yaml::get_string(ctx, cell["solver"], "cell.solver");
            if (out.options.solver != "staggered" && out.options.solver != "crank_nicolson")
                ctx.fail(cell["solver"], "cell.solver",
                         "unknown solver '" + out.options.solver + "'" +
                             did_you_mean(out.options.solver,
                                          std::vector<std::string>{"staggered", "crank_nicolson"}));
        }
        if (cell["detector"])
            out.options.detector = locset_of(ctx, cell["detector"], "cell.detector");
        if (cell["temperature"]) {
            CableSettings s;
            s.celsius = param_value(ctx, cell["temperature"], "cell.temperature", "degC");
            out.paint.push_back({reg::all(), s});
        }
    }
    parse_paint(ctx, root["paint"], out);
    parse_place(ctx, root["place"], out);
    parse_probes(ctx, root["probes"], out);
    parse_inputs(ctx, root["inputs"], out);
    out.simulation = parse_simulation(ctx, root["simulation"]);
    return out;
}

SimulationSettings parse_simulation(const yaml::Context& ctx, const YAML::Node& sim) {
    SimulationSettings out;
    if (!sim)
        return out;
    yaml::check_keys(ctx, sim, "simulation", {"dt", "duration", "record_every"});
    if (sim["dt"])
        out.dt_ms = yaml::get_quantity(ctx, sim["dt"], "simulation.dt", Dimension::time);
    if (sim["duration"])
        out.duration_ms =
            yaml::get_quantity(ctx, sim["duration"], "simulation.duration", Dimension::time);
    if (sim["record_every"])
        out.record_every = yaml::get_int(ctx, sim["record_every"], "simulation.record_every");
    if (!(out.dt_ms >= kMinDt_ms && out.dt_ms <= kMaxDt_ms))
        ctx.fail(sim["dt"], "simulation.dt", "must be in [1e-6, 1000] ms");
    if (!(out.duration_ms >= 0))
        ctx.fail(sim["duration"], "simulation.duration", "must not be negative");
    if (out.record_every < 1)
        ctx.fail(sim["record_every"], "simulation.record_every", "must be at least 1");
    return out;
}

}  // namespace rtcell
