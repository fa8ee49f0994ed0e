#include "tools/soak_bench.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>
#include <zmq.hpp>

#include "config/model_config.hpp"
#include "io/io_thread.hpp"
#include "io/wire_format.hpp"
#include "rt/deadline_loop.hpp"

namespace rtcell::tools {
namespace {

using clk = std::chrono::steady_clock;

double rss_mib() {  // resident set size, from /proc/self/statm (pages)
    std::ifstream statm("/proc/self/statm");
    long size = 0, resident = 0;
    statm >> size >> resident;
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1048576.0;
}

// What the three clients saw.
struct Traffic {
    std::atomic<std::uint64_t> sent{0}, requests{0}, replies_ok{0}, replies_refused{0};
    std::atomic<std::uint64_t> messages{0}, frame_rows{0}, spikes{0}, gaps{0};
};

// 100 event messages per second into the "drive" binding (weights too small to matter).
void send_inputs(zmq::context_t& ctx, const std::string& endpoint, std::atomic<bool>& stop,
                 Traffic& t) {
    zmq::socket_t push(ctx, zmq::socket_type::push);
    push.set(zmq::sockopt::linger, 0);
    push.connect(endpoint);
    std::uint64_t seq = 0;
    while (!stop.load()) {
        const auto msg = io::encode_events(std::vector<io::WireEvent>{{-1, -1, 1e-6, 0, 0}}, ++seq);
        if (push.send(zmq::buffer(msg), zmq::send_flags::dontwait))
            ++t.sent;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

// Every message on the PUB socket, with sequence gaps per topic (the header's counter).
void subscribe(zmq::context_t& ctx, const std::string& endpoint, std::atomic<bool>& stop,
               Traffic& t) {
    zmq::socket_t sub(ctx, zmq::socket_type::sub);
    sub.set(zmq::sockopt::rcvhwm, 100000);
    sub.set(zmq::sockopt::rcvtimeo, 100);
    sub.connect(endpoint);
    sub.set(zmq::sockopt::subscribe, "");
    std::map<std::string, std::uint64_t> last;
    while (!stop.load()) {
        zmq::message_t topic, body;
        if (!sub.recv(topic))
            continue;
        if (!topic.more() || !sub.recv(body) || body.size() < io::kHeaderSize)
            continue;
        const auto* p = static_cast<const std::uint8_t*>(body.data());
        const auto seq = io::read_le<std::uint64_t>(p + 8);
        std::uint64_t& prev = last[topic.to_string()];
        if (prev && seq > prev + 1)
            t.gaps += seq - prev - 1;
        prev = seq;
        ++t.messages;
        if (topic.to_string() == "voltage" && body.size() >= 48)
            t.frame_rows += io::read_le<std::uint32_t>(p + 40);
        if (topic.to_string() == "spikes" && body.size() >= 20)
            t.spikes += io::read_le<std::uint32_t>(p + 16);
    }
}

// A status request twice a second, a list every 10 s and a parameter set every 5 s.
void control(zmq::context_t& ctx, const std::string& endpoint, std::atomic<bool>& stop,
             Traffic& t) {
    zmq::socket_t req(ctx, zmq::socket_type::req);
    req.set(zmq::sockopt::rcvtimeo, 2000);
    req.set(zmq::sockopt::linger, 0);
    req.connect(endpoint);
    for (std::uint64_t k = 0; !stop.load(); ++k) {
        std::string body = R"({"cmd": "status"})";
        if (k % 20 == 10)
            body = R"({"cmd": "list"})";
        else if (k % 10 == 5)
            body = R"({"cmd": "set", "target": "syn.tau", "value": 2.0})";
        req.send(zmq::buffer(body), zmq::send_flags::none);
        ++t.requests;
        zmq::message_t reply;
        if (!req.recv(reply))
            return;  // REQ cannot send again before a reply; the count shows it
        const bool ok = nlohmann::json::parse(reply.to_string(), nullptr, false).value("ok", false);
        ++(ok ? t.replies_ok : t.replies_refused);
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
}

ModelConfig soak_config(double seconds) {
    ModelConfig cfg = builtin_default_config();
    cfg.realtime.duration_s = seconds;
    cfg.realtime.frame_every = 4;
    io::IoConfig& c = cfg.io;
    c.enabled = true;
    c.publish = "tcp://127.0.0.1:*";
    c.control = "tcp://127.0.0.1:*";
    c.frame_every = 4;  // 10 kHz rows at dt = 25 µs
    c.rows_per_message = 25;
    c.telemetry_interval_s = 1;
    io::InputBinding drive;
    drive.name = "drive";
    drive.target = "syn";
    drive.endpoint = "tcp://127.0.0.1:*";
    c.inputs = {drive};
    return cfg;
}

}  // namespace

int bench_soak(double seconds, bool json, std::ostream& out, std::ostream&) {
    ModelConfig cfg = soak_config(seconds);
    Cell cell = build_cell(cfg);
    init_cell(cell, cfg);
    rt::KernelModelOf<Cell> model(cell);
    io::KernelLoop loop(model, cfg.realtime);
    io::IoThread io(loop, model, cfg.io, cfg.source);
    io.start();
    zmq::context_t ctx(1);
    Traffic traffic;
    std::atomic<bool> stop{false};
    std::thread sub(subscribe, std::ref(ctx), io.publish_endpoint(), std::ref(stop),
                    std::ref(traffic));
    std::thread send(send_inputs, std::ref(ctx), io.input_endpoint("drive"), std::ref(stop),
                     std::ref(traffic));
    std::thread ctl(control, std::ref(ctx), io.control_endpoint(), std::ref(stop),
                    std::ref(traffic));
    const double rss_before = rss_mib();
    const rt::SetupReport setup = loop.start();
    // Memory at start: after a second of running, once every buffer has been touched.
    double rss_start = 0, rss_max = 0;
    const auto t0 = clk::now();
    while (!loop.finished()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        const double rss = rss_mib();
        if (rss_start == 0 && clk::now() - t0 > std::chrono::seconds(1))
            rss_start = rss;
        rss_max = std::max(rss_max, rss);
    }
    loop.join();
    stop = true;
    send.join();
    ctl.join();
    sub.join();
    io.request_stop();
    io.join();
    const double rss_end = rss_mib();
    const rt::TimingSnapshot& t = loop.final_snapshot();
    const io::IoCounters c = io.counters();
    const double expected = t.elapsed_s / (cfg.realtime.dt_ms * 1e-3);
    std::uint64_t bad_inputs = 0;
    for (auto d : c.dropped)
        bad_inputs += d;
    const bool realtime = setup.all_ok();

    nlohmann::json r = {
        {"seconds", t.elapsed_s},
        {"dt_us", cfg.realtime.dt_ms * 1e3},
        {"realtime_setup_ok", realtime},
        {"steps", t.steps},
        {"steps_expected", expected},
        {"step_drift", static_cast<double>(t.steps) - expected},
        {"overruns", t.overruns},
        {"late_starts", t.late_starts},
        {"wake_p99_us", t.wake.percentile(0.99) * 1e-3},
        {"wake_max_us", t.wake.max() * 1e-3},
        {"compute_p99_us", t.compute.percentile(0.99) * 1e-3},
        {"rss_mib",
         {{"before_start", rss_before}, {"start", rss_start}, {"end", rss_end}, {"max", rss_max}}},
        {"inputs",
         {{"sent", traffic.sent.load()},
          {"received", c.received},
          {"events", c.events},
          {"bad_or_dropped", bad_inputs}}},
        {"control",
         {{"requests", traffic.requests.load()},
          {"ok", traffic.replies_ok.load()},
          {"refused", traffic.replies_refused.load()}}},
        {"outputs",
         {{"published", c.published},
          {"publish_dropped", c.publish_dropped},
          {"received", traffic.messages.load()},
          {"sequence_gaps", traffic.gaps.load()},
          {"frame_rows", traffic.frame_rows.load()},
          {"spikes", traffic.spikes.load()}}},
        {"kernel_queue_dropped",
         {{"inputs", loop.dropped_inputs()},
          {"controls", loop.dropped_controls()},
          {"spikes", loop.dropped_spikes()},
          {"frames", loop.dropped_frames()}}},
    };
    if (json) {
        out << r.dump() << "\n";
        return 0;
    }
    out << std::fixed << std::setprecision(1) << "rtcell bench --soak: the default model ("
        << cfg.source << ") in real time at dt " << cfg.realtime.dt_ms * 1e3
        << " us, with a 100 Hz input sender, a subscriber and control requests every 0.5 s\n";
    if (!realtime)
        out << "  (real-time set-up incomplete: run as root or with CAP_SYS_NICE for the "
               "figures that matter)\n";
    out << "  wall time       " << t.elapsed_s << " s\n"
        << std::setprecision(0) << "  steps           " << t.steps
        << " (wall time / dt: " << expected << ", difference " << std::setprecision(1)
        << static_cast<double>(t.steps) - expected << ")\n"
        << "  overruns        " << t.overruns << ", late starts " << t.late_starts
        << "; wake-up p99 " << t.wake.percentile(0.99) * 1e-3 << " us, max " << t.wake.max() * 1e-3
        << " us; compute p99 " << t.compute.percentile(0.99) * 1e-3 << " us\n"
        << "  memory (RSS)    " << std::setprecision(2) << "start " << rss_start << " MiB, end "
        << rss_end << " MiB, max " << rss_max << " MiB\n"
        << "  inputs          sent " << traffic.sent << ", received " << c.received << " ("
        << c.events << " events), bad or dropped " << bad_inputs << "\n"
        << "  control         " << traffic.requests << " requests, " << traffic.replies_ok
        << " ok, " << traffic.replies_refused << " refused\n"
        << "  outputs         published " << c.published << " (" << c.publish_dropped
        << " dropped at the socket), received " << traffic.messages << ", sequence gaps "
        << traffic.gaps << "; " << traffic.frame_rows << " frame rows, " << traffic.spikes
        << " spikes\n"
        << "  kernel queues   dropped: inputs " << loop.dropped_inputs() << ", controls "
        << loop.dropped_controls() << ", spikes " << loop.dropped_spikes() << ", frames "
        << loop.dropped_frames() << "\n";
    return 0;
}

}  // namespace rtcell::tools
