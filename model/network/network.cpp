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
    groups_.push_back({std::move(name), std::move(cell), {}, {}, 0});
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

Cell& Network::cell(std::size_t g) {
    return const_cast<Cell&>(std::as_const(*this).cell(g));
}

const Cell& Network::cell(std::size_t g) const {
    const Group& grp = groups_.at(g);
    if (!grp.slices.empty())
        throw InputError("network group '" + grp.name + "' is stepped in " +
                         std::to_string(grp.slices.size()) +
                         " parts by member (init_state with several partitions): use part(g, k)");
    return grp.cell;
}

std::size_t Network::parts(std::size_t g) const {
    const Group& grp = groups_.at(g);
    return grp.slices.empty() ? 1 : grp.slices.size();
}

Cell& Network::part(std::size_t g, std::size_t k) {
    return const_cast<Cell&>(std::as_const(*this).part(g, k));
}

const Cell& Network::part(std::size_t g, std::size_t k) const {
    const Group& grp = groups_.at(g);
    if (k >= parts(g))
        throw InputError("network group '" + grp.name + "' has " + std::to_string(parts(g)) +
                         " part(s), not " + std::to_string(k + 1));
    return grp.slices.empty() ? grp.cell : grp.slices[k];
}

std::size_t Network::part_first(std::size_t g, std::size_t k) const {
    const Group& grp = groups_.at(g);
    return grp.slices.empty() ? 0 : grp.first.at(k);
}

std::pair<std::size_t, std::size_t> Network::locate(std::size_t g, std::size_t m) const {
    const Group& grp = groups_.at(g);
    if (grp.slices.empty())
        return {0, m};
    const auto k = static_cast<std::size_t>(
        std::upper_bound(grp.first.begin(), grp.first.end(), m) - grp.first.begin() - 1);
    return {k, m - grp.first[k]};
}

namespace {
// A probe column's name without its member ("v_soma[1]#7" → "v_soma[1]").
std::string without_member(const std::string& name) {
    const auto hash = name.rfind('#');
    if (hash == std::string::npos || hash + 1 == name.size() ||
        !std::all_of(name.begin() + static_cast<std::ptrdiff_t>(hash) + 1, name.end(),
                     [](char c) { return c >= '0' && c <= '9'; }))
        return name;
    return name.substr(0, hash);
}
}  // namespace

// The parts' columns as the whole group's cell orders them: each probe location's columns,
// member after member (so, for a group in parts: the first part's stems, each over every part).
template <class Column>
std::vector<Column> Network::merged_probes(std::size_t g,
                                           std::vector<Column> (Cell::*columns)() const) const {
    if (parts(g) == 1)
        return (part(g, 0).*columns)();
    std::vector<std::string> stems;
    for (const auto& n : part(g, 0).probe_names())
        if (std::find(stems.begin(), stems.end(), without_member(n)) == stems.end())
            stems.push_back(without_member(n));
    std::vector<std::vector<std::string>> names;
    std::vector<std::vector<Column>> values;
    for (std::size_t k = 0; k < parts(g); ++k) {
        names.push_back(part(g, k).probe_names());
        values.push_back((part(g, k).*columns)());
    }
    std::vector<Column> out;
    for (const auto& stem : stems)
        for (std::size_t k = 0; k < parts(g); ++k)
            for (std::size_t j = 0; j < names[k].size(); ++j)
                if (without_member(names[k][j]) == stem)
                    out.push_back(values[k][j]);
    return out;
}

std::vector<std::string> Network::probe_names(std::size_t g) const {
    return merged_probes(g, &Cell::probe_names);
}
std::vector<const double*> Network::probe_sources(std::size_t g) const {
    return merged_probes(g, &Cell::probe_sources);
}
std::vector<ProbeColumnInfo> Network::probe_columns(std::size_t g) const {
    return merged_probes(g, &Cell::probe_columns);
}

