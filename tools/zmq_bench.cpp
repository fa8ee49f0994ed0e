#include "tools/zmq_bench.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <ostream>
#include <span>
#include <string>
#include <thread>
#include <zmq.hpp>

#include "io/io_thread.hpp"
#include "io/wire_format.hpp"
#include "rt/deadline_loop.hpp"
#include "rt/idle_task.hpp"

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

// A bound endpoint on a transport: a tcp loopback wildcard port, or an ipc path of this
// process's own (ZeroMQ removes it when the socket closes).
std::string bind_endpoint(const std::string& transport, const char* role) {
    if (transport == "tcp")
        return "tcp://127.0.0.1:*";
    static std::atomic<int> serial{0};
    return "ipc:///tmp/rtcell-bench-" + std::to_string(::getpid()) + "-" + role + "-" +
           std::to_string(++serial);
}

// One passive compartment whose synapse is strong enough that one event makes it cross the
// threshold within the step it is delivered in, and a current clamp whose amplitude a values
// binding sets (its current probed as stim.i for the value trips).
Cell responder(TripKind kind) {
    CellOptions o;
    o.V_init = -65;
    o.V_th = -20;
    Branch soma{
        "soma", BranchType::soma, 1, -1, 1.0, {{0, 0, 0, Diameter{20}}, {20, 0, 0, Diameter{20}}},
        {}};
    Cell c(Morphology({soma}, "soma"), o);
    c.paint(reg::all(), Density{"pas", {{"g", 0.01}, {"e", -65.0}}});
    c.place(ls::location(0, 0.5), Point{"ExpSyn", "syn", {{"tau", 0.2}, {"e", 50.0}}});
    c.place(ls::location(0, 0.5), Point{"IClamp", "stim", {{"dur", 1e9}, {"amp", 0.0}}, {}});
    if (kind == TripKind::value_to_frame)
        c.place(ls::location(0, 0.5), Probe{"stim_i", "stim.i"});
    return c;
}

// ---- the client's side, the same for rtcell and the bare transport ----

// Trip k's value [nA]: consecutive trips differ, so a frame carrying it answers only trip k.
double trip_value_nA(int k) {
    return 1e-3 * (k % 997 + 1);
}

std::vector<std::uint8_t> trip_request(TripKind kind, int k) {
    const auto seq = static_cast<std::uint64_t>(k) + 1;
    if (kind == TripKind::event_to_spike)
        return io::encode_events(std::vector<io::WireEvent>{{0, -1, 0.5, 0, 0}}, seq);
    return io::encode_values(std::vector<io::WireValue>{{-1, trip_value_nA(k), 0}}, seq);
}

// Whether a message on the answer's topic answers trip k: any spike does; a voltage frame
// does when its first row's one column (stim.i, nA) is trip k's value.
bool answers(TripKind kind, const zmq::message_t& body, int k) {
    if (kind == TripKind::event_to_spike)
        return true;
    if (body.size() < 56)
        return false;
    const double i_nA = io::read_le<double>(static_cast<const std::uint8_t*>(body.data()) + 48);
    return std::abs(std::abs(i_nA) - trip_value_nA(k)) < 1e-9;
}

// Receives until a message answers trip k, or until `until`.
bool await_answer(zmq::socket_t& sub, TripKind kind, int k, clk::time_point until) {
    while (clk::now() < until) {
        zmq::message_t topic, body;
        if (!sub.recv(topic))
            continue;  // rcvtimeo passed; look at the clock again
        if (sub.get(zmq::sockopt::rcvmore) && sub.recv(body) && answers(kind, body, k))
            return true;
    }
    return false;
}

// Drops what waits on the SUB socket (frames of earlier steps) before a trip begins.
void drain(zmq::socket_t& sub) {
    zmq::message_t m;
    while (sub.recv(m, zmq::recv_flags::dontwait)) {
    }
}

// A client's path to one responder (the kernel, or the bare echo): a PUSH to its input, a SUB
// to its answers, and the round trips measured on it.
struct TripPath {
    TripKind kind;
    zmq::socket_t push, sub;
    TripResult result;

