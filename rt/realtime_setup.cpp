#include "rt/realtime_setup.hpp"

#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>

#include <cerrno>
#include <cstring>

namespace rtcell::rt {

void name_this_thread(const char* name) {
    pthread_setname_np(pthread_self(), name);
}

// Under the normal scheduler Linux lets a sleep end up to the thread's timer slack late (50 µs
// by default) so that it can batch wake-ups; a thread that wakes on a 25–50 µs schedule wants
// its deadline, not the batch. SCHED_FIFO threads have no slack whatever this says.
bool exact_timers_for_this_thread() {
    return prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL) == 0;
}

namespace {
// Touch a stack region now, so that the first deep call in the loop does not page-fault.
__attribute__((noinline)) void prefault_stack() {
    volatile unsigned char buffer[256 * 1024];
    for (std::size_t i = 0; i < sizeof buffer; i += 4096)
        buffer[i] = 0;
}
}  // namespace

SetupReport schedule_thread(pthread_t thread, int priority, int cpu) {
    SetupReport r;
    if (priority > 0) {
        sched_param sp{};
        sp.sched_priority = priority;
        const int err = pthread_setschedparam(thread, SCHED_FIFO, &sp);
        if (err == 0)
            r.items.push_back({"SCHED_FIFO priority " + std::to_string(priority), true, ""});
        else
            r.items.push_back(
                {"SCHED_FIFO priority " + std::to_string(priority), false,
                 std::string(std::strerror(err)) +
                     ": running under the normal scheduler, other processes can delay it "
                     "(needs root, CAP_SYS_NICE or an rtprio limit)"});
    }
    if (cpu >= 0) {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(cpu, &set);
        const int err = pthread_setaffinity_np(thread, sizeof set, &set);
        if (err == 0)
            r.items.push_back({"pinned to CPU " + std::to_string(cpu), true, ""});
        else
            r.items.push_back(
                {"pinned to CPU " + std::to_string(cpu), false,
                 std::string(std::strerror(err)) + ": the thread may migrate between CPUs"});
    }
    return r;
}

SetupReport setup_realtime_thread(const LoopConfig& c) {
    SetupReport r;
    if (c.lock_memory) {
        if (mlockall(MCL_CURRENT | MCL_FUTURE) == 0)
            r.items.push_back({"memory locked (mlockall)", true, ""});
        else
            r.items.push_back({"memory locked (mlockall)", false,
                               std::string(std::strerror(errno)) +
                                   ": pages may be swapped or faulted in during the run"});
    }
    prefault_stack();
    r.items.push_back({"stack pre-faulted (256 KiB)", true, ""});
    if (exact_timers_for_this_thread())
        r.items.push_back({"timer slack 1 ns", true, ""});
    else
        r.items.push_back(
            {"timer slack 1 ns", false,
             std::string(std::strerror(errno)) + ": sleeps may end up to 50 us late"});
    const SetupReport scheduled = schedule_thread(pthread_self(), c.priority, c.cpu);
    r.items.insert(r.items.end(), scheduled.items.begin(), scheduled.items.end());
    return r;
}

}  // namespace rtcell::rt
