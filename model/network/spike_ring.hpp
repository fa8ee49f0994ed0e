#pragma once
// The events on their way to one partition's synapses: a ring of `slots` delivery steps, each
// with room for every connection into the partition. A connection's source spikes at most once
// per step and its delay in steps is fixed and shorter than the ring, so no slot ever holds the
// same connection twice: `capacity` connections per slot always suffice, and pushing never
// allocates. Sized by Network::init_state from the largest delay and the connection count.
#include <cstdint>
#include <span>
#include <vector>

namespace rtcell {

class SpikeRing {
  public:
    void allocate(std::size_t slots, std::size_t capacity) {
        slots_ = slots;
        capacity_ = capacity;
        entries_.assign(slots * capacity, 0);
        count_.assign(slots, 0);
    }
    void clear() { std::fill(count_.begin(), count_.end(), 0); }
    // Connection `c` is delivered at step `step`.
    void push(std::uint64_t step, std::uint32_t c) noexcept {
        const std::size_t s = step % slots_;
        entries_[s * capacity_ + count_[s]++] = c;
    }
    // The connections due at `step`, in the order they were pushed; take() empties the slot.
    std::span<const std::uint32_t> due(std::uint64_t step) const noexcept {
        const std::size_t s = step % slots_;
        return {entries_.data() + s * capacity_, count_[s]};
    }
    void take(std::uint64_t step) noexcept { count_[step % slots_] = 0; }
    std::size_t bytes() const { return entries_.size() * 4 + count_.size() * sizeof(std::size_t); }

  private:
    std::size_t slots_ = 1, capacity_ = 0;
    std::vector<std::uint32_t> entries_;  // slot-major
    std::vector<std::size_t> count_;
};

}  // namespace rtcell
