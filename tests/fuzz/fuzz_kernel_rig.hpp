#pragma once
// The kernel the wire and control fuzz targets talk to: a passive cell of two members with a
// synapse and a clamp, its loop task (not on a thread: the target ticks it itself, so that
// every input is applied to the model as the real-time thread would) and the IO thread's view
// of it. Built once per process.
#include "io/control_requests.hpp"
#include "io/input_path.hpp"
#include "model/cell/cell.hpp"
#include "rt/kernel_model.hpp"
#include "rt/model_task.hpp"

namespace rtcell::fuzz {

struct KernelRig {
    Cell cell;
    rt::KernelModelOf<Cell> model{cell};
    io::KernelQueues task;
    io::PendingMessages pending{task, 64};  // the IO thread's store of later requests
    io::KernelInfo info;
    io::IoStats stats;
    rt::TimingSnapshot timing;
    std::uint64_t tick = 0;

    KernelRig() : cell(make_cell()), task(model, loop_config()) {
        info.members = cell.members();
        info.dt_ms = 0.1;
        info.synapse_names = cell.synapse_names();
        info.probe_names = cell.probe_names();
        for (const auto& [owner, param] : cell.parameter_list()) {
            info.parameters[owner + "." + param] = task.parameter_handle(owner, param);
            info.units[owner + "." + param] = cell.parameter_unit(owner, param);
        }
    }

    // A binding as configuration would give it: events into "syn", or values into `target`
    // (range-limited to ±10 in its unit when `clip`).
    io::InputPath input(bool events, bool clip, const std::string& target = "stim.amp") {
        io::InputPath in;
        in.binding.kind = events ? io::InputBinding::Kind::events : io::InputBinding::Kind::values;
        in.binding.target = events ? "syn" : target;
        if (clip) {
            in.binding.clip_lo = -10;
            in.binding.clip_hi = 10;
        }
        in.target = events ? task.synapse_handle("syn") : info.parameters.at(target);
        in.instances = 1;
        return in;
    }

    // One loop period: what the queues hold is applied and the model steps.
    void step() {
        pending.release();
        task.tick(++tick, timing);
    }

    static Cell make_cell() {
        CellOptions o;
        o.pop_size = {2};
        o.V_init = -65;
        Branch soma{"soma", BranchType::soma,
                    1,      -1,
                    1.0,    {{0, 0, 0, Diameter{20}}, {20, 0, 0, Diameter{20}}},
                    {}};
        Cell c(Morphology({soma}, "soma"), o);
        c.paint(reg::all(), Density{"pas", {{"g", 0.001}, {"e", -65.0}}});
        c.place(ls::location(0, 0.5), Point{"ExpSyn", "syn", {{"tau", 2.0}, {"e", 0.0}}});
        c.place(ls::location(0, 0.5), Point{"IClamp", "stim", {{"dur", 1e9}, {"amp", 0.0}}});
        c.place(ls::location(0, 0.5), Probe{"v", "v"});
        return c;
    }
    static rt::LoopConfig loop_config() {
        rt::LoopConfig c;
        c.dt_ms = 0.1;
        c.input_queue = c.control_queue = 64;
        c.fault = rt::FaultPolicy::hold;
        return c;
    }
};

}  // namespace rtcell::fuzz
