#pragma once
// The `io` section of a configuration → io::IoConfig (see README "ZeroMQ").
//
//   io:
//     publish: tcp://*:5556             # PUB: topics spikes, voltage, telemetry, metadata
//     control: tcp://*:5557             # REP: JSON requests
//     voltage: {every: 4, rows_per_message: 10}   # probe frames every 4 steps, 10 per message
//     telemetry_interval: 1 s
//     metadata_interval: 5 s
//     high_water_mark: {send: 10000, receive: 10000}
//     busy_poll: false                  # true: the IO thread never sleeps (needs a spare CPU)
//     inputs:
//       - {name: drive, kind: events, synapse: syn, socket: pull, endpoint: tcp://*:5555, bind:
//       true,
//          weight: 1, transform: {scale: 1, offset: 0, clip: [0, 1], members: [0, 1]}}
//       - {name: amp, kind: values, target: stim.amp, socket: sub, endpoint: tcp://localhost:6000,
//          bind: false, topic: amp}
#include <yaml-cpp/yaml.h>

#include "config/yaml_fields.hpp"
#include "io/io_config.hpp"

namespace rtcell {

io::IoConfig parse_io(const yaml::Context& ctx, const YAML::Node& node);

}  // namespace rtcell
