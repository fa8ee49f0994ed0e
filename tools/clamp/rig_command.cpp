#include "tools/clamp/rig_command.hpp"

#include <chrono>
#include <fstream>
#include <iomanip>
#include <ostream>
#include <thread>

#include "config/model_config.hpp"
#include "io/clamp_shared_memory.hpp"
#include "model/morph/label_parser.hpp"
#include "model/util/input_error.hpp"
#include "rt/clamp/clamp_hook.hpp"
#include "rt/clamp/clamp_port.hpp"
#include "tools/clamp/rig_bridge.hpp"
#include "tools/cli/arguments.hpp"
#include "tools/cli/stop_signals.hpp"

namespace rtcell::tools {

const char* const rig_help =
    "usage: rtcell rig LIVING.yaml (--shm NAME | --in-process CLAMP.yaml)\n"
    "                  [--samples N | --duration T] [--at LOCATION] [--noise SIGMA] [--seed N]\n"
    "                  [--latency N] [--paced] [--timeout T] [--out FILE.csv]\n"
    "\n"
    "Plays the living cell of a dynamic clamp with the model cell of LIVING.yaml: every period it\n"
    "samples the voltage at LOCATION, hands it to the clamp, and injects the command current\n"
    "there through an electrode (README \"Dynamic clamp\").\n"
    "\n"
    "  --shm NAME          connect to the shared-memory block of a running 'rtcell run' (its\n"
    "                      dynamic_clamp.shared_memory), waiting up to --timeout for it; the\n"
    "                      period is the kernel's\n"
    "  --in-process CLAMP  run the dynamic clamp of CLAMP.yaml in this process instead, at its\n"
    "                      simulation.dt, under the same safety rules: the trace the shared-\n"
    "                      memory loop gives step for step when no sample is late\n"
    "  --samples N         periods to run (default: 2000); or --duration T, e.g. 50ms\n"
    "  --at LOCATION       where the electrode is, e.g. '(location 0 0.5)' (the default)\n"
    "  --noise SIGMA       Gaussian measurement noise on each sample, e.g. 0.2mV (--seed N)\n"
    "  --latency N         periods between a command and its effect (a DAQ's output delay)\n"
    "  --paced             keep the rig's own clock, one period per dt, reading the newest\n"
    "                      command (a real DAQ); default: lockstep, waiting for the command\n"
    "                      computed from each sample (use with dynamic_clamp.wait_for_sample)\n"
    "  --timeout T         longest wait for the block or one command (default 10s)\n"
    "  --out FILE.csv      t_ms,v_mV,i_nA,flags per period (the voltage after the period, the\n"
    "                      current applied in it, the command's flags: io/PROTOCOL.md)\n";

namespace {

struct RigArguments {
    std::string living, shm, in_process, samples, duration, at = "(location 0 0.5)", noise, seed,
                                                            latency, timeout = "10s", out;
    bool paced = false;
};

Location electrode_location(const Cell& cell, const std::string& text) {
    const auto locs = parse_locset(text).evaluate(cell.morphology(), cell.options().labels);
    if (locs.size() != 1)
        throw InputError("--at: '" + text + "' must name one location, not " +
                         std::to_string(locs.size()));
    return locs[0];
}

SimulatedRig make_rig(const RigArguments& a, double dt_ms) {
    const ModelConfig cfg = load_model_config(a.living);
    Cell cell = build_cell(cfg);
    const Location at = electrode_location(cell, a.at);
    RigSettings s;
    if (!a.noise.empty())
        s.noise_mV = quantity(a.noise, units::Dimension::voltage, "--noise");
    if (!a.seed.empty())
        s.noise_seed = static_cast<std::uint64_t>(whole_number(a.seed, "--seed"));
    if (!a.latency.empty())
        s.latency_steps = static_cast<std::uint32_t>(whole_number(a.latency, "--latency"));
    return SimulatedRig(std::move(cell), at, dt_ms, s);
}

std::uint64_t sample_count(const RigArguments& a, double dt_ms) {
    if (!a.duration.empty())
        return static_cast<std::uint64_t>(
            std::llround(quantity(a.duration, units::Dimension::time, "--duration") / dt_ms));
    const long n = a.samples.empty() ? 2000 : whole_number(a.samples, "--samples");
    if (n < 1)
        throw InputError("--samples: must be at least 1");
    return static_cast<std::uint64_t>(n);
}

// The clamp of CLAMP.yaml with the rig in this process, through a local exchange and the same
// clamp port, so that the safety rules are the very same code.
RigBridgeResult run_in_process(const RigArguments& a) {
    ModelConfig cfg = load_model_config(a.in_process);
    if (!cfg.clamp)
        throw InputError(a.in_process + ": no dynamic_clamp section");
    const double dt = cfg.dynamics.simulation.dt_ms;
    Cell cell = build_cell(cfg);
    ClampParts parts = declare_clamp(*cfg.clamp, cell, cfg.source);
    cell.set_dt(dt);
    init_cell(cell, cfg);
    init_clamp(parts, *cfg.clamp, cell, dt, cfg.source);
    if (parts.clamp->channels() != 1)
        throw InputError(a.in_process + ": the in-process rig plays one living cell, and this " +
                         "live membrane has " + std::to_string(parts.clamp->channels()) +
                         " channels (run `rtcell rig --shm NAME.k` for each channel k)");
    rt::ClampSafety safety = cfg.clamp->safety;
    safety.wait_for_sample_ns = 0;
    rt::ClampExchange x;
    rt::ClampPort port(x, safety);
    SimulatedRig rig = make_rig(a, dt);
    const std::uint64_t n = sample_count(a, dt);
    RigBridgeResult r;
    r.trace.reserve(n);
    for (std::uint64_t k = 1; k <= n; ++k) {
        rt::write_sample(x, {k, rig.sample()});
        double v = 0;
        port.take_sample(v);
        parts.clamp->before_model_step(v, port.sample_index());
        cell.update();
        port.put_command(parts.clamp->command_nA(), cell.steps());
        rt::ClampCommand c;
        rt::read_command(x, c);
        rig.inject(c.i_nA);
        rig.step();
        r.trace.push_back({rig.cell().time(), rig.true_voltage(), rig.applied_current(), c.flags});
    }
    return r;
}

io::ClampSharedMemory wait_for_block(const std::string& name, double timeout_s) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
    for (;;) {
        try {
            return io::ClampSharedMemory::open(name);
        } catch (const InputError&) {
            if (std::chrono::steady_clock::now() > until)
                throw;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

void write_trace(const std::string& path, const RigBridgeResult& r) {
    std::ofstream f(path);
    if (!f)
        throw InputError("--out: cannot write " + path);
    f << "t_ms,v_mV,i_nA,flags\n" << std::setprecision(17);
    for (const auto& s : r.trace)
        f << s.t_ms << "," << s.v_mV << "," << s.i_nA << "," << s.flags << "\n";
}

}  // namespace

int run_rig(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    RigArguments a;
    Arguments p("rig", rig_help);
    p.positional(a.living, "living cell's configuration")
        .option("--shm", a.shm)
        .option("--in-process", a.in_process)
        .option("--samples", a.samples)
        .option("--duration", a.duration)
        .option("--at", a.at)
        .option("--noise", a.noise)
        .option("--seed", a.seed)
        .option("--latency", a.latency)
        .option("--timeout", a.timeout)
        .option("--out", a.out)
        .flag("--paced", a.paced);
    if (const int status = p.parse(args, out, err); status >= 0)
        return status;
    try {
        if (a.living.empty() || a.shm.empty() == a.in_process.empty())
            throw InputError("give LIVING.yaml and one of --shm NAME or --in-process CLAMP.yaml");
        const double timeout_s = quantity(a.timeout, units::Dimension::time, "--timeout") * 1e-3;
        RigBridgeResult r;
        if (!a.in_process.empty()) {
            r = run_in_process(a);
        } else {
            io::ClampSharedMemory block = wait_for_block(a.shm, timeout_s);
            const double dt = block.exchange().dt_ms;
            SimulatedRig rig = make_rig(a, dt);
            const StopSignals stop;
            RigBridgeOptions o{sample_count(a, dt), dt, a.paced, timeout_s};
            r = run_rig_bridge(block.exchange(), rig, o, [&] { return stop.requested(); });
        }
        if (!a.out.empty())
            write_trace(a.out, r);
        out << "rtcell rig: " << r.trace.size() << " periods, " << r.timeouts
            << " commands timed out, " << r.late_commands << " late commands, " << r.silent_periods
            << " periods zeroed for a silent kernel"
            << (r.kernel_stopped ? "; the kernel stopped" : "") << "\n";
        return r.timeouts == 0 ? 0 : 1;
    } catch (const InputError& e) {
        err << "rtcell rig: error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace rtcell::tools
