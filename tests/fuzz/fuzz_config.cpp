// Fuzz target: a YAML configuration through the loader, the cell's construction, init_state
// and three steps (config/model_config.hpp). Models larger than the harness's budget are
// skipped before they are allocated (the kernel's own limits are far larger than a fuzzer's
// memory); after init the voltage must be finite, and after the steps either finite or
// reported by the cell's numerical health check (within ±10 V, or faulted()).
#include <cmath>

#include "config/model_config.hpp"
#include "fuzz/fuzz_target.hpp"
#include "model/util/input_error.hpp"
#include "model/util/model_limits.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rtcell;
    try {
        const ModelConfig cfg = parse_model_config(fuzz::text(data, size), "fuzz.yaml");
        Cell cell = build_cell(cfg);
        if (cell.members() > 64 || cell.planned_cvs() * cell.members() > 20000)
            return 0;
        init_cell(cell, cfg);
        for (double v : cell.node_voltage())
            if (!std::isfinite(v))
                fuzz::fail("non-finite voltage after init_state");
        for (int i = 0; i < 3; ++i)
            cell.update();
        for (double v : cell.node_voltage())
            if (!(std::fabs(v) <= kMaxVoltage_mV) && !cell.faulted())
                fuzz::fail("non-finite voltage not reported by the health check");
    } catch (const InputError&) {
    } catch (const std::exception& e) {
        fuzz::fail(std::string("exception other than InputError: ") + e.what());
    }
    return 0;
}
