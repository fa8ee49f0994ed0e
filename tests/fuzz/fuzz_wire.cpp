// Fuzz target: wire-format input messages (io/wire_format.hpp, io/input_path.cpp) decoded
// and applied to a stepping model. The first byte picks the binding: events into a synapse,
// values into a clamp amplitude, or values range-limited by the binding (into the clamp's
// duration: a value named for a later step through the first values binding may still set the
// amplitude then, as it should); the rest is the message. A value binding without a range may
// make the model non-finite (−1e300 nA): the health check must then report it, and a
// reset_state must bring it back.
#include <cmath>

#include "fuzz/fuzz_kernel_rig.hpp"
#include "fuzz/fuzz_target.hpp"
#include "model/util/model_limits.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rtcell;
    static fuzz::KernelRig rig;
    static const io::InputPath events = rig.input(true, false), values = rig.input(false, false),
                               clipped = rig.input(false, true, "stim.dur");
    if (size == 0)
        return 0;
    const io::InputPath& in = data[0] % 3 == 0 ? events : data[0] % 3 == 1 ? values : clipped;
    in.handle({data + 1, size - 1}, rig.pending, rig.stats, rig.info);
    rig.step();
    const double v = rig.cell.node_voltage()[0];
    if (!(std::fabs(v) <= kMaxVoltage_mV) && !rig.cell.faulted())
        fuzz::fail("non-finite voltage not reported by the health check");
    const double dur = rig.cell.parameter("stim", "dur")[0];  // 1e9 ms until a value reaches it
    if (dur != 1e9 && dur > 10)
        fuzz::fail("a range-limited value passed its limit");
    rig.task.send(rt::ControlMessage{rt::ControlMessage::Kind::set_parameter, 0,
                                     rig.info.parameters.at("stim.amp"), -1, 0.0});
    if (rig.cell.faulted())
        rig.task.send(rt::ControlMessage{rt::ControlMessage::Kind::reset_state, 0, -1, -1, 0});
    rig.step();
    return 0;
}
