// Step-path rule: Cell::update() never allocates. This program replaces the global
// allocation functions with counting ones, builds a cell with every mechanism, probe and
// input kind, and steps it 10 000 times.
#define CATCH_CONFIG_MAIN
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <new>

#include <pthread.h>

#include <chrono>
#include <cstring>
#include <thread>

#include "model/cell/cell.hpp"
#include "model/mechanisms/catalogue.hpp"
#include "model/mechanisms/density_runtime.hpp"
#include "model/mechanisms/loaded/catalogue_loader.hpp"
#include "rt/deadline_loop.hpp"

namespace {
std::atomic<long> g_allocations{0};
std::atomic<bool> g_count_rt{false};
bool on_rt_thread();
std::atomic<long> g_rt_allocations_counter{0};
}  // namespace

void* operator new(std::size_t n) {
    ++g_allocations;
    if (g_count_rt.load(std::memory_order_relaxed) && on_rt_thread())
        ++g_rt_allocations_counter;
    if (void* p = std::malloc(n ? n : 1))
        return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
    return operator new(n);
}
void* operator new(std::size_t n, std::align_val_t a) {
    ++g_allocations;
    if (void* p = std::aligned_alloc(static_cast<std::size_t>(a),
                                     (n + static_cast<std::size_t>(a) - 1) /
                                         static_cast<std::size_t>(a) * static_cast<std::size_t>(a)))
        return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n, std::align_val_t a) {
    return operator new(n, a);
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete[](void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
    std::free(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
    std::free(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
    std::free(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
    std::free(p);
}

using namespace rtcell;

namespace {
Morphology ball_and_stick() {
    Branch soma{
        "soma", BranchType::soma, 1, -1, 1.0, {{0, 0, 0, Diameter{20}}, {20, 0, 0, Diameter{20}}},
        {}};
    Branch dend{"dend", BranchType::basal_dendrite,
                3,      0,
                1.0,    {{20, 0, 0, Diameter{2}}, {220, 0, 0, Diameter{2}}},
                {}};
    return Morphology({soma, dend}, "bs");
}
}  // namespace

TEST_CASE("update() makes no heap allocation with every mechanism, probe and input", "[alloc]") {
    CellOptions pre_options;
    Cell pre(ball_and_stick(), pre_options);
    pre.paint(reg::all(), Density{"hh", {}});
    pre.place(ls::location("soma", 0.5),
              Point{"IClamp", "drive", {{"delay", 1.0}, {"dur", 1e9}, {"amp", 0.3}}, {}});

    CellOptions options;
    options.pop_size = {4};
    options.cv_policy = CvPolicy::max_extent(20);
    Cell cell(ball_and_stick(), options);
    cell.paint(reg::tag(1),
               Density{"hh", {{"gnabar", ParamValue::per_member({0.1, 0.11, 0.12, 0.13})}}})
        .paint(reg::tag(1), Density{"Na_HH1952", {{"g_max", 0.01}}}, Density{"K_HH1952", {}},
               Density{"IL", {}})
        .paint(reg::tag(3), Density{"pas", {{"g", ParamValue::linear_range(1e-4, 2e-4)}}})
        .paint(reg::tag(1), Density{"CaT_HM1992", {{"V_sh", 25.0}}}, Density{"CalciumDetailed", {}},
               Density{"AHP_De1994", {}})
        .paint(reg::all(), CableSettings{1.0, 100.0, -65.0, 6.3}, Reversal{"na", 50.0})
        .place(ls::location("soma", 0.5),
               Point{"IClamp",
                     "steps",
                     {},
                     {{1.0, 2.0, 0.2}, {5.0, 2.0, ParamValue::per_member({0.1, 0.2, 0.3, 0.4})}}},
               Point{"SineClamp", "sine", {{"amp", 0.05}, {"dur", 1e9}, {"frequency", 40.0}}, {}})
        .place(ls::location("dend", 1.0), Point{"ExpSyn", "syn1", {{"tau", 2.0}}, {}})
        .place(ls::uniform(reg::tag(3), 3),
               Point{"Exp2Syn", "syn2", {{"tau1", 0.5}, {"tau2", 5.0}}, {}})
        .place(ls::location("soma", 0.5), Probe{"v", "v"}, Probe{"m", "hh.m"},
               Probe{"i1", "syn1.i"}, Probe{"ina", "hh.ina"}, Probe{"ihh", "hh.i"})
        .bind_synapse_input("syn1", SpikeTrain{{1.0, 2.0}, 3.0, 0.5, 1000})
        .bind_synapse_input("syn2", 0.001, {0.01})
        .bind_synapse_input("syn2", StepFunction([](double t, std::span<double> out) {
                                for (auto& v : out)
                                    v = t > 2.0 ? 0.01 : 0.0;
                            }))
        .bind_synapse_input("syn1", CellSpikes{&pre}, {0.05},
                            [](std::span<const double> in, std::span<double> out) {
                                for (auto& v : out)
                                    v = in[0];
                            });
    pre.init_state();
    cell.init_state();
    for (int k = 0; k < 100; ++k) {  // warm up
        pre.update();
        cell.update();
    }
    const long before = g_allocations.load();
    for (int k = 0; k < 10000; ++k) {
        pre.update();
        cell.update();
    }
    const long during = g_allocations.load() - before;
    CHECK(during == 0);
    CHECK(cell.steps() == 10100);
    // The run did something: the driven presynaptic cell fired and so did the population.
    std::vector<double> v(cell.node_voltage().begin(), cell.node_voltage().end());
    CHECK(std::isfinite(v[0]));
    // And the counter itself works.
    const long probe_before = g_allocations.load();
    auto* leak = new std::vector<int>(10);
    delete leak;
    CHECK(g_allocations.load() > probe_before);
}

namespace {
// Initializes `cell`, warms it up for 100 steps, and checks that 5000 more allocate nothing
// and leave a finite voltage.
void check_steps_allocate_nothing(Cell& cell) {
    cell.init_state();
    for (int k = 0; k < 100; ++k)
        cell.update();
    const long before = g_allocations.load();
    for (int k = 0; k < 5000; ++k)
        cell.update();
    CHECK(g_allocations.load() - before == 0);
    CHECK(std::isfinite(cell.node_voltage()[0]));
}
}  // namespace

TEST_CASE("update() makes no heap allocation with the whole mechanism catalogue", "[alloc]") {
    CellOptions options;
    options.pop_size = {3};
    options.V_init = -65;
    Cell cell(ball_and_stick(), options);
    // Every density mechanism everywhere; one calcium pool kind per region, sodium and
    // potassium shells everywhere (hh feeds both).
    for (const auto& spec : density_specs())
        if (!is_pool(spec.name))
            cell.paint(reg::all(), Density{spec.name, {}});
    cell.paint(reg::tag(1), Density{"CalciumDetailed", {}})
        .paint(reg::tag(3), Density{"CalciumFirstOrder", {}})
        .paint(reg::all(), Density{"SodiumDetailed", {}}, Density{"PotassiumDetailed", {}})
        .place(ls::location("soma", 0.5),
               Point{"IClamp", "stim", {{"delay", 1.0}, {"dur", 1e9}, {"amp", 0.3}}, {}},
               Probe{"v", "v"}, Probe{"cai", "cai"}, Probe{"nai", "nai"}, Probe{"ek", "ek"})
        .place(ls::location("dend", 0.5), Point{"AMPA", "ampa", {}, {}},
               Point{"GABAa", "gaba", {}, {}}, Point{"NMDA", "nmda", {}, {}},
               Probe{"nmda_x", "nmda.x"})
        .bind_synapse_input("ampa", SpikeTrain{{}, 2.0, 1.0, 1000})
        .bind_synapse_input("gaba", SpikeTrain{{}, 3.0, 2.0, 1000})
        .bind_synapse_input("nmda", SpikeTrain{{}, 2.0, 5.0, 1000});
    check_steps_allocate_nothing(cell);
}

TEST_CASE("update() makes no heap allocation with mechanisms from NMODL catalogues",
          "[alloc][nmodl]") {
    const std::string dir = RTCELL_TEST_CATALOGUES;
    const auto transcriptions = load_catalogue(dir + "/neuron_validation.so", "alloc_");
    const auto own = load_catalogue(dir + "/own_mechanisms.so", "alloc_own_");
    CellOptions options;
    options.pop_size = {3};
    options.V_init = -65;
    Cell cell(ball_and_stick(), options);
    std::vector<std::string> points;
    for (const auto* cat : {&transcriptions, &own})
        for (const auto& name : cat->mechanisms) {
            const CatalogueEntry& e = *find_mechanism(name);
            if (e.role == CatalogueEntry::Role::point)
                points.push_back(name);
            else if (e.spec.pool_species.empty())
                cell.paint(reg::all(), Density{name, {}});
        }
    // The pools from NMODL: one calcium pool kind per region, both shells everywhere.
    cell.paint(reg::tag(1), Density{"alloc_CalciumDetailed", {}})
        .paint(reg::tag(3), Density{"alloc_CalciumFirstOrder", {}})
        .paint(reg::all(), Density{"alloc_SodiumDetailed", {}},
               Density{"alloc_PotassiumDetailed", {}})
        .place(ls::location("soma", 0.5),
               Point{"IClamp", "stim", {{"delay", 1.0}, {"dur", 1e9}, {"amp", 0.3}}, {}},
               Probe{"v", "v"}, Probe{"cai", "cai"}, Probe{"ina", "alloc_own_hh.ina"});
    REQUIRE(points.size() >= 5);  // AMPA, GABAa, NMDA, HalfGap, ExpSyn, Exp2Syn
    for (const auto& name : points) {
        cell.place(ls::location("dend", 0.5), Point{name, "p_" + name, {}, {}});
        if (find_mechanism(name)->spec.event_weight_unit.size())
            cell.bind_synapse_input("p_" + name, SpikeTrain{{}, 2.0, 1.0, 1000});
    }
    check_steps_allocate_nothing(cell);
}

// ---- The real-time thread: allocations made on the thread named rtcell-rt are counted by
// the replaced operator new above while g_count_rt is set. ----

namespace {
std::atomic<long>& g_rt_allocations = g_rt_allocations_counter;
bool on_rt_thread() {
    char name[16] = {};
    pthread_getname_np(pthread_self(), name, sizeof name);
    return std::strcmp(name, "rtcell-rt") == 0;
}

// The ball-and-stick with HH in the soma, a synapse on the dendrite and a clamp on the soma.
Cell rt_cell(double amp_nA) {
    Cell cell(ball_and_stick(), [] {
        CellOptions o;
        o.V_init = -65;
        return o;
    }());
    cell.paint(reg::tag(1), Density{"hh", {}}).paint(reg::tag(3), Density{"pas", {}});
    cell.place(ls::location("dend", 0.9), Point{"ExpSyn", "syn", {{"tau", 2.0}}});
    cell.place(ls::location("soma", 0.5), Point{"IClamp", "stim", {{"dur", 1e9}, {"amp", amp_nA}}});
    return cell;
}

rt::LoopConfig loop_config(double duration_s) {
    rt::LoopConfig c;
    c.dt_ms = 0.1;
    c.duration_s = duration_s;
    c.priority = 0;
    c.lock_memory = false;
    c.snapshot_interval_s = 0.01;  // exercise the snapshot path too
    return c;
}

// Starts the loop, runs it to its end draining its outputs, and returns the allocations made
// on the real-time thread meanwhile (set-up, which may allocate its report, is excluded).
template <class Loop>
long rt_allocations_of_run(Loop& loop) {
    loop.start();
    g_count_rt = true;
    const long before = g_rt_allocations.load();
    rt::TimingSnapshot snap;
    rt::SpikeRecord spike;
    while (!loop.finished()) {
        while (loop.poll(snap) || loop.poll(spike)) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    loop.join();
    g_count_rt = false;
    return g_rt_allocations.load() - before;
}
}  // namespace

TEST_CASE("the real-time thread makes no heap allocation after start", "[alloc][rt]") {
    Cell cell = rt_cell(0.2);
    cell.bind_synapse_input("syn", SpikeTrain{{}, 1.0, 3.0, 100});
    rt::KernelModelOf<Cell> model(cell);  // as rtcell run steps it: behind rt::KernelModel
    rt::DeadlineLoop<rt::KernelModel> loop(model, loop_config(0.3));
    const int amp = loop.parameter_handle("stim", "amp");
    const int syn = loop.synapse_handle("syn");
    for (std::uint64_t k = 1; k < 100; k += 7)
        loop.send(rt::InputEvent{syn, 0, 0.01, k * 20});
    loop.send(rt::ControlMessage{rt::ControlMessage::Kind::set_parameter, 500, amp, -1, 0.1});
    // Sets that re-derive factors: a point's decay (tau) and a channel's rate factor.
    const int tau = loop.parameter_handle("syn", "tau");
    const int gnabar = loop.parameter_handle("hh", "gnabar");
    loop.send(rt::ControlMessage{rt::ControlMessage::Kind::set_parameter, 600, tau, 0, 3.0});
    loop.send(rt::ControlMessage{rt::ControlMessage::Kind::set_parameter, 700, gnabar, -1, 0.1});
    loop.send(rt::ControlMessage{rt::ControlMessage::Kind::reset_state, 1000, -1, -1, 0});
    CHECK(rt_allocations_of_run(loop) == 0);
    CHECK(loop.final_snapshot().steps == 3000);
    CHECK(cell.steps() ==
          2001);  // reset_state at the start of tick 1000 set the model back to step 0
}

TEST_CASE("the fault path allocates nothing on the real-time thread either", "[alloc][rt]") {
    Cell cell = rt_cell(0.0);
    rt::LoopConfig c = loop_config(0.1);  // 1000 ticks
    c.fault = rt::FaultPolicy::hold;
    rt::DeadlineLoop<Cell> loop(cell, c);
    const int amp = loop.parameter_handle("stim", "amp");
    using K = rt::ControlMessage::Kind;
    loop.send(rt::ControlMessage{K::set_parameter, 300, amp, -1, -1e12});  // out of range at once
    loop.send(rt::ControlMessage{K::set_parameter, 600, amp, -1, 0.0});
    loop.send(rt::ControlMessage{K::reset_state, 600, -1, -1, 0});
    CHECK(rt_allocations_of_run(loop) == 0);
    CHECK(loop.final_snapshot().fault_step == 300);  // step 300 is taken at tick 300
    CHECK_FALSE(loop.final_snapshot().held);         // cleared by the reset at tick 600
    CHECK_FALSE(cell.faulted());
    CHECK(cell.steps() == 401);  // ticks 600..1000 after the reset (0-based model steps)
}

// ---- A dynamic clamp: a model neuron coupled to a live membrane by a gap junction and
// synapses both ways, stepped offline and then by the real-time loop with samples arriving
// through the exchange from another thread. ----

#include "model/clamp/dynamic_clamp.hpp"
#include "model/clamp/live_membrane.hpp"
#include "tools/clamp/clamped_model.hpp"

namespace {
struct CoupledClamp {
    Cell live, model;
    std::unique_ptr<DynamicClamp> clamp;
    CoupledClamp()
        : live(live_membrane_morphology(2000),
               [] {
                   CellOptions o;
                   o.V_th = -20;
                   o.live = LiveMembraneOptions{2.0};
                   return o;
               }()),
          model(rt_cell(0.5)) {
        live.paint(reg::all(), Density{"HCN_HM1992", {}}, Density{"hh", {}},
                   Density{"CaT_HM1992", {}}, Density{"CalciumDetailed", {}});
        live.place(ls::location(0, 0.5), Point{"ExpSyn", "onto_live", {{"tau", 2.0}}},
                   Probe{"p", "HCN_HM1992.p"}, Probe{"ica", "CaT_HM1992.i"});
        model.place(ls::location("soma", 0.5), Point{"Gap", "gap", {{"g", 0.002}}});
        live.bind_synapse_input("onto_live", CellSpikes{&model}, {0.01});
        model.bind_synapse_input("syn", CellSpikes{&live}, {0.01});
        live.init_state();
        model.init_state();
        clamp = std::make_unique<DynamicClamp>(live, &model, std::vector<std::string>{"gap"});
    }
};
double sample_voltage(int k) {  // a spike every 10 ms
    return (k % 400) < 20 ? 20.0 : -65.0;
}
}  // namespace

TEST_CASE("a dynamic clamp's step makes no heap allocation", "[alloc][clamp]") {
    CoupledClamp c;
    double sum = 0;
    for (int k = 0; k < 100; ++k) {
        c.clamp->before_model_step(sample_voltage(k));
        c.model.update();
        sum += c.clamp->command_nA();
    }
    const long before = g_allocations.load();
    for (int k = 100; k < 10100; ++k) {
        c.clamp->before_model_step(sample_voltage(k));
        c.model.update();
        sum += c.clamp->command_nA();
    }
    CHECK(g_allocations.load() - before == 0);
    CHECK(std::isfinite(sum));
    CHECK(sum != 0.0);
}

TEST_CASE("the real-time thread makes no heap allocation with a dynamic clamp attached",
          "[alloc][rt][clamp]") {
    CoupledClamp c;
    rt::ClampHookFor<DynamicClamp> hook(*c.clamp);
    rt::ClampExchange exchange;
    // As rtcell run steps it: the model neuron and the live membrane behind rt::KernelModel.
    tools::ClampedModel clamped(c.model, c.live);
    rt::KernelModelOf<tools::ClampedModel> kernel(clamped);
    rt::DeadlineLoop<rt::KernelModel> loop(kernel, loop_config(0.3));
    loop.attach_clamp(hook, exchange, rt::ClampSafety{1.0, 5, 0});
    loop.add_probes(c.clamp->probe_sources(), c.clamp->probe_names());
    std::atomic<bool> done{false};
    std::thread rig([&] {  // samples as fast as it likes; the loop takes the newest
        for (std::uint64_t k = 1; !done.load(); ++k) {
            rt::write_sample(exchange, {k, sample_voltage(static_cast<int>(k))});
            std::this_thread::sleep_for(std::chrono::microseconds(50));
        }
    });
    const long allocations = rt_allocations_of_run(loop);
    done = true;
    rig.join();
    CHECK(allocations == 0);
    rt::ClampCommand last;
    REQUIRE(rt::read_command(exchange, last));
    CHECK(last.step > 0);  // the clamp did step
}

TEST_CASE("the real-time thread makes no heap allocation with two rig channels",
          "[alloc][rt][clamp]") {
    CellOptions o;
    o.live = LiveMembraneOptions{2.0};
    o.pop_size = {2};
    Cell live(live_membrane_morphology(2000), o);
    live.paint(reg::all(), Density{"HCN_HM1992", {}}, Density{"hh", {}});
    live.place(ls::location(0, 0.5), Point{"ExpSyn", "syn", {{"tau", 2.0}}});
    live.init_state();
    // Coupled among themselves: a gap junction and a synapse each way.
    DynamicClamp clamp(live, nullptr, {},
                       {{{"gj", 0, 1, 0.002, 0}}, {{"syn", 0, 1, 0.01}, {"syn", 1, 0, 0.01}}});
    rt::ClampHookFor<DynamicClamp> hook(clamp);
    rt::ClampExchange exchanges[2];
    rt::DeadlineLoop<Cell> loop(live, loop_config(0.3));
    loop.attach_clamp(hook, {&exchanges[0], &exchanges[1]}, rt::ClampSafety{1.0, 5, 0});
    loop.add_probes(clamp.probe_sources(), clamp.probe_names());
    std::atomic<bool> done{false};
    std::thread rig([&] {
        for (std::uint64_t k = 1; !done.load(); ++k) {
            for (auto& x : exchanges)
                rt::write_sample(x, {k, sample_voltage(static_cast<int>(k))});
            std::this_thread::sleep_for(std::chrono::microseconds(50));
        }
    });
    const long allocations = rt_allocations_of_run(loop);
    done = true;
    rig.join();
    CHECK(allocations == 0);
    for (auto& x : exchanges) {
        rt::ClampCommand last;
        REQUIRE(rt::read_command(x, last));
        CHECK(last.step > 0);
    }
}

// ---- Networks: delivery rings, gap junctions, the parallel stepper ----
#include "rt/network/parallel_stepper.hpp"
#include "support/network_fixtures.hpp"

TEST_CASE("a network's step makes no heap allocation, on one thread or two", "[alloc][network]") {
    for (int threads : {1, 2}) {
        INFO(threads << " thread(s)");
        rtcell::Network net = rtcell::test::ei_net();
        net.add_gap_junction(
            {0, 1, rtcell::ls::location("soma", 0.5), 1, 1, rtcell::ls::location(0, 0.5), 0.005});
        net.init_state(static_cast<std::size_t>(threads));
        rtcell::rt::ParallelStepper<rtcell::Network> stepper(net);
        for (int k = 0; k < 200; ++k)
            stepper.step();
        const long before = g_allocations.load();
        for (int k = 0; k < 4000; ++k)  // 100 ms: every cell fires, every connection delivers
            stepper.step();
        CHECK(g_allocations.load() - before == 0);
        CHECK(net.steps() == 4200);
    }
}

#include "tools/network/realtime_network.hpp"

TEST_CASE("the real-time thread makes no heap allocation stepping a network on two threads",
          "[alloc][rt][network]") {
    tools::RealtimeNetwork net(test::ei_net(), 2);
    rt::KernelModelOf<tools::RealtimeNetwork> model(net);
    rt::LoopConfig c = loop_config(0.3);
    c.dt_ms = 0.025;  // the network's
    rt::DeadlineLoop<rt::KernelModel> loop(model, c);
    const int syn = loop.synapse_handle("I.exc");
    for (std::uint64_t k = 1; k < 100; k += 7)
        loop.send(rt::InputEvent{syn, 0, 0.01, k * 20});
    const int tau = loop.parameter_handle("I.exc", "tau");  // re-derived in its group's cell
    loop.send(rt::ControlMessage{rt::ControlMessage::Kind::set_parameter, 900, tau, -1, 4.0});
    // The worker's steps are counted by "a network's step makes no heap allocation" above.
    CHECK(rt_allocations_of_run(loop) == 0);
    CHECK(loop.final_snapshot().steps == 12000);
}
