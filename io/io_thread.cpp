#include "io/io_thread.hpp"

#include <sched.h>
#include <algorithm>
#include <chrono>
#include <thread>
#include <zmq.hpp>

#include "io/control_requests.hpp"
#include "io/input_path.hpp"
#include "io/loop_pacer.hpp"
#include "io/publisher.hpp"
#include "io/socket_waiter.hpp"
#include "io/sockets.hpp"
#include "model/util/input_error.hpp"
#include "rt/clock.hpp"
#include "rt/realtime_setup.hpp"

namespace rtcell::io {
namespace {
using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point t) {
    return std::chrono::duration<double>(clock_type::now() - t).count();
}

// What the model (a cell or a network) offers by name, with the loop's handles for every parameter
// and binding weight.
KernelInfo resolve_kernel(KernelLoop& loop, rt::KernelModel& cell, std::string source) {
    KernelInfo info;
    info.source = std::move(source);
    info.members = cell.members();
    info.dt_ms = loop.config().dt_ms;
    info.probe_names = cell.probe_names();
    info.probe_units = cell.probe_units();
    info.probe_units.resize(info.probe_names.size());
    for (const auto& extra : loop.extra_probe_names())  // a dynamic clamp's columns
        info.probe_names.push_back(extra);
    for (const auto& unit : loop.extra_probe_units())
        info.probe_units.push_back(unit);
    info.synapse_names = cell.synapse_names();
    for (const auto& [owner, param] : cell.parameter_list()) {
        info.parameters[owner + "." + param] = loop.parameter_handle(owner, param);
        info.units[owner + "." + param] = cell.parameter_unit(owner, param);
    }
    for (const auto& g : cell.groups())
        info.groups.push_back({g.name, g.members.first, g.members.count});
    for (const auto& syn : info.synapse_names) {
        try {
            info.parameters["weight:" + syn] = loop.weight_handle(syn);
        } catch (const InputError&) {
            // no binding on this synapse: no weight to set
        }
    }
    return info;
}
}  // namespace

struct IoThread::Impl {
    KernelLoop& loop;
    IoConfig config;
    KernelInfo info;
    IoStats stats;
    zmq::context_t context{1};
    std::vector<InputPath> inputs;
    std::unique_ptr<zmq::socket_t> rep;
    std::unique_ptr<ZapHandler> zap;  // with io.curve: admits the authorized client keys
    Recorder* recorder = nullptr;     // rtcell run --record
    Publisher publisher{config, info, stats};
    // Requests for a step more than 50 ms ahead wait here, not in the loop's fixed arrays.
    PendingMessages pending{
        loop, std::max<std::uint64_t>(64, static_cast<std::uint64_t>(50.0 / info.dt_ms))};
    ControlRequests control{pending, stats, info, [this] { return publisher.telemetry(loop); },
                            [this] { return publisher.metadata(inputs); }};

    Impl(KernelLoop& l, IoConfig c, KernelInfo i)
        : loop(l), config(std::move(c)), info(std::move(i)) {
        // ZeroMQ's own I/O thread moves the bytes of every socket: it runs as rtcell-io does.
        if (config.priority > 0) {
            context.set(zmq::ctxopt::thread_sched_policy, SCHED_FIFO);
            context.set(zmq::ctxopt::thread_priority, config.priority);
        }
        if (config.cpu >= 0)
            context.set(zmq::ctxopt::thread_affinity_cpu_add, config.cpu);
    }

    bool poll_sockets(std::vector<zmq::pollitem_t>& items, bool idle);
    void answer_request();
    bool drain_outputs();
    void periodic(clock_type::time_point& last_telemetry, clock_type::time_point& last_metadata);
};

IoThread::IoThread(KernelLoop& loop, rt::KernelModel& cell, IoConfig config, std::string source) {
    KernelInfo info = resolve_kernel(loop, cell, std::move(source));
    impl_ = std::make_unique<Impl>(loop, std::move(config), std::move(info));
    for (const auto& b : impl_->config.inputs) {
        impl_->inputs.push_back(resolve_input(b, loop, impl_->info, cell));
        auto& io_weights = impl_->info.io_weight_synapses;
        if (b.kind == InputBinding::Kind::events &&
            !impl_->info.parameters.count("weight:" + b.target) &&
            std::find(io_weights.begin(), io_weights.end(), b.target) == io_weights.end())
            io_weights.push_back(b.target);
    }
    impl_->control.on_io_weight([this](const std::string& synapse, double value) {
        for (auto& in : impl_->inputs)
            if (in.binding.kind == InputBinding::Kind::events && in.binding.target == synapse)
                in.binding.weight = value;
    });
}

IoThread::~IoThread() {
    request_stop();
    join();
}

void IoThread::join() {
    if (thread_.joinable())
        thread_.join();
}

