// The loop's fault policy with a model that is not a cell: ModelTask steps any type with the
// members model_task.hpp lists; one whose faulted() turns true makes the task stop (policy
// stop) or hold the model, publishing nothing, until a reset_state request (policy hold).
#include <catch2/catch.hpp>
#include <span>
#include <vector>

#include "rt/model_task.hpp"

using namespace rtcell::rt;

namespace {
// A model of one member that "fails" at step `fail_at`: faulted() from then until reset.
struct FailingModel {
    enum class Phase { declaring, initialized };
    std::uint64_t step = 0, fail_at = 5, resets = 0;
    std::vector<std::uint8_t> spikes{0};
    double value = 0;

    std::span<const std::uint8_t> update() {
        ++step;
        return spikes;
    }
    bool faulted() const { return step >= fail_at; }
    std::uint64_t steps() const { return step; }
    double time() const { return 0.1 * static_cast<double>(step); }
    std::size_t members() const { return 1; }
    void reset_state() {
        step = 0;
        fail_at = 1000;
        ++resets;
    }
    void deliver_event(int, int, double, int) {}
    void set_dt(double) {}
    Phase phase() const { return Phase::initialized; }
    void init_state() {}
    std::span<double> parameter(const std::string&, const std::string&) { return {&value, 1}; }
    std::span<double> binding_weight(const std::string&) { return {&value, 1}; }
    int synapse_index(const std::string&) { return 0; }
    std::vector<const double*> probe_sources() const { return {&value}; }
};

LoopConfig config(FaultPolicy policy) {
    LoopConfig c;
    c.dt_ms = 0.1;
    c.frame_every = 1;
    c.fault = policy;
    return c;
}
}  // namespace

TEST_CASE("fault policy stop: the task stops at the step that faulted", "[rt][fault]") {
    FailingModel model;
    ModelTask<FailingModel> task(model, config(FaultPolicy::stop));
    TimingSnapshot timing;
    std::uint64_t tick = 0;
    TickResult r;
    do
        r = task.tick(++tick, timing);
    while (!r.stop && tick < 100);
    CHECK(tick == 5);
    CHECK(model.step == 5);
    CHECK(timing.fault_step == 5);
}

TEST_CASE("fault policy hold: no steps and no outputs until reset_state", "[rt][fault]") {
    FailingModel model;
    ModelTask<FailingModel> task(model, config(FaultPolicy::hold));
    TimingSnapshot timing;
    for (std::uint64_t tick = 1; tick <= 20; ++tick)
        CHECK_FALSE(task.tick(tick, timing).stop);  // the loop stays alive
    CHECK(model.step == 5);                         // held since the fault
    CHECK(timing.held);
    CHECK(timing.fault_step == 5);
    FrameRecord f;
    int frames = 0;
    while (task.poll(f))
        ++frames;
    CHECK(frames == 5);  // one per step taken, none while held
    REQUIRE(task.send(ControlMessage{ControlMessage::Kind::reset_state, 0, -1, -1, 0}));
    task.tick(21, timing);
    CHECK(model.resets == 1);
    CHECK_FALSE(timing.held);
    CHECK(model.step == 1);         // stepping again
    CHECK(timing.fault_step == 5);  // the record of the fault stays
}
