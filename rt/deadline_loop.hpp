#pragma once
// The real-time kernel's loop: a model stepped by ModelTask (model_task.hpp) inside the cyclic
// loop (cyclic_loop.hpp), one object with both interfaces — handles and queues of the task,
// start/stop and timing of the loop. DeadlineLoop<Cell> is what `rtcell run` drives; the
// platform's floor is CyclicLoop<IdleTask> (idle_task.hpp).
#include "rt/cyclic_loop.hpp"
#include "rt/model_task.hpp"

namespace rtcell::rt {

template <class Model>
class DeadlineLoop : public ModelTask<Model>, public CyclicLoop<ModelTask<Model>> {
  public:
    using Task = ModelTask<Model>;
    using Loop = CyclicLoop<Task>;
    // The model's dt becomes the loop's period; it is initialized if needed.
    DeadlineLoop(Model& model, LoopConfig config)
        : Task(model, config), Loop(static_cast<Task&>(*this), config) {}

    using Loop::poll;
    using Task::poll;
};

}  // namespace rtcell::rt
