#pragma once
// The kernel's side of the IO thread: the queues of the task that steps the cell (rt/
// model_task.hpp), through which alone io/ reaches the real-time thread, and what the cell
// offers by name, resolved before the loop starts.
#include <map>
#include <string>
#include <vector>

#include "rt/deadline_loop.hpp"
#include "rt/kernel_model.hpp"
#include "rt/model_task.hpp"

namespace rtcell::io {

// One loop type for a cell and a network: the model behind rt::KernelModel's interface.
using KernelQueues = rt::ModelTask<rt::KernelModel>;
using KernelLoop = rt::DeadlineLoop<rt::KernelModel>;

struct KernelInfo {
    std::string source;  // the configuration's name
    std::size_t members = 1;
    double dt_ms = 0.025;
    std::vector<std::string> probe_names, synapse_names;
    std::vector<std::string> probe_units;      // per probe column ("" where unknown)
    std::map<std::string, int> parameters;     // "mechanism.param" / "weight:syn" → loop handle
    std::map<std::string, std::string> units;  // "mechanism.param" → its kernel unit
    // Synapses driven by a ZeroMQ events binding and no cell binding: their `weight:<syn>` is
    // the IO thread's binding weight (ControlRequests::on_io_weight).
    std::vector<std::string> io_weight_synapses;
    std::string publish_endpoint, control_endpoint;  // as bound (set when the IO thread starts)
    std::string platform_floor;  // JSON object: the empty loop measured before the run, or ""
    // A network's groups (empty for one cell): a spike's or input's member is the network
    // member index, the group's first member plus the member within the group.
    struct Group {
        std::string name;
        std::size_t first = 0, members = 0;
    };
    std::vector<Group> groups;
};

}  // namespace rtcell::io
