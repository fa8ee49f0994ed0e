#include "tools/zmq_commands.hpp"

#include <chrono>
#include <iomanip>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>
#include <thread>
#include <zmq.hpp>

#include "config/units.hpp"
#include "io/wire_format.hpp"
#include "model/util/input_error.hpp"
#include "tools/cli/arguments.hpp"
#include "tools/cli/stop_signals.hpp"
#include "tools/stream_csv.hpp"

namespace rtcell::tools {

namespace {

const char* const listen_help =
    "usage: rtcell listen ENDPOINT [--topics spikes,voltage,telemetry,metadata,end] [--csv FILE]\n"
    "                     [--count N] [--timeout T]\n"
    "\n"
    "Subscribes to a running kernel's PUB socket (io.publish) and prints what it publishes:\n"
    "one line per spike, a summary per voltage frame, telemetry and metadata as JSON. Gaps in a\n"
    "topic's sequence numbers are reported. With --csv, voltage frames are written to FILE as\n"
    "rows (step, t_ms, then one column per probe, named in a header from the metadata) and\n"
    "spikes to FILE's stem + _spikes.csv (step, t_ms, member). Stops after N messages, T without\n"
    "any, the kernel's end-of-stream message, or Ctrl-C / SIGTERM (files are flushed).\n";

const char* const send_help =
    "usage: rtcell send ENDPOINT (--events M:W[:STEP] ... | --values M:V ...)\n"
    "                   [--socket push|pub] [--topic T] [--bind] [--repeat N --interval T]\n"
    "\n"
    "Sends events (member M, weight W in uS, optionally at model step STEP; M = -1 for every\n"
    "member) or values (member M, value V in the target's unit) to an input binding of a running\n"
    "kernel. PUSH connects to a PULL binding (the default); PUB sends with a topic to a SUB\n"
    "binding (--bind when the kernel connects).\n";

std::string payload_string(const zmq::message_t& m) {
    return {static_cast<const char*>(m.data()), m.size()};
}

}  // namespace

int run_listen(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::string endpoint, topics = "spikes,voltage,telemetry,metadata,end", csv_path,
                          timeout = "10s";
    std::string count_arg;
    Arguments a("listen", listen_help);
    a.positional(endpoint, "endpoint")
        .option("--topics", topics)
        .option("--csv", csv_path)
        .option("--count", count_arg)
        .option("--timeout", timeout);
    if (const int status = a.parse(args, out, err); status >= 0)
        return status;
    long count = -1;
    try {
        if (!count_arg.empty())
            count = whole_number(count_arg, "--count");
    } catch (const std::exception& e) {
        err << "rtcell listen: " << e.what() << "\n\n" << listen_help;
        return 2;
    }
    if (endpoint.empty()) {
        err << "rtcell listen: no endpoint\n\n" << listen_help;
        return 2;
    }
    try {
        const double timeout_ms = quantity(timeout, units::Dimension::time, "--timeout");
        zmq::context_t ctx(1);
        zmq::socket_t sub(ctx, zmq::socket_type::sub);
        sub.set(zmq::sockopt::linger, 0);
        sub.connect(endpoint);
        std::set<std::string> shown;
        std::stringstream list(topics);
        for (std::string t; std::getline(list, t, ',');) {
            sub.set(zmq::sockopt::subscribe, t);
            shown.insert(t);
        }
        std::optional<StreamCsv> csv;
        if (!csv_path.empty()) {
            csv.emplace(csv_path);
            for (const char* t : {"metadata", "spikes", "voltage"})  // the header needs metadata
                if (!shown.count(t))
                    sub.set(zmq::sockopt::subscribe, t);
        }
        const StopSignals stop;  // Ctrl-C and SIGTERM end the loop; the files are flushed
        std::map<std::string, std::uint64_t> last_seq;
        long received = 0;
        auto last = std::chrono::steady_clock::now();
        while ((count < 0 || received < count) && !stop.requested()) {
            out.flush();  // line by line, for a pipe or a file as for a terminal
            zmq::message_t topic, payload;
            if (!sub.recv(topic, zmq::recv_flags::dontwait)) {
                if (std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                              last)
                        .count() > timeout_ms)
                    break;
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
                continue;
            }
            last = std::chrono::steady_clock::now();
            if (!topic.more() || !sub.recv(payload))
                continue;
            const std::string name = payload_string(topic);
            const bool show = shown.count(name) > 0;
            received += show;
            const std::span<const std::uint8_t> p(static_cast<const std::uint8_t*>(payload.data()),
                                                  payload.size());
            io::Header h{};
            io::DropReason reason{};
            if (!io::decode_header(p, h, reason)) {
                if (show)
                    out << name << ": undecodable message (" << io::drop_reason_name(reason)
                        << ")\n";
                continue;
            }
            if (show && last_seq.count(name) && h.sequence != last_seq[name] + 1)
                out << name << ": missed " << (h.sequence - last_seq[name] - 1) << " message(s)\n";
            last_seq[name] = h.sequence;
            using io::read_le;
            if (h.type == io::MessageType::spikes && p.size() >= 20) {
                const auto n = read_le<std::uint32_t>(p.data() + 16);
                for (std::uint32_t k = 0; k < n && 20 + (k + 1) * 24 <= p.size(); ++k) {
                    const std::uint8_t* r = p.data() + 20 + k * 24;
                    if (csv)
                        csv->spike(read_le<std::uint64_t>(r), read_le<double>(r + 8),
                                   read_le<std::int32_t>(r + 16));
                    if (show)
                        out << "spike step " << read_le<std::uint64_t>(r) << " t " << std::fixed
                            << std::setprecision(3) << read_le<double>(r + 8) << " ms member "
                            << read_le<std::int32_t>(r + 16) << "\n";
                }
            } else if (h.type == io::MessageType::voltage && p.size() >= 48) {
                const auto step = read_le<std::uint64_t>(p.data() + 16);
                const double t0 = read_le<double>(p.data() + 24),
                             dt = read_le<double>(p.data() + 32);
                const auto rows = read_le<std::uint32_t>(p.data() + 40),
                           cols = read_le<std::uint32_t>(p.data() + 44);
                if (p.size() != 48 + static_cast<std::size_t>(rows) * cols * 8) {
                    out << "voltage: size does not match rows × columns\n";
                    continue;
                }
                if (show) {
                    out << "voltage steps " << step << "+" << rows << " x " << cols
                        << " columns, first row:";
                    for (std::uint32_t c = 0; c < cols && c < 8; ++c)
                        out << " " << std::setprecision(4)
                            << read_le<double>(p.data() + 48 + c * 8);
                    out << "\n";
                }
                if (csv)
                    csv->frame(step, t0, dt, rows, cols, p.subspan(48));
            } else {
                const std::string text(reinterpret_cast<const char*>(p.data() + 16), p.size() - 16);
                if (csv && h.type == io::MessageType::metadata)
                    csv->metadata(text);
                if (show)
                    out << name << ": " << text << "\n";
                if (h.type == io::MessageType::end) {
                    out << "the kernel's stream ended\n";
                    break;
                }
            }
        }
        if (csv)
            csv->finish(err);
        if (stop.requested())
            out << "stopped by " << stop.name() << "\n";
        return 0;
    } catch (const InputError& e) {
        err << "rtcell listen: error: " << e.what() << "\n";
        return 1;
    } catch (const zmq::error_t& e) {
        err << "rtcell listen: " << endpoint << ": " << e.what() << "\n";
        return 1;
    }
}

