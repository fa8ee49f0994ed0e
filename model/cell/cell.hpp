#pragma once
// Cell: braincell's multi-compartment cell in C++ — a morphology with painted mechanisms
// and placed point processes, a homogeneous population of it stepped together.
//
// Phases (as braincell's Cell):
//   DECLARING    paint(), place(), bind_synapse_input() chain and may be called.
//   INITIALIZED  after init_state(): every rule is lowered to flat structure-of-arrays state
//                over (CV or node) × member, every buffer is sized, V is set to V_init (or each
//                CV's resting potential) and every gate to its steady state there — NEURON's
//                finitialize. update() and run() step; reset_state() re-seeds V, spikes, time
//                and gates in place; reset() drops the runtime and returns to DECLARING.
//
// One update() (solver "staggered", NEURON's fixed-step backward Euler):
//   pre_integral()       deliver input events due by t + dt/2; evaluate every membrane
//                        current at V(t), linearized (its conductance di/dv)
//   compute_derivative() assemble and solve the implicit tree (Hines) system for V(t + dt)
//   post_integral()      advance gates by exponential Euler (cnexp) at V(t + dt); synapses decay
//   then detect spikes (upward crossings of V_th), t += dt, and prepare the next inputs.
// "crank_nicolson" (NEURON secondorder = 2) solves for V(t + dt/2) and extrapolates.
// A user step function may compose the three public phases itself.
//
// update() never allocates, locks, throws or logs (tested by counting allocations).
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/cable/cv_layout.hpp"
#include "model/cable/cv_policy.hpp"
#include "model/cell/cell_description.hpp"
#include "model/cell/member_window.hpp"
#include "model/cell/numerical_fault.hpp"
#include "model/lowering/lowered_cell.hpp"
#include "model/morph/morph_expr.hpp"
#include "model/morph/morphology.hpp"

namespace rtcell {

class DensityRuntime;
class PointRuntime;

using SolverFunction = std::function<void(Cell&)>;

// A live membrane: the cell stands for a living cell in a dynamic clamp. Its voltage is not
// integrated but imposed every step (impose_voltage: the rig's sample of the living cell's
// V_m), so the mechanisms painted and placed on it are artificial conductances and synapses
// acting on the living cell. One update():
//   V := the imposed voltage at every node (no cable solve; cm and Ra play no part);
//   at the first step after init_state or reset_state, every state starts at its steady state
//   at that V (NEURON's finitialize at the first sample); after that, gates, ion pools and
//   synapses advance over the step that just ended at that V, exactly as post_integral() does
//   on a model CV whose solve produced it;
//   upward crossings of V_th at the detector are spikes, none within refractory_ms of the last;
//   inputs due are delivered, and every membrane current is evaluated at V: membrane_current()
//   is the net current [nA] the mechanisms drive into the cell, the current to inject.
struct LiveMembraneOptions {
    double refractory_ms = 0;  // no spike is detected within this time of the last [ms]
};

struct CellOptions {
    std::vector<std::size_t> pop_size{};  // population shape; empty = a single cell
    CvPolicy cv_policy = CvPolicy::per_branch();
    double V_th = 0.0;                  // spike threshold [mV]
    std::optional<double> V_init;       // [mV]; unset = each CV's resting potential
    std::string spk_fun = "heaviside";  // forward pass of braincell's surrogate: a step
    std::string solver = "staggered";   // "staggered" or "crank_nicolson"
    SolverFunction solver_function;     // if set, used instead of `solver`
    std::string name = "cell";
    std::optional<Locset> detector;  // cell-level spike detector; default (root)
    // Ion dynamics (braincell's options). cache_ion_total_current: the calcium pools integrate
    // the total current taken at the start of the step (NEURON's behaviour); false re-evaluates
    // it after the voltage solve. ion_channel_update_order: "family" advances ion
    // concentrations first, then channel gates reading them (NEURON's order); "integration"
    // advances the channels first (braincell's older grouping).
    bool cache_ion_total_current = true;
    std::string ion_channel_update_order = "family";
    LabelDict labels;  // named regions and locsets usable in rules
    // Set: the cell is a live membrane (README "Dynamic clamp"), whose voltage is imposed.
    std::optional<LiveMembraneOptions> live;
};

// Probe traces from run(): time plus one column per probe location and member.
// What one probe column records: its probe and quantity, the unit of its values, the
// population member, and where ("(location 1 0.5)" or "instance 0 of syn").
struct ProbeColumnInfo {
    std::string probe, quantity, unit;
    std::size_t member = 0;
    std::string where;
};

struct Traces {
    std::vector<double> t_ms;
    std::vector<std::string> names;
    std::vector<std::vector<double>> columns;
    std::vector<std::vector<double>> spike_times_ms;  // per member, at the detector
    const std::vector<double>& column(const std::string& name) const;
};

// The option strings, resolved once when a Cell is made (never compared on the step path).
enum class SolverKind { staggered, crank_nicolson };
enum class IonUpdateOrder { family, integration };

class Cell {
  public:
    enum class Phase { declaring, initialized };

