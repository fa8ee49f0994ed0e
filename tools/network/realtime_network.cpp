#include "tools/network/realtime_network.hpp"

#include <cmath>
#include <fstream>
#include <functional>
#include <thread>

#include "model/util/input_error.hpp"

namespace rtcell::tools {

rt::StepperOptions worker_options(const rt::LoopConfig& loop, std::size_t threads,
                                  std::string* why) {
    rt::StepperOptions o;
    const int cpus = static_cast<int>(std::thread::hardware_concurrency());
    for (std::size_t k = 1; k < threads && loop.cpu >= 0 && cpus > 0; ++k)
        o.cpus.push_back((loop.cpu + static_cast<int>(k)) % cpus);
    std::ifstream throttle("/proc/sys/kernel/sched_rt_runtime_us");
    long runtime_us = 0;
    if ((throttle >> runtime_us) && runtime_us < 0)
        o.priority = loop.priority;
    else if (why && threads > 1 && loop.priority > 0)
        *why =
            "the network's worker threads run on the normal scheduler: real-time throttling "
            "is on (kernel.sched_rt_runtime_us = " +
            std::to_string(runtime_us) + "); with it off (-1) they get SCHED_FIFO priority " +
            std::to_string(loop.priority);
    return o;
}

RealtimeNetwork::RealtimeNetwork(Network net, std::size_t threads, rt::StepperOptions options)
    : net_(std::move(net)), threads_(threads), options_(std::move(options)) {}

RealtimeNetwork::~RealtimeNetwork() = default;

void RealtimeNetwork::set_dt(double dt_ms) {
    if (phase() == Phase::declaring && net_.phase() == Network::Phase::declaring)
        net_.set_dt(dt_ms);
    else if (std::abs(dt_ms - net_.dt()) > 1e-12 * dt_ms)
        throw InputError("the network was initialized at another dt");
}

void RealtimeNetwork::init_state() {
    if (net_.phase() == Network::Phase::declaring)
        net_.init_state(threads_);
    std::size_t members = 0;
    first_.clear();
    for (std::size_t g = 0; g < net_.groups(); ++g) {
        first_.push_back(members);
        members += net_.group_members(g);
    }
    members_ = members;
    stepper_ = std::make_unique<rt::ParallelStepper<Network>>(net_, options_);
}

void RealtimeNetwork::reset_state() {
    net_.reset_state();
}

std::span<const std::uint8_t> RealtimeNetwork::update() noexcept {
    stepper_->step();
    return net_.spikes();
}

bool RealtimeNetwork::faulted() const {
    for (std::size_t g = 0; g < net_.groups(); ++g)
        for (std::size_t k = 0; k < net_.parts(g); ++k)
            if (net_.part(g, k).faulted())
                return true;
    return false;
}

std::pair<std::size_t, std::string> RealtimeNetwork::split(const std::string& name) const {
    const auto dot = name.find('.');
    if (dot == std::string::npos)
        throw InputError("'" + name + "': a network's names start with their group: group.name");
    return {net_.group_index(name.substr(0, dot)), name.substr(dot + 1)};
}

// Every part of a group has the same declaration, so the same indices: part 0 speaks for all.
int RealtimeNetwork::synapse_index(const std::string& name) {
    const auto [g, syn] = split(name);
    synapses_.push_back({g, net_.part(g, 0).synapse_index(syn)});
    return static_cast<int>(synapses_.size()) - 1;
}

std::size_t RealtimeNetwork::synapse_instances(int synapse) const {
    const Synapse& s = synapses_.at(static_cast<std::size_t>(synapse));
    return net_.part(s.group, 0).synapse_instances(s.index);
}

void RealtimeNetwork::deliver_event(int synapse, int member, double weight, int instance) noexcept {
    if (synapse < 0 || static_cast<std::size_t>(synapse) >= synapses_.size())
        return;
    const Synapse& s = synapses_[static_cast<std::size_t>(synapse)];
    if (member < 0) {
        for (std::size_t k = 0; k < net_.parts(s.group); ++k)
            net_.part(s.group, k).deliver_event(s.index, -1, weight, instance);
        return;
    }
    const auto first = first_[s.group];
    const auto m = static_cast<std::size_t>(member);
    if (m < first || m >= first + net_.group_members(s.group))
        return;  // a member of another group
    const auto [k, local] = net_.locate(s.group, m - first);
    net_.part(s.group, k).deliver_event(s.index, static_cast<int>(local), weight, instance);
}

rt::MemberSpan RealtimeNetwork::parameter_members(const std::string& owner) const {
    const std::size_t g = split(owner).first;
    return {first_.at(g), net_.group_members(g)};
}

int RealtimeNetwork::refresh_handle(const std::string& owner) {
    const auto [g, name] = split(owner);
    const int h = net_.part(g, 0).refresh_handle(name);
    if (h < 0)
        return -1;
    refreshes_.push_back({g, h, kAllParts});
    return static_cast<int>(refreshes_.size()) - 1;
}

// Between steps: the workers wait at the barrier, so the group's cells are not being stepped.
void RealtimeNetwork::refresh(int handle) noexcept {
    if (handle < 0 || static_cast<std::size_t>(handle) >= refreshes_.size())
        return;
    const Refresh& r = refreshes_[static_cast<std::size_t>(handle)];
    for (std::size_t k = 0; k < net_.parts(r.group); ++k)
        if (r.part == kAllParts || r.part == k)
            net_.part(r.group, k).refresh(r.handle);
}

// One part per cell that steps the group, each over its members of the network.
std::vector<rt::ParameterPart> RealtimeNetwork::parts_of(
    std::size_t g, const std::string& owner, const std::function<std::span<double>(Cell&)>& values,
    bool refreshes) {
    std::vector<rt::ParameterPart> out;
    for (std::size_t k = 0; k < net_.parts(g); ++k) {
        Cell& cell = net_.part(g, k);
        int refresh = -1;
        if (const int h = refreshes ? cell.refresh_handle(owner) : -1; h >= 0) {
            refreshes_.push_back({g, h, k});
            refresh = static_cast<int>(refreshes_.size()) - 1;
        }
        out.push_back(
            {values(cell), {first_.at(g) + net_.part_first(g, k), cell.members()}, refresh});
    }
    return out;
}

std::vector<rt::ParameterPart> RealtimeNetwork::parameter_parts(const std::string& owner,
                                                                const std::string& param) {
    const auto [g, mechanism] = split(owner);
    const std::string& name = mechanism;  // clang 14: a lambda captures no structured binding
    return parts_of(
        g, name, [&](Cell& c) { return c.parameter(name, param); }, true);
}

std::vector<rt::ParameterPart> RealtimeNetwork::weight_parts(const std::string& synapse) {
    const auto [g, syn] = split(synapse);
    const std::string& name = syn;  // clang 14: a lambda captures no structured binding
    return parts_of(
        g, name, [&](Cell& c) { return c.binding_weight(name); }, false);
}

std::vector<std::string> RealtimeNetwork::synapse_names() const {
    std::vector<std::string> out;
    for (std::size_t g = 0; g < net_.groups(); ++g)
        for (const auto& n : net_.part(g, 0).synapse_names())
            out.push_back(net_.group_name(g) + "." + n);
    return out;
}

std::vector<std::pair<std::string, std::string>> RealtimeNetwork::parameter_list() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t g = 0; g < net_.groups(); ++g)
        for (const auto& [owner, param] : net_.part(g, 0).parameter_list())
            out.emplace_back(net_.group_name(g) + "." + owner, param);
    return out;
}

