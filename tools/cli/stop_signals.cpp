#include "tools/cli/stop_signals.hpp"

#include <atomic>
#include <csignal>

namespace rtcell::tools {
namespace {

constexpr int kStopSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
constexpr int kRequested = -1;  // StopSignals::request(), not a signal
// Lock-free atomics: the only state a signal handler may touch.
std::atomic<int> g_signal{0};
extern "C" void on_stop_signal(int signo) {
    g_signal.store(signo);
}

}  // namespace

StopSignals::StopSignals() {
    g_signal.store(0);
    for (int signo : kStopSignals)
        previous_.push_back(std::signal(signo, on_stop_signal));
}

StopSignals::~StopSignals() {
    for (std::size_t i = 0; i < previous_.size(); ++i)
        std::signal(kStopSignals[i], previous_[i]);
}

void StopSignals::request() {
    g_signal.store(kRequested);
}

bool StopSignals::requested() const {
    return g_signal.load() != 0;
}

const char* StopSignals::name() const {
    switch (g_signal.load()) {
        case 0:
            return "";
        case SIGINT:
            return "Ctrl-C (SIGINT)";
        case SIGTERM:
            return "SIGTERM";
        case SIGHUP:
            return "SIGHUP";
        case SIGQUIT:
            return "SIGQUIT";
        case kRequested:
            return "a stop request";
    }
    return "a signal";
}

}  // namespace rtcell::tools
