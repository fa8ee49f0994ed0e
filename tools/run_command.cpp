#include "tools/run_command.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <sstream>
#include <thread>

#include "config/model_config.hpp"
#include "config/network_config.hpp"
#include "config/units.hpp"
#include "io/clamp_shared_memory.hpp"
#include "io/io_thread.hpp"
#include "model/util/input_error.hpp"
#include "rt/deadline_loop.hpp"
#include "rt/idle_task.hpp"
#include "tools/clamp/clamped_model.hpp"
#include "tools/cli/arguments.hpp"
#include "tools/cli/stop_signals.hpp"
#include "tools/cli/warnings.hpp"
#include "tools/network/network_realtime_bench.hpp"
#include "tools/network/realtime_network.hpp"
#include "tools/recording_header.hpp"

namespace rtcell::tools {

const char* const run_help =
    "usage: rtcell run [CONFIG.yaml] [--duration T] [--report text|json] [--floor T]\n"
    "                  [--priority N] [--cpu N] [--busy-wait T] [--overrun catch_up|skip|stop]\n"
    "                  [--fault stop|hold] [--record FILE.h5] [--no-lock]\n"
    "\n"
    "Runs a cell in real time: one step every dt at an absolute deadline on a thread named\n"
    "rtcell-rt. Without CONFIG it runs the built-in default (config/examples/ball_and_stick.yaml:\n"
    "an HH ball-and-stick cell driven by a spike train, dt = 25 us). On a terminal it shows a\n"
    "status line twice a second; Ctrl-C, SIGTERM, SIGHUP or SIGQUIT stops it cleanly. At the\n"
    "end it prints the report: steps, rate, overruns, wake-up latency, compute time and their\n"
    "sum (p50, p99, p99.9, max), and the same figures for an empty loop with the same period,\n"
    "priority and wait strategy (the platform's floor), measured right after the run.\n"
    "With a dynamic_clamp section it creates the shared-memory block a rig's bridge connects\n"
    "to (rtcell rig, tools/clamp_bridge.py; NAME.k for channel k of a live-membrane\n"
    "population) and reports late samples, clipped commands and watchdog trips per channel\n"
    "(README \"Dynamic clamp\").\n"
    "\n"
    "  --duration T      how long to run, with a unit (10s, '500 ms'); default: "
    "simulation.duration\n"
    "  --report FORMAT   text (default) or json\n"
    "  --floor T         how long to measure the empty loop (default 2 s; 0 s to skip)\n"
    "  --floor-first T   measure it for T before the run instead, and publish it in the\n"
    "                    metadata (platform_floor) for the dashboard (realtime.floor_first)\n"
    "  --priority N      SCHED_FIFO priority 1-99, 0 for the normal scheduler (default: "
    "realtime.priority)\n"
    "  --cpu N           pin the real-time thread to CPU N\n"
    "  --busy-wait T     spin for the last T of each wait (e.g. 5us)\n"
    "  --overrun POLICY  catch_up (keep the schedule), skip (skip missed deadlines) or stop\n"
    "  --record FILE.h5  record probe frames, spikes, applied inputs and controls and the timing\n"
    "                    to HDF5 (io/RECORDING.md), written by its own thread\n"
    "  --fault POLICY    when the voltage becomes non-finite: stop (default) the loop, or hold\n"
    "                    the model (no outputs) until a reset_state request\n"
    "  --no-lock         do not lock memory (mlockall)\n"
    "  --threads N       a network's threads (default: network.threads): the loop's thread\n"
    "                    and N - 1 workers, each stepping a partition (groups, or\n"
    "                    member slices of one; README \"Networks\")\n"
    "\n"
    "A network configuration (a `cells` section) runs the same way, one whole network step per\n"
    "period, its io section's names carrying their group.\n";

namespace {

struct RunResult {
    rt::TimingSnapshot timing;
    rt::SetupReport setup;
    std::uint64_t spikes = 0, dropped_spikes = 0, dropped_inputs = 0, dropped_controls = 0;
    double startup_ms = 0;
    bool interrupted = false;
    std::string stopped_by;               // the signal's name when interrupted
    std::optional<NumericalFault> fault;  // the model's, when its voltage became non-finite
    // A dynamic clamp's counters (from its shared-memory block), when there is one.
    struct Clamp {
        std::string shared_memory;
        std::uint64_t late_samples = 0, clipped = 0, watchdog_trips = 0, last_sample = 0;
    };
    std::vector<Clamp> clamps;  // one per rig channel
};

RunResult::Clamp clamp_figures(const rt::ClampExchange& x, const std::string& source) {
    rt::ClampSample s;
    rt::read_sample(x, s);
    return {source, x.late_samples.load(), x.clipped.load(), x.watchdog_trips.load(), s.index};
}

double us(std::uint64_t ns) {
    return static_cast<double>(ns) * 1e-3;
}

// The run's timing summary as a recording keeps it (µs for latencies).
std::map<std::string, double> timing_figures(const rt::TimingSnapshot& t) {
    std::map<std::string, double> f{{"steps", static_cast<double>(t.steps)},
                                    {"elapsed_s", t.elapsed_s},
                                    {"overruns", static_cast<double>(t.overruns)},
                                    {"late_starts", static_cast<double>(t.late_starts)},
                                    {"skipped", static_cast<double>(t.skipped)},
                                    {"late_inputs", static_cast<double>(t.late_inputs)},
                                    {"fault_step", static_cast<double>(t.fault_step)}};
    const std::pair<const char*, const rt::LatencyHistogram*> hist[] = {
        {"wake", &t.wake}, {"compute", &t.compute}, {"total", &t.total}};
    for (const auto& [name, h] : hist) {
        const std::string n = name;
        f[n + "_p50_us"] = us(h->percentile(0.5));
        f[n + "_p99_us"] = us(h->percentile(0.99));
        f[n + "_max_us"] = us(h->max());
    }
    return f;
}

void status_line(std::ostream& out, const rt::TimingSnapshot& t) {
    out << "\r" << std::fixed << std::setprecision(1) << "t " << t.elapsed_s << " s | steps "
        << t.steps << " | " << std::setprecision(0)
        << (t.elapsed_s > 0 ? static_cast<double>(t.steps) / t.elapsed_s : 0.0)
        << " steps/s | misses " << t.overruns << " | wake p99 " << std::setprecision(1)
        << us(t.wake.percentile(0.99)) << " us max " << us(t.wake.max()) << " us | compute p99 "
        << us(t.compute.percentile(0.99)) << " us   " << std::flush;
}

// Runs a loop to its end (or Ctrl-C), showing a status line when `live`. With an IO thread,
// that thread consumes the loop's outputs and this one reads the figures from it. Loop: the
// model's DeadlineLoop or the platform floor's CyclicLoop<IdleTask>, which has no outputs.
template <class Loop>
RunResult drive(Loop& loop, io::IoThread* io, io::Recorder* recorder, const StopSignals& stop,
                std::ostream& out, std::ostream& err, bool live,
                std::chrono::steady_clock::time_point t_begin) {
    constexpr bool has_outputs = requires(Loop & l, rt::SpikeRecord & s) {
        l.poll(s);
    };
    RunResult r;
    if (io) {
        io->start();
        // Where to connect, as bound (a wildcard port resolved), before the first step.
        if (!io->publish_endpoint().empty() || !io->control_endpoint().empty())
            err << "rtcell run: publishing on " << io->publish_endpoint() << ", control on "
                << io->control_endpoint() << std::endl;
        for (const auto& item : io->setup_report().items)
            err << "rtcell run: IO thread: [" << (item.ok ? "ok" : "LOST") << "] " << item.what
                << (item.detail.empty() ? "" : ": " + item.detail) << std::endl;
    }
    r.setup = loop.start();
    r.startup_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_begin)
            .count() +
        loop.config().dt_ms;  // the first deadline is one period after the thread starts
    rt::TimingSnapshot latest;
    [[maybe_unused]] rt::SpikeRecord spike;
    [[maybe_unused]] rt::FrameRecord frame;
    [[maybe_unused]] rt::AppliedRecord applied;
    auto last_status = std::chrono::steady_clock::now();
    while (!loop.finished()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        bool fresh = false;
        if (io) {
            fresh = io->latest_timing(latest);
        } else {
            if constexpr (has_outputs) {
                while (loop.poll(spike)) {
                    ++r.spikes;
                    if (recorder)
                        recorder->add(spike);
                }
                while (loop.poll(frame))
                    if (recorder)
                        recorder->add(frame);
                while (loop.poll(applied))
                    if (recorder)
                        recorder->add(applied);
            }
            while (loop.poll(latest))
                fresh = true;
        }
        if (stop.requested() && !r.interrupted) {
            r.interrupted = true;
            r.stopped_by = stop.name();
            loop.request_stop();
        }
        if (fresh && live &&
            std::chrono::steady_clock::now() - last_status > std::chrono::milliseconds(450)) {
            status_line(out, latest);
            last_status = std::chrono::steady_clock::now();
        }
    }
    loop.join();
    if (io) {
        io->join();
        r.spikes = io->counters().spikes;
    }
    if (live)
        out << "\n";
    r.timing = loop.final_snapshot();
    if constexpr (has_outputs) {
        while (loop.poll(spike))
            ++r.spikes;
        r.dropped_spikes = loop.dropped_spikes();
        r.dropped_inputs = loop.dropped_inputs();
        r.dropped_controls = loop.dropped_controls();
    }
    return r;
}

void text_row(std::ostream& out, const char* label, const rt::LatencyHistogram& h) {
    out << "  " << std::left << std::setw(22) << label << std::right << std::fixed
        << std::setprecision(1) << std::setw(9) << us(h.percentile(0.5)) << std::setw(9)
        << us(h.percentile(0.99)) << std::setw(9) << us(h.percentile(0.999)) << std::setw(10)
        << us(h.max()) << "\n";
}

void report_text(std::ostream& out, const std::string& source, const rt::LoopConfig& c,
                 const RunResult& model, const RunResult* floor) {
    const auto& t = model.timing;
    out << "rtcell run: " << source << "\n";
    out << "  period " << c.dt_ms * 1e3 << " us (" << 1.0 / c.dt_ms << " kHz), overrun policy "
        << rt::overrun_policy_name(c.overrun) << ", busy-wait " << c.busy_wait_us << " us\n";
    out << "  real-time set-up:\n";
    for (const auto& item : model.setup.items)
        out << "    [" << (item.ok ? "ok" : "LOST") << "] " << item.what
            << (item.detail.empty() ? "" : ": " + item.detail) << "\n";
    out << std::fixed << std::setprecision(3)
        << "  start-up (configuration to first step): " << model.startup_ms << " ms\n";
    out << "  ran " << t.elapsed_s << " s, " << t.steps << " steps (" << std::setprecision(0)
        << (t.elapsed_s > 0 ? static_cast<double>(t.steps) / t.elapsed_s : 0.0) << " steps/s), "
        << model.spikes << " spikes"
        << (model.interrupted ? ", stopped by " + model.stopped_by : "") << "\n";
    out << "  overruns " << t.overruns << ", late starts " << t.late_starts
        << ", skipped deadlines " << t.skipped << ", late inputs " << t.late_inputs;
    if (t.overruns)
        out << std::setprecision(3) << " (last: step " << t.last_overrun_step << ", "
            << t.last_overrun_ms << " ms late)";
    if (model.fault)
        out << "\n  NUMERICAL FAULT: " << describe(*model.fault) << "; policy "
            << rt::fault_policy_name(c.fault);
    for (const auto& clamp : model.clamps)
        out << "\n  dynamic clamp on " << clamp.shared_memory << ": samples to "
            << clamp.last_sample << ", late samples " << clamp.late_samples << ", clipped commands "
            << clamp.clipped << ", watchdog trips " << clamp.watchdog_trips;
    out << "\n  dropped: spikes " << model.dropped_spikes << ", inputs " << model.dropped_inputs
        << ", controls " << model.dropped_controls << "\n";
    out << "  timing over " << t.measured_steps
        << " steps after warm-up [us]:  p50      p99    p99.9       max\n";
    text_row(out, "wake-up latency", t.wake);
    text_row(out, "compute", t.compute);
    text_row(out, "wake-up + compute", t.total);
    if (floor) {
        const auto& f = floor->timing;
        out << "  platform floor: empty loop, same period, priority and wait, "
            << std::setprecision(1) << f.elapsed_s << " s, " << f.steps << " steps, overruns "
            << f.overruns << ":\n";
        text_row(out, "wake-up latency", f.wake);
        out << std::setprecision(1) << "  latency added by rtcell at p99: "
            << us(t.total.percentile(0.99)) - us(f.wake.percentile(0.99)) << " us\n";
    } else {
        out << "  platform floor: not measured\n";
    }
}

void json_histogram(std::ostream& out, const char* name, const rt::LatencyHistogram& h) {
    out << "\"" << name << "_us\": {\"p50\": " << us(h.percentile(0.5))
        << ", \"p99\": " << us(h.percentile(0.99)) << ", \"p999\": " << us(h.percentile(0.999))
        << ", \"max\": " << us(h.max()) << "}";
}

void json_run(std::ostream& out, const RunResult& r) {
    const auto& t = r.timing;
    out << "{\"elapsed_s\": " << t.elapsed_s << ", \"steps\": " << t.steps
        << ", \"measured_steps\": " << t.measured_steps << ", \"overruns\": " << t.overruns
        << ", \"late_starts\": " << t.late_starts << ", \"skipped\": " << t.skipped
        << ", \"late_inputs\": " << t.late_inputs << ", \"spikes\": " << r.spikes
        << ", \"dropped_spikes\": " << r.dropped_spikes
        << ", \"fault_step\": " << (r.fault ? r.fault->step : 0) << ", ";
    // "clamp": the (first) channel's counters; "clamp_channels": every channel's, when several.
    auto clamp_json = [&](const RunResult::Clamp& c) {
        out << "{\"late_samples\": " << c.late_samples << ", \"clipped\": " << c.clipped
            << ", \"watchdog_trips\": " << c.watchdog_trips
            << ", \"last_sample\": " << c.last_sample << "}";
    };
    if (!r.clamps.empty()) {
        out << "\"clamp\": ";
        clamp_json(r.clamps.front());
        out << ", ";
    }
    if (r.clamps.size() > 1) {
        out << "\"clamp_channels\": [";
        for (std::size_t k = 0; k < r.clamps.size(); ++k) {
            out << (k ? ", " : "");
            clamp_json(r.clamps[k]);
        }
        out << "], ";
    }
    json_histogram(out, "wake", t.wake);
    out << ", ";
    json_histogram(out, "compute", t.compute);
    out << ", ";
    json_histogram(out, "total", t.total);
    out << "}";
}

void report_json(std::ostream& out, const std::string& source, const rt::LoopConfig& c,
                 const RunResult& model, const RunResult* floor) {
    out << std::setprecision(6) << "{\"config\": \"" << source << "\", \"dt_us\": " << c.dt_ms * 1e3
        << ", \"overrun_policy\": \"" << rt::overrun_policy_name(c.overrun)
        << "\", \"startup_ms\": " << model.startup_ms
        << ", \"interrupted\": " << (model.interrupted ? "true" : "false") << ", \"setup\": {";
    for (std::size_t i = 0; i < model.setup.items.size(); ++i)
        out << (i ? ", " : "") << "\"" << model.setup.items[i].what
            << "\": " << (model.setup.items[i].ok ? "true" : "false");
    out << "}, \"rtcell\": ";
    json_run(out, model);
    out << ", \"floor\": ";
    if (floor)
        json_run(out, *floor);
    else
        out << "null";
    out << "}\n";
}

// The platform's floor: an empty loop with the run's period, priority and wait, for seconds.
RunResult measure_floor(const rt::LoopConfig& lc, double seconds, const StopSignals& stop,
                        std::ostream& out, std::ostream& err) {
    rt::LoopConfig fc = lc;
    fc.duration_s = seconds;
    rt::IdleTask idle;
    rt::CyclicLoop<rt::IdleTask> empty(idle, fc);
    return drive(empty, nullptr, nullptr, stop, out, err, false, std::chrono::steady_clock::now());
}

// With realtime.floor_first (--floor-first): the floor measured before the run, which the IO
// thread's metadata then carries as `platform_floor` (in the telemetry's units, µs).
std::optional<RunResult> floor_first(const rt::LoopConfig& lc, const StopSignals& stop,
                                     io::IoThread* io, std::ostream& out, std::ostream& err) {
    if (lc.floor_first_s <= 0)
        return std::nullopt;
    err << "rtcell run: measuring the platform's floor for " << lc.floor_first_s
        << " s before the run" << std::endl;
    RunResult floor = measure_floor(lc, lc.floor_first_s, stop, out, err);
    auto figures = [](const rt::LatencyHistogram& h) {
        return nlohmann::json{{"p50_us", us(h.percentile(0.5))},
                              {"p99_us", us(h.percentile(0.99))},
                              {"p999_us", us(h.percentile(0.999))},
                              {"max_us", us(h.max())}};
    };
    const rt::TimingSnapshot& t = floor.timing;
    if (io)
        io->set_platform_floor(nlohmann::json{
            {"measured", "before the run"},
            {"elapsed_s", t.elapsed_s},
            {"steps", t.steps},
            {"overruns", t.overruns},
            {"wake", figures(t.wake)},
            {"total",
             figures(t.total)}}.dump());
    return floor;
}

// The run's report, beside the empty loop's (the platform's floor): the one measured before the
// run, or one measured for floor_s right after it, unless that is 0 or the run was interrupted.
void report_with_floor(const std::string& source, const rt::LoopConfig& lc, const RunResult& model,
                       const std::optional<RunResult>& first, double floor_s,
                       const std::string& report, const StopSignals& stop, std::ostream& out,
                       std::ostream& err) {
    std::optional<RunResult> floor = first;
    if (!floor && floor_s > 0 && !model.interrupted)
        floor = measure_floor(lc, floor_s, stop, out, err);
    if (report == "json")
        report_json(out, source, lc, model, floor ? &*floor : nullptr);
    else
        report_text(out, source, lc, model, floor ? &*floor : nullptr);
}

// What the IO thread sent and received, after the text report.
void print_io_counters(std::ostream& out, const io::IoThread& io) {
    const auto c = io.counters();
    out << "zeromq: published " << c.published << " messages (" << c.publish_dropped
        << " dropped), received " << c.received << " (" << c.events << " events, " << c.values
        << " values), " << c.requests << " control requests";
    std::uint64_t bad = 0;
    for (auto d : c.dropped)
        bad += d;
    out << ", " << bad << " bad input messages or records dropped\n";
}

// rtcell run --record: the recording's writer on its own thread, fed by the IO thread when
// there is one (else by drive()), with what the loop's handles name.
std::unique_ptr<io::Recorder> start_recording(const std::string& path, io::RecordingHeader h,
                                              const io::KernelLoop& loop, io::IoThread* io) {
    if (!is_hdf5_path(path))
        throw InputError("--record: " + path + " is not an .h5 file");
    h.synapses = loop.synapse_handle_names();
    h.parameters = loop.parameter_names();
    auto recorder = std::make_unique<io::Recorder>(std::make_unique<io::RecordingFile>(path, h),
                                                   h.probe_names.size());
    recorder->start();
    if (io)
        io->record_to(recorder.get());
    return recorder;
}

// After the text report: where the recording went and what it lost.
void report_recording(const io::Recorder& recorder, const std::string& path, std::ostream& out) {
    out << "recorded to " << path << ": " << recorder.written() << " records, "
        << recorder.dropped() << " dropped\n";
}

// `rtcell run NETWORK.yaml`: the network's partitions on its threads, one step of all of them
// per period (RealtimeNetwork), with the io section's sockets as for one cell (names carry their
// group; a message's member is the network member).
int run_network_realtime(const NetworkConfig& cfg, rt::LoopConfig lc, double floor_s,
                         const std::string& record_path, const std::string& report,
                         std::ostream& out, std::ostream& err,
                         std::chrono::steady_clock::time_point t_begin) {
    std::string note;
    const rt::StepperOptions workers = worker_options(lc, cfg.threads, &note);
    if (!note.empty())
        err << "rtcell run: " << note << std::endl;
    if (!record_path.empty() && lc.frame_every == 0)  // a recording needs probe frames
        lc.frame_every = static_cast<std::uint32_t>(cfg.simulation.record_every);
    RealtimeNetwork net(build_network(cfg), cfg.threads, workers);
    const StopSignals stop;
    const bool live = report == "text" && isatty(STDOUT_FILENO);
    rt::KernelModelOf<RealtimeNetwork> kernel_model(net);
    io::KernelLoop loop(kernel_model, lc);
    err << "rtcell run: network '" << cfg.name << "': " << net.network().groups() << " groups, "
        << net.members() << " cells, " << net.threads() << " thread(s)" << std::endl;
    std::unique_ptr<io::IoThread> io_thread;
    if (cfg.io.enabled)
        io_thread = std::make_unique<io::IoThread>(loop, kernel_model, cfg.io, cfg.source);
    std::unique_ptr<io::Recorder> recorder;
    if (!record_path.empty())
        recorder =
            start_recording(record_path, recording_header("run", cfg, net.network(), lc.dt_ms),
                            loop, io_thread.get());
    const std::optional<RunResult> first = floor_first(lc, stop, io_thread.get(), out, err);
    RunResult model = drive(loop, io_thread.get(), recorder.get(), stop, out, err, live, t_begin);
    if (io_thread)
        io_thread->join();
    if (recorder)
        recorder->finish(timing_figures(model.timing));
    report_with_floor(cfg.source, lc, model, first, floor_s, report, stop, out, err);
    if (recorder && report == "text")
        report_recording(*recorder, record_path, out);
    if (io_thread && report == "text")
        print_io_counters(out, *io_thread);
    if (net.faulted()) {
        err << "rtcell run: error: a cell's voltage left the physical range (fault policy "
            << rt::fault_policy_name(lc.fault) << ")\n";
        return 1;
    }
    return 0;
}

}  // namespace

