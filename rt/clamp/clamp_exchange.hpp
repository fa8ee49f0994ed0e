#pragma once
// The block of shared memory through which a rig's bridge process and rtcell's real-time thread
// exchange, every period, the living cell's sampled voltage and the current to inject into it
// (README "Dynamic clamp"; the byte layout is io/PROTOCOL.md "Shared-memory dynamic clamp").
//
// Two slots, each with one writer, each seqlocked: the writer makes its sequence number odd,
// writes the fields, and makes it even again; a reader that sees the same even number before
// and after reading the fields has a consistent copy. Nobody waits for anybody: the real-time
// thread reads the newest sample at the start of a step and writes the command at its end with
// plain loads and stores, no system call. rtcell creates the block (io/clamp_shared_memory.hpp)
// and writes the header and the command slot; the bridge writes only the sample slot.
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace rtcell::rt {

// What the kernel is doing, in ClampExchange::state.
enum class ClampState : std::uint32_t {
    starting = 0,  // mapped; the loop has not started
    waiting = 1,   // the loop runs and waits for the first sample (the model is not stepped)
    running = 2,
    paused = 3,
    held = 4,  // a numerical fault (fault policy hold): output zero until reset
    stopped = 5,
};

// Bits of ClampExchange::command_flags: why the command is what it is.
namespace clamp_flag {
inline constexpr std::uint32_t on = 1u << 0;        // the command is the model's current
inline constexpr std::uint32_t clipped = 1u << 1;   // limited to ±current_limit
inline constexpr std::uint32_t stale = 1u << 2;     // no new sample this step: the newest is reused
inline constexpr std::uint32_t watchdog = 1u << 3;  // no sample for watchdog steps: zero
inline constexpr std::uint32_t paused = 1u << 4;    // zero while paused
inline constexpr std::uint32_t stopped = 1u << 5;   // zero: the kernel has stopped
inline constexpr std::uint32_t fault = 1u << 6;     // zero: the model's numbers are not finite
inline constexpr std::uint32_t waiting = 1u << 7;   // zero: no sample has arrived yet
}  // namespace clamp_flag

struct ClampExchange {
    static constexpr std::uint32_t kMagic = 0x4C435452;  // "RTCL" in little-endian bytes
    static constexpr std::uint32_t kVersion = 1;

    // ---- header (bytes 0–63), written by rtcell ----
    std::atomic<std::uint32_t> magic{0};  // kMagic, stored last, once the header is complete
    std::uint32_t version = kVersion;
    std::uint32_t size = 256;  // sizeof(ClampExchange)
    std::atomic<std::uint32_t> state{static_cast<std::uint32_t>(ClampState::starting)};
    double dt_ms = 0;  // the kernel's period [ms]
    // Counters, totals since the start: samples that were not new at the start of a step,
    // commands clipped to the limit, times the watchdog zeroed the output.
    std::atomic<std::uint64_t> late_samples{0}, clipped{0}, watchdog_trips{0};
    std::int32_t kernel_pid = 0;  // the process that created the block

    // ---- sample slot (bytes 64–127), written by the bridge ----
    alignas(64) std::atomic<std::uint64_t> sample_seq{0};
    std::atomic<std::uint64_t> sample_index{0};  // the rig's, increasing by 1 per sample
    std::atomic<double> sample_v_mV{0};          // the living cell's membrane potential [mV]

    // ---- command slot (bytes 128–191), written by rtcell ----
    alignas(64) std::atomic<std::uint64_t> command_seq{0};
    std::atomic<std::uint64_t> command_step{0};          // the model step that computed it
    std::atomic<std::uint64_t> command_sample_index{0};  // the sample it was computed from
    std::atomic<double> command_i_nA{0};                 // inject this [nA]; positive depolarizes
    std::atomic<std::uint32_t> command_flags{clamp_flag::waiting};

    alignas(64) std::uint8_t reserved[64]{};  // bytes 192–255
};

static_assert(sizeof(ClampExchange) == 256);
static_assert(std::atomic<double>::is_always_lock_free);
static_assert(std::atomic<std::uint64_t>::is_always_lock_free);

// A consistent copy of one slot.
struct ClampSample {
    std::uint64_t index = 0;
    double v_mV = 0;
};
struct ClampCommand {
    std::uint64_t step = 0, sample_index = 0;
    double i_nA = 0;
    std::uint32_t flags = 0;
};

// The writer's side of a seqlock: odd while the fields change.
template <class Fields>
void seqlock_write(std::atomic<std::uint64_t>& seq, Fields&& write) noexcept {
    const std::uint64_t s = seq.load(std::memory_order_relaxed);
    seq.store(s + 1, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);
    write();
    seq.store(s + 2, std::memory_order_release);
}

// The reader's side: true with a consistent copy, false if the writer was busy on every try.
template <class Fields>
bool seqlock_read(const std::atomic<std::uint64_t>& seq, Fields&& read, int tries = 4) noexcept {
    for (int k = 0; k < tries; ++k) {
        const std::uint64_t s1 = seq.load(std::memory_order_acquire);
        if (s1 & 1u)
            continue;
        read();
        std::atomic_thread_fence(std::memory_order_acquire);
        if (seq.load(std::memory_order_relaxed) == s1)
            return true;
    }
    return false;
}

inline void write_sample(ClampExchange& x, const ClampSample& s) noexcept {
    seqlock_write(x.sample_seq, [&] {
        x.sample_index.store(s.index, std::memory_order_relaxed);
        x.sample_v_mV.store(s.v_mV, std::memory_order_relaxed);
    });
}
// False before the first sample (sequence 0) or when the writer was busy on every try.
inline bool read_sample(const ClampExchange& x, ClampSample& s) noexcept {
    if (x.sample_seq.load(std::memory_order_acquire) == 0)
        return false;
    return seqlock_read(x.sample_seq, [&] {
        s.index = x.sample_index.load(std::memory_order_relaxed);
        s.v_mV = x.sample_v_mV.load(std::memory_order_relaxed);
    });
}
inline void write_command(ClampExchange& x, const ClampCommand& c) noexcept {
    seqlock_write(x.command_seq, [&] {
        x.command_step.store(c.step, std::memory_order_relaxed);
        x.command_sample_index.store(c.sample_index, std::memory_order_relaxed);
        x.command_i_nA.store(c.i_nA, std::memory_order_relaxed);
        x.command_flags.store(c.flags, std::memory_order_relaxed);
    });
}
inline bool read_command(const ClampExchange& x, ClampCommand& c) noexcept {
    return seqlock_read(x.command_seq, [&] {
        c.step = x.command_step.load(std::memory_order_relaxed);
        c.sample_index = x.command_sample_index.load(std::memory_order_relaxed);
        c.i_nA = x.command_i_nA.load(std::memory_order_relaxed);
        c.flags = x.command_flags.load(std::memory_order_relaxed);
    });
}

}  // namespace rtcell::rt

// The byte offsets io/PROTOCOL.md documents for bridges in other languages.
namespace rtcell::rt {
static_assert(offsetof(ClampExchange, state) == 12 && offsetof(ClampExchange, dt_ms) == 16);
static_assert(offsetof(ClampExchange, late_samples) == 24 &&
              offsetof(ClampExchange, watchdog_trips) == 40 &&
              offsetof(ClampExchange, kernel_pid) == 48);
static_assert(offsetof(ClampExchange, sample_seq) == 64 &&
              offsetof(ClampExchange, sample_index) == 72 &&
              offsetof(ClampExchange, sample_v_mV) == 80);
static_assert(offsetof(ClampExchange, command_seq) == 128 &&
              offsetof(ClampExchange, command_step) == 136 &&
              offsetof(ClampExchange, command_sample_index) == 144 &&
              offsetof(ClampExchange, command_i_nA) == 152 &&
              offsetof(ClampExchange, command_flags) == 160);
}  // namespace rtcell::rt
