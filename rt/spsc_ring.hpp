#pragma once
// A bounded single-producer single-consumer queue of fixed-size records between the
// real-time thread and one other thread (Boost.Lockfree). The capacity is fixed at
// construction; a push onto a full queue drops the record and counts it, never blocks.
#include <atomic>
#include <boost/lockfree/spsc_queue.hpp>
#include <cstdint>

namespace rtcell::rt {

template <class T>
class SpscRing {
  public:
    explicit SpscRing(std::size_t capacity) : queue_(capacity) {}
    bool push(const T& item) {
        if (queue_.push(item))
            return true;
        dropped_.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    bool pop(T& item) { return queue_.pop(item); }
    std::uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }
    std::size_t read_available() const { return queue_.read_available(); }

  private:
    boost::lockfree::spsc_queue<T> queue_;
    std::atomic<std::uint64_t> dropped_{0};
};

}  // namespace rtcell::rt