std::span<const std::uint8_t> Network::spikes() const {
    return spiked_[(steps() + 1) & 1];  // what the last step published
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
            const auto [cell, local] = cell_of_member(g, m);
            const auto locs = where.evaluate(cell->morphology(), cell->options().labels);
            if (locs.size() != 1)
                throw InputError("gap junction " + std::to_string(j) + ": '" + where.to_string() +
                                 "' names " + std::to_string(locs.size()) +
                                 " locations on group '" + groups_[g].name + "', not one");
            const auto vgap = cell->parameter("gap" + std::to_string(j) + tag, "vgap");
            sides_.push_back({vgap.data() + local, cell->voltage_address(locs[0], local), partner});
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
        const auto [target, member] = cell_of_member(c.post_group, c.post_member);
        const int syn = target->synapse_index(c.synapse);
        if (c.instance >= 0 &&
            static_cast<std::size_t>(c.instance) >= target->synapse_instances(syn))
            throw InputError("connection: synapse '" + c.synapse + "' of group '" +
                             groups_[c.post_group].name + "' has no instance " +
                             std::to_string(c.instance));
        const double steps = std::ceil(c.delay_ms / dt_ - 0.5 - 1e-9);
        routes_.push_back({target, syn, static_cast<int>(member), c.instance, c.weight,
                           static_cast<std::uint32_t>(std::max(1.0, steps))});
    }
}

// Cuts the members, group after group, into `parts` runs of equal cost (a member costs its
// cell's CVs): a member goes to the next partition once its middle passes that partition's
// share. Without slicing (an input reads a population whole), whole groups go to the least
// loaded partition, the largest first.
std::vector<std::size_t> Network::cut(std::size_t parts) const {
    auto cost = [&](const Group& g) { return static_cast<double>(g.cell.planned_cvs()); };
    bool sliceable = true;
    double total = 0;
    for (const auto& g : groups_) {
        sliceable = sliceable && g.cell.sliceable();
        total += cost(g) * static_cast<double>(g.cell.members());
    }
    std::vector<std::size_t> out;
    out.reserve(sources_);
    if (sliceable) {
        double done = 0;
        std::size_t p = 0;
        for (const auto& g : groups_)
            for (std::size_t m = 0; m < g.cell.members(); ++m) {
                if (p + 1 < parts && done + 0.5 * cost(g) > total * static_cast<double>(p + 1) /
                                                                static_cast<double>(parts))
                    ++p;
                out.push_back(p);
                done += cost(g);
            }
        return out;
    }
    std::vector<std::size_t> order(groups_.size());
    std::iota(order.begin(), order.end(), 0);
    auto group_cost = [&](std::size_t g) {
        return cost(groups_[g]) * static_cast<double>(groups_[g].cell.members());
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return group_cost(a) > group_cost(b); });
    std::vector<double> load(parts, 0);
    std::vector<std::size_t> part_of(groups_.size(), 0);
    for (std::size_t g : order) {
        const auto p =
            static_cast<std::size_t>(std::min_element(load.begin(), load.end()) - load.begin());
        load[p] += group_cost(g);
        part_of[g] = p;
    }
    for (std::size_t g = 0; g < groups_.size(); ++g)
        out.insert(out.end(), groups_[g].cell.members(), part_of[g]);
    return out;
}

// A group whose members fall in more than one partition becomes member slices, one per run.
void Network::split_groups(const std::vector<std::size_t>& partition_of) {
    for (auto& g : groups_) {
        g.slices.clear();
        g.first.assign(1, 0);
        for (std::size_t m = 1; m < g.cell.members(); ++m)
            if (partition_of[g.first_source + m] != partition_of[g.first_source + m - 1])
                g.first.push_back(m);
        if (g.first.size() == 1)
            continue;  // whole
        for (std::size_t k = 0; k < g.first.size(); ++k) {
            const std::size_t end = k + 1 < g.first.size() ? g.first[k + 1] : g.cell.members();
            g.slices.push_back(g.cell.member_slice(g.first[k], end - g.first[k]));
        }
    }
}

