#include "tools/dashboard/dashboard_command.hpp"

#include <chrono>
#include <iomanip>
#include <ostream>
#include <random>
#include <sstream>
#include <thread>

#include "config/model_config.hpp"
#include "config/network_config.hpp"
#include "model/util/input_error.hpp"
#include "tools/cli/arguments.hpp"
#include "tools/cli/stop_signals.hpp"
#include "tools/dashboard/kernel_link.hpp"
#include "tools/dashboard/web_server.hpp"

namespace rtcell::tools {

namespace {
const char* const kHelp =
    "usage: rtcell dashboard [CONFIG.yaml] [--publish ENDPOINT] [--control ENDPOINT]\n"
    "                        [--listen ADDRESS:PORT] [--token TOKEN] [--web DIR] [--stale T]\n"
    "                        [--duration T]\n"
    "\n"
    "Serves a web page that watches and steers a running kernel (rtcell run): live voltage\n"
    "traces, a spike raster, the loop's timing, the stream's metadata, a parameter panel, and\n"
    "pause, resume and reset. It subscribes to the kernel's PUB socket and talks to its control\n"
    "socket; the kernel's threads never wait for it or for the browsers.\n"
    "\n"
    "  CONFIG            take the endpoints from this configuration's io section\n"
    "  --publish EP      the kernel's PUB endpoint (default tcp://127.0.0.1:5556)\n"
    "  --control EP      its control endpoint (default: the one its metadata names)\n"
    "  --listen A:P      where the page is served (default 127.0.0.1:8080; port 0: any free one)\n"
    "  --token TOKEN     the access token; off loopback one is made when none is given\n"
    "  --web DIR         the page's files (default: this build's tools/dashboard/web)\n"
    "  --stale T         silence after which the kernel counts as gone (default 3 s)\n"
    "  --duration T      stop after T (default: until Ctrl-C)\n";

struct Listen {
    std::string address;
    unsigned short port;
};

Listen parse_listen(const std::string& text) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon + 1 == text.size())
        throw InputError("--listen: '" + text + "' is not ADDRESS:PORT (127.0.0.1:8080)");
    std::string address = text.substr(0, colon);
    if (address.size() > 1 && address.front() == '[' && address.back() == ']')
        address = address.substr(1, address.size() - 2);
    const long port = whole_number(text.substr(colon + 1), "--listen");
    if (port < 0 || port > 65535)
        throw InputError("--listen: port " + std::to_string(port) + " is not in 0-65535");
    return {address, static_cast<unsigned short>(port)};
}

bool loopback_address(const std::string& a) {
    return a.rfind("127.", 0) == 0 || a == "::1";
}

std::string random_token() {
    std::random_device device;
    std::ostringstream s;
    for (int i = 0; i < 4; ++i)
        s << std::hex << std::setw(8) << std::setfill('0') << device();
    return s.str();
}

// The publish and control endpoints of a configuration's io section.
void endpoints_of(const std::string& path, LinkOptions& link) {
    const io::IoConfig io =
        is_network_config_file(path) ? load_network_config(path).io : load_model_config(path).io;
    if (io.publish.empty())
        throw InputError(path + ": io.publish: this configuration publishes nothing to watch");
    link.publish = io.publish;
    link.control = io.control;
}
}  // namespace

int run_dashboard(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::string config, publish, control, listen = "127.0.0.1:8080", token, web, stale = "3 s",
                                          duration;
    Arguments a("dashboard", kHelp);
    a.positional(config, "configuration")
        .option("--publish", publish)
        .option("--control", control)
        .option("--listen", listen)
        .option("--token", token)
        .option("--web", web)
        .option("--stale", stale)
        .option("--duration", duration);
    if (const int status = a.parse(args, out, err); status >= 0)
        return status;
    try {
        LinkOptions link_options;
        if (!config.empty())
            endpoints_of(config, link_options);
        if (!publish.empty())
            link_options.publish = publish;
        if (!control.empty())
            link_options.control = control;
        const double stale_ms = quantity(stale, units::Dimension::time, "--stale");
        const double duration_ms =
            duration.empty() ? -1 : quantity(duration, units::Dimension::time, "--duration");
        const Listen where = parse_listen(listen);
        WebOptions web_options;
        web_options.address = where.address;
        web_options.port = where.port;
        web_options.token = token;
        if (!loopback_address(where.address)) {
            if (token.empty())
                web_options.token = random_token();
            err << "rtcell dashboard: warning: serving on " << where.address
                << ", beyond this machine: whoever has the address with its token can steer "
                   "the kernel\n";
        }
        const auto files = load_web_files(web.empty() ? default_web_dir() : web);
        StreamHub hub(stale_ms / 1000);
        KernelLink link(link_options, hub);
        WebServer server(web_options, files, hub, link);
        const bool any = where.address == "0.0.0.0" || where.address == "::";
        const std::string host = any ? "<this machine's address>"
                                 : where.address.find(':') != std::string::npos
                                     ? "[" + where.address + "]"
                                     : where.address;
        out << "rtcell dashboard: watching " << link_options.publish << "; open http://" << host
            << ":" << server.port() << "/"
            << (web_options.token.empty() ? "" : "?token=" + web_options.token) << " (Ctrl-C stops)"
            << std::endl;
        const StopSignals stop;
        const auto start = std::chrono::steady_clock::now();
        while (!stop.requested() &&
               (duration_ms < 0 ||
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                        .count() < duration_ms))
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        link.stop();  // before the server goes: its replies go to the server's sessions
        out << "rtcell dashboard: stopped; " << server.stats().dump() << std::endl;
        return 0;
    } catch (const InputError& e) {
        err << "rtcell dashboard: error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace rtcell::tools
