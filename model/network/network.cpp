#include "model/network/network.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "model/util/did_you_mean.hpp"
#include "model/util/input_error.hpp"
#include "model/util/model_limits.hpp"

namespace rtcell {

const std::vector<double>& NetworkTraces::Group::column(const std::string& n) const {
    for (std::size_t k = 0; k < names.size(); ++k)
        if (names[k] == n)
            return columns[k];
    throw InputError("group '" + name + "' has no probe column '" + n + "'" +
                     did_you_mean(n, names));
}

const NetworkTraces::Group& NetworkTraces::group(const std::string& n) const {
    std::vector<std::string> names;
    for (const auto& g : groups) {
        if (g.name == n)
            return g;
        names.push_back(g.name);
    }
    throw InputError("no group '" + n + "'" + did_you_mean(n, names));
}

void Network::require(Phase phase, const char* what) const {
    if (phase_ == phase)
        return;
    throw InputError(std::string(what) +
                     (phase == Phase::declaring
                          ? " is only allowed while declaring the network"
                          : " needs an initialized network; call init_state() first"));
}

std::size_t Network::add_group(std::string name, Cell cell) {
    require(Phase::declaring, "add_group()");
    for (const auto& g : groups_)
        if (g.name == name)
            throw InputError("network: two groups named '" + name + "'");
    if (cell.phase() != Cell::Phase::declaring)
        throw InputError("network group '" + name + "': its cell must still be declaring");
    groups_.push_back({std::move(name), std::move(cell), 0});
    return groups_.size() - 1;
}

std::size_t Network::group_index(const std::string& name) const {
    std::vector<std::string> names;
    for (std::size_t g = 0; g < groups_.size(); ++g) {
        if (groups_[g].name == name)
            return g;
        names.push_back(groups_[g].name);
    }
    throw InputError("network: no group '" + name + "'" + did_you_mean(name, names));
}

void Network::check_connection(const Connection& c) const {
    auto member_ok = [&](std::size_t g, std::size_t m, const char* side) {
        if (g >= groups_.size())
            throw InputError(std::string("connection: ") + side + " group " + std::to_string(g) +
                             " does not exist (" + std::to_string(groups_.size()) + " groups)");
        if (m >= groups_[g].cell.members())
            throw InputError(std::string("connection: ") + side + " member " + std::to_string(m) +
                             " of group '" + groups_[g].name + "' does not exist (" +
                             std::to_string(groups_[g].cell.members()) + " members)");
    };
    member_ok(c.pre_group, c.pre_member, "source");
    member_ok(c.post_group, c.post_member, "target");
    if (!std::isfinite(c.weight))
        throw InputError("connection to '" + c.synapse + "': the weight is not a finite number");
    if (!(c.delay_ms > 0) || !std::isfinite(c.delay_ms))
        throw InputError("connection to '" + c.synapse + "': the delay must be positive");
}

void Network::connect(const Connection& c) {
    require(Phase::declaring, "connect()");
    check_connection(c);
    connections_.push_back(c);
}

void Network::connect(const std::vector<Connection>& cs) {
    for (const auto& c : cs)
        connect(c);
}

MemberRange Network::members_named(const std::string& text) const {
    const auto colon = text.rfind(':');
    const std::size_t g = group_index(text.substr(0, colon));
    const std::size_t members = groups_[g].cell.members();
    if (colon == std::string::npos)
        return {g, 0, members};
    const std::string range = text.substr(colon + 1);
    const auto dash = range.find('-');
    auto number = [&](const std::string& s) {
        std::size_t v = 0, used = 0;
        try {
            v = std::stoul(s, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != s.size() || s[0] == '-' || s[0] == '+')
            throw InputError("'" + text + "': expected group, group:member or group:first-last");
        return v;
    };
    const std::size_t a = number(range.substr(0, dash));
    const std::size_t b = dash == std::string::npos ? a : number(range.substr(dash + 1));
    if (b < a || b >= members)
        throw InputError("'" + text + "': group '" + groups_[g].name + "' has members 0 to " +
                         std::to_string(members - 1));
    return {g, a, b - a + 1};
}

void Network::bind_synapse_input(const std::string& group, const std::string& synapse,
                                 const std::string& source, double weight, double delay_ms) {
    require(Phase::declaring, "bind_synapse_input()");
    const MemberRange post = members_named(group), pre = members_named(source);
    const SynapseTarget t{synapse, weight, delay_ms};
    if (pre.count == 1)
        connect(connect::all_to_all(pre, post, t, true));
    else if (pre.count == post.count)
        connect(connect::one_to_one(pre, post, t));
    else
        throw InputError("bind_synapse_input('" + group + "', '" + synapse + "'): '" + source +
                         "' names " + std::to_string(pre.count) + " cells for " +
                         std::to_string(post.count) + " members (one, or one each)");
}

void Network::add_gap_junction(const GapJunction& gj) {
    require(Phase::declaring, "add_gap_junction()");
    check_connection({gj.group_a, gj.member_a, gj.group_b, gj.member_b, "gap junction", -1, 0, 1});
    if (!(gj.g_uS >= 0) || !std::isfinite(gj.g_uS))
        throw InputError("gap junction: g must be a conductance ≥ 0 uS");
    gaps_.push_back(gj);
}

void Network::set_dt(double dt_ms) {
    require(Phase::declaring, "set_dt()");
    if (!(dt_ms > 0) || !std::isfinite(dt_ms))
        throw InputError("network: dt must be positive");
    dt_ = dt_ms;
}

double Network::min_delay_ms() const {
    double d = INFINITY;
    for (const auto& c : connections_)
        d = std::min(d, c.delay_ms);
    return d;
}

// Each junction is a `Gap` point on each side, conducting only on its own member.
void Network::place_gap_points() {
    for (std::size_t j = 0; j < gaps_.size(); ++j) {
        const GapJunction& gj = gaps_[j];
        auto place = [&](std::size_t g, std::size_t m, const Locset& where, const char* side) {
            Cell& cell = groups_[g].cell;
            std::vector<double> g_per_member(cell.members(), 0.0);
            g_per_member[m] = gj.g_uS;
            cell.place(where, Point{"Gap",
                                    "gap" + std::to_string(j) + side,
                                    {{"g", ParamValue::per_member(g_per_member)}},
                                    {}});
        };
        place(gj.group_a, gj.member_a, gj.where_a, "a");
        place(gj.group_b, gj.member_b, gj.where_b, "b");
    }
}

void Network::resolve_gaps() {
    sides_.clear();
    for (std::size_t j = 0; j < gaps_.size(); ++j) {
        const GapJunction& gj = gaps_[j];
        auto side = [&](std::size_t g, std::size_t m, const Locset& where, const char* tag,
                        std::size_t partner) {
            Cell& cell = groups_[g].cell;
            const auto locs = where.evaluate(cell.morphology(), cell.options().labels);
            if (locs.size() != 1)
                throw InputError("gap junction " + std::to_string(j) + ": '" + where.to_string() +
                                 "' names " + std::to_string(locs.size()) +
                                 " locations on group '" + groups_[g].name + "', not one");
            const auto vgap = cell.parameter("gap" + std::to_string(j) + tag, "vgap");
            sides_.push_back({vgap.data() + m, cell.voltage_address(locs[0], m), partner});
        };
        side(gj.group_a, gj.member_a, gj.where_a, "a", 2 * j + 1);
        side(gj.group_b, gj.member_b, gj.where_b, "b", 2 * j);
    }
}

// Delivery steps: a spike detected at the end of step n − 1 (t_spike = n·dt), seen by step n,
// is delivered at the start of the first step s with s·dt + dt/2 ≥ t_spike + delay, i.e.
// s = n + ceil(d/dt − ½): delay_steps = ceil(d/dt − ½) ≥ 1 for d ≥ dt (equality delivers, as
// NEURON's ≤; 1e-9 absorbs the rounding of d/dt).
void Network::resolve_routes() {
    routes_.clear();
    for (const auto& c : connections_) {
        if (c.delay_ms < dt_ * (1 - 1e-9))
            throw InputError("connection to '" + c.synapse + "' of group '" +
                             groups_[c.post_group].name + "': delay " + std::to_string(c.delay_ms) +
                             " ms is shorter than dt (" + std::to_string(dt_) + " ms)");
        Cell& target = groups_[c.post_group].cell;
        const int syn = target.synapse_index(c.synapse);
        if (c.instance >= 0 &&
            static_cast<std::size_t>(c.instance) >= target.synapse_instances(syn))
            throw InputError("connection: synapse '" + c.synapse + "' of group '" +
                             groups_[c.post_group].name + "' has no instance " +
                             std::to_string(c.instance));
        const double steps = std::ceil(c.delay_ms / dt_ - 0.5 - 1e-9);
        routes_.push_back({&target, syn, static_cast<int>(c.post_member), c.instance, c.weight,
                           static_cast<std::uint32_t>(std::max(1.0, steps))});
    }
}

// Whole groups to partitions, the largest first to the least loaded (CVs × members).
void Network::partition(std::size_t parts) {
    parts = std::max<std::size_t>(1, std::min(parts, std::max<std::size_t>(1, groups_.size())));
    parts_.assign(parts, {});
    std::vector<std::size_t> order(groups_.size());
    std::iota(order.begin(), order.end(), 0);
    auto cost = [&](std::size_t g) {
        return groups_[g].cell.n_compartment() * groups_[g].cell.members();
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return cost(a) > cost(b); });
    std::vector<std::size_t> load(parts, 0), part_of(groups_.size(), 0);
    for (std::size_t g : order) {
        const auto p =
            static_cast<std::size_t>(std::min_element(load.begin(), load.end()) - load.begin());
        load[p] += cost(g);
        part_of[g] = p;
    }
    for (std::size_t g = 0; g < groups_.size(); ++g)
        parts_[part_of[g]].groups.push_back(g);  // in group order within a partition
    // Each partition's routes by source, and its ring: slots beyond the longest delay.
    std::uint32_t longest = 1;
    for (const auto& r : routes_)
        longest = std::max(longest, r.delay_steps);
    for (std::size_t p = 0; p < parts; ++p) {
        Partition& part = parts_[p];
        std::vector<std::vector<std::uint32_t>> by_source(sources_);
        for (std::size_t k = 0; k < connections_.size(); ++k) {
            const Connection& c = connections_[k];
            if (part_of[c.post_group] == p)
                by_source[groups_[c.pre_group].first_source + c.pre_member].push_back(
                    static_cast<std::uint32_t>(k));
        }
        part.in_first.assign(1, 0);
        for (std::size_t s = 0; s < sources_; ++s) {
            part.in_route.insert(part.in_route.end(), by_source[s].begin(), by_source[s].end());
            part.in_first.push_back(static_cast<std::uint32_t>(part.in_route.size()));
            if (!by_source[s].empty())
                part.sources.push_back(static_cast<std::uint32_t>(s));
        }
        part.ring.allocate(longest + 1, part.in_route.size());
    }
    for (std::size_t s = 0; s < sides_.size(); ++s) {
        const std::size_t j = s / 2;
        const std::size_t g = s % 2 == 0 ? gaps_[j].group_a : gaps_[j].group_b;
        parts_[part_of[g]].gap_sides.push_back(s);
    }
}

void Network::init_state(std::size_t partitions) {
    require(Phase::declaring, "init_state()");
    if (groups_.empty())
        throw InputError("network: no groups");
    place_gap_points();
    sources_ = 0;
    for (auto& g : groups_) {
        g.cell.set_dt(dt_);
        g.cell.init_state();
        g.first_source = sources_;
        sources_ += g.cell.members();
    }
    resolve_routes();
    resolve_gaps();
    partition(partitions);
    for (auto& s : spiked_)
        s.assign(sources_, 0);
    for (auto& v : gap_v_)
        v.assign(sides_.size(), 0.0);
    phase_ = Phase::initialized;
    reset_state();
}

void Network::reset_state() {
    require(Phase::initialized, "reset_state()");
    for (auto& g : groups_)
        g.cell.reset_state();
    for (auto& part : parts_) {
        part.ring.clear();
        part.step = 0;
    }
    // Before step 0: no spikes, and every junction's voltage at its initial value.
    for (auto& s : spiked_)
        std::fill(s.begin(), s.end(), 0);
    for (std::size_t k = 0; k < sides_.size(); ++k)
        gap_v_[0][k] = gap_v_[1][k] = *sides_[k].v;
}

void Network::publish(const Partition& part, std::size_t buffer) noexcept {
    for (std::size_t g : part.groups) {
        const auto spikes = groups_[g].cell.spikes();
        std::copy(spikes.begin(), spikes.end(),
                  spiked_[buffer].begin() + static_cast<std::ptrdiff_t>(groups_[g].first_source));
    }
    for (std::size_t s : part.gap_sides)
        gap_v_[buffer][s] = *sides_[s].v;
}

void Network::step_partition(std::size_t p) {
    Partition& part = parts_[p];
    const std::uint64_t n = part.step;
    const std::size_t last = (n + 1) & 1, now = n & 1;
    // A: the last step's spikes become events; what is due is delivered; junction voltages.
    for (const std::uint32_t s : part.sources) {
        if (!spiked_[last][s])
            continue;
        for (std::uint32_t k = part.in_first[s]; k < part.in_first[s + 1]; ++k)
            part.ring.push(n + routes_[part.in_route[k]].delay_steps, part.in_route[k]);
    }
    for (std::uint32_t k : part.ring.due(n)) {
        const Route& r = routes_[k];
        r.target->deliver_event(r.synapse, r.member, r.weight, r.instance);
    }
    part.ring.take(n);
    for (std::size_t s : part.gap_sides)
        *sides_[s].vgap = gap_v_[last][sides_[s].partner];
    // B: step, then publish for the next step.
    for (std::size_t g : part.groups)
        groups_[g].cell.update();
    publish(part, now);
    part.step = n + 1;
}

void Network::update() {
    require(Phase::initialized, "update()");
    for (std::size_t p = 0; p < parts_.size(); ++p)
        step_partition(p);
}

NetworkTraces Network::run(double dt_ms, double duration_ms, const std::function<void()>& step) {
    if (phase_ == Phase::declaring) {
        set_dt(dt_ms);
        init_state();
    } else if (std::fabs(dt_ms - dt_) > 1e-12 * dt_) {
        throw InputError("network run(): dt differs from the initialized network's");
    }
    if (!(duration_ms >= 0) || !(duration_ms / dt_ <= kMaxSteps))
        throw InputError("network run(): the duration must be between 0 and " +
                         std::to_string(kMaxSteps) + " steps");
    const auto n_steps = static_cast<std::uint64_t>(std::llround(duration_ms / dt_));
    std::size_t columns = 1;
    for (const auto& g : groups_)
        columns += g.cell.probe_names().size();
    if (static_cast<double>(n_steps + 1) * static_cast<double>(columns) > kMaxRecordedValues)
        throw InputError("network run(): recording " + std::to_string(columns - 1) +
                         " probe columns over " + std::to_string(n_steps) +
                         " steps is more than the limit of " + std::to_string(kMaxRecordedValues) +
                         " values; run in parts");
    NetworkTraces out;
    std::vector<std::vector<const double*>> sources;
    for (auto& g : groups_) {
        NetworkTraces::Group tg{g.name, g.cell.probe_names(), {}, {}};
        tg.columns.assign(tg.names.size(), {});
        tg.spike_times_ms.assign(g.cell.members(), {});
        out.groups.push_back(std::move(tg));
        sources.push_back(g.cell.probe_sources());
    }
    auto record = [&] {
        out.t_ms.push_back(time());
        for (std::size_t g = 0; g < groups_.size(); ++g)
            for (std::size_t k = 0; k < sources[g].size(); ++k)
                out.groups[g].columns[k].push_back(*sources[g][k]);
    };
    record();
    for (std::uint64_t s = 0; s < n_steps; ++s) {
        if (step)
            step();
        else
            update();
        for (std::size_t g = 0; g < groups_.size(); ++g) {
            const auto spikes = groups_[g].cell.spikes();
            for (std::size_t m = 0; m < spikes.size(); ++m)
                if (spikes[m])
                    out.groups[g].spike_times_ms[m].push_back(time());
        }
        record();
    }
    return out;
}

std::size_t Network::memory_bytes() const {
    std::size_t b = routes_.size() * sizeof(Route) + sides_.size() * sizeof(GapSide) +
                    2 * (sources_ + sides_.size() * sizeof(double));
    for (const auto& g : groups_)
        b += g.cell.phase() == Cell::Phase::initialized ? g.cell.memory_bytes() : 0;
    for (const auto& p : parts_)
        b += p.ring.bytes() + p.in_route.size() * 4 + p.in_first.size() * 4;
    return b;
}

}  // namespace rtcell