void Network::partition(std::size_t parts, const std::vector<std::size_t>& partition_of) {
    parts_.assign(parts, {});
    for (std::size_t g = 0; g < groups_.size(); ++g)
        for (std::size_t k = 0; k < this->parts(g); ++k)
            parts_[partition_of[groups_[g].first_source + part_first(g, k)]].cells.push_back(
                {g, k});
    // Each partition's routes by source, and its ring: slots beyond the longest delay.
    std::uint32_t longest = 1;
    for (const auto& r : routes_)
        longest = std::max(longest, r.delay_steps);
    for (std::size_t p = 0; p < parts; ++p) {
        Partition& part = parts_[p];
        std::vector<std::vector<std::uint32_t>> by_source(sources_);
        for (std::size_t k = 0; k < connections_.size(); ++k) {
            const Connection& c = connections_[k];
            if (partition_of[groups_[c.post_group].first_source + c.post_member] == p)
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
        const GapJunction& gj = gaps_[s / 2];
        const std::size_t g = s % 2 == 0 ? gj.group_a : gj.group_b;
        const std::size_t m = s % 2 == 0 ? gj.member_a : gj.member_b;
        parts_[partition_of[groups_[g].first_source + m]].gap_sides.push_back(s);
    }
}

void Network::init_state(std::size_t partitions) {
    require(Phase::declaring, "init_state()");
    if (groups_.empty())
        throw InputError("network: no groups");
    place_gap_points();
    sources_ = 0;
    for (auto& g : groups_) {
        g.first_source = sources_;
        sources_ += g.cell.members();
    }
    const std::size_t parts = std::clamp<std::size_t>(partitions, 1, sources_);
    const std::vector<std::size_t> partition_of = cut(parts);
    split_groups(partition_of);
    for (std::size_t g = 0; g < groups_.size(); ++g)
        for (std::size_t k = 0; k < this->parts(g); ++k) {
            part(g, k).set_dt(dt_);
            part(g, k).init_state();
        }
    resolve_routes();
    resolve_gaps();
    partition(parts, partition_of);
    for (auto& s : spiked_)
        s.assign(sources_, 0);
    for (auto& v : gap_v_)
        v.assign(sides_.size(), 0.0);
    phase_ = Phase::initialized;
    reset_state();
}

void Network::reset_state() {
    require(Phase::initialized, "reset_state()");
    for (std::size_t g = 0; g < groups_.size(); ++g)
        for (std::size_t k = 0; k < parts(g); ++k)
            part(g, k).reset_state();
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
    for (const CellRef& c : part.cells) {
        const Group& g = groups_[c.group];
        const auto spikes = (g.slices.empty() ? g.cell : g.slices[c.part]).spikes();
        const std::size_t first = g.first_source + (g.slices.empty() ? 0 : g.first[c.part]);
        std::copy(spikes.begin(), spikes.end(),
                  spiked_[buffer].begin() + static_cast<std::ptrdiff_t>(first));
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
    for (const CellRef& c : part.cells) {
        Group& g = groups_[c.group];
        (g.slices.empty() ? g.cell : g.slices[c.part]).update();
    }
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
    for (std::size_t g = 0; g < groups_.size(); ++g)
        columns += probe_names(g).size();
    if (static_cast<double>(n_steps + 1) * static_cast<double>(columns) > kMaxRecordedValues)
        throw InputError("network run(): recording " + std::to_string(columns - 1) +
                         " probe columns over " + std::to_string(n_steps) +
                         " steps is more than the limit of " + std::to_string(kMaxRecordedValues) +
                         " values; run in parts");
    NetworkTraces out;
    std::vector<std::vector<const double*>> sources;
    for (std::size_t g = 0; g < groups_.size(); ++g) {
        NetworkTraces::Group tg{groups_[g].name, probe_names(g), {}, {}};
        tg.columns.assign(tg.names.size(), {});
        tg.spike_times_ms.assign(group_members(g), {});
        out.groups.push_back(std::move(tg));
        sources.push_back(probe_sources(g));
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
        const auto spiked = spikes();
        for (std::size_t g = 0; g < groups_.size(); ++g)
            for (std::size_t m = 0; m < group_members(g); ++m)
                if (spiked[groups_[g].first_source + m])
                    out.groups[g].spike_times_ms[m].push_back(time());
        record();
    }
    return out;
}

std::size_t Network::memory_bytes() const {
    std::size_t b = routes_.size() * sizeof(Route) + sides_.size() * sizeof(GapSide) +
                    2 * (sources_ + sides_.size() * sizeof(double));
    if (phase_ == Phase::initialized)
        for (std::size_t g = 0; g < groups_.size(); ++g)
            for (std::size_t k = 0; k < parts(g); ++k)
                b += part(g, k).memory_bytes();
    for (const auto& p : parts_)
        b += p.ring.bytes() + p.in_route.size() * 4 + p.in_first.size() * 4;
    return b;
}

}  // namespace rtcell
