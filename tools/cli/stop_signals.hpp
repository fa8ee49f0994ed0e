#pragma once
// Ctrl-C, kill, a closed terminal and Ctrl-\ stop a long-running command cleanly: while a
// StopSignals lives, SIGINT, SIGTERM, SIGHUP and SIGQUIT only set a flag that the command's
// loop polls (so it can finish its report and flush its files); the previous handlers come
// back when it goes.
#include <vector>

namespace rtcell::tools {

class StopSignals {
  public:
    StopSignals();
    ~StopSignals();
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

    bool requested() const;
    // Asks the living StopSignals to stop as a signal would (from any thread; for a program that
    // runs a command in-process, such as the Python module). Named "a stop request".
    static void request();
    // "Ctrl-C (SIGINT)", "SIGTERM", ... for the signal that asked, "" if none did.
    const char* name() const;

  private:
    std::vector<void (*)(int)> previous_;
};

}  // namespace rtcell::tools