int run_send(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::string endpoint, socket = "push", topic, interval = "0ms";
    std::string repeat_arg;
    bool bind = false, events_mode = false, values_mode = false;
    std::vector<std::string> specs;
    Arguments a("send", send_help);
    a.positional(endpoint, "endpoint")
        .rest(specs)
        .flag("--events", events_mode)
        .flag("--values", values_mode)
        .option("--socket", socket)
        .option("--topic", topic)
        .flag("--bind", bind)
        .option("--repeat", repeat_arg)
        .option("--interval", interval);
    if (const int status = a.parse(args, out, err); status >= 0)
        return status;
    long repeat = 1;
    std::vector<io::WireEvent> events;
    std::vector<io::WireValue> values;
    try {
        if (events_mode && values_mode)
            throw InputError("give --events or --values, not both");
        if (!repeat_arg.empty())
            repeat = whole_number(repeat_arg, "--repeat");
        for (const std::string& spec_text : specs) {
            std::stringstream spec(spec_text);
            std::vector<std::string> parts;
            for (std::string x; std::getline(spec, x, ':');)
                parts.push_back(x);
            if (events_mode && (parts.size() == 2 || parts.size() == 3))
                events.push_back({static_cast<std::int32_t>(whole_number(parts[0], spec_text)), -1,
                                  number(parts[1], spec_text),
                                  parts.size() == 3 ? static_cast<std::uint64_t>(
                                                          whole_number(parts[2], spec_text))
                                                    : 0,
                                  0.0});
            else if (values_mode && parts.size() == 2)
                values.push_back({static_cast<std::int32_t>(whole_number(parts[0], spec_text)),
                                  number(parts[1], spec_text), 0});
            else
                throw InputError("cannot read '" + spec_text +
                                 "' (events are M:W[:STEP], values M:V)");
        }
        if (endpoint.empty() || (events.empty() && values.empty()))
            throw InputError("give an endpoint and some events or values");
        if (socket != "push" && socket != "pub")
            throw InputError("--socket takes push or pub");
    } catch (const std::exception& e) {
        err << "rtcell send: " << e.what() << "\n\n" << send_help;
        return 2;
    }
    try {
        const double pause_ms = quantity(interval, units::Dimension::time, "--interval");
        zmq::context_t ctx(1);
        zmq::socket_t s(ctx, socket == "pub" ? zmq::socket_type::pub : zmq::socket_type::push);
        s.set(zmq::sockopt::linger, 2000);
        if (bind)
            s.bind(endpoint);
        else
            s.connect(endpoint);
        if (socket == "pub")
            std::this_thread::sleep_for(
                std::chrono::milliseconds(200));  // let subscriptions arrive
        for (long k = 0; k < repeat; ++k) {
            const auto payload = events.empty()
                                     ? io::encode_values(values, static_cast<std::uint64_t>(k + 1))
                                     : io::encode_events(events, static_cast<std::uint64_t>(k + 1));
            if (socket == "pub")
                s.send(zmq::buffer(topic), zmq::send_flags::sndmore);
            s.send(zmq::buffer(payload), zmq::send_flags::none);
            if (pause_ms > 0)
                std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(pause_ms));
        }
        out << "sent " << repeat << " message(s) of "
            << (events.empty() ? values.size() : events.size()) << " "
            << (events.empty() ? "value(s)" : "event(s)") << " to " << endpoint << "\n";
        return 0;
    } catch (const InputError& e) {
        err << "rtcell send: error: " << e.what() << "\n";
        return 1;
    } catch (const zmq::error_t& e) {
        err << "rtcell send: " << endpoint << ": " << e.what() << "\n";
        return 1;
    }
}

}  // namespace rtcell::tools
