#include "tools/network/realtime_network.hpp"

#include <cmath>
#include <fstream>
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
        members += net_.cell(g).members();
    }
    spikes_.assign(members, 0);
    stepper_ = std::make_unique<rt::ParallelStepper<Network>>(net_, options_);
}

void RealtimeNetwork::reset_state() {
    net_.reset_state();
}

std::span<const std::uint8_t> RealtimeNetwork::update() noexcept {
    stepper_->step();
    std::size_t at = 0;
    for (std::size_t g = 0; g < net_.groups(); ++g) {
        const auto s = net_.cell(g).spikes();
        std::copy(s.begin(), s.end(), spikes_.begin() + static_cast<std::ptrdiff_t>(at));
        at += s.size();
    }
    return spikes_;
}

bool RealtimeNetwork::faulted() const {
    for (std::size_t g = 0; g < net_.groups(); ++g)
        if (net_.cell(g).faulted())
            return true;
    return false;
}

std::pair<std::size_t, std::string> RealtimeNetwork::split(const std::string& name) const {
    const auto dot = name.find('.');
    if (dot == std::string::npos)
        throw InputError("'" + name + "': a network's names start with their group: group.name");
    return {net_.group_index(name.substr(0, dot)), name.substr(dot + 1)};
}

int RealtimeNetwork::synapse_index(const std::string& name) {
    const auto [g, syn] = split(name);
    synapses_.push_back({g, net_.cell(g).synapse_index(syn)});
    return static_cast<int>(synapses_.size()) - 1;
}

std::size_t RealtimeNetwork::synapse_instances(int synapse) const {
    const Synapse& s = synapses_.at(static_cast<std::size_t>(synapse));
    return net_.cell(s.group).synapse_instances(s.index);
}

void RealtimeNetwork::deliver_event(int synapse, int member, double weight, int instance) noexcept {
    if (synapse < 0 || static_cast<std::size_t>(synapse) >= synapses_.size())
        return;
    const Synapse& s = synapses_[static_cast<std::size_t>(synapse)];
    Cell& cell = net_.cell(s.group);
    int local = -1;
    if (member >= 0) {
        const auto first = static_cast<int>(first_[s.group]);
        if (member < first || member >= first + static_cast<int>(cell.members()))
            return;  // a member of another group
        local = member - first;
    }
    cell.deliver_event(s.index, local, weight, instance);
}

rt::MemberSpan RealtimeNetwork::parameter_members(const std::string& owner) const {
    const std::size_t g = split(owner).first;
    return {first_.at(g), net_.cell(g).members()};
}

int RealtimeNetwork::refresh_handle(const std::string& owner) {
    const auto [g, name] = split(owner);
    const int h = net_.cell(g).refresh_handle(name);
    if (h < 0)
        return -1;
    refreshes_.push_back({g, h});
    return static_cast<int>(refreshes_.size()) - 1;
}

// Between steps: the workers wait at the barrier, so the group's cell is not being stepped.
void RealtimeNetwork::refresh(int handle) noexcept {
    if (handle < 0 || static_cast<std::size_t>(handle) >= refreshes_.size())
        return;
    const Refresh& r = refreshes_[static_cast<std::size_t>(handle)];
    net_.cell(r.group).refresh(r.handle);
}

std::vector<std::string> RealtimeNetwork::synapse_names() const {
    std::vector<std::string> out;
    for (std::size_t g = 0; g < net_.groups(); ++g)
        for (const auto& n : net_.cell(g).synapse_names())
            out.push_back(net_.group_name(g) + "." + n);
    return out;
}

std::vector<std::pair<std::string, std::string>> RealtimeNetwork::parameter_list() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t g = 0; g < net_.groups(); ++g)
        for (const auto& [owner, param] : net_.cell(g).parameter_list())
            out.emplace_back(net_.group_name(g) + "." + owner, param);
    return out;
}

std::string RealtimeNetwork::parameter_unit(const std::string& owner,
                                            const std::string& param) const {
    const auto [g, name] = split(owner);
    return net_.cell(g).parameter_unit(name, param);
}

std::vector<rt::ModelGroup> RealtimeNetwork::groups() const {
    std::vector<rt::ModelGroup> out;
    for (std::size_t g = 0; g < net_.groups(); ++g)
        out.push_back({net_.group_name(g), {first_.at(g), net_.cell(g).members()}});
    return out;
}

std::span<double> RealtimeNetwork::parameter(const std::string& owner, const std::string& param) {
    const auto [g, name] = split(owner);
    return net_.cell(g).parameter(name, param);
}

std::span<double> RealtimeNetwork::binding_weight(const std::string& synapse) {
    const auto [g, name] = split(synapse);
    return net_.cell(g).binding_weight(name);
}

std::vector<const double*> RealtimeNetwork::probe_sources() const {
    std::vector<const double*> out;
    for (std::size_t g = 0; g < net_.groups(); ++g) {
        const auto s = net_.cell(g).probe_sources();
        out.insert(out.end(), s.begin(), s.end());
    }
    return out;
}

std::vector<std::string> RealtimeNetwork::probe_units() const {
    std::vector<std::string> out;
    for (std::size_t g = 0; g < net_.groups(); ++g)
        for (const auto& c : net_.cell(g).probe_columns())
            out.push_back(c.unit);
    return out;
}

std::vector<std::string> RealtimeNetwork::probe_names() const {
    std::vector<std::string> out;
    for (std::size_t g = 0; g < net_.groups(); ++g)
        for (const auto& n : net_.cell(g).probe_names())
            out.push_back(net_.group_name(g) + "." + n);
    return out;
}

}  // namespace rtcell::tools
