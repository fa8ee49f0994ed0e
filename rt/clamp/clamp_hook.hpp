#pragma once
// What a dynamic clamp computes on the real-time thread: ModelTask (model_task.hpp) calls it
// around the model's update(), given each channel's newest sample before the step and asking
// for each channel's current to inject after it. A channel is one living cell a rig records
// from. rt/ knows no clamp type; ClampHookFor adapts any type with
//   std::size_t channels() const;
//   void before_model_step(std::span<const double> v_mV,
//                          std::span<const std::uint64_t> sample_index) noexcept;
//   void command_nA(std::span<double> i_nA) noexcept;
// (model/clamp/dynamic_clamp.hpp has them), each span one value per channel.
#include <cstddef>
#include <cstdint>
#include <span>

namespace rtcell::rt {

class ClampHook {
  public:
    virtual ~ClampHook() = default;
    virtual std::size_t channels() const = 0;
    virtual void before_step(std::span<const double> v_mV,
                             std::span<const std::uint64_t> sample_index) noexcept = 0;
    virtual void after_step(std::span<double> i_nA) noexcept = 0;  // positive depolarizes
};

template <class Clamp>
class ClampHookFor final : public ClampHook {
  public:
    explicit ClampHookFor(Clamp& clamp) : clamp_(clamp) {}
    std::size_t channels() const override { return clamp_.channels(); }
    void before_step(std::span<const double> v_mV,
                     std::span<const std::uint64_t> sample_index) noexcept override {
        clamp_.before_model_step(v_mV, sample_index);
    }
    void after_step(std::span<double> i_nA) noexcept override { clamp_.command_nA(i_nA); }

  private:
    Clamp& clamp_;
};

}  // namespace rtcell::rt
