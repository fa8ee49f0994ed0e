#pragma once
// One input binding's path into the kernel: its socket, and the receive → decode → transform
// steps that turn wire messages (io/PROTOCOL.md) into input events or parameter values on the
// kernel's queues. A malformed message or record is counted by reason and dropped; nothing here
// blocks or throws.
#include <memory>
#include <span>
#include <string>
#include <vector>
#include <zmq.hpp>

#include "io/io_config.hpp"
#include "io/io_counters.hpp"
#include "io/kernel_queues.hpp"
#include "io/pending_messages.hpp"
#include "rt/clamp/clamp_exchange.hpp"

namespace rtcell::io {

struct InputPath {
    InputBinding binding;
    std::unique_ptr<zmq::socket_t> socket;
    std::string endpoint;  // as bound
    int target = -1;       // synapse handle (events) or parameter handle (values)
    std::size_t instances = 1;
    // samples: where the dynamic clamp reads them, one exchange per channel (a record's member
    // is its channel; −1 is channel 0 when there is one)
    std::vector<rt::ClampExchange*> samples;

    // Up to 1000 waiting messages, each decoded and sent on.
    void receive(PendingMessages& kernel, IoStats& stats, const KernelInfo& info);
    // One message's payload (tests call this directly).
    void handle(std::span<const std::uint8_t> payload, PendingMessages& kernel, IoStats& stats,
                const KernelInfo& info) const;

  private:
    bool map_member(std::int32_t m, std::size_t members, std::int32_t& out) const;
    double transform(double x) const;
};

// Resolves a binding against the cell: its target handle and, for events, the synapse's
// instance count. InputError names the binding and the unknown target.
InputPath resolve_input(const InputBinding& b, KernelQueues& kernel, const KernelInfo& info,
                        rt::KernelModel& model);

}  // namespace rtcell::io
