#include "tools/network/network_bench.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <memory>
#include <ostream>

#include "model/network/network.hpp"
#include "model/util/random_stream.hpp"
#include "rt/network/parallel_stepper.hpp"

namespace rtcell::tools {
namespace {

constexpr std::size_t kInDegree = 10;
constexpr double kWeight_uS = 0.002;

// `count` ball-and-sticks, the clamp ramping from 0.1 nA (cell 0) to 0.3 nA (the last) as
// bench's population does.
Cell bench_cells(std::size_t count) {
    Branch soma{
        "soma", BranchType::soma, 1, -1, 1.0, {{0, 0, 0, Diameter{20}}, {20, 0, 0, Diameter{20}}},
        {}};
    Branch dend{"dend", BranchType::basal_dendrite,
                3,      0,
                1.0,    {{20, 0, 0, Diameter{1}}, {220, 0, 0, Diameter{1}}},
                {}};
    CellOptions o;
    o.pop_size = {count};
    o.V_init = -65;
    o.V_th = -10;
    o.detector = ls::location("soma", 0.5);
    o.cv_policy = CvPolicy::explicit_counts({{"soma", 1}, {"dend", 21}});
    Cell c(Morphology({soma, dend}, "ball_and_stick"), o);
    c.paint(reg::all(), CableSettings{1.0, 100.0, {}, 6.3});
    c.paint(reg::tag(1), Density{"hh", {}});
    c.paint(reg::tag(3), Density{"pas", {{"g", 0.001}, {"e", -65.0}}});
    std::vector<double> amp;
    for (std::size_t m = 0; m < count; ++m)
        amp.push_back(0.1 + 0.2 * static_cast<double>(m) / static_cast<double>(count - 1));
    c.place(ls::location("soma", 0.5),
            Point{"IClamp",
                  "stim",
                  {{"delay", 5.0}, {"dur", 1e9}, {"amp", ParamValue::per_member(amp)}},
                  {}});
    c.place(ls::location("dend", 0.5), Point{"ExpSyn", "syn", {{"tau", 2.0}, {"e", 0.0}}, {}});
    return c;
}

struct Link {
    std::size_t pre, post;
    double delay_ms;
};

// kInDegree distinct random sources per cell (never itself), delays uniform in [1, 5] ms.
std::vector<Link> random_links(std::size_t cells) {
    std::vector<Link> out;
    for (std::size_t j = 0; j < cells; ++j) {
        RandomStream draw(2026, j);
        std::vector<std::size_t> chosen;
        while (chosen.size() < kInDegree) {
            const auto i = static_cast<std::size_t>(draw.uniform() * static_cast<double>(cells));
            if (i != j && std::find(chosen.begin(), chosen.end(), i) == chosen.end()) {
                chosen.push_back(i);
                out.push_back({i, j, 1.0 + 4.0 * draw.uniform()});
            }
        }
    }
    return out;
}

// One group of every cell: on two threads it is stepped in two member slices.
Network bench_network_of(std::size_t cells, const std::vector<Link>& links) {
    Network net;
    net.add_group("cells", bench_cells(cells));
    for (const Link& l : links)
        net.connect(Connection{0, l.pre, 0, l.post, "syn", -1, kWeight_uS, l.delay_ms});
    return net;
}

// Best of three: seconds for `steps` steps on `threads` threads, after a warm-up.
double wall_for(std::size_t cells, const std::vector<Link>& links, std::size_t threads,
                long steps) {
    Network net = bench_network_of(cells, links);
    net.init_state(threads);
    rt::ParallelStepper<Network> stepper(net);
    for (int k = 0; k < 200; ++k)
        stepper.step();
    double best = 1e300;
    for (int rep = 0; rep < 3; ++rep) {
        const auto t0 = std::chrono::steady_clock::now();
        for (long k = 0; k < steps; ++k)
            stepper.step();
        best = std::min(
            best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    return best;
}

double neuron_wall(const std::vector<Link>& links, long steps) {
    const auto csv = std::filesystem::temp_directory_path() /
                     ("rtcell_bench_network_" + std::to_string(getpid()) + ".csv");
    {
        std::ofstream f(csv);
        f << "pre,post,weight_uS,delay_ms\n" << std::setprecision(17);
        for (const Link& l : links)
            f << l.pre << "," << l.post << "," << kWeight_uS << "," << l.delay_ms << "\n";
    }
    double best = -1;
    for (int rep = 0; rep < 3; ++rep) {
        const std::string cmd = "/usr/bin/env PATH=/usr/bin:$PATH python3 " RTCELL_SOURCE_DIR
                                "/tools/neuron_bench.py network " +
                                std::to_string(steps) + " " + csv.string() + " 2>/dev/null";
        std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
        std::string text;
        char buf[512];
        while (pipe && std::fgets(buf, sizeof buf, pipe.get()))
            text += buf;
        const auto at = text.find("\"wall_s\": ");
        if (at == std::string::npos)
            break;
        const double w = std::stod(text.substr(at + 10));
        best = best < 0 ? w : std::min(best, w);
    }
    std::filesystem::remove(csv);
    return best;
}

}  // namespace

int bench_network(bool quick, bool neuron, std::ostream& out, std::ostream&) {
    const long steps = quick ? 200 : 2000;
    const std::size_t cvs_per_cell = 22;
    out << "network: ball-and-sticks (22 CVs) in one group (2 member slices on 2 threads), "
        << kInDegree << " random inputs each, delays 1-5 ms, dt 0.025 ms, " << steps << " steps\n"
        << std::left << std::setw(8) << "cells" << std::right << std::setw(8) << "CVs"
        << std::setw(14) << "1 thread" << std::setw(14) << "2 threads" << std::setw(10) << "scaling"
        << std::setw(14) << "NEURON" << std::setw(12) << "vs NEURON\n"
        << std::left << std::setw(16) << "" << std::right << std::setw(14) << "ns/CV-step"
        << std::setw(14) << "ns/CV-step" << std::setw(10) << "" << std::setw(14) << "ns/CV-step"
        << std::setw(12) << "(1 thread)\n"
        << std::fixed;
    for (std::size_t cells : {std::size_t{100}, std::size_t{400}, std::size_t{1000}}) {
        if (quick && cells > 100)
            break;
        const auto links = random_links(cells);
        const double cv_steps =
            static_cast<double>(steps) * static_cast<double>(cells * cvs_per_cell);
        const double one = wall_for(cells, links, 1, steps), two = wall_for(cells, links, 2, steps);
        out << std::left << std::setw(8) << cells << std::right << std::setw(8)
            << cells * cvs_per_cell << std::setw(14) << std::setprecision(2) << one * 1e9 / cv_steps
            << std::setw(14) << two * 1e9 / cv_steps << std::setw(9) << one / two << "x";
        const double nrn = neuron && cells == 100 ? neuron_wall(links, steps) : -1;
        if (nrn > 0)
            out << std::setw(14) << nrn * 1e9 / cv_steps << std::setw(11) << nrn / one << "x";
        out << "\n";
    }
    return 0;
}

}  // namespace rtcell::tools