    Cell(Morphology morpho, CellOptions options = {});
    ~Cell();
    Cell(Cell&&) noexcept;
    Cell& operator=(Cell&&) noexcept;

    // ---- DECLARING ----
    Cell& paint(const Region& region, const Paintable& what);
    template <class... More>
    Cell& paint(const Region& region, const Paintable& first, const More&... more) {
        paint(region, first);
        (paint(region, Paintable(more)), ...);
        return *this;
    }
    Cell& place(const Locset& locset, const Placeable& what);
    template <class... More>
    Cell& place(const Locset& locset, const Placeable& first, const More&... more) {
        place(locset, first);
        (place(locset, Placeable(more)), ...);
        return *this;
    }
    // Binds a presynaptic drive to the synapse instance `synapse` (a placed ExpSyn, Exp2Syn,
    // AMPA, GABAa or NMDA). weight: one value or one per member, per unit of the source: [µS]
    // for ExpSyn/Exp2Syn, the transmitter drive (1 = one spike) for the kinetic synapses.
    Cell& bind_synapse_input(const std::string& synapse, InputSource source,
                             std::vector<double> weight = {1.0}, InputTransform transform = {});

    // ---- phases ----
    void init_state(std::size_t batch_size = 0);  // batch_size is accepted for API parity
    // The first half of init_state: the declaration lowered to plain arrays (per node, per
    // mechanism instance × member, pools, points; model/lowering/lowered_cell.hpp), allocating
    // nothing for stepping. Callable while DECLARING; init_state() allocates what it returns.
    LoweredCell lower() const;
    // How many CVs (per member) init_state() would make, from the CV policy alone: cheap, and
    // allocates nothing in proportion to the model (DECLARING).
    std::size_t planned_cvs() const;
    // The CVs per branch init_state() would make, by the CV policy with the painted cable
    // properties (d-λ uses the paints' Ra and cm), in Morphology branch order (DECLARING).
    std::vector<int> planned_cv_counts() const;
    void reset_state();
    void reset();
    Phase phase() const { return phase_; }

    // ---- a part of the population (a network's group stepped on several threads) ----
    // A DECLARING copy of this declaration that holds members [first, first + count) of its
    // population: parameters per member or ranged across members, the binding weights, the
    // random trains' streams and the probe column names ("v#7") are those of these members of
    // the whole, so that the parts stepped side by side give what the whole cell gives.
    // Refused (InputError saying why) when an input or the solver is a C++ callable or another
    // cell's spikes, which see the population whole: see sliceable().
    Cell member_slice(std::size_t first, std::size_t count) const;
    bool sliceable(std::string* why = nullptr) const;
    std::size_t first_member() const { return window_.first; }  // of the population
    std::size_t population() const { return window_.of(members_); }

