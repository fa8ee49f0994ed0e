#pragma once
// What the IO thread sends the kernel, now or later. A control message or input event named for
// a step within `lead` steps of the loop's present goes to the loop's queue at once (the loop
// keeps it those last steps itself); one named for later waits here, on the IO thread, and is
// released when its step comes within the lead. So far-future requests never fill the loop's
// fixed arrays, and a client can list what is waiting and cancel it by id (control requests
// "pending" and "cancel", io/PROTOCOL.md). Capacity is bounded: when full, more far-future
// requests are refused (counted). Controls count loop ticks, inputs model steps, as the loop
// does. Only the IO thread touches it.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "io/kernel_queues.hpp"

namespace rtcell::io {

constexpr std::size_t kMaxPendingMessages = 65536;

class PendingMessages {
  public:
    PendingMessages(KernelQueues& kernel, std::uint64_t lead_steps,
                    std::size_t capacity = kMaxPendingMessages)
        : kernel_(kernel), lead_(lead_steps), capacity_(capacity) {}

    // Sent now, or kept for later; false when it fits nowhere (the loop's queue or this store
    // is full). id (when given) receives the waiting message's id, 0 if it was sent at once.
    bool send(const rt::InputEvent& e, std::uint64_t* id = nullptr);
    bool send(const rt::ControlMessage& m, std::uint64_t* id = nullptr);
    // To the loop, what has come within the lead (every pass of the IO thread).
    void release();
    // What waits: id, kind, step (ticks for controls, model steps for inputs), target, member,
    // value, with targets by name.
    nlohmann::json list(const KernelInfo& info) const;
    bool cancel(std::uint64_t id);
    std::size_t cancel_all();
    std::size_t size() const { return entries_.size(); }
    std::uint64_t lead() const { return lead_; }
    KernelQueues& kernel() { return kernel_; }

  private:
    struct Entry {
        std::uint64_t id;
        bool control;
        rt::InputEvent event;
        rt::ControlMessage message;
    };
    bool due(const Entry& e) const;
    bool keep(Entry e, std::uint64_t* id);
    void note_earliest(const Entry& e);

    KernelQueues& kernel_;
    std::uint64_t lead_;
    std::size_t capacity_;
    std::vector<Entry> entries_;
    std::uint64_t next_id_ = 1;
    // The earliest tick and step of any waiting control and event (no later than the true
    // earliest after a cancel): release() looks through the store only when one has come.
    std::uint64_t earliest_tick_ = UINT64_MAX, earliest_step_ = UINT64_MAX;
};

}  // namespace rtcell::io
