#pragma once
// The IO thread ("rtcell-io") owns every ZeroMQ socket (socket_table.hpp) and runs the poll
// loop: inputs (input_path.hpp) and control requests (control_requests.hpp) go into the
// real-time loop's queues, and the loop's output queues are drained into PUB messages
// (publisher.hpp). The real-time thread never touches a socket; a slow or absent subscriber only
// fills ZeroMQ's bounded queues (high-water marks), and what does not fit is dropped and
// counted here. Malformed messages are dropped and counted per reason.
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "io/io_config.hpp"
#include "io/io_counters.hpp"
#include "io/kernel_queues.hpp"
#include "io/recording/recorder.hpp"
#include "io/wire_format.hpp"
#include "model/cell/cell.hpp"
#include "rt/deadline_loop.hpp"
#include "rt/realtime_setup.hpp"

namespace rtcell::io {

class IoThread {
  public:
    // Resolves every binding against the cell and registers handles with the loop, so it must
    // be constructed before loop.start(). Throws InputError for unknown targets.
    IoThread(KernelLoop& loop, rt::KernelModel& model, IoConfig config, std::string source);
    ~IoThread();

    // Binds and connects every socket (throws InputError naming the endpoint on failure), then
    // starts the thread.
    void start();
    // Before start(): every spike, probe frame and applied input or control this thread takes
    // from the loop is also handed to `recorder` (rtcell run --record).
    void record_to(Recorder* recorder);
    // Before start(): the platform's floor measured before the run (rtcell run --floor-first),
    // a JSON object the metadata carries as `platform_floor` for its clients (the dashboard).
    void set_platform_floor(std::string json_object);
    // Before start(): samples bindings (kind samples) write into the dynamic clamp's exchanges,
    // one per channel, a record's member naming the channel (the IO thread is then the clamp's
    // bridge). Throws InputError if there is no such binding.
    void clamp_samples_to(const std::vector<rt::ClampExchange*>& channels);
    void request_stop() { stop_.store(true); }
    void join();

    // How io.priority and io.cpu were applied to rtcell-io (valid after start()).
    const rt::SetupReport& setup_report() const { return setup_; }
    // Endpoints as bound (a "tcp://…:*" wildcard resolved to its port).
    const std::string& publish_endpoint() const { return publish_endpoint_; }
    const std::string& control_endpoint() const { return control_endpoint_; }
    std::string input_endpoint(const std::string& binding) const;
    // With io.curve: the control socket's public key (Z85), which clients need to connect.
    const std::string& curve_public_key() const { return curve_public_key_; }

    // For the reporting thread: the newest timing snapshot and the counters.
    bool latest_timing(rt::TimingSnapshot& out) const;
    IoCounters counters() const;
    std::string metadata_json() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::thread thread_;
    std::atomic<bool> stop_{false};
    std::string publish_endpoint_, control_endpoint_, curve_public_key_;
    rt::SetupReport setup_;
    void open_control(Impl& I);
    void run();
};

}  // namespace rtcell::io
