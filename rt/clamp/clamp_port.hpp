#pragma once
// The real-time thread's end of a dynamic clamp: it takes the newest sample at the start of a
// step and puts the command at its end (clamp_exchange.hpp), and it is where the rig's safety
// rules hold, whatever the model computes:
//   - the command is clipped to ±current_limit_nA (counted);
//   - it is zero while paused, held after a numerical fault, stopped, before the first sample,
//     and whenever the model's current is not finite;
//   - a step that starts without a new sample reuses the newest one (counted as a late sample,
//     flagged stale); after watchdog_steps such steps in a row the output is zero (a watchdog
//     trip, counted) until samples come again — no stale current is injected for long.
// wait_for_sample_ns > 0 makes a step wait (spinning on the clock) that long for a new sample
// before it counts it late: with a rig that waits for each command before sampling again, the
// two then run in lockstep, step for step, however loaded the machine.
// Nothing here allocates, locks, throws, logs or makes a system call but the clock's.
#include <cmath>
#include <cstdint>
#include <limits>

#include "rt/clamp/clamp_exchange.hpp"
#include "rt/clock.hpp"

namespace rtcell::rt {

struct ClampSafety {
    double current_limit_nA = 10.0;     // |command| ≤ this [nA]
    std::uint32_t watchdog_steps = 10;  // stale steps in a row before the output goes to zero
    std::int64_t wait_for_sample_ns = 0;
};

class ClampPort {
  public:
    ClampPort(ClampExchange& x, ClampSafety safety) : x_(x), safety_(safety) {}

    // The sample for this step: false before the first one (a zero command goes out) and when
    // `interrupted()` turned true while waiting for a new one (a control message is due).
    template <class Interrupted>
    bool take_sample(double& v_mV, Interrupted&& interrupted) noexcept {
        ClampSample s;
        bool got = read_sample(x_, s);
        auto is_new = [&] { return got && (!have_sample_ || s.index != last_index_); };
        if (safety_.wait_for_sample_ns > 0 && !is_new()) {
            const std::int64_t until = now_ns() + safety_.wait_for_sample_ns;
            do {
                if (interrupted())
                    return false;  // no step this tick: the control comes first
                got = read_sample(x_, s);
            } while (!is_new() && now_ns() < until);
        }
        if (!got && !have_sample_) {
            put_zero(clamp_flag::waiting, ClampState::waiting);
            return false;
        }
        fresh_ = is_new();
        if (fresh_) {
            last_index_ = s.index;
            last_v_ = s.v_mV;
            have_sample_ = true;
            stale_run_ = 0;
        } else {
            x_.late_samples.fetch_add(1, std::memory_order_relaxed);
            if (++stale_run_ == safety_.watchdog_steps)
                x_.watchdog_trips.fetch_add(1, std::memory_order_relaxed);
        }
        v_mV = last_v_;
        return true;
    }
    std::uint64_t sample_index() const { return last_index_; }  // of the sample taken last
    // A sample has come (taken or not). Before the first, waits up to wait_for_sample_ns for it
    // unless `interrupted()` turns true.
    bool has_sample() const noexcept {
        return have_sample_ || x_.sample_seq.load(std::memory_order_acquire) != 0;
    }
    template <class Interrupted>
    bool wait_first_sample(Interrupted&& interrupted) const noexcept {
        if (has_sample() || safety_.wait_for_sample_ns <= 0)
            return has_sample();
        const std::int64_t until = now_ns() + safety_.wait_for_sample_ns;
        while (!has_sample() && !interrupted() && now_ns() < until) {
        }
        return has_sample();
    }
    bool take_sample(double& v_mV) noexcept {
        return take_sample(v_mV, [] { return false; });
    }

    // The command computed in model step `step` from the sample taken for it.
    void put_command(double i_nA, std::uint64_t step) noexcept {
        std::uint32_t flags = fresh_ ? 0u : clamp_flag::stale;
        double out = 0.0;
        if (!std::isfinite(i_nA)) {
            flags |= clamp_flag::fault;
        } else if (stale_run_ >= safety_.watchdog_steps && safety_.watchdog_steps > 0) {
            flags |= clamp_flag::watchdog;
        } else {
            flags |= clamp_flag::on;
            out = i_nA;
            if (std::fabs(out) > safety_.current_limit_nA) {
                out = std::copysign(safety_.current_limit_nA, out);
                flags |= clamp_flag::clipped;
                x_.clipped.fetch_add(1, std::memory_order_relaxed);
            }
        }
        x_.state.store(static_cast<std::uint32_t>(ClampState::running), std::memory_order_relaxed);
        write_command(x_, {step, last_index_, out, flags});
    }

    // Zero out, saying why (a clamp_flag) and in which state the kernel is.
    void put_zero(std::uint32_t why, ClampState state, std::uint64_t step = 0) noexcept {
        x_.state.store(static_cast<std::uint32_t>(state), std::memory_order_relaxed);
        write_command(x_, {step, last_index_, 0.0, why});
    }

  private:
    ClampExchange& x_;
    ClampSafety safety_;
    std::uint64_t last_index_ = 0;
    double last_v_ = 0;
    bool have_sample_ = false, fresh_ = false;
    std::uint32_t stale_run_ = 0;  // steps in a row without a new sample
};

}  // namespace rtcell::rt
