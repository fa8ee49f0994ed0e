#include "tools/bench_command.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iomanip>
#include <memory>
#include <ostream>
#include <sstream>

#include "config/units.hpp"
#include "model/cell/cell.hpp"
#include "model/mechanisms/loaded/catalogue_loader.hpp"
#include "model/util/input_error.hpp"
#include "tools/clamp/clamp_bench.hpp"
#include "tools/cli/arguments.hpp"
#include "tools/network/network_bench.hpp"
#include "tools/nmodl/nmodl_build.hpp"
#include "tools/run_command.hpp"
#include "tools/soak_bench.hpp"
#include "tools/zmq_bench.hpp"

#include <unistd.h>

#include <filesystem>
#include <map>

namespace rtcell::tools {

const char* const bench_help =
    "usage: rtcell bench [--json] [--no-neuron] [--quick]\n"
    "                    [--realtime | --zmq | --clamp [--duration T] | --network | --soak T]\n"
    "\n"
    "Steps a fixed set of models as fast as possible (single thread, double precision) and\n"
    "prints ns per CV-step and steps per second for each. Where python3-neuron is installed,\n"
    "the same models run in NEURON in the same invocation (tools/neuron_bench.py) and the\n"
    "table shows NEURON's time and the speed-up.\n"
    "\n"
    "  hh_cable        Rallpack 1 geometry (1000 um x 1 um), 1000 CVs, hh everywhere, dt 0.025 ms\n"
    "  passive_cable   the same cable with pas (Rallpack 1), dt 0.05 ms\n"
    "  hh_compartment  one HH compartment: the fixed cost of a step\n"
    "  population      100 ball-and-stick cells (HH soma + 21-CV passive dendrite) as one "
    "population\n"
    "  calcium_cable   the cable with 200 CVs, each with hh, CaT_HM1992, a CalciumDetailed pool,\n"
    "                  AHP_De1994 and HCN_HM1992 (NEURON side needs neuron-dev for nrnivmodl)\n"
    "  hh_cable.mod, calcium_cable.mod   the same two with their mechanisms from .mod files,\n"
    "                  built now by `rtcell nmodl build`; 'vs built-in' is their time over the\n"
    "                  built-in mechanisms' (the NEURON column is NEURON on the same model)\n"
    "\n"
    "  --json       one JSON object per model instead of the table\n"
    "  --no-neuron  skip NEURON\n"
    "  --quick      fewer steps (for smoke tests; noisier)\n"
    "  --zmq        instead: ZeroMQ latency over tcp and ipc (event in -> spike out, value in\n"
    "               -> frame out, next to a bare ZeroMQ round trip; what rtcell adds with 95 %\n"
    "               intervals) and streaming 500 probes at 20 kHz\n"
    "  --clamp      instead: the shared-memory dynamic clamp's round trip (sample in ->\n"
    "               command out) at 20 and 40 kHz next to the bare transport and the empty\n"
    "               loop, then late samples from a bridge paced at 20 kHz for --duration\n"
    "               (default 10 s; the target is measured over 10 min)\n"
    "  --network    instead: a network of ball-and-sticks with 10 random inputs each (delays\n"
    "               1-5 ms) on 1 and 2 threads at 100, 400 and 1000 cells, and NEURON on the\n"
    "               100-cell network with the same connections\n"
    "  --realtime   instead: the default model in real time for 10 s next to the empty loop\n"
    "               (the platform's floor) for 10 s, as rtcell run reports them; then\n"
    "               networks of the default cell of growing size on 1 and 2 threads, 2 s\n"
    "               each: the largest with zero overruns and the largest that fits\n"
    "  --soak T     instead: the default model in real time for T (e.g. 1h) with an input\n"
    "               sender, a subscriber and control requests; reports steps against wall\n"
    "               time, memory at start and end, and every drop and overrun\n";

namespace {

struct Model {
    std::string name;
    std::function<Cell()> build;
    double dt_ms;
    long steps;
    // The NMODL models: the built-in model they repeat with mechanisms from .mod files, whose
    // NEURON run they are compared with too; empty for the others.
    std::string twin = {};
};

Morphology cable() {
    Branch b{"cable", BranchType::basal_dendrite,
             3,       -1,
             1.0,     {{0, 0, 0, Diameter{1}}, {1000, 0, 0, Diameter{1}}},
             {}};
    return Morphology({b}, "cable");
}

Morphology ball_and_stick() {
    Branch soma{
        "soma", BranchType::soma, 1, -1, 1.0, {{0, 0, 0, Diameter{20}}, {20, 0, 0, Diameter{20}}},
        {}};
    Branch dend{"dend", BranchType::basal_dendrite,
                3,      0,
                1.0,    {{20, 0, 0, Diameter{1}}, {220, 0, 0, Diameter{1}}},
                {}};
    return Morphology({soma, dend}, "ball_and_stick");
}

// The hh cable with hh under the name `hh` (the built-in, or one from a catalogue).
Cell hh_cable(const std::string& hh) {
    CellOptions o;
    o.cv_policy = CvPolicy::fixed_per_branch(1000);
    o.V_init = -65;
    Cell c(cable(), o);
    c.paint(reg::all(), CableSettings{1.0, 100.0, {}, 6.3}, Density{hh, {}});
    c.place(ls::location(0, 0.0), Point{"IClamp", "stim", {{"dur", 1e9}, {"amp", 0.1}}, {}});
    return c;
}

// The calcium cable with its mechanisms' names prefixed by `p` ("" for the built-ins). A pool
// from NMODL takes NEURON's celsius (the cell's 6.3 °C) for its Nernst potential, as the
// built-in pool's T says here.
Cell calcium_cable(const std::string& p) {
    CellOptions o;
    o.cv_policy = CvPolicy::fixed_per_branch(200);
    o.V_init = -65;
    Cell c(cable(), o);
    std::map<std::string, ParamValue> pool;
    if (p.empty())
        pool = {{"T", 6.3}};
    c.paint(reg::all(), CableSettings{1.0, 100.0, {}, 6.3},
            Density{p.empty() ? "hh" : p + "hh", {}},
            Density{p + "CaT_HM1992", {{"g_max", 0.01}, {"V_sh", 25.0}}},
            Density{p + "CalciumDetailed", pool}, Density{p + "AHP_De1994", {}},
            Density{p + "HCN_HM1992", {{"g_max", 1e-4}, {"E", -43.0}}});
    c.place(ls::location(0, 0.0), Point{"IClamp", "stim", {{"dur", 1e9}, {"amp", 0.1}}, {}});
    return c;
}

std::vector<Model> models(bool quick) {
    const long scale = quick ? 10 : 1;
    return {
        {"hh_cable", [] { return hh_cable("hh"); }, 0.025, 4000 / scale},
        {"passive_cable",
         [] {
             CellOptions o;
             o.cv_policy = CvPolicy::fixed_per_branch(1000);
             o.V_init = -65;
             Cell c(cable(), o);
             c.paint(reg::all(), CableSettings{1.0, 100.0, {}, 6.3},
                     Density{"pas", {{"g", 2.5e-5}, {"e", -65.0}}});
             c.place(ls::location(0, 0.0),
                     Point{"IClamp", "stim", {{"dur", 1e9}, {"amp", 0.1}}, {}});
             return c;
         },
         0.05, 5000 / scale},
        {"hh_compartment",
         [] {
             CellOptions o;
             o.V_init = -65;
             Branch soma{"soma", BranchType::soma,
                         1,      -1,
                         1.0,    {{0, 0, 0, Diameter{20}}, {20, 0, 0, Diameter{20}}},
                         {}};
             Cell c(Morphology({soma}, "soma"), o);
             c.paint(reg::all(), Density{"hh", {}});
             c.place(ls::location(0, 0.5),
                     Point{"IClamp", "stim", {{"delay", 5.0}, {"dur", 1e9}, {"amp", 0.15}}, {}});
             return c;
         },
         0.025, 400000 / scale},
        {"population",
         [] {
             CellOptions o;
             o.pop_size = {100};
             o.V_init = -65;
             o.cv_policy = CvPolicy::explicit_counts({{"soma", 1}, {"dend", 21}});
             Cell c(ball_and_stick(), o);
             c.paint(reg::all(), CableSettings{1.0, 100.0, {}, 6.3});
             c.paint(reg::tag(1), Density{"hh", {}});
             c.paint(reg::tag(3), Density{"pas", {{"g", 0.001}, {"e", -65.0}}});
             c.place(
                 ls::location("soma", 0.5),
                 Point{"IClamp",
                       "stim",
                       {{"delay", 5.0}, {"dur", 1e9}, {"amp", ParamValue::linear_range(0.1, 0.3)}},
                       {}});
             return c;
         },
         0.025, 2000 / scale},
        {"calcium_cable", [] { return calcium_cable(""); }, 0.025, 4000 / scale},
    };
}

// The hh cable and the calcium cable again with their mechanisms from .mod files (rtcell's
// own hh.mod and the validation's transcriptions), compiled now by `rtcell nmodl build`;
// none, with a note on `err`, where that fails (no C++ compiler).
std::vector<Model> nmodl_models(bool quick, std::ostream& err) {
    const std::string src = RTCELL_SOURCE_DIR "/tests/validation/";
    const std::string so = (std::filesystem::temp_directory_path() /
                            ("rtcell-bench-" + std::to_string(getpid())) / "bench_mods.so")
                               .string();
    std::ostringstream log;
    try {
        nmodl::BuildRequest request;
        request.mod_files = {src + "nmodl/mod/hh.mod", src + "neuron/mod/CaT_HM1992.mod",
                             src + "neuron/mod/CalciumDetailed.mod",
                             src + "neuron/mod/AHP_De1994.mod", src + "neuron/mod/HCN_HM1992.mod"};
        request.output = so;
        nmodl::build_catalogue(request, log);
        load_catalogue(so, "nmodl_");
    } catch (const InputError& e) {
        err << "(the NMODL models are left out: " << e.what() << ")\n";
        return {};
    }
    std::filesystem::remove_all(std::filesystem::path(so).parent_path());
    const long scale = quick ? 10 : 1;
    return {
        {"hh_cable.mod", [] { return hh_cable("nmodl_hh"); }, 0.025, 4000 / scale, "hh_cable"},
        {"calcium_cable.mod", [] { return calcium_cable("nmodl_"); }, 0.025, 4000 / scale,
         "calcium_cable"},
    };
}

struct Result {
    std::string name;
    std::size_t cvs = 0, members = 0, bytes = 0;
    long steps = 0;
    double wall_s = 0, neuron_wall_s = -1;
    std::string twin;         // an NMODL model: its built-in twin
    double twin_wall_s = -1;  // and the twin's wall time
    double cv_steps() const {
        return static_cast<double>(steps) * static_cast<double>(cvs * members);
    }
    double ns_per_cv_step() const { return wall_s * 1e9 / cv_steps(); }
    double neuron_ns_per_cv_step() const { return neuron_wall_s * 1e9 / cv_steps(); }
};

// Best of three timed runs of `steps` updates after a warm-up (the machine is shared).
Result measure(const Model& m) {
    Cell cell = m.build();
    cell.set_dt(m.dt_ms);
    cell.init_state();
    for (int k = 0; k < 200; ++k)
        cell.update();
    Result r{m.name, cell.n_compartment(), cell.members(), cell.memory_bytes(), m.steps, 0, -1, {},
             -1};
    r.wall_s = 1e300;
    for (int rep = 0; rep < 3; ++rep) {
        const auto t0 = std::chrono::steady_clock::now();
        for (long k = 0; k < m.steps; ++k)
            cell.update();
        r.wall_s = std::min(
            r.wall_s, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    return r;
}

// NEURON's wall time for the same model, or −1 when NEURON is not available.
double neuron_wall(const Model& m) {
    double best = -1;
    for (int rep = 0; rep < 3; ++rep) {
        // Debian's python3-neuron belongs to the system interpreter, which may not be first on
        // PATH.
        const std::string cmd = "/usr/bin/env PATH=/usr/bin:$PATH python3 " RTCELL_SOURCE_DIR
                                "/tools/neuron_bench.py " +
                                m.name + " " + std::to_string(m.steps) + " 2>/dev/null";
        std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
        if (!pipe)
            return -1;
        std::string text;
        char buf[512];
        while (std::fgets(buf, sizeof buf, pipe.get()))
            text += buf;
        const auto at = text.find("\"wall_s\": ");
        if (at == std::string::npos)
            return -1;
        const double w = std::stod(text.substr(at + 10));
        best = best < 0 ? w : std::min(best, w);
    }
    return best;
}

}  // namespace

int run_bench(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    bool json = false, no_neuron = false, quick = false, realtime = false, zmq = false,
         clamp = false, network = false;
    std::string clamp_duration = "10s";
    std::string soak;
    Arguments a("bench", bench_help);
    a.flag("--json", json)
        .flag("--realtime", realtime)
        .flag("--zmq", zmq)
        .flag("--clamp", clamp)
        .flag("--network", network)
        .option("--duration", clamp_duration)
        .flag("--no-neuron", no_neuron)
        .flag("--quick", quick)
        .option("--soak", soak);
    if (const int status = a.parse(args, out, err); status >= 0)
        return status;
    const bool neuron = !no_neuron;
    if (realtime)
        return bench_realtime(quick ? 1.0 : 10.0, json, out, err);
    if (zmq)
        return bench_zmq(quick, out, err);
    if (network)
        return bench_network(quick, neuron, out, err);
    if (clamp)
        return bench_clamp(
            quick, quantity(clamp_duration, units::Dimension::time, "--duration") * 1e-3, out, err);
    if (!soak.empty()) {
        try {
            return bench_soak(quantity(soak, units::Dimension::time, "--soak") * 1e-3, json, out,
                              err);
        } catch (const InputError& e) {
            err << "rtcell bench: error: " << e.what() << "\n";
            return 2;
        }
    }
    std::vector<Result> results;
    std::vector<Model> all = models(quick);
    for (Model& m : nmodl_models(quick, err))
        all.push_back(std::move(m));
    for (const Model& m : all) {
        Result r = measure(m);
        r.twin = m.twin;
        if (!m.twin.empty()) {  // NEURON and the built-in twin were measured already
            for (const Result& other : results)
                if (other.name == m.twin) {
                    r.neuron_wall_s = other.neuron_wall_s;
                    r.twin_wall_s = other.wall_s;
                }
        } else if (neuron) {
            r.neuron_wall_s = neuron_wall(m);
        }
        results.push_back(r);
        if (json) {
            out << std::setprecision(6) << "{\"model\": \"" << r.name << "\", \"cvs\": " << r.cvs
                << ", \"members\": " << r.members << ", \"steps\": " << r.steps
                << ", \"wall_s\": " << r.wall_s << ", \"ns_per_cv_step\": " << r.ns_per_cv_step()
                << ", \"ns_per_step\": " << r.wall_s * 1e9 / static_cast<double>(r.steps)
                << ", \"steps_per_s\": " << static_cast<double>(r.steps) / r.wall_s
                << ", \"bytes_per_cv\": "
                << static_cast<double>(r.bytes) / static_cast<double>(r.cvs * r.members);
            if (r.neuron_wall_s > 0)
                out << ", \"neuron_ns_per_cv_step\": " << r.neuron_ns_per_cv_step()
                    << ", \"speedup\": " << r.neuron_wall_s / r.wall_s;
            if (r.twin_wall_s > 0)
                out << ", \"builtin\": \"" << r.twin
                    << "\", \"vs_builtin\": " << r.wall_s / r.twin_wall_s;
            out << "}\n";
        }
    }
    if (json)
        return 0;
    const bool have_neuron = std::any_of(results.begin(), results.end(),
                                         [](const Result& r) { return r.neuron_wall_s > 0; });
    out << std::left << std::setw(18) << "model" << std::right << std::setw(7) << "CVs"
        << std::setw(8) << "members" << std::setw(12) << "ns/CV-step" << std::setw(12) << "ns/step"
        << std::setw(13) << "steps/s" << std::setw(10) << "B/CV";
    if (have_neuron)
        out << std::setw(14) << "NEURON ns/CV" << std::setw(10) << "speed-up";
    out << std::setw(12) << "vs built-in";
    out << "\n" << std::fixed;
    for (const auto& r : results) {
        out << std::left << std::setw(18) << r.name << std::right << std::setw(7) << r.cvs
            << std::setw(8) << r.members << std::setw(12) << std::setprecision(2)
            << r.ns_per_cv_step() << std::setw(12) << std::setprecision(1)
            << r.wall_s * 1e9 / static_cast<double>(r.steps) << std::setw(13)
            << std::setprecision(0) << static_cast<double>(r.steps) / r.wall_s << std::setw(10)
            << static_cast<double>(r.bytes) / static_cast<double>(r.cvs * r.members);
        if (r.neuron_wall_s > 0)
            out << std::setw(14) << std::setprecision(2) << r.neuron_ns_per_cv_step()
                << std::setw(9) << std::setprecision(2) << r.neuron_wall_s / r.wall_s << "x";
        else if (have_neuron)
            out << std::setw(24) << "";
        if (r.twin_wall_s > 0)
            out << std::setw(11) << std::setprecision(2) << r.wall_s / r.twin_wall_s << "x";
        out << "\n";
    }
    if (neuron && !have_neuron)
        out << "(NEURON not available: install python3-neuron for the comparison)\n";
    return 0;
}

}  // namespace rtcell::tools
