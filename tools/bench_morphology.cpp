// Benchmark: reading and discretizing real reconstructions (the geometry issue's target is
// CA1.swc, about 38 000 samples, loaded and discretized in under 50 ms).
//
//   build/rtcell_bench_morphology [MORPHOLOGY...]      (default: the test set's files)
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "model/cable/cv_layout.hpp"
#include "model/cable/cv_policy.hpp"
#include "model/formats/morphology_file.hpp"

namespace {

void load_and_discretize(benchmark::State& state, const std::string& path,
                         const rtcell::CvPolicy& policy) {
    std::size_t cvs = 0;
    for (auto _ : state) {
        const rtcell::Morphology m = rtcell::read_morphology_file(path);
        const rtcell::CvLayout layout = rtcell::discretize(m, policy.cvs_per_branch(m));
        cvs = layout.num_cvs();
        benchmark::DoNotOptimize(cvs);
    }
    state.counters["cvs"] = static_cast<double>(cvs);
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    std::vector<std::string> files(argv + 1, argv + argc);
    if (files.empty())
        files = {RTCELL_BENCH_DATA "/CA1.swc", RTCELL_BENCH_DATA "/pc.asc",
                 RTCELL_BENCH_DATA "/Cerebellum_morph/BC.asc"};
    for (const std::string& f : files) {
        const std::string name = f.substr(f.find_last_of('/') + 1);
        benchmark::RegisterBenchmark(("load+discretize/" + name + "/per_branch").c_str(),
                                     load_and_discretize, f, rtcell::CvPolicy::per_branch())
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("load+discretize/" + name + "/d_lambda").c_str(),
                                     load_and_discretize, f, rtcell::CvPolicy::d_lambda())
            ->Unit(benchmark::kMillisecond);
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