std::string RealtimeNetwork::parameter_unit(const std::string& owner,
                                            const std::string& param) const {
    const auto [g, name] = split(owner);
    return net_.part(g, 0).parameter_unit(name, param);
}

std::vector<rt::ModelGroup> RealtimeNetwork::groups() const {
    std::vector<rt::ModelGroup> out;
    for (std::size_t g = 0; g < net_.groups(); ++g)
        out.push_back({net_.group_name(g), {first_.at(g), net_.group_members(g)}});
    return out;
}

// A group stepped in parts has no one span: ModelTask uses parameter_parts().
std::span<double> RealtimeNetwork::parameter(const std::string& owner, const std::string& param) {
    const auto [g, name] = split(owner);
    return whole(g).parameter(name, param);
}

std::span<double> RealtimeNetwork::binding_weight(const std::string& synapse) {
    const auto [g, name] = split(synapse);
    return whole(g).binding_weight(name);
}

Cell& RealtimeNetwork::whole(std::size_t g) {
    if (net_.parts(g) != 1)
        throw InputError("group '" + net_.group_name(g) + "' is stepped in " +
                         std::to_string(net_.parts(g)) +
                         " parts: its values are in parameter_parts()");
    return net_.part(g, 0);
}

std::vector<const double*> RealtimeNetwork::probe_sources() const {
    std::vector<const double*> out;
    for (std::size_t g = 0; g < net_.groups(); ++g) {
        const auto s = net_.probe_sources(g);
        out.insert(out.end(), s.begin(), s.end());
    }
    return out;
}

std::vector<std::string> RealtimeNetwork::probe_units() const {
    std::vector<std::string> out;
    for (std::size_t g = 0; g < net_.groups(); ++g)
        for (const auto& c : net_.probe_columns(g))
            out.push_back(c.unit);
    return out;
}

std::vector<std::string> RealtimeNetwork::probe_names() const {
    std::vector<std::string> out;
    for (std::size_t g = 0; g < net_.groups(); ++g)
        for (const auto& n : net_.probe_names(g))
            out.push_back(net_.group_name(g) + "." + n);
    return out;
}

}  // namespace rtcell::tools
