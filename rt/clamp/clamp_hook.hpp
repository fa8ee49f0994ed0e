#pragma once
// What a dynamic clamp computes on the real-time thread: ModelTask (model_task.hpp) calls it
// around the model's update(), given the newest sample before the step and asking for the
// current to inject after it. rt/ knows no clamp type; ClampHookFor adapts any type with
//   void before_model_step(double v_mV, std::uint64_t sample_index) noexcept;
//   double command_nA() noexcept;
// (model/clamp/dynamic_clamp.hpp has them).
#include <cstdint>

namespace rtcell::rt {

class ClampHook {
  public:
    virtual ~ClampHook() = default;
    virtual void before_step(double v_mV, std::uint64_t sample_index) noexcept = 0;
    virtual double after_step() noexcept = 0;  // [nA], positive depolarizes
};

template <class Clamp>
class ClampHookFor final : public ClampHook {
  public:
    explicit ClampHookFor(Clamp& clamp) : clamp_(clamp) {}
    void before_step(double v_mV, std::uint64_t sample_index) noexcept override {
        clamp_.before_model_step(v_mV, sample_index);
    }
    double after_step() noexcept override { return clamp_.command_nA(); }

  private:
    Clamp& clamp_;
};

}  // namespace rtcell::rt
