#pragma once
// `rtcell bench --clamp`: the shared-memory dynamic clamp's latency and lateness, each next to
// what the platform gives in the same run.
//   round trip   a C++ bridge writes a sample at a random phase of the kernel's period and
//                spins until the command computed from it appears: sample in → command out.
//                Beside it: the bare transport (a thread that echoes each sample as a command
//                at once, no loop, no model) and the empty loop's wake-up latency. Target:
//                round trip p99 ≤ one period + the empty loop's wake-up p99.
//   late samples a bridge paced by its own clock at the kernel's period, half a period out of
//                phase, for a set time: the samples the kernel found not new at the start of a
//                step, next to the empty loop's overruns over the same time.
#include <iosfwd>

namespace rtcell::tools {

int bench_clamp(bool quick, double paced_seconds, std::ostream& out, std::ostream& err);

}  // namespace rtcell::tools
