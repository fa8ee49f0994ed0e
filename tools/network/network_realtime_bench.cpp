#include "tools/network/network_realtime_bench.hpp"

#include <chrono>
#include <iomanip>
#include <ostream>
#include <thread>

#include "config/model_config.hpp"
#include "rt/deadline_loop.hpp"
#include "rt/idle_task.hpp"
#include "tools/network/realtime_network.hpp"

namespace rtcell::tools {
namespace {

struct Figures {
    std::uint64_t steps = 0, overruns = 0;
    double compute_p99_us = 0, compute_p999_us = 0, wake_p99_us = 0;
};

template <class Loop>
Figures run_for(Loop& loop) {
    loop.start();
    while (!loop.finished())
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    loop.join();
    const rt::TimingSnapshot t = loop.final_snapshot();
    return {t.steps, t.overruns, t.compute.percentile(0.99) * 1e-3,
            t.compute.percentile(0.999) * 1e-3, t.wake.percentile(0.99) * 1e-3};
}

Network default_cells(std::size_t cells) {
    ModelConfig cfg = builtin_default_config();
    Network net;
    const std::size_t half = std::max<std::size_t>(1, cells / 2);
    cfg.dynamics.options.pop_size = {half};
    net.add_group("A", build_cell(cfg));
    if (cells > 1) {
        cfg.dynamics.options.pop_size = {cells - half};
        net.add_group("B", build_cell(cfg));
    }
    net.set_dt(cfg.realtime.dt_ms);
    return net;
}

}  // namespace

int bench_realtime_network(double seconds, std::ostream& out, std::ostream&) {
    rt::LoopConfig lc = builtin_default_config().realtime;
    lc.duration_s = seconds;
    lc.lock_memory = false;
    rt::IdleTask idle;
    rt::CyclicLoop<rt::IdleTask> empty(idle, lc);
    const Figures floor = run_for(empty);
    const double period_us = lc.dt_ms * 1e3;
    out << "\nnetworks of the default ball-and-stick at " << 1.0 / lc.dt_ms << " kHz, " << seconds
        << " s each (the empty loop: " << floor.overruns << " overruns, wake-up p99 " << std::fixed
        << std::setprecision(1) << floor.wake_p99_us << " us)\n"
        << "threads  cells   overruns  compute p99  p99.9 [us]\n";
    for (std::size_t threads : {std::size_t{1}, std::size_t{2}}) {
        std::size_t zero = 0, as_floor = 0, fits = 0;
        for (std::size_t cells = threads; cells <= 4096; cells *= 2) {
            RealtimeNetwork net(default_cells(cells), threads, worker_options(lc, threads));
            rt::DeadlineLoop<RealtimeNetwork> loop(net, lc);
            const Figures f = run_for(loop);
            out << std::setw(7) << threads << std::setw(7) << cells << std::setw(11) << f.overruns
                << std::setw(13) << f.compute_p99_us << std::setw(7) << f.compute_p999_us << "\n";
            if (f.overruns == 0)
                zero = cells;
            if (f.overruns <= floor.overruns)
                as_floor = cells;
            if (f.compute_p99_us + floor.wake_p99_us <= period_us)
                fits = cells;
            if (f.compute_p99_us > period_us)
                break;
        }
        auto size = [](std::size_t n) {
            return n ? std::to_string(n) + " cells" : std::string("none");
        };
        out << "  " << threads << " thread(s): largest with zero overruns: " << size(zero)
            << "; with no more overruns than the empty loop: " << size(as_floor)
            << "; whose compute p99 + the empty loop's wake-up p99 fits in " << period_us
            << " us: " << size(fits) << "\n";
    }
    return 0;
}

}  // namespace rtcell::tools
