#pragma once
// The PUB side of the IO thread: spikes and probe frames assembled from the kernel's output
// records into wire messages (io/PROTOCOL.md), telemetry and metadata as JSON, each under its
// topic. A full PUB queue drops the message and counts it; the kernel never waits.
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>
#include <zmq.hpp>

#include "io/input_path.hpp"
#include "io/io_config.hpp"
#include "io/io_counters.hpp"
#include "io/kernel_queues.hpp"

namespace rtcell::io {

class Publisher {
  public:
    Publisher(const IoConfig& config, const KernelInfo& info, IoStats& stats)
        : config_(config), info_(info), stats_(stats), row_(info.probe_names.size(), 0.0) {
        start_spikes();
    }

    void set_socket(std::unique_ptr<zmq::socket_t> pub);
    bool open() const { return pub_ != nullptr; }

    void add_spike(const rt::SpikeRecord& s);
    void flush_spikes();  // one message with every spike added since the last flush
    void add_frame(const rt::FrameRecord& f);  // a complete row goes into the voltage message
    void flush_frames();
    void publish_telemetry(const KernelQueues& kernel);
    // A network member's group index (0 for one cell): the spike record's group field.
    std::int32_t group_of(std::int32_t member) const {
        for (std::size_t g = 0; g < info_.groups.size(); ++g)
            if (member >= 0 && static_cast<std::size_t>(member) >= info_.groups[g].first &&
                static_cast<std::size_t>(member) < info_.groups[g].first + info_.groups[g].members)
                return static_cast<std::int32_t>(g);
        return 0;
    }
    void publish_metadata(const std::vector<InputPath>& inputs);
    // The last message of a run: why it ended, its last tick and step.
    void publish_end(const KernelQueues& kernel, const std::string& reason);
    // Reads the subscriptions clients sent since the last call (the socket is an XPUB in
    // verbose mode); true when one of them covers the metadata topic ("metadata", a prefix
    // of it, or everything).
    bool metadata_subscribed();

    nlohmann::json telemetry(const KernelQueues& kernel) const;
    nlohmann::json metadata(const std::vector<InputPath>& inputs) const;

  private:
    bool publish(const char* topic, const std::vector<std::uint8_t>& payload);
    bool publish_json(const char* topic, MessageType type, std::uint64_t& seq,
                      const nlohmann::json& body);
    void start_spikes();
    void add_row();

    const IoConfig& config_;
    const KernelInfo& info_;
    IoStats& stats_;
    std::unique_ptr<zmq::socket_t> pub_;
    std::vector<std::uint8_t> spikes_out_, frame_out_;
    std::uint32_t spike_count_ = 0, frame_rows_ = 0;
    std::vector<double> row_;  // one step of probe values
    std::uint64_t row_step_ = 0;
    std::uint64_t last_row_step_ = 0;  // the step of the last row added (0: none yet)
    double row_t_ = 0;
    std::uint64_t seq_spikes_ = 0, seq_voltage_ = 0, seq_telemetry_ = 0, seq_metadata_ = 0;
};

}  // namespace rtcell::io
