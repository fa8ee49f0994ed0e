#pragma once
// `rtcell bench --network [--quick] [--no-neuron]`: the benchmark network — ball-and-stick
// cells (bench's population cell, with an ExpSyn on each dendrite) in one group, each cell
// receiving 10 connections from random others, delays uniform in 1–5 ms, dt 0.025 ms — stepped
// on 1 and on 2 threads (rt::ParallelStepper; on 2 the group is cut into two member slices), at
// several sizes; NEURON runs the 100-cell
// network with the same connections (tools/neuron_bench.py network) in the same invocation.
#include <iosfwd>

namespace rtcell::tools {

int bench_network(bool quick, bool neuron, std::ostream& out, std::ostream& err);

}  // namespace rtcell::tools
