#pragma once
// Network: named groups of cells (each a Cell: its own morphology, mechanisms, CV policy and
// population), connections with delays from the members' spike detectors to synapses, and
// gap junctions, stepped together — braincell's Network, with the phases of Cell.
//
// Phases: DECLARING (add_group with DECLARING cells, connect, add_gap_junction), then
// init_state() places each gap junction's two `Gap` points, initializes every cell and sizes
// every buffer (the delivery rings from the largest delay and the connection count); update()
// and run() step; reset_state() re-seeds in place.
//
// Partitions: init_state(partitions) cuts the network's members, group after group, into that
// many runs of equal cost (CVs × members). A group a cut falls in is stepped as member slices
// (Cell::member_slice), each a cell of its own on its partition, which step bit for bit as the
// whole group would; a network with an input that reads a population whole (a C++ callable,
// another cell's spikes) is partitioned by whole groups instead. Parameters, probes and states of
// a group stepped in parts are reached through part(g, k) (or the group calls below).
//
// One step of the network, for each partition p (its cells), step_partition(p):
//   A  arrivals: the spikes of the last step (every group's) become events for p's synapses,
//      queued for their delivery step (t_spike + delay ≤ t_step + dt/2, NEURON's rule); the
//      events due now are delivered; each gap junction side on p takes its partner's voltage
//      from the start of the step;
//   B  p's cells update(); their spikes and gap-junction voltages are published.
// What A reads was published by B of the previous step into one of two buffers (by step
// parity) and B writes the other, so the partitions of one step are independent: one thread
// may step them in turn (update()), or a thread each, with a barrier between steps
// (rt/network/parallel_stepper.hpp). The results are bit-identical either way.
//
// Gap junctions have NEURON's ParallelContext semantics: each side's current g·(V − V_partner)
// is implicit in its own voltage and explicit in the partner's voltage from the start of the
// step. The step path allocates nothing.
#include <cstdint>
#include <deque>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "model/cell/cell.hpp"
#include "model/network/connection.hpp"
#include "model/network/spike_ring.hpp"

namespace rtcell {

// A gap junction between a location on one member and a location on another (one location
// each: the locsets must name exactly one), ohmic, g [µS].
struct GapJunction {
    std::size_t group_a = 0, member_a = 0;
    Locset where_a;
    std::size_t group_b = 0, member_b = 0;
    Locset where_b;
    double g_uS = 0;
};

// run()'s result: a row at t = 0 and one after every step; each group's probe columns as
// Cell::run names them; each member's spike times [ms] — the grid times NEURON's NetCon gives.
struct NetworkTraces {
    std::vector<double> t_ms;
    struct Group {
        std::string name;
        std::vector<std::string> names;
        std::vector<std::vector<double>> columns;
        std::vector<std::vector<double>> spike_times_ms;  // per member
        const std::vector<double>& column(const std::string& name) const;
    };
    std::vector<Group> groups;
    const Group& group(const std::string& name) const;
};

class Network {
  public:
    enum class Phase { declaring, initialized };

    Network() = default;
    Network(Network&&) = default;
    Network& operator=(Network&&) = default;
    Network(const Network&) = delete;  // its cells own their runtime
    Network& operator=(const Network&) = delete;

    // ---- DECLARING ----
    std::size_t add_group(std::string name, Cell cell);  // returns the group's index
    void connect(const Connection& c);
    void connect(const std::vector<Connection>& cs);
    void add_gap_junction(const GapJunction& gj);
    // braincell's bind_synapse_input across the network: `synapse` on every member of `group`
    // driven by the spikes of `source`, a cell of the network by name — "E:3" (one cell, to
    // every member) or "E" / "E:a-b" (as many cells as the group has members, one to one) —
    // each spike an event of `weight` after `delay_ms`.
    void bind_synapse_input(const std::string& group, const std::string& synapse,
                            const std::string& source, double weight, double delay_ms);
    // "E", "E:3" or "E:2-5" → the members it names (throws InputError naming the text).
    MemberRange members_named(const std::string& text) const;

    // ---- phases ----
    void set_dt(double dt_ms);  // before init_state (default 0.025 ms)
    // Lowers everything; partitions: how many parts the network is cut into (above), one per
    // thread that will step them.
    void init_state(std::size_t partitions = 1);
    void reset_state();
    Phase phase() const { return phase_; }

    // ---- stepping ----
    void update();                       // one step: every partition in turn
    void step_partition(std::size_t p);  // one step of one partition (see above)
    std::size_t partitions() const { return parts_.size(); }
    // Steps for duration_ms (initializing first if needed) and returns the traces. `step`, when
    // given, makes each step instead of update(): a parallel stepper's (rt/network/).
    NetworkTraces run(double dt_ms, double duration_ms, const std::function<void()>& step = {});

