// The recording's writer thread: what the producer hands it is written in order, a full queue
// drops and counts instead of waiting, and finish() writes everything queued before closing.
// (The file's layout is read back with h5py in tests/tools/test_recording.py.)
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "io/recording/recorder.hpp"
#include "model/util/input_error.hpp"

using namespace rtcell;

namespace {
io::RecordingHeader header() {
    io::RecordingHeader h;
    h.command = "test";
    h.probe_names = {"v"};
    h.probe_columns = {{"v", "v", "mV", 0, "(location 0 0.5)"}};
    return h;
}
}  // namespace

TEST_CASE("a full recording queue drops and counts; finish writes what was queued",
          "[io][recording]") {
    const std::string path =
        (std::filesystem::temp_directory_path() / "rtcell_recorder_test.h5").string();
    io::Recorder rec(std::make_unique<io::RecordingFile>(path, header()), 1, 4);
    // Not started yet: nothing drains the queue of 4.
    for (int k = 0; k < 10; ++k)
        rec.add(rt::SpikeRecord{static_cast<std::uint64_t>(k + 1), 0.025 * (k + 1), 0});
    CHECK(rec.dropped() == 6);
    rec.start();
    // The writer drains the four queued spikes before the next records go in, so that none of
    // them meets a full queue (a condition with a generous time-out, not a sleep).
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (rec.written() < 4 && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    REQUIRE(rec.written() == 4);
    rt::FrameRecord f{};
    f.step = 11;
    f.count = 1;
    f.values[0] = -65;
    rec.add(f);
    rec.add(rt::AppliedRecord{rt::AppliedRecord::Kind::input, rt::ControlMessage::Kind::pause, 12,
                              12, 0, -1, -1, 0.05});
    rec.finish({{"steps", 12}});
    CHECK(rec.written() == 6);
    CHECK(rec.dropped() == 6);
    CHECK(std::filesystem::file_size(path) > 0);
    CHECK_THROWS_WITH(io::RecordingFile("/nonexistent-dir/x.h5", header()),
                      Catch::Contains("/nonexistent-dir/x.h5: cannot write an HDF5 file"));
}
