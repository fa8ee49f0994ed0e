#pragma once
// `rtcell run --record FILE.h5`: the writer thread of a recording. The thread that consumes
// the real-time loop's output queues (the IO thread, or the command itself without one)
// hands each spike, probe frame and applied input or control on to a bounded lock-free
// queue; this thread writes them to the RecordingFile. The real-time thread never touches the
// file, and a full queue drops the record and counts it (`dropped`, also written into the
// file) instead of waiting.
#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "io/recording/recording_file.hpp"
#include "rt/records.hpp"
#include "rt/spsc_ring.hpp"

namespace rtcell::io {

class Recorder {
  public:
    Recorder(std::unique_ptr<RecordingFile> file, std::size_t probe_columns,
             std::size_t capacity = 16384);
    ~Recorder();
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    void start();
    // From one producer thread; never blocks.
    void add(const rt::SpikeRecord& s) { push(s); }
    void add(const rt::FrameRecord& f) { push(f); }
    void add(const rt::AppliedRecord& a) { push(a); }
    // Writes what is queued, then the timing summary and the drop count, and closes the file.
    void finish(const std::map<std::string, double>& timing);
    std::uint64_t dropped() const { return queue_.dropped(); }
    std::uint64_t written() const { return written_.load(); }

  private:
    using Item = std::variant<rt::SpikeRecord, rt::FrameRecord, rt::AppliedRecord>;
    void push(const Item& item) { queue_.push(item); }
    void run();
    void write(const Item& item);

    std::unique_ptr<RecordingFile> file_;
    std::vector<double> row_;  // the probe row being assembled from frame slices
    rt::SpscRing<Item> queue_;
    std::atomic<bool> stop_{false};
    std::atomic<std::uint64_t> written_{0};
    std::thread thread_;
};

}  // namespace rtcell::io
