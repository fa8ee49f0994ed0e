#pragma once
// The `realtime` section of a configuration → rt::LoopConfig.
//
//   realtime:
//     priority: 80            # SCHED_FIFO priority, 0 = normal scheduler
//     cpu: 1                  # pin the real-time thread; omit for no pinning
//     busy_wait: 5 us         # spin for the last part of each wait
//     overrun: catch_up       # catch_up | skip | stop
//     warmup_steps: 400       # excluded from the statistics
//     lock_memory: true
//     queues: {input: 4096, output: 8192, control: 256}
//
// The period and duration are the simulation section's dt and duration.
#include <yaml-cpp/yaml.h>

#include "config/dynamics_config.hpp"
#include "config/yaml_fields.hpp"
#include "rt/loop_config.hpp"

namespace rtcell {

rt::LoopConfig parse_realtime(const yaml::Context& ctx, const YAML::Node& node,
                              const SimulationSettings& sim);

}  // namespace rtcell