    TripPath(zmq::context_t& ctx, TripKind k, const std::string& in, const std::string& out)
        : kind(k), push(ctx, zmq::socket_type::push), sub(ctx, zmq::socket_type::sub) {
        push.set(zmq::sockopt::linger, 0);
        push.connect(in);
        sub.connect(out);
        sub.set(zmq::sockopt::subscribe, kind == TripKind::event_to_spike ? "spikes" : "voltage");
        sub.set(zmq::sockopt::rcvtimeo, 20);
    }
    // Trip 0, repeated unrecorded until it is answered (at most 30 s): ZeroMQ's slow joiner,
    // without a fixed sleep.
    void join() {
        const auto joined_by = clk::now() + std::chrono::seconds(30);
        bool joined = false;
        while (!joined && clk::now() < joined_by) {
            push.send(zmq::buffer(trip_request(kind, 0)), zmq::send_flags::none);
            joined = await_answer(sub, kind, 0, clk::now() + std::chrono::milliseconds(100));
        }
    }
    // Round trip k, recorded (or counted lost after `timeout`).
    void trip(int k, clk::duration timeout) {
        drain(sub);
        const auto request = trip_request(kind, k);
        const auto t0 = clk::now();
        push.send(zmq::buffer(request), zmq::send_flags::none);
        if (await_answer(sub, kind, k, t0 + timeout))
            result.latency.record(ns_since(t0));
        else
            ++result.lost;
    }
};

// `trips` round trips on each path, one trip per millisecond (the responder's compartment is
// back at rest by then). With two paths the trips alternate, in an order that alternates too,
// so both see the same machine: on a virtual machine a round trip's time drifts by a factor of
// two from minute to minute, and measured one after the other the difference of two paths is
// mostly that drift.
void round_trips(std::span<TripPath* const> paths, int trips, double timeout_s) {
    const auto timeout =
        std::chrono::duration_cast<clk::duration>(std::chrono::duration<double>(timeout_s));
    for (TripPath* p : paths)
        p->join();
    const std::size_t n = paths.size();
    for (int k = 1; k <= trips; ++k)
        for (std::size_t j = 0; j < n; ++j) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            paths[(j + static_cast<std::size_t>(k)) % n]->trip(k, timeout);
        }
}

// Bare ZeroMQ: PULL → echoed on PUB, topic "spikes", on a thread and a context of its own, as
// the kernel's IO thread has.
class BareEcho {
  public:
    explicit BareEcho(const std::string& transport)
        : pull_(ctx_, zmq::socket_type::pull), pub_(ctx_, zmq::socket_type::pub) {
        pull_.bind(bind_endpoint(transport, "bare-in"));
        pub_.bind(bind_endpoint(transport, "bare-out"));
        thread_ = std::thread([this] { echo(); });
    }
    ~BareEcho() {
        stop_ = true;
        thread_.join();
    }
    BareEcho(const BareEcho&) = delete;
    BareEcho& operator=(const BareEcho&) = delete;
    std::string in() const { return pull_.get(zmq::sockopt::last_endpoint); }
    std::string out() const { return pub_.get(zmq::sockopt::last_endpoint); }