    // ---- stepping ----
    void set_dt(double dt_ms);  // default 0.025 ms
    double dt() const { return dt_; }
    std::span<const std::uint8_t> update();  // cell-level spike per member
    // Steps for `duration_ms` (initializing first if needed) and returns the probe traces,
    // one row at t = 0 and one every `record_every` steps after it.
    // `progress` (when given) is called with (steps done, steps in all) every 4096 steps and
    // at the end, so a caller can report progress; the model keeps no clock.
    using Progress = std::function<void(std::uint64_t done, std::uint64_t total)>;
    Traces run(double dt_ms, double duration_ms, int record_every = 1,
               const Progress& progress = {});
    void pre_integral();
    void compute_derivative();
    void post_integral();
    void advance_nmodl_pools();  // ion pools from NMODL (cell_step.cpp)

    // ---- inspection ----
    const Morphology& morphology() const { return morpho_; }
    const CellOptions& options() const { return options_; }
    const CvLayout& layout() const;     // INITIALIZED
    std::size_t n_compartment() const;  // CVs per cell (INITIALIZED)
    std::vector<std::size_t> pop_size() const { return options_.pop_size; }
    std::size_t members() const { return members_; }
    std::vector<std::size_t> varshape() const;  // pop_size + (n_compartment)
    double time() const { return t_; }
    std::uint64_t steps() const { return step_; }
    std::span<const double> node_voltage() const;  // node × member [mV]
    double voltage(const Location& loc, std::size_t member = 0) const;
    // Where that voltage lives [mV] (INITIALIZED; valid until reset()): for readers on the step
    // path, such as a network's gap junctions.
    const double* voltage_address(const Location& loc, std::size_t member = 0) const;
    std::span<const std::uint8_t> spikes() const;     // cell-level, last step
    std::span<const std::uint8_t> cv_spikes() const;  // CV × member, last step (computed on call)
    // Bytes held by the runtime (state, parameters, scratch and the CV layout).
    std::size_t memory_bytes() const;
    // Numerical health. update() notes the first step at which a member's voltage at the
    // spike detector left the physical range: NaN, infinite or beyond ±10 V (kMaxVoltage_mV).
    // One comparison per member and no branch per CV: the tree solve carries a non-finite
    // value anywhere in a cell to every node of it within the step. faulted() reads that note;
    // numerical_fault() also finds, by scanning, the first CV out of range now.
    // reset_state() clears it.
    bool faulted() const { return fault_step_ != 0; }
    std::optional<NumericalFault> numerical_fault() const;
    // What init_state() found declared but without effect, such as a paint whose region
    // selects nothing: one sentence each. The tools print them as warnings.
    const std::vector<std::string>& warnings() const { return warnings_; }
    // The shortest gate time constant of the painted mechanisms over −100…+60 mV at their
    // parameters and temperatures [ms], and whose it is (INITIALIZED; +∞ and "" without gates).
    std::pair<std::string, double> fastest_gate() const;

