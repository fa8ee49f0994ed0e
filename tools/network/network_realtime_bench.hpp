#pragma once
// `rtcell bench --realtime`'s network part: networks of the default ball-and-stick (the built-in
// configuration's cell, in two groups, each cell driven by its spike train, no connections)
// of growing size stepped in real time at the default period on 1 and on 2 threads, each for
// `seconds`, next to the empty loop; prints each size's overruns and compute time, and the
// largest size with zero overruns, the largest with no more overruns than the empty loop, and
// the largest whose compute p99 fits in the period less the empty loop's wake-up p99.
#include <iosfwd>

namespace rtcell::tools {

int bench_realtime_network(double seconds, std::ostream& out, std::ostream& err);

}  // namespace rtcell::tools