    // ---- inspection ----
    std::size_t groups() const { return groups_.size(); }
    const std::string& group_name(std::size_t g) const { return groups_.at(g).name; }
    std::size_t group_index(const std::string& name) const;  // throws InputError if unknown
    // The group's cell: its declaration, and the cell that steps it unless the group is stepped
    // in parts (then an InputError after init_state: use part()). Valid as groups are added.
    Cell& cell(std::size_t g);
    const Cell& cell(std::size_t g) const;
    // The cells that step group g (INITIALIZED): one, or its member slices in member order;
    // part k holds the group's members part_first(g, k) onwards.
    std::size_t parts(std::size_t g) const;
    Cell& part(std::size_t g, std::size_t k);
    const Cell& part(std::size_t g, std::size_t k) const;
    std::size_t part_first(std::size_t g, std::size_t k) const;
    std::size_t group_members(std::size_t g) const { return groups_.at(g).cell.members(); }
    // Which part of group g steps its member m, and m's index in that part (INITIALIZED).
    std::pair<std::size_t, std::size_t> locate(std::size_t g, std::size_t m) const;
    // The group's probes over all its parts, in the order its cell alone would give them
    // (INITIALIZED): names, where their values are, and their columns.
    std::vector<std::string> probe_names(std::size_t g) const;
    std::vector<const double*> probe_sources(std::size_t g) const;
    std::vector<ProbeColumnInfo> probe_columns(std::size_t g) const;
    // Every cell's spike of the last step, by network member (group after group).
    std::span<const std::uint8_t> spikes() const;
    std::size_t connections() const { return connections_.size(); }
    std::size_t gap_junctions() const { return gaps_.size(); }
    double dt() const { return dt_; }
    std::uint64_t steps() const { return parts_.empty() ? 0 : parts_[0].step; }
    double time() const { return static_cast<double>(steps()) * dt_; }
    double min_delay_ms() const;
    // The cells partition p steps (INITIALIZED): (group, part) pairs.
    struct CellRef {
        std::size_t group, part;
    };
    const std::vector<CellRef>& partition_cells(std::size_t p) const { return parts_.at(p).cells; }
    std::size_t memory_bytes() const;

  private:
    struct Group {
        std::string name;
        Cell cell;                       // the declaration (and the stepped cell when whole)
        std::vector<Cell> slices;        // member slices when stepped in parts (init_state)
        std::vector<std::size_t> first;  // each part's first member in the group
        std::size_t first_source = 0;    // its members' index among all sources
    };
    // The cell that steps member m of group g, and m's index in it.
    std::pair<Cell*, std::size_t> cell_of_member(std::size_t g, std::size_t m) {
        const auto [k, local] = locate(g, m);
        return {&part(g, k), local};
    }
    // What `columns` gives for each part of group g, in the whole group's order.
    template <class Column>
    std::vector<Column> merged_probes(std::size_t g,
                                      std::vector<Column> (Cell::*columns)() const) const;
    // A connection resolved at init_state.
    struct Route {
        Cell* target;
        int synapse, member, instance;
        double weight;
        // From the step that sees the spike (the one after the step it ended) to the step
        // that delivers it: ceil(delay/dt − ½), at least 1.
        std::uint32_t delay_steps;
    };
    // One side of a gap junction: where its partner voltage goes, where its own voltage is.
    struct GapSide {
        double* vgap;
        const double* v;
        std::size_t partner;  // the other side's index
    };
    struct Partition {
        std::vector<CellRef> cells;
        std::vector<std::uint32_t> in_first, in_route;  // its routes by source (CSR)
        std::vector<std::uint32_t> sources;  // the sources it has routes from (the only ones read)
        std::vector<std::size_t> gap_sides;
        SpikeRing ring;
        std::uint64_t step = 0;
    };

    void require(Phase phase, const char* what) const;
    void check_connection(const Connection& c) const;
    void place_gap_points();
    void resolve_routes();
    void resolve_gaps();
    // Each member's partition, by source (members group after group): runs of equal cost.
    std::vector<std::size_t> cut(std::size_t parts) const;
    void split_groups(const std::vector<std::size_t>& partition_of);
    void partition(std::size_t parts, const std::vector<std::size_t>& partition_of);
    void publish(const Partition& part, std::size_t buffer) noexcept;

    Phase phase_ = Phase::declaring;
    double dt_ = 0.025;
    std::deque<Group> groups_;  // a deque: cell(g) stays valid as groups are added
    std::vector<Connection> connections_;
    std::vector<GapJunction> gaps_;
    std::size_t sources_ = 0;
    std::vector<Route> routes_;
    std::vector<GapSide> sides_;
    std::vector<Partition> parts_;
    std::vector<std::uint8_t> spiked_[2];  // per source, by step parity
    std::vector<double> gap_v_[2];         // per gap side [mV], by step parity
};

}  // namespace rtcell