  private:
    void echo() {
        zmq::pollitem_t item{pull_.handle(), 0, ZMQ_POLLIN, 0};
        while (!stop_.load()) {
            zmq::poll(&item, 1, std::chrono::milliseconds(10));
            zmq::message_t m;
            while (pull_.recv(m, zmq::recv_flags::dontwait)) {
                pub_.send(zmq::str_buffer("spikes"), zmq::send_flags::sndmore);
                pub_.send(m, zmq::send_flags::none);
            }
        }
    }
    zmq::context_t ctx_{1};
    zmq::socket_t pull_, pub_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

// The kernel's IO configuration for a trip: its binding and PUB socket on the transport; the
// value trips stream every step's frame, one row per message.
io::IoConfig trip_io_config(const KernelTrips& s) {
    io::IoConfig ic;
    ic.enabled = true;
    ic.publish = bind_endpoint(s.transport, "pub");
    ic.telemetry_interval_s = 1e9;
    ic.metadata_interval_s = 1e9;
    ic.busy_poll = s.wake == io::IoConfig::Wake::poll &&
                   std::thread::hardware_concurrency() >= 4;  // a spare CPU for the IO thread
    ic.wake = s.wake;
    io::InputBinding b;
    b.name = "drive";
    b.endpoint = bind_endpoint(s.transport, "in");
    if (s.kind == TripKind::event_to_spike) {
        b.target = "syn";
    } else {
        b.kind = io::InputBinding::Kind::values;
        b.target = "stim.amp";
        ic.frame_every = 1;
        ic.rows_per_message = 1;
    }
    ic.inputs = {b};
    return ic;
}

// The bare round trip alone, or beside an empty loop (CyclicLoop<IdleTask>) at 40 kHz and the
// loop's priority: the platform as the kernel's sockets see it, since a virtual machine's CPUs
// that are kept awake hand over much faster than idle ones.
LatencySamples bare_round_trip(const std::string& transport, int trips, bool beside_loop) {
    rt::IdleTask idle;
    rt::CyclicLoop<rt::IdleTask> empty(idle, loop_config(0.025));
    if (beside_loop)
        empty.start();
    zmq::context_t ctx(1);
    BareEcho echo(transport);
    TripPath bare(ctx, TripKind::event_to_spike, echo.in(), echo.out());
    TripPath* paths[] = {&bare};
    round_trips(paths, trips, 0.2);
    empty.request_stop();
    empty.join();
    return bare.result.latency;
}

void row(std::ostream& out, const std::string& what, const LatencySamples& h) {
    out << "  " << std::left << std::setw(62) << what << std::right << std::fixed
        << std::setprecision(1) << std::setw(9) << h.quantile_us(0.5) << std::setw(9)
        << h.quantile_us(0.99) << std::setw(10) << h.max_us() << "\n";
}

}  // namespace

KernelTripResult kernel_round_trips(const KernelTrips& s) {
    zmq::context_t ctx(1);
    Cell cell = responder(s.kind);
    rt::KernelModelOf<Cell> model(cell);
    rt::LoopConfig lc = loop_config(s.dt_ms);
    lc.frame_every = s.kind == TripKind::value_to_frame ? 1 : 0;
    io::KernelLoop loop(model, lc);
    io::IoThread io(loop, model, trip_io_config(s), "bench");
    io.start();
    loop.start();
    KernelTripResult r;
    {
        BareEcho echo(s.transport);
        TripPath kernel(ctx, s.kind, io.input_endpoint("drive"), io.publish_endpoint());
        TripPath bare(ctx, TripKind::event_to_spike, echo.in(), echo.out());
        TripPath* paths[] = {&kernel, &bare};
        round_trips(paths, s.trips, s.answer_timeout_s);
        r.kernel = kernel.result;
        r.bare = bare.result;
    }
    loop.request_stop();
    loop.join();
    io.request_stop();
    io.join();
    r.overruns = loop.final_snapshot().overruns;
    return r;
}

