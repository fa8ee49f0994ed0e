// Fuzz target: control requests (io/control_requests.hpp) answered and applied. Every reply
// must be valid UTF-8 JSON with a boolean "ok", whatever the request's bytes.
#include <nlohmann/json.hpp>

#include "fuzz/fuzz_kernel_rig.hpp"
#include "fuzz/fuzz_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rtcell;
    static fuzz::KernelRig rig;
    static io::ControlRequests control(
        rig.pending, rig.stats, rig.info,
        [] {
            return nlohmann::json{{"steps", rig.cell.steps()}};
        },
        [] {
            return nlohmann::json{{"inputs", nlohmann::json::array()}};
        });
    const std::string reply = control.answer({reinterpret_cast<const char*>(data), size});
    try {
        const auto j = nlohmann::json::parse(reply);
        if (!j.is_object() || !j.contains("ok") || !j["ok"].is_boolean())
            fuzz::fail("reply without a boolean 'ok': " + reply);
    } catch (const nlohmann::json::exception& e) {
        fuzz::fail(std::string("reply is not JSON: ") + e.what());
    }
    rig.step();
    return 0;
}
