#pragma once
// The NEURON and Rallpack comparisons every validation test makes, with the tolerances of
// shared/reference/README.md. A scenario runs as its configuration says, or as a Variant: the
// same configuration with some mechanisms replaced by same-named ones from a catalogue built
// from NMODL files (tests/validation/test_nmodl_validation.cpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "config/cell_sections.hpp"
#include "config/model_config.hpp"
#include "model/mechanisms/loaded/catalogue_loader.hpp"
#include "support/test_data.hpp"
#include "support/trace_compare.hpp"

namespace rtcell::test {

// Every mechanism of `catalogue` (loaded under `prefix`) that the scenario paints, places or
// probes is used in place of the built-in of its name.
// Parameters the .mod files name differently (braincell's T is NMODL's temp) are renamed
// as `params` says, wherever they are set.
struct Variant {
    std::string catalogue, prefix;
    std::vector<std::pair<std::string, std::string>> params = {};
};

// `params` renamed (or dropped, when renamed to "") inside each list item ("  - ..." and the
// lines indented under it) that names a mechanism starting with `prefix`; a rule "Mech:param"
// applies to items of that mechanism only, and before the general rules.
inline std::string rename_params(const std::string& text, const std::string& prefix,
                                 const std::vector<std::pair<std::string, std::string>>& params) {
    std::vector<std::string> items{""};
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("  - ", 0) == 0 || (!line.empty() && line[0] != ' '))
            items.emplace_back();
        items.back() += line + "\n";
    }
    std::string out;
    const std::regex mechanism_of("mechanism: " + prefix + "(\\w+)");
    for (auto& item : items) {
        std::smatch m;
        if (std::regex_search(item, m, mechanism_of)) {
            const std::string mech = m[1];
            auto rename = [&](const std::string& from, const std::string& to) {
                item = to.empty()  // dropped: a built-in's option the .mod file has no use for
                           ? std::regex_replace(item, std::regex(",? *\\b" + from + ": [^,}]*"), "")
                           : std::regex_replace(item, std::regex("([{ ,])" + from + ": "),
                                                "$1" + to + ": ");
            };
            // "Mech:param" rules first, for that mechanism only; then the general ones.
            std::vector<std::string> done;
            for (const auto& [from, to] : params)
                if (from.rfind(mech + ":", 0) == 0) {
                    rename(from.substr(mech.size() + 1), to);
                    done.push_back(from.substr(mech.size() + 1));
                }
            for (const auto& [from, to] : params)
                if (from.find(':') == std::string::npos &&
                    std::find(done.begin(), done.end(), from) == done.end())
                    rename(from, to);
        }
        out += item;
    }
    return out;
}

// The scenario's configuration; with a variant, its text rewritten — "mechanism: X" and
// "quantity: X." become "mechanism: <prefix>X" and "quantity: <prefix>X." for each X of the
// catalogue — and read as if from the scenario's own file.
inline ModelConfig scenario_model(const std::string& scenario, const Variant* variant) {
    const std::string path = scenario_config(scenario);
    if (!variant)
        return load_model_config(path);
    std::string text = read_config_file(path);
    load_catalogue(variant->catalogue, variant->prefix);
    for (const auto& name : inspect_catalogue(variant->catalogue).mechanisms) {
        text = std::regex_replace(text, std::regex("(mechanism: )" + name + "\\b"),
                                  "$1" + variant->prefix + name);
        text = std::regex_replace(text, std::regex("(quantity: )" + name + "\\."),
                                  "$1" + variant->prefix + name + ".");
    }
    if (!variant->params.empty())
        text = rename_params(text, variant->prefix, variant->params);
    return parse_model_config(text, path);
}

inline Traces simulate(const std::string& scenario, const Variant* variant = nullptr) {
    const ModelConfig cfg = scenario_model(scenario, variant);
    Cell cell = build_cell(cfg);
    const auto& sim = cfg.dynamics.simulation;
    return cell.run(sim.dt_ms, sim.duration_ms, sim.record_every);
}

// NEURON traces: every voltage column max |ΔV| ≤ 0.05 mV and mean ≤ 0.005 mV; the same
// spikes, each within 0.01 ms; gates max |Δ| ≤ 1e-4.
inline void check_against_neuron(const std::string& scenario,
                                 const std::vector<std::string>& voltages,
                                 const std::vector<std::string>& others = {},
                                 const Variant* variant = nullptr) {
    const Traces out = simulate(scenario, variant);
    const Series ref = read_csv(neuron_scenario(scenario, "trace.csv"));
    REQUIRE(out.t_ms.size() == ref.t.size());
    for (const auto& name : voltages) {
        INFO(scenario << " column " << name);
        const auto& cand = out.column(name);
        const auto d = compare(ref.t, ref.columns.at(name), out.t_ms, cand);
        CHECK(d.max_abs <= 0.05);
        CHECK(d.mean_abs <= 0.005);
        const auto spikes_ref = crossings(ref.t, ref.columns.at(name), 0.0);
        const auto spikes = crossings(out.t_ms, cand, 0.0);
        REQUIRE(spikes.size() == spikes_ref.size());
        for (std::size_t k = 0; k < spikes.size(); ++k)
            CHECK(std::fabs(spikes[k] - spikes_ref[k]) <= 0.01);
    }
    for (const auto& name : others) {
        INFO(scenario << " column " << name);
        const auto d = compare(ref.t, ref.columns.at(name), out.t_ms, out.column(name));
        CHECK(d.max_abs <= 1e-4);
    }
}

inline void check_rallpack(const std::string& scenario, const std::string& ref_file,
                           const std::string& column, const Variant* variant = nullptr) {
    const Traces out = simulate(scenario, variant);
    const Series ref = read_rallpack(validation("rallpack/reference/" + ref_file));
    const auto d = compare(ref.t, ref.columns.at("v"), out.t_ms, out.column(column));
    INFO(scenario << " " << column << " rallpack_pct " << d.rallpack_pct);
    CHECK(d.compared >= 5000);
    CHECK(d.rallpack_pct <= 0.02);
}

// Ion pool columns. Concentrations compare row by row (largest relative difference); Nernst
// potentials and total currents one row apart (largest absolute difference): NEURON records
// at t the value the step that ended at t used, rtcell's probe at t holds the value taken at t
// for the next step — the same numbers, one row apart.
inline double max_rel_same_row(const Traces& out, const Series& ref, const std::string& name) {
    double worst = 0;
    for (std::size_t k = 0; k < ref.t.size(); ++k)
        worst = std::max(worst, std::fabs(out.column(name)[k] - ref.columns.at(name)[k]) /
                                    std::fabs(ref.columns.at(name)[k]));
    return worst;
}
inline double max_abs_one_row_apart(const Traces& out, const Series& ref, const std::string& name) {
    double worst = 0;
    for (std::size_t k = 1; k < ref.t.size(); ++k)
        worst = std::max(worst, std::fabs(out.column(name)[k - 1] - ref.columns.at(name)[k]));
    return worst;
}

// A scenario's calcium pool: cai within 1e−4 relative, ica within 1e−6 mA/cm².
inline void check_calcium_pool(const std::string& scenario, const Variant* variant = nullptr) {
    const Traces out = simulate(scenario, variant);
    const Series ref = read_csv(neuron_scenario(scenario, "trace.csv"));
    CHECK(max_rel_same_row(out, ref, "cai") <= 1e-4);
    CHECK(max_abs_one_row_apart(out, ref, "ica") <= 1e-6);
}

}  // namespace rtcell::test