namespace {

struct Mode {
    io::IoConfig::Wake wake;
    double dt_ms;
    const char* name;
};
constexpr Mode kModes[] = {{io::IoConfig::Wake::poll, 0.025, "io.wake poll, 40 kHz"},
                           {io::IoConfig::Wake::schedule, 0.025, "io.wake schedule, 40 kHz"},
                           {io::IoConfig::Wake::schedule, 0.05, "io.wake schedule, 20 kHz"}};

const char* kind_name(TripKind kind) {
    return kind == TripKind::event_to_spike ? "event -> spike" : "value -> frame";
}

struct KernelRow {
    std::string name;
    double dt_ms;
    KernelTripResult result;
};

// "p50 X [a, b], p99 Y [c, d]: met" for what the kernel adds over one bare round trip [µs],
// with 95 % intervals; the verdict is the worse of the two quantiles'.
void added(std::ostream& out, const LatencySamples& kernel, const LatencySamples& bare,
           double step_us) {
    const AddedLatency p50 = added_latency(kernel, bare, 0.5);
    const AddedLatency p99 = added_latency(kernel, bare, 0.99);
    const Verdict v = worse(judge(p50, step_us), judge(p99, 2 * step_us));
    out << "p50 " << p50.estimate_us << " [" << p50.low_us << ", " << p50.high_us << "], p99 "
        << p99.estimate_us << " [" << p99.low_us << ", " << p99.high_us << "]: " << verdict_name(v);
}

// The verdict lines of one kernel row: what it adds over the bare round trips interleaved with
// it, and over the bare round trip alone.
void verdict(std::ostream& out, const std::string& transport, const KernelRow& k,
             const LatencySamples& bare_alone) {
    const double step_us = k.dt_ms * 1e3;
    out << std::setprecision(1) << "  " << transport << ", " << k.name << " (target " << step_us
        << " / " << 2 * step_us << "):\n    over interleaved ";
    added(out, k.result.kernel.latency, k.result.bare.latency, step_us);
    out << "\n    over alone ";
    added(out, k.result.kernel.latency, bare_alone, step_us);
    out << "\n    lost " << k.result.kernel.lost << " (bare " << k.result.bare.lost
        << "), loop overruns " << k.result.overruns << "\n";
}

// Every latency row of one transport, then what rtcell adds to the bare round trip.
void latency_table(std::ostream& out, const std::string& transport, int trips) {
    const LatencySamples bare = bare_round_trip(transport, trips, false);
    const LatencySamples bare_loop = bare_round_trip(transport, trips, true);
    std::vector<KernelRow> rows;
    for (TripKind kind : {TripKind::event_to_spike, TripKind::value_to_frame})
        for (const Mode& m : kModes) {
            KernelTrips s;
            s.kind = kind;
            s.transport = transport;
            s.wake = m.wake;
            s.dt_ms = m.dt_ms;
            s.trips = trips;
            rows.push_back(
                {std::string(kind_name(kind)) + ", " + m.name, m.dt_ms, kernel_round_trips(s)});
        }
    out << std::left << std::setw(64) << (transport == "tcp" ? "tcp loopback [us]:" : "ipc [us]:")
        << std::right << std::setw(9) << "p50" << std::setw(9) << "p99" << std::setw(10) << "max\n";
    row(out, "bare ZeroMQ (PUSH->PULL, PUB->SUB) alone", bare);
    row(out, "bare ZeroMQ beside an empty 40 kHz loop", bare_loop);
    for (const KernelRow& k : rows) {
        row(out, k.name + ": rtcell", k.result.kernel.latency);
        row(out, k.name + ": bare, interleaved", k.result.bare.latency);
    }
    out << "what rtcell adds to the bare round trip [us], with 95 % bootstrap intervals (target: "
           "1 step at p50 / 2 steps at p99; met: the whole interval within it; not met: the whole "
           "interval above it; otherwise not resolved here):\n";
    for (const KernelRow& k : rows)
        verdict(out, transport, k, bare);
}

// A 1000 µm passive cable of 500 CVs with a voltage probe in each.
Cell probed_cable() {
    CellOptions o;
    o.V_init = -65;
    o.cv_policy = CvPolicy::fixed_per_branch(500);
    Branch b{
        "cable", BranchType::axon, 2, -1, 1.0, {{0, 0, 0, Diameter{1}}, {1000, 0, 0, Diameter{1}}},
        {}};
    Cell cell(Morphology({b}, "cable"), o);
    cell.paint(reg::all(), Density{"pas", {{"g", 1e-4}, {"e", -65.0}}});
    cell.place(ls::uniform(reg::all(), 500), Probe{"v", "v"});
    return cell;
}

// 500 probes streamed at 20 kHz to a local subscriber: rows received, missed and dropped.
void streaming(std::ostream& out, double seconds) {
    zmq::context_t ctx(1);
    Cell cell = probed_cable();
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
        << seconds << " s: " << rows << " rows of " << t.steps << " steps received (" << messages
        << " messages, " << gaps << " missed), loop overruns " << t.overruns
        << ", frame queue drops " << loop.dropped_frames() << ", publish drops "
        << c.publish_dropped << "\n";
}

}  // namespace

int bench_zmq(bool quick, std::ostream& out, std::ostream&) {
    const int trips = quick ? 500 : 10000;
    out << "ZeroMQ latency, " << trips
        << " round trips per row, a C++ client, one trip per ms; the IO thread "
        << (std::thread::hardware_concurrency() >= 4 ? "busy-polling"
                                                     : "sleeping between polls (fewer than 4 CPUs)")
        << " in poll mode\n";
    for (const char* transport : {"tcp", "ipc"})
        latency_table(out, transport, trips);
    streaming(out, quick ? 1.0 : 5.0);
    return 0;
}

}  // namespace rtcell::tools
