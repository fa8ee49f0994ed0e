// The IO thread's waits (io/socket_waiter.hpp, io/loop_pacer.hpp): a message ends a wait on the
// sockets at once, and io.wake schedule times its passes by the loop's deadlines.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <zmq.hpp>

#include "io/loop_pacer.hpp"
#include "io/socket_waiter.hpp"
#include "rt/clock.hpp"
#include "rt/cyclic_loop.hpp"
#include "rt/idle_task.hpp"

using namespace rtcell;

TEST_CASE("a message ends a wait on the sockets long before its time-out", "[io][wake]") {
    zmq::context_t ctx(1);
    zmq::socket_t pull(ctx, zmq::socket_type::pull), push(ctx, zmq::socket_type::push);
    pull.bind("inproc://waiter");
    push.connect("inproc://waiter");
    io::SocketWaiter waiter({pull.handle()});
    CHECK_FALSE(waiter.ready());
    CHECK_FALSE(waiter.wait(0));  // nothing there, and no time to wait

    std::thread sender([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        push.send(zmq::str_buffer("x"), zmq::send_flags::none);
    });
    // The descriptor may wake early (it says only that something changed), so wait until the
    // message is there; each wait is 60 s, so one that slept through it would time the test out.
    const auto t0 = std::chrono::steady_clock::now();
    while (!waiter.ready())
        waiter.wait(60'000'000'000);
    sender.join();
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(30));
    zmq::message_t m;
    CHECK(pull.recv(m, zmq::recv_flags::dontwait));
    CHECK_FALSE(waiter.ready());
}

TEST_CASE("io.wake schedule waits for the tick after the last one finished", "[io][wake]") {
    const std::int64_t t0 = 1'000'000, dt = 25'000;  // [ns]
    using P = io::LoopPacer;
    // Before the first tick: the first deadline.
    CHECK(P::next_deadline(t0, dt, 0, 0, t0 - 5'000) == t0);
    // The tick after the last finished.
    CHECK(P::next_deadline(t0, dt, t0 + 4 * dt, 0, t0 + 4 * dt + 3'000) == t0 + 5 * dt);
    // A pass already timed for that tick (it had not finished): the one after it.
    CHECK(P::next_deadline(t0, dt, t0 + 4 * dt, t0 + 5 * dt, t0 + 5 * dt + 20'000) == t0 + 6 * dt);
    // A loop far behind its schedule: the latest deadline, not every one it missed.
    CHECK(P::next_deadline(t0, dt, t0 + 4 * dt, t0 + 5 * dt, t0 + 40 * dt + 1'000) == t0 + 40 * dt);
}

TEST_CASE("io.wake schedule's passes follow a running loop's ticks", "[io][wake]") {
    rt::LoopConfig c;
    c.dt_ms = 1.0;
    c.priority = 0;
    c.lock_memory = false;
    rt::IdleTask idle;
    rt::CyclicLoop<rt::IdleTask> loop(idle, c);
    io::SocketWaiter none({});
    io::LoopPacer pacer;
    pacer.wait(loop, none);  // before the loop begins: a short sleep, no hang
    loop.start();
    // Each wait returns at a tick's end (or gives up three quarters of a period after its
    // deadline): the ticks seen advance with the waits, whatever the machine's load.
    std::int64_t seen = loop.last_tick_deadline_ns();
    int advanced = 0;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (advanced < 5 && std::chrono::steady_clock::now() < give_up) {
        pacer.wait(loop, none);
        const std::int64_t now = loop.last_tick_deadline_ns();
        CHECK(now >= seen);
        advanced += now > seen;
        seen = now;
    }
    CHECK(advanced >= 5);
    loop.request_stop();
    loop.join();
}
