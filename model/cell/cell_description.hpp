#pragma once
// What can be painted on regions and placed at locsets of a Cell, and what an input binding
// reads. Plain values; Cell::init_state lowers them to runtime arrays.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "model/mechanisms/param_value.hpp"
#include "model/morph/morph_expr.hpp"

namespace rtcell {

class Cell;

// ---- Paintable -----------------------------------------------------------------------

// A density mechanism by catalogue name ("hh", "pas", "Na_HH1952", ...) with parameter
// overrides in kernel units. Painting a mechanism again on a CV that has it overrides the
// parameters given and keeps the others.
struct Density {
    std::string mechanism;
    std::map<std::string, ParamValue> params;
    // The ion instance(s) this mechanism belongs to. A pool painted with ion "ca_t" is that
    // instance (of the pool's species); a channel painted with ion "ca_t" binds the ion of that
    // instance's species it carries or is gated by to it. A calcium-activated potassium channel
    // may name both: "ca_t k_sh". Empty: each species' unnamed instance ("ca", "na", "k").
    // Several instances of a species may share a CV.
    std::string ion;

    Density(std::string mechanism_name, std::map<std::string, ParamValue> parameters = {},
            std::string ion_instance = {})
        : mechanism(std::move(mechanism_name)),
          params(std::move(parameters)),
          ion(std::move(ion_instance)) {}
};

// Cable properties of a region. Unset fields keep their earlier (or default) value.
struct CableSettings {
    std::optional<ParamValue> cm;       // µF/cm², default 1
    std::optional<ParamValue> Ra;       // Ω·cm, default 35.4
    std::optional<ParamValue> v_rest;   // mV, default −65: V_init when the cell's V_init is unset
    std::optional<ParamValue> celsius;  // °C, default 6.3 (NEURON's default temperature)
};

// The reversal potential of an ion on a region: sets the parameter "e<ion>" (ena, ek, eca,
// ...) of every channel there that has one, unless the channel's paint gave it explicitly.
// Either fixed (E), or by Nernst once at init_state from inner and outer concentrations at
// each CV's (and member's) temperature: Reversal::nernst("k", 140, 5). (Calcium with a pool
// painted follows the pool's Nernst potential every step instead.)
struct Reversal {
    std::string ion;  // "na", "k", "ca", "cl", ...
    ParamValue E;     // mV
    struct Concentrations {
        double inside_mM, outside_mM;
    };
    std::optional<Concentrations> nernst_from;  // set: E is computed, not given

    Reversal(std::string ion_name, ParamValue E_mV)
        : ion(std::move(ion_name)), E(std::move(E_mV)) {}
    static Reversal nernst(std::string ion, double inside_mM, double outside_mM) {
        Reversal r(std::move(ion), 0.0);
        r.nernst_from = Concentrations{inside_mM, outside_mM};
        return r;
    }
};

using Paintable = std::variant<Density, CableSettings, Reversal>;

// ---- Placeable -----------------------------------------------------------------------

// A point mechanism ("IClamp", "SineClamp", "ExpSyn", "Exp2Syn") under a unique instance
// name, one instance per location of the locset.
struct Point {
    std::string mechanism;
    std::string name;
    std::map<std::string, ParamValue> params;
    // IClamp only: several steps (delay, dur, amp) instead of the single one in params.
    struct Step {
        double delay_ms, dur_ms;
        ParamValue amp_nA;
    };
    std::vector<Step> steps{};
};

// A recorded quantity at each location of the locset: "v" (membrane potential, mV), a
// density mechanism state "hh.m", or a point mechanism's current "syn.i" (nA; recorded for
// every instance of that point mechanism, wherever the probe is placed).
struct Probe {
    std::string name;
    std::string quantity = "v";
};

using Placeable = std::variant<Point, Probe>;

// The rules a Cell collects while declaring, in the order given.
struct PaintRule {
    Region region;
    Paintable what;
};
struct PlaceRule {
    Locset locset;
    Placeable what;
};

// ---- Input bindings (bind_synapse_input) ------------------------------------------------

// Presynaptic drive for one step: a value per population member. Each non-zero value is
// delivered as an event of weight · value to every instance of the synapse.
// Explicit times, and/or NetStim's start/number/interval [ms] with its noise (0: regular,
// 1: Poisson): the first spike at start + noise·interval·E, each interval after it
// (1 − noise)·interval + noise·interval·E, E exponential with mean 1, `number` spikes in all.
// With noise > 0 every member draws its own train from its own stream of `seed`.
struct SpikeTrain {
    std::vector<double> times_ms;
    double start_ms = 0, interval_ms = 0;
    int number = 0;
    double noise = 0;  // 0–1
    std::uint64_t seed = 1;
};
// A Poisson train per member, each from its own stream of `seed`: at rate_hz from start_ms to
// stop_ms, or, when `rate` is given, inhomogeneous with the rate [Hz] linear between its
// (t_ms, rate_hz) points (zero before the first and after the last).
struct PoissonTrain {
    double rate_hz = 0;
    double start_ms = 0, stop_ms = 0;
    std::vector<std::pair<double, double>> rate;
    std::uint64_t seed = 1;
};
struct CellSpikes {  // another cell's cell-level spike output (read after it steps)
    const Cell* cell;
};
using StepFunction = std::function<void(double t_ms, std::span<double> per_member)>;
using InputSource = std::variant<double, StepFunction, SpikeTrain, CellSpikes, PoissonTrain>;
// Maps the source's per-member values to the synapse's members (same length).
using InputTransform = std::function<void(std::span<const double> in, std::span<double> out)>;

}  // namespace rtcell
