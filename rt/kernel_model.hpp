#pragma once
// KernelModel: the model as the real-time kernel and its IO thread see it, behind one virtual
// interface, so that one loop type (ModelTask<KernelModel>, DeadlineLoop<KernelModel>) and one
// IO thread serve a single cell and a network alike. KernelModelOf<M> adapts any type M with
// the members ModelTask names (model_task.hpp) plus the names the IO thread lists
// (probe_names, synapse_names, parameter_list, parameter_unit, synapse_instances) and, where
// its parameters belong to part of its members (a network's group), parameter_members.
// One virtual call per step (update); rt/ still knows no model type.
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace rtcell::rt {

// Which of the model's members a parameter's span covers: `count` members from `first`
// (member-fastest within each instance).
struct MemberSpan {
    std::size_t first = 0, count = 1;
};

// A network's group, by name, and its members among the model's (empty list for one cell).
struct ModelGroup {
    std::string name;
    MemberSpan members;
};

// One piece of a settable value (ModelTask's parameter handles): a span over `members` of the
// model's (instance-major, member-fastest) and the refresh handle of what a write re-derives
// (−1: nothing). A network's group stepped in parts has one piece per part.
struct ParameterPart {
    std::span<double> values;
    MemberSpan members;
    int refresh = -1;
};

class KernelModel {
  public:
    enum class Phase { declaring, initialized };
    virtual ~KernelModel() = default;

    virtual std::span<const std::uint8_t> update() noexcept = 0;
    virtual std::uint64_t steps() const = 0;
    virtual double time() const = 0;
    virtual std::size_t members() const = 0;
    virtual void reset_state() = 0;
    virtual void deliver_event(int synapse, int member, double weight, int instance) noexcept = 0;
    virtual void set_dt(double dt_ms) = 0;
    virtual Phase phase() const = 0;
    virtual void init_state() = 0;
    virtual bool faulted() const = 0;
    virtual std::span<double> parameter(const std::string& owner, const std::string& param) = 0;
    virtual std::span<double> binding_weight(const std::string& synapse) = 0;
    virtual MemberSpan parameter_members(const std::string& owner) const = 0;
    // After a parameter of `owner` changed: what it derives (decay and rate factors).
    // refresh_handle resolves the owner once (−1: nothing to do); refresh is for the step path.
    virtual int refresh_handle(const std::string& owner) = 0;
    virtual void refresh(int handle) noexcept = 0;
    // parameter() and binding_weight() with their members and refresh, in one or more parts.
    virtual std::vector<ParameterPart> parameter_parts(const std::string& owner,
                                                       const std::string& param) = 0;
    virtual std::vector<ParameterPart> weight_parts(const std::string& synapse) = 0;
    virtual int synapse_index(const std::string& synapse) = 0;
    virtual std::size_t synapse_instances(int synapse) const = 0;
    virtual std::vector<const double*> probe_sources() const = 0;
    virtual std::vector<std::string> probe_names() const = 0;
    // Each probe column's unit ("mV", "nA", "mM", …; "" where the model does not say).
    virtual std::vector<std::string> probe_units() const = 0;
    virtual std::vector<std::string> synapse_names() const = 0;
    virtual std::vector<std::pair<std::string, std::string>> parameter_list() const = 0;
    virtual std::string parameter_unit(const std::string& owner, const std::string& p) const = 0;
    virtual std::vector<ModelGroup> groups() const = 0;
};

template <class M>
class KernelModelOf final : public KernelModel {
  public:
    explicit KernelModelOf(M& m) : m_(m) {}
    M& model() { return m_; }

    std::span<const std::uint8_t> update() noexcept override { return m_.update(); }
    std::uint64_t steps() const override { return m_.steps(); }
    double time() const override { return m_.time(); }
    std::size_t members() const override { return m_.members(); }
    void reset_state() override { m_.reset_state(); }
    void deliver_event(int s, int member, double w, int instance) noexcept override {
        m_.deliver_event(s, member, w, instance);
    }
    void set_dt(double dt_ms) override { m_.set_dt(dt_ms); }
    Phase phase() const override {
        return m_.phase() == M::Phase::initialized ? Phase::initialized : Phase::declaring;
    }
    void init_state() override { m_.init_state(); }
    bool faulted() const override { return m_.faulted(); }
    std::span<double> parameter(const std::string& owner, const std::string& p) override {
        return m_.parameter(owner, p);
    }
    std::span<double> binding_weight(const std::string& s) override { return m_.binding_weight(s); }
    MemberSpan parameter_members(const std::string& owner) const override {
        if constexpr (requires { m_.parameter_members(owner); })
            return m_.parameter_members(owner);
        else
            return {0, m_.members()};
    }
    int refresh_handle(const std::string& owner) override {
        if constexpr (requires { m_.refresh_handle(owner); })
            return m_.refresh_handle(owner);
        else
            return -1;
    }
    void refresh(int handle) noexcept override {
        if constexpr (requires { m_.refresh(handle); })
            m_.refresh(handle);
    }
    std::vector<ParameterPart> parameter_parts(const std::string& owner,
                                               const std::string& p) override {
        if constexpr (requires { m_.parameter_parts(owner, p); })
            return m_.parameter_parts(owner, p);
        else
            return {{m_.parameter(owner, p), parameter_members(owner), refresh_handle(owner)}};
    }
    std::vector<ParameterPart> weight_parts(const std::string& synapse) override {
        if constexpr (requires { m_.weight_parts(synapse); })
            return m_.weight_parts(synapse);
        else
            return {{m_.binding_weight(synapse), parameter_members(synapse), -1}};
    }
    int synapse_index(const std::string& s) override { return m_.synapse_index(s); }
    std::size_t synapse_instances(int s) const override { return m_.synapse_instances(s); }
    std::vector<const double*> probe_sources() const override { return m_.probe_sources(); }
    std::vector<std::string> probe_names() const override { return m_.probe_names(); }
    std::vector<std::string> probe_units() const override {
        if constexpr (requires { m_.probe_units(); }) {
            return m_.probe_units();
        } else if constexpr (requires { m_.probe_columns(); }) {
            std::vector<std::string> units;
            for (const auto& c : m_.probe_columns())
                units.push_back(c.unit);
            return units;
        } else {
            return std::vector<std::string>(m_.probe_names().size());
        }
    }
    std::vector<std::string> synapse_names() const override { return m_.synapse_names(); }
    std::vector<std::pair<std::string, std::string>> parameter_list() const override {
        return m_.parameter_list();
    }
    std::string parameter_unit(const std::string& o, const std::string& p) const override {
        return m_.parameter_unit(o, p);
    }
    std::vector<ModelGroup> groups() const override {
        if constexpr (requires { m_.groups(); })
            return m_.groups();
        else
            return {};
    }

  private:
    M& m_;
};

}  // namespace rtcell::rt
