#include "tools/zmq_bench.hpp"

#include <atomic>
#include <chrono>
#include <iomanip>
#include <ostream>
#include <string>
#include <thread>
#include <zmq.hpp>

#include "io/io_thread.hpp"
#include "io/wire_format.hpp"
#include "rt/deadline_loop.hpp"
#include "rt/idle_task.hpp"
#include "rt/latency_histogram.hpp"

namespace rtcell::tools {
namespace {

using clk = std::chrono::steady_clock;
std::int64_t ns_since(clk::time_point t0) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(clk::now() - t0).count();
}

rt::LoopConfig loop_config(double dt_ms) {
    rt::LoopConfig c;
    c.dt_ms = dt_ms;
    c.priority = 80;  // where permitted; reported otherwise
    c.lock_memory = false;
    c.warmup_steps = 0;
    return c;
}

// One passive compartment whose synapse is strong enough that one event makes it cross the
// threshold within the step it is delivered in.
Cell responder() {
    CellOptions o;
    o.V_init = -65;
    o.V_th = -20;
    Branch soma{
        "soma", BranchType::soma, 1, -1, 1.0, {{0, 0, 0, Diameter{20}}, {20, 0, 0, Diameter{20}}},
        {}};
    Cell c(Morphology({soma}, "soma"), o);
    c.paint(reg::all(), Density{"pas", {{"g", 0.01}, {"e", -65.0}}});
    c.place(ls::location(0, 0.5), Point{"ExpSyn", "syn", {{"tau", 0.2}, {"e", 50.0}}});
    return c;
}

void row(std::ostream& out, const char* what, const rt::LatencyHistogram& h) {
    out << "  " << std::left << std::setw(34) << what << std::right << std::fixed
        << std::setprecision(1) << std::setw(9) << h.percentile(0.5) * 1e-3 << std::setw(9)
        << h.percentile(0.99) * 1e-3 << std::setw(10) << h.max() * 1e-3 << "\n";
}

struct EventTrips {
    rt::LatencyHistogram latency;
    std::uint64_t lost = 0, overruns = 0;
};

// The client's side of every trip, the same for rtcell and the bare transport: an event pushed
// to `in`, the time until its answer arrives on topic "spikes" of `out`; one trip per
// millisecond (the responder's compartment is back at rest by then).
EventTrips round_trips(zmq::context_t& ctx, const std::string& in, const std::string& out,
                       int trips) {
    EventTrips r;
    zmq::socket_t push(ctx, zmq::socket_type::push), sub(ctx, zmq::socket_type::sub);
    push.connect(in);
    sub.connect(out);
    sub.set(zmq::sockopt::subscribe, "spikes");
    sub.set(zmq::sockopt::rcvtimeo, 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // ZeroMQ's slow joiner
    const auto payload = io::encode_events(std::vector<io::WireEvent>{{0, -1, 0.5, 0, 0}}, 1);
    for (int k = 0; k < trips; ++k) {
        const auto t0 = clk::now();
        push.send(zmq::buffer(payload), zmq::send_flags::none);
        zmq::message_t topic, body;
        if (!sub.recv(topic) || !sub.recv(body)) {
            ++r.lost;
            continue;
        }
        r.latency.record(ns_since(t0));
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return r;
}

// rtcell: an event in, the spike it causes out, stepping every dt_ms.
EventTrips event_to_spike(zmq::context_t& ctx, int trips, io::IoConfig::Wake wake, double dt_ms) {
    EventTrips r;
    {
        Cell cell = responder();
        rt::KernelModelOf<Cell> model(cell);
        io::KernelLoop loop(model, loop_config(dt_ms));
        io::IoConfig ic;
        ic.enabled = true;
        ic.publish = "tcp://127.0.0.1:*";
        ic.telemetry_interval_s = 1e9;
        ic.metadata_interval_s = 1e9;
        ic.busy_poll = wake == io::IoConfig::Wake::poll &&
                       std::thread::hardware_concurrency() >= 4;  // a spare CPU for the IO thread
        ic.wake = wake;
        io::InputBinding b;
        b.name = "drive";
        b.target = "syn";
        b.endpoint = "tcp://127.0.0.1:*";
        ic.inputs = {b};
        io::IoThread io(loop, model, ic, "bench");
        io.start();
        loop.start();
        r = round_trips(ctx, io.input_endpoint("drive"), io.publish_endpoint(), trips);
        loop.request_stop();
        loop.join();
        io.request_stop();
        io.join();
        r.overruns = loop.final_snapshot().overruns;
    }
    return r;
}

// Bare ZeroMQ: PUSH → PULL, echoed PUB → SUB, tcp loopback. The echoing side has a context of
// its own, as the kernel has. beside_loop: an empty loop (CyclicLoop<IdleTask>) at 40 kHz and
// the loop's priority runs meanwhile — the platform as the kernel's sockets see it, since a
// virtual machine's CPUs that are kept awake hand over much faster than idle ones.
rt::LatencyHistogram bare_round_trip(zmq::context_t& ctx, int trips, bool beside_loop) {
    rt::IdleTask idle;
    rt::CyclicLoop<rt::IdleTask> empty(idle, loop_config(0.025));
    if (beside_loop)
        empty.start();
    zmq::context_t server(1);
    zmq::socket_t pull(server, zmq::socket_type::pull), pub(server, zmq::socket_type::pub);
    pull.bind("tcp://127.0.0.1:*");
    pub.bind("tcp://127.0.0.1:*");
    std::atomic<bool> stop{false};
    std::thread echo([&] {
        zmq::pollitem_t item{pull.handle(), 0, ZMQ_POLLIN, 0};
        while (!stop.load()) {
            zmq::poll(&item, 1, std::chrono::milliseconds(10));
            zmq::message_t m;
            while (pull.recv(m, zmq::recv_flags::dontwait)) {
                pub.send(zmq::str_buffer("spikes"), zmq::send_flags::sndmore);
                pub.send(m, zmq::send_flags::none);
            }
        }
    });
    const rt::LatencyHistogram bare = round_trips(ctx, pull.get(zmq::sockopt::last_endpoint),
                                                  pub.get(zmq::sockopt::last_endpoint), trips)
                                          .latency;
    stop = true;
    echo.join();
    empty.request_stop();
    empty.join();
    return bare;
}

}  // namespace

double added_latency_us(const rt::LatencyHistogram& through, const rt::LatencyHistogram& bare,
                        double q) {
    return (static_cast<double>(through.percentile(q)) - static_cast<double>(bare.percentile(q))) *
           1e-3;
}

int bench_zmq(bool quick, std::ostream& out, std::ostream&) {
    const int trips = quick ? 500 : 10000;
    zmq::context_t ctx(1);

    // ---- bare ZeroMQ, alone and beside an empty loop at 40 kHz ----
    const rt::LatencyHistogram bare = bare_round_trip(ctx, trips, false);
    const rt::LatencyHistogram bare_loop = bare_round_trip(ctx, trips, true);

    // ---- rtcell: an event in, the spike it causes out, at 40 kHz, with each IO wake mode ----
    struct Mode {
        const char* name;
        io::IoConfig::Wake wake;
        double dt_ms;
        EventTrips trips;
    };
    Mode modes[] = {{"io.wake poll, 40 kHz", io::IoConfig::Wake::poll, 0.025, {}},
                    {"io.wake schedule, 40 kHz", io::IoConfig::Wake::schedule, 0.025, {}},
                    {"io.wake schedule, 20 kHz", io::IoConfig::Wake::schedule, 0.05, {}}};
    for (Mode& m : modes)
        m.trips = event_to_spike(ctx, trips, m.wake, m.dt_ms);
    out << "ZeroMQ latency over tcp loopback, " << trips << " round trips, IO thread "
        << (std::thread::hardware_concurrency() >= 4 ? "busy-polling"
                                                     : "sleeping between polls (fewer than 4 CPUs)")
        << " in poll mode [us]:   p50      p99       max\n";
    row(out, "bare ZeroMQ (PUSH->PULL, PUB->SUB)", bare);
    row(out, "bare ZeroMQ beside an empty 40 kHz loop", bare_loop);
    for (const Mode& m : modes)
        row(out, (std::string("rtcell, ") + m.name).c_str(), m.trips.latency);
    for (const Mode& m : modes)
        out << std::setprecision(1) << "  " << m.name << ": rtcell adds "
            << added_latency_us(m.trips.latency, bare, 0.5) << " us at p50, "
            << added_latency_us(m.trips.latency, bare, 0.99)
            << " us at p99 (target: 1 and 2 steps = " << m.dt_ms * 1e3 << " and "
            << 2 * m.dt_ms * 1e3 << " us); lost " << m.trips.lost << ", loop overruns "
            << m.trips.overruns << "\n";

    // ---- throughput: 500 probes at 20 kHz to a local subscriber ----
    const double seconds = quick ? 1.0 : 5.0;
    {
        CellOptions o;
        o.V_init = -65;
        o.cv_policy = CvPolicy::fixed_per_branch(500);
        Branch b{"cable", BranchType::axon,
                 2,       -1,
                 1.0,     {{0, 0, 0, Diameter{1}}, {1000, 0, 0, Diameter{1}}},
                 {}};
        Cell cell(Morphology({b}, "cable"), o);
        cell.paint(reg::all(), Density{"pas", {{"g", 1e-4}, {"e", -65.0}}});
        cell.place(ls::uniform(reg::all(), 500), Probe{"v", "v"});
        rt::LoopConfig lc = loop_config(0.05);
        lc.duration_s = seconds;
        lc.frame_every = 1;
        lc.output_queue = 1 << 15;
        rt::KernelModelOf<Cell> model(cell);
        io::KernelLoop loop(model, lc);
        io::IoConfig ic;
        ic.enabled = true;
        ic.publish = "tcp://127.0.0.1:*";
        ic.frame_every = 1;
        ic.rows_per_message = 20;
        ic.telemetry_interval_s = 1e9;
        ic.metadata_interval_s = 1e9;
        io::IoThread io(loop, model, ic, "bench");
        io.start();
        zmq::socket_t sub(ctx, zmq::socket_type::sub);
        sub.set(zmq::sockopt::rcvhwm, 100000);
        sub.connect(io.publish_endpoint());
        sub.set(zmq::sockopt::subscribe, "voltage");
        sub.set(zmq::sockopt::rcvtimeo, 500);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        loop.start();
        std::uint64_t rows = 0, columns = 0, messages = 0, gaps = 0, last_seq = 0;
        while (true) {
            zmq::message_t topic, body;
            if (!sub.recv(topic) || !sub.recv(body))
                break;
            const auto* p = static_cast<const std::uint8_t*>(body.data());
            const auto seq = io::read_le<std::uint64_t>(p + 8);
            if (last_seq && seq != last_seq + 1)
                gaps += seq - last_seq - 1;
            last_seq = seq;
            rows += io::read_le<std::uint32_t>(p + 40);
            columns = io::read_le<std::uint32_t>(p + 44);
            ++messages;
        }
        loop.join();
        io.join();
        const auto& t = loop.final_snapshot();
        const auto c = io.counters();
        out << std::setprecision(0) << "Voltage streaming, " << columns << " probes at 20 kHz for "
            << seconds << " s: " << rows << " rows of " << t.steps << " steps received ("
            << messages << " messages, " << gaps << " missed), loop overruns " << t.overruns
            << ", frame queue drops " << loop.dropped_frames() << ", publish drops "
            << c.publish_dropped << "\n";
    }
    return 0;
}

}  // namespace rtcell::tools
