// `rtcell run`: the built-in default runs in real time for a given duration and reports its
// timing next to the platform's floor; configuration of the loop; errors.
#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <sstream>
#include <thread>

#include "config/model_config.hpp"
#include "model/util/input_error.hpp"
#include "tools/run_command.hpp"

using namespace rtcell;

namespace {
struct Result {
    int status;
    std::string out, err;
};
Result run(std::vector<std::string> args) {
    std::ostringstream out, err;
    const int status = tools::run_realtime(args, out, err);
    return {status, out.str(), err.str()};
}
}  // namespace

TEST_CASE("rtcell run: the built-in default for a duration, with the floor, as JSON", "[run][rt]") {
    const Result r = run({"--duration", "200ms", "--floor", "100ms", "--report", "json",
                          "--priority", "0", "--no-lock"});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("\"dt_us\": 25"));
    CHECK_THAT(r.out, Catch::Contains("\"rtcell\": {\"elapsed_s\": "));
    CHECK_THAT(r.out, Catch::Contains("\"steps\": 8000"));  // 200 ms at 40 kHz, schedule kept
    CHECK_THAT(r.out, Catch::Contains("\"steps\": 4000"));  // the empty loop, 100 ms
    CHECK_THAT(r.out, Catch::Contains("\"wake_us\": {\"p50\": "));
    CHECK_THAT(r.out, Catch::Contains("\"startup_ms\": "));
    CHECK_THAT(r.out,
               Catch::Contains("\"spikes\": 10"));  // the spike train drives one spike per 20 ms
}

TEST_CASE("rtcell run: text report and options", "[run][rt]") {
    const Result r = run({"--duration", "50ms", "--floor", "0s", "--priority", "0", "--overrun",
                          "skip", "--busy-wait", "2us", "--no-lock"});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out,
               Catch::Contains("period 25 us (40 kHz), overrun policy skip, busy-wait 2 us"));
    CHECK_THAT(r.out, Catch::Contains("wake-up latency"));
    CHECK_THAT(r.out, Catch::Contains("platform floor: not measured"));
    CHECK(run({"--duration", "50"}).status == 1);
    CHECK_THAT(run({"--duration", "50"}).err, Catch::Contains("has no unit"));
    CHECK(run({"--overrun", "later"}).status == 1);
    CHECK(run({"--report", "xml"}).status == 2);
    CHECK(run({"--bogus"}).status == 2);
    CHECK(run({"--help"}).status == 0);
}

TEST_CASE("the realtime section configures the loop", "[run][config]") {
    const std::string base =
        "morphology: {branches: [{name: soma, type: soma, points_um: [[0, 0, 0, 10], [10, 0, 0, "
        "10]]}]}\n"
        "simulation: {dt: 50 us, duration: 2 s}\n";
    const ModelConfig cfg =
        parse_model_config(base +
                               "realtime: {priority: 50, cpu: 1, busy_wait: 5 us, overrun: skip, "
                               "warmup_steps: 10, lock_memory: false,"
                               " queues: {input: 64, output: 128, control: 16}}\n",
                           "rt.yaml");
    CHECK(cfg.realtime.dt_ms == Approx(0.05));
    CHECK(cfg.realtime.duration_s == Approx(2.0));
    CHECK(cfg.realtime.priority == 50);
    CHECK(cfg.realtime.cpu == 1);
    CHECK(cfg.realtime.busy_wait_us == Approx(5));
    CHECK(cfg.realtime.overrun == rt::OverrunPolicy::skip);
    CHECK(cfg.realtime.input_queue == 64);
    CHECK_FALSE(cfg.realtime.lock_memory);
    using Catch::Contains;
    CHECK_THROWS_WITH(parse_model_config(base + "realtime: {overrun: later}\n", "rt.yaml"),
                      Contains("rt.yaml:3:21: realtime.overrun: unknown policy 'later'"));
    CHECK_THROWS_WITH(parse_model_config(base + "realtime: {busy_wait: 5}\n", "rt.yaml"),
                      Contains("has no unit"));
    CHECK_THROWS_WITH(parse_model_config(base + "realtime: {priority: 120}\n", "rt.yaml"),
                      Contains("priority must be in 0..99"));
    CHECK_THROWS_WITH(parse_model_config(base + "realtime: {queues: {input: 1}}\n", "rt.yaml"),
                      Contains("between 2 and"));
}

TEST_CASE("SIGTERM, SIGHUP and SIGQUIT stop a run cleanly with the report, as Ctrl-C does",
          "[run][rt]") {
    for (int signo : {SIGTERM, SIGHUP, SIGQUIT, SIGINT}) {
        INFO("signal " << signo);
        // Raised once rtcell has installed its handler (seen with sigaction), not after a
        // guessed delay; the run itself would take an hour.
        struct sigaction before {};
        sigaction(signo, nullptr, &before);  // Catch2 has handlers of its own for some
        std::thread killer([signo, &before] {
            const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
            struct sigaction now {};
            do {
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
                sigaction(signo, nullptr, &now);
            } while (now.sa_handler == before.sa_handler &&
                     std::chrono::steady_clock::now() < until);
            std::raise(signo);
        });
        const Result r = run({"--duration", "1h", "--floor", "0s", "--priority", "0", "--no-lock"});
        killer.join();
        CHECK(r.status == 0);
        CHECK_THAT(r.out, Catch::Contains("stopped by"));
        CHECK_THAT(r.out, Catch::Contains("overruns"));
        struct sigaction after {};
        sigaction(signo, nullptr, &after);
        CHECK(after.sa_handler == before.sa_handler);  // restored
    }
}