    // ---- runtime parameters (INITIALIZED; no re-initialization) ----
    // mechanism: a density mechanism name ("hh") or a placed point mechanism's name ("stim");
    // param: its parameter ("gnabar", "amp"). The span covers every instance × member.
    std::span<double> parameter(const std::string& mechanism, const std::string& param);
    void set_parameter(const std::string& mechanism, const std::string& param, double value);
    // After writing into parameter()'s span directly: recomputes what the mechanism derives from
    // its parameters (temperature factors, decay constants). Conductances and reversal
    // potentials need it not; it is cheap (one pass over the instances).
    void parameters_changed(const std::string& mechanism);
    // The same for the step path (a real-time loop's `set`): refresh_handle resolves the owner
    // once (−1: a name that derives nothing), refresh(handle) then re-derives its factors with
    // no lookup, allocation or throw.
    int refresh_handle(const std::string& mechanism) const;
    void refresh(int handle) noexcept;
    std::span<double> state(const std::string& mechanism, const std::string& state);
    std::span<double> binding_weight(const std::string& synapse);
    // External events (the real-time loop's input path): resolve a synapse once, then deliver
    // an event of `weight_uS` to every instance of it for one member (−1: every member).
    // deliver_event is allocation-free and ignores out-of-range handles and members.
    int synapse_index(const std::string& synapse);
    void deliver_event(int synapse, int member, double weight_uS, int instance = -1);
    std::size_t synapse_instances(int synapse) const;  // locations of the synapse's locset
    // The probes' column names and where their current values are (INITIALIZED; the pointers
    // stay valid until reset()).
    std::vector<std::string> probe_names() const;
    std::vector<ProbeColumnInfo> probe_columns() const;  // in the order of probe_names()
    // A quantity per CV for one member: "V" (mV, at the CV's midpoint node) or a density
    // mechanism's state "hh.m" (NaN on CVs without the mechanism). And V per layout node.
    std::vector<double> cv_values(const std::string& quantity, std::size_t member = 0) const;
    std::vector<double> node_voltages(std::size_t member = 0) const;
    // Every runtime parameter as (owner, parameter): density mechanisms by name, point
    // mechanisms by their placed name; and the placed synapses' names.
    std::vector<std::pair<std::string, std::string>> parameter_list() const;
    // The kernel unit of a runtime parameter ("S/cm2", "nA"), "" if there is none of that name.
    std::string parameter_unit(const std::string& owner, const std::string& param) const;
    std::vector<std::string> synapse_names() const;
    std::vector<const double*> probe_sources() const;
    // A point mechanism's current in the last step, per instance × member [nA; outward > 0 for
    // synapses and gap junctions, injected for clamps] (INITIALIZED; stays valid until reset()).
    std::span<const double> point_current(const std::string& point) const;

    // ---- a live membrane (options().live; LiveMembraneOptions above) ----
    // The voltage the next update() imposes, per member [mV]. On the step path: it never throws
    // and returns false (doing nothing) unless the cell is an initialized live membrane.
    bool impose_voltage(std::span<const double> v_mV) noexcept;
    // After update(): the net current the membrane's mechanisms drive into the cell at the
    // imposed voltage, per member [nA, depolarizing > 0]: minus their outward current.
    std::span<const double> membrane_current() const;
    // The same by part, part-major × member [nA]: each painted density mechanism, then each
    // placed point mechanism, named by membrane_current_parts().
    std::span<const double> membrane_current_by_part() const;
    std::vector<std::string> membrane_current_parts() const;

    // The initialized state; its definition is internal (cell_runtime.hpp).
    struct Runtime;

  private:
    struct Binding {
        std::string synapse;
        InputSource source;
        std::vector<double> weight;
        InputTransform transform;
    };

    void require(Phase phase, const char* what) const;
    void prepare_dt();  // what depends on dt: the constant part of the system, decay factors
    // init_state's allocation of what lower() gave (cell_allocate.cpp), then of probes and
    // input bindings, which point into the runtime (cell_places.cpp).
    std::unique_ptr<Runtime> allocate(LoweredCell lowered) const;
    void bind_probes(Runtime& R) const;
    void lower_bindings(Runtime& R) const;
    void compute_ion_currents();  // the ion pools' total currents at the present state
    void sync_ion_parameters();   // channels' e<ion> and <ion>i parameters from the pools
    void apply_inputs();
    void detect_spikes();
    void update_current_probes();
    void start_states();  // every state at its steady state at the present V (finitialize)
    void live_step();     // update() of a live membrane (cell_live.cpp)

    Morphology morpho_;
    CellOptions options_;
    std::size_t members_ = 1;
    SolverKind solver_ = SolverKind::staggered;             // options_.solver
    IonUpdateOrder update_order_ = IonUpdateOrder::family;  // options_.ion_channel_update_order
    Phase phase_ = Phase::declaring;
    std::uint64_t fault_step_ = 0;  // first step ending with a non-finite detector voltage
    std::size_t fault_member_ = 0;
    std::vector<PaintRule> paints_;
    std::vector<PlaceRule> places_;
    std::vector<Binding> bindings_;
    std::unique_ptr<Runtime> rt_;
    std::vector<std::string> warnings_;
    MemberWindow window_;  // which members of a population this is (member_slice)
    double dt_ = 0.025, t_ = 0.0;
    std::uint64_t step_ = 0;
};

}  // namespace rtcell