int run_realtime(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const auto t_begin = std::chrono::steady_clock::now();
    std::string path, duration, report = "text", floor_arg = "2s", floor_first_arg, priority, cpu,
                                busy, overrun, fault, record_path, threads;
    bool no_lock = false;
    Arguments a("run", run_help);
    a.positional(path, "configuration")
        .flag("--no-lock", no_lock)
        .option("--duration", duration)
        .option("--report", report)
        .option("--floor", floor_arg)
        .option("--floor-first", floor_first_arg)
        .option("--priority", priority)
        .option("--cpu", cpu)
        .option("--busy-wait", busy)
        .option("--overrun", overrun)
        .option("--fault", fault)
        .option("--record", record_path)
        .option("--threads", threads);
    if (const int status = a.parse(args, out, err); status >= 0)
        return status;
    if (report != "text" && report != "json") {
        err << "rtcell run: --report takes text or json\n";
        return 2;
    }
    // The command line's real-time options over the configuration's `realtime` section.
    auto apply_options = [&](rt::LoopConfig& lc) {
        if (!duration.empty())
            lc.duration_s = quantity(duration, units::Dimension::time, "--duration") * 1e-3;
        if (!priority.empty())
            lc.priority = static_cast<int>(whole_number(priority, "--priority"));
        if (!cpu.empty())
            lc.cpu = static_cast<int>(whole_number(cpu, "--cpu"));
        if (!busy.empty())
            lc.busy_wait_us = quantity(busy, units::Dimension::time, "--busy-wait") * 1e3;
        if (!overrun.empty()) {
            if (overrun == "catch_up")
                lc.overrun = rt::OverrunPolicy::catch_up;
            else if (overrun == "skip")
                lc.overrun = rt::OverrunPolicy::skip;
            else if (overrun == "stop")
                lc.overrun = rt::OverrunPolicy::stop;
            else
                throw InputError("--overrun: unknown policy '" + overrun +
                                 "' (catch_up, skip or stop)");
        }
        if (!fault.empty()) {
            if (fault != "stop" && fault != "hold")
                throw InputError("--fault: unknown policy '" + fault + "' (stop or hold)");
            lc.fault = fault == "hold" ? rt::FaultPolicy::hold : rt::FaultPolicy::stop;
        }
        if (no_lock)
            lc.lock_memory = false;
        if (!floor_first_arg.empty())
            lc.floor_first_s =
                quantity(floor_first_arg, units::Dimension::time, "--floor-first") * 1e-3;
        try {
            lc.validate();
        } catch (const std::invalid_argument& e) {
            throw InputError(e.what());
        }
    };
    try {
        const double floor_s = quantity(floor_arg, units::Dimension::time, "--floor") * 1e-3;
        if (!path.empty() && is_network_config_file(path)) {
            NetworkConfig net = load_network_config(path);
            rt::LoopConfig lc = net.realtime;
            apply_options(lc);
            if (!threads.empty())
                net.threads = whole_number(threads, "--threads");
            if (net.threads < 1)
                throw InputError("--threads: at least 1");
            return run_network_realtime(net, lc, floor_s, record_path, report, out, err, t_begin);
        }
        if (!threads.empty())
            throw InputError("--threads steps a network; " +
                             (path.empty() ? std::string("the built-in default") : path) +
                             " is one cell");
        ModelConfig cfg = path.empty() ? builtin_default_config() : load_model_config(path);
        rt::LoopConfig lc = cfg.realtime;
        apply_options(lc);

        Cell cell = build_cell(cfg);
        ClampParts clamp;
        if (cfg.clamp)
            clamp = declare_clamp(*cfg.clamp, cell, cfg.source);
        init_cell(cell, cfg);
        cell.set_dt(lc.dt_ms);
        if (cfg.clamp)
            init_clamp(clamp, *cfg.clamp, cell, lc.dt_ms, cfg.source);
        print_warnings(err, "run", config_warnings(cell, cfg, false));
        const StopSignals stop;
        const bool live = report == "text" && isatty(STDOUT_FILENO);
        // A recording needs probe frames: every simulation.record_every steps unless the io
        // section already asks for them.
        if (!record_path.empty() && lc.frame_every == 0)
            lc.frame_every = static_cast<std::uint32_t>(cfg.dynamics.simulation.record_every);
        // With a model neuron coupled to a live membrane, the kernel sees both (the live
        // membrane's parameters, synapses and threshold crossings; tools/clamp/clamped_model.hpp).
        std::unique_ptr<ClampedModel> clamped;
        std::unique_ptr<rt::KernelModel> kernel_model;
        if (clamp.live) {
            clamped = std::make_unique<ClampedModel>(cell, *clamp.live);
            kernel_model = std::make_unique<rt::KernelModelOf<ClampedModel>>(*clamped);
        } else {
            kernel_model = std::make_unique<rt::KernelModelOf<Cell>>(cell);
        }
        io::KernelLoop loop(*kernel_model, lc);
        // A dynamic clamp: an exchange per rig channel, in shared memory or fed over ZeroMQ.
        std::vector<io::ClampSharedMemory> shm;
        std::vector<std::unique_ptr<rt::ClampExchange>> zeromq_samples;
        std::vector<rt::ClampExchange*> exchanges;
        std::unique_ptr<rt::ClampHookFor<DynamicClamp>> hook;
        if (cfg.clamp) {  // before the IO thread, which lists the clamp's probes
            const std::size_t channels = clamp.clamp->channels();
            shm.reserve(channels);
            for (std::size_t k = 0; k < channels; ++k) {
                if (!cfg.clamp->shared_memory.empty()) {
                    shm.push_back(io::ClampSharedMemory::create(
                        io::clamp_channel_block(cfg.clamp->shared_memory, k, channels), lc.dt_ms));
                    exchanges.push_back(&shm.back().exchange());
                    err << "rtcell run: dynamic clamp on shared memory " << shm.back().name()
                        << (shm.back().locked() ? "" : " (not locked in RAM)") << std::endl;
                } else {
                    zeromq_samples.push_back(std::make_unique<rt::ClampExchange>());
                    exchanges.push_back(zeromq_samples.back().get());
                }
            }
            hook = std::make_unique<rt::ClampHookFor<DynamicClamp>>(*clamp.clamp);
            loop.attach_clamp(*hook, exchanges, cfg.clamp->safety);
            std::vector<std::string> units;
            for (const auto& c : clamp.clamp->probe_columns())
                units.push_back(c.unit);
            loop.add_probes(clamp.clamp->probe_sources(), clamp.clamp->probe_names(), units);
        }
        std::unique_ptr<io::IoThread> io_thread;
        if (cfg.io.enabled) {
            io_thread = std::make_unique<io::IoThread>(loop, *kernel_model, cfg.io, cfg.source);
            if (!zeromq_samples.empty())
                io_thread->clamp_samples_to(exchanges);
        }
        std::unique_ptr<io::Recorder> recorder;
        if (!record_path.empty()) {
            io::RecordingHeader h = recording_header("run", cfg, cell, lc.dt_ms);
            if (clamped) {  // the living cell's crossings are spikes of the members after
                h.members = clamped->members();
                for (const auto& g : clamped->groups())
                    h.groups.push_back({g.name, g.members.first, g.members.count});
            }
            if (clamp.clamp) {  // a dynamic clamp's columns follow the cell's
                for (const auto& name : clamp.clamp->probe_names())
                    h.probe_names.push_back(name);
                for (auto& c : clamp.clamp->probe_columns())
                    h.probe_columns.push_back(std::move(c));
            }
            recorder = start_recording(record_path, std::move(h), loop, io_thread.get());
        }
        const std::optional<RunResult> first = floor_first(lc, stop, io_thread.get(), out, err);
        RunResult model =
            drive(loop, io_thread.get(), recorder.get(), stop, out, err, live, t_begin);
        for (io::ClampSharedMemory& block : shm)
            block.mark_stopped();  // zero out before anything else
        for (std::size_t k = 0; k < exchanges.size(); ++k)
            model.clamps.push_back(clamp_figures(
                *exchanges[k], shm.empty() ? (exchanges.size() == 1
                                                  ? std::string("ZeroMQ samples")
                                                  : "ZeroMQ samples, channel " + std::to_string(k))
                                           : shm[k].name()));
        if (io_thread)
            io_thread->join();  // it hands the recorder its last records first
        if (recorder)
            recorder->finish(timing_figures(model.timing));
        model.fault = cell.numerical_fault();
        report_with_floor(cfg.source, lc, model, first, floor_s, report, stop, out, err);
        if (recorder && report == "text")
            report_recording(*recorder, record_path, out);
        if (io_thread && report == "text")  // after the report
            print_io_counters(out, *io_thread);
        if (model.fault) {
            err << "rtcell run: error: " << describe(*model.fault) << " (fault policy "
                << rt::fault_policy_name(lc.fault) << ")\n";
            return 1;
        }
        return 0;
    } catch (const InputError& e) {
        err << "rtcell run: error: " << e.what() << "\n";
        return 1;
    }
}

int bench_realtime(double seconds, bool json, std::ostream& out, std::ostream& err) {
    std::ostringstream duration;
    duration << seconds << " s";
    const int status = run_realtime({"--duration", duration.str(), "--floor", duration.str(),
                                     "--report", json ? "json" : "text"},
                                    out, err);
    if (status != 0 || json)
        return status;
    return bench_realtime_network(std::min(seconds, 2.0), out, err);
}

}  // namespace rtcell::tools
