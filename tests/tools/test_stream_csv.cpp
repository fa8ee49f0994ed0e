// `rtcell listen --csv`: a header from the metadata, a step column that advances by the
// frame's steps per row, frames held until the metadata comes, spikes in a second file.
#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tools/stream_csv.hpp"

using namespace rtcell::tools;

namespace {

std::vector<std::uint8_t> values(const std::vector<double>& v) {
    std::vector<std::uint8_t> out(v.size() * 8);
    std::memcpy(out.data(), v.data(), out.size());  // x86-64 is little-endian, as the wire
    return out;
}

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string temp_path(const std::string& name) {
    return (std::filesystem::temp_directory_path() / name).string();
}

const char* const kMetadata =
    R"({"dt_ms": 0.025, "frame_every_steps": 4, "probes": ["v_soma", "v_dend"]})";

}  // namespace

TEST_CASE("listen --csv: header from the metadata, steps by frame_every_steps", "[listen]") {
    const std::string path = temp_path("rtcell_stream_a.csv");
    {
        StreamCsv csv(path);
        csv.metadata(kMetadata);
        // Two rows from step 8, 0.1 ms apart (every 4 steps of 0.025 ms).
        const auto v = values({-65, -64, -63, -62});
        csv.frame(8, 0.2, 0.1, 2, 2, v);
        csv.spike(9, 0.225, 0);
        std::ostringstream err;
        csv.finish(err);
        CHECK(err.str().empty());
    }
    CHECK(read(path) == "step,t_ms,v_soma,v_dend\n8,0.2,-65,-64\n12,0.3,-63,-62\n");
    CHECK(StreamCsv::spikes_path(path) == temp_path("rtcell_stream_a_spikes.csv"));
    CHECK(read(StreamCsv::spikes_path(path)) == "step,t_ms,member\n9,0.225,0\n");
    CHECK(StreamCsv::spikes_path("out") == "out_spikes.csv");
    CHECK(StreamCsv::spikes_path("dir.d/out") == "dir.d/out_spikes.csv");
}

TEST_CASE("listen --csv: frames before the metadata are held, then written in order", "[listen]") {
    const std::string path = temp_path("rtcell_stream_b.csv");
    {
        StreamCsv csv(path);
        csv.frame(0, 0.0, 0.1, 1, 2, values({1, 2}));
        csv.frame(4, 0.1, 0.1, 1, 2, values({3, 4}));
        csv.metadata("not json");  // ignored: still waiting
        csv.metadata(kMetadata);
        csv.frame(8, 0.2, 0.1, 1, 2, values({5, 6}));
        std::ostringstream err;
        csv.finish(err);
    }
    CHECK(read(path) == "step,t_ms,v_soma,v_dend\n0,0,1,2\n4,0.1,3,4\n8,0.2,5,6\n");
}

TEST_CASE("listen --csv: without metadata, generic names and steps from the row spacing",
          "[listen]") {
    const std::string path = temp_path("rtcell_stream_c.csv");
    std::ostringstream err;
    {
        StreamCsv csv(path);
        csv.frame(100, 2.5, 0.1, 2, 1, values({7, 8}));  // dt = 2.5 / 100 = 0.025 ms
        csv.finish(err);
    }
    CHECK(read(path) == "step,t_ms,column_1\n100,2.5,7\n104,2.6,8\n");
    CHECK_THAT(err.str(), Catch::Contains("no metadata arrived"));
    CHECK_THROWS_WITH(StreamCsv("/nonexistent-dir/x.csv"),
                      Catch::Contains("/nonexistent-dir/x.csv: cannot write"));
}