std::string IoThread::input_endpoint(const std::string& binding) const {
    for (const auto& in : impl_->inputs)
        if (in.binding.name == binding)
            return in.endpoint;
    return "";
}

bool IoThread::latest_timing(rt::TimingSnapshot& out) const {
    return impl_->stats.timing(out);
}

IoCounters IoThread::counters() const {
    return impl_->stats.counters();
}

std::string IoThread::metadata_json() const {
    return impl_->publisher.metadata(impl_->inputs)
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The control socket: beyond loopback only as a CURVE server whose clients the ZAP handler
// checks against the authorized keys (bound first, so no handshake can happen without it).
void IoThread::open_control(Impl& I) {
    const CurveConfig& curve = I.config.curve;
    if (!curve.enabled() && !is_local_endpoint(I.config.control))
        throw InputError("io.control: " + I.config.control +
                         " can be reached from other machines; bind it to 127.0.0.1 or set "
                         "io.curve (a server secret key and the authorized client keys)");
    std::unique_ptr<CurveKeys> keys;
    if (curve.enabled()) {
        keys = std::make_unique<CurveKeys>(load_curve_keys(curve));
        I.zap = std::make_unique<ZapHandler>(I.context, keys->authorized, I.stats);
        curve_public_key_ = keys->public_key;
    }
    I.rep = open_socket(I.context, socket_kind(SocketRole::control), I.config.control, true,
                        I.config, "io.control", keys.get());
    control_endpoint_ = I.rep->get(zmq::sockopt::last_endpoint);
    I.info.control_endpoint = control_endpoint_;
}

void IoThread::record_to(Recorder* recorder) {
    impl_->recorder = recorder;
}

void IoThread::set_platform_floor(std::string json_object) {
    impl_->info.platform_floor = std::move(json_object);
}

void IoThread::clamp_samples_to(const std::vector<rt::ClampExchange*>& channels) {
    bool any = false;
    for (auto& in : impl_->inputs)
        if (in.binding.kind == InputBinding::Kind::samples) {
            in.samples = channels;
            any = true;
        }
    if (!any)
        throw InputError(
            "dynamic_clamp without shared_memory takes its samples over ZeroMQ: give "
            "an io.inputs binding of kind samples");
}

void IoThread::start() {
    Impl& I = *impl_;
    if (!I.config.publish.empty()) {
        auto pub = open_socket(I.context, socket_kind(SocketRole::publish), I.config.publish, true,
                               I.config, "io.publish");
        pub->set(zmq::sockopt::xpub_verbose,
                 1);  // every client's subscription, not just new topics
        publish_endpoint_ = pub->get(zmq::sockopt::last_endpoint);
        I.info.publish_endpoint = publish_endpoint_;
        I.publisher.set_socket(std::move(pub));
    }
    if (!I.config.control.empty())
        open_control(I);
    for (auto& in : I.inputs) {
        const SocketKind& kind = input_socket_kind(in.binding.socket);
        in.socket = open_socket(I.context, kind, in.binding.endpoint, in.binding.bind, I.config,
                                "io input '" + in.binding.name + "'");
        if (kind.topic)
            in.socket->set(zmq::sockopt::subscribe, in.binding.topic);
        in.endpoint =
            in.binding.bind ? in.socket->get(zmq::sockopt::last_endpoint) : in.binding.endpoint;
    }
    thread_ = std::thread([this] { run(); });
    setup_ = rt::schedule_thread(thread_.native_handle(), I.config.priority, I.config.cpu);
}

// Inputs and control requests waiting on the sockets (waiting up to 1 ms when idle).
bool IoThread::Impl::poll_sockets(std::vector<zmq::pollitem_t>& items, bool idle) {
    if (items.empty())
        return false;
    bool busy = false;
    zmq::poll(items.data(), items.size(), std::chrono::milliseconds(idle ? 1 : 0));
    for (std::size_t i = 0; i < inputs.size(); ++i)
        if (items[i].revents & ZMQ_POLLIN) {
            inputs[i].receive(pending, stats, info);
            busy = true;
        }
    if (zap && (items[inputs.size()].revents & ZMQ_POLLIN)) {
        zap->answer();
        busy = true;
    }
    if (rep && (items.back().revents & ZMQ_POLLIN)) {
        answer_request();
        busy = true;
    }
    return busy;
}

// One request from the REP socket, answered. A request of several frames is read whole (REP
// cannot reply before it has) and refused; a ZeroMQ error is counted and never escapes.
void IoThread::Impl::answer_request() {
    try {
        zmq::message_t request;
        if (!rep->recv(request, zmq::recv_flags::dontwait))
            return;
        std::size_t frames = 1;
        for (zmq::message_t more; request.more() && rep->recv(more, zmq::recv_flags::dontwait);
             ++frames)
            request.swap(more);  // only the frame count of a multi-frame request matters
        const std::string reply =
            frames == 1 ? control.answer(request.to_string_view()) : control.refuse_frames(frames);
        rep->send(zmq::buffer(reply), zmq::send_flags::dontwait);
    } catch (const zmq::error_t&) {
        stats.update([](IoCounters& c) { ++c.requests_refused; });
    }
}

// The loop's output queues into messages; the newest timing snapshot for the reporters.
bool IoThread::Impl::drain_outputs() {
    bool busy = false;
    rt::SpikeRecord s;
    while (loop.poll(s)) {
        publisher.add_spike(s);
        if (recorder)
            recorder->add(s);
        busy = true;
    }
    publisher.flush_spikes();
    rt::FrameRecord f;
    while (loop.poll(f)) {
        publisher.add_frame(f);
        if (recorder)
            recorder->add(f);
        busy = true;
    }
    rt::AppliedRecord a;
    while (loop.poll(a))
        if (recorder)
            recorder->add(a);
    rt::TimingSnapshot snap;
    bool fresh = false;
    while (loop.poll(snap))
        fresh = true;
    if (fresh)
        stats.set_timing(snap);
    return busy;
}

void IoThread::Impl::periodic(clock_type::time_point& last_telemetry,
                              clock_type::time_point& last_metadata) {
    if (!publisher.open())
        return;
    if (seconds_since(last_telemetry) >= config.telemetry_interval_s) {
        publisher.publish_telemetry(loop);
        last_telemetry = clock_type::now();
    }
    if (publisher.metadata_subscribed() ||
        seconds_since(last_metadata) >= config.metadata_interval_s) {
        publisher.publish_metadata(inputs);
        last_metadata = clock_type::now();
    }
}

// Waiting, io.wake poll: after activity, short waits for a while, since an input usually brings
// a response (a spike) a step or two later; when idle longer, block in zmq::poll on the input
// and control sockets for up to 1 ms, which also bounds how long an unprompted output waits. An
// arriving message ends either wait at once. Spinning instead would compete with the real-time
// thread for the CPUs. io.wake schedule: LoopPacer (loop_pacer.hpp). After the loop ends, one
// more pass drains the queues.
void IoThread::run() {
    rt::name_this_thread("rtcell-io");
    Impl& I = *impl_;
    if (I.config.wake == IoConfig::Wake::schedule)
        rt::exact_timers_for_this_thread();  // its waits are timed to the loop's deadlines
    std::vector<zmq::pollitem_t> items;
    for (auto& in : I.inputs)
        items.push_back({in.socket->handle(), 0, ZMQ_POLLIN, 0});
    if (I.zap)
        items.push_back({I.zap->socket().handle(), 0, ZMQ_POLLIN, 0});
    if (I.rep)
        items.push_back({I.rep->handle(), 0, ZMQ_POLLIN, 0});
    std::vector<void*> handles;
    for (const auto& item : items)
        handles.push_back(item.socket);
    SocketWaiter waiter(std::move(handles));
    LoopPacer pacer;
    const auto started = clock_type::now();
    auto last_telemetry = started, last_metadata = started - std::chrono::hours(1);
    constexpr auto kActiveWindow = std::chrono::milliseconds(2);
    auto active_until = clock_type::now();
    bool idle = false, final_pass = false;
    while (true) {
        // A tick's outputs first when the schedule woke us for them; again after the sockets,
        // for what the loop made while zmq::poll blocked.
        bool busy = I.config.wake == IoConfig::Wake::schedule && I.drain_outputs();
        busy = I.poll_sockets(items, idle) || busy;
        I.pending.release();
        busy = I.drain_outputs() || busy;
        I.periodic(last_telemetry, last_metadata);
        if (final_pass)
            break;
        if (I.loop.finished() || stop_.load())
            final_pass = true;
        else if (busy)
            active_until = clock_type::now() + kActiveWindow;
        idle = !busy && clock_type::now() > active_until && !I.config.busy_poll;
        if (I.config.busy_poll)
            continue;
        if (I.config.wake == IoConfig::Wake::schedule) {
            idle = false;  // zmq::poll never blocks: the schedule paces the passes
            pacer.wait(I.loop, waiter);
            continue;
        }
        if (!busy && !idle)
            waiter.wait(20'000);
        if (idle && items.empty())
            std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    I.publisher.flush_frames();
    if (I.loop.finished())
        I.stats.set_timing(I.loop.final_snapshot());
    if (I.publisher.open()) {
        I.publisher.publish_telemetry(I.loop);
        rt::TimingSnapshot last;
        I.stats.timing(last);
        // Why the stream ends: the loop's own end (duration, stop request, fault policy) or
        // the IO thread told to stop (the command interrupted by a signal).
        const std::string reason = !I.loop.finished() ? "interrupted"
                                   : last.fault_step  ? "fault"
                                                      : "finished";
        I.publisher.publish_end(I.loop, reason);
    }
}

}  // namespace rtcell::io
