// One mechanism's instance struct, its kernels (init, current, advance, net_receive) over
// the structure-of-arrays of rtcell_instances, and its rows of the catalogue's tables.
#include "tools/nmodl/nmodl_emitter.hpp"

#include <algorithm>

#include "tools/nmodl/nmodl_units.hpp"

namespace rtcell::nmodl::detail {

void MechanismEmitter::emit_struct() {
    out_ << "namespace " << ns_ << " {\n\nstruct S {\n";
    for (const auto& p : params_)
        out_ << "    double " << cname(p.name) << " = 0.0;  // PARAMETER (" << p.unit << ")\n";
    for (std::size_t k = 0; k < vars_.size(); ++k)
        out_ << "    double " << cname(vars_[k]) << " = 0.0;  // "
             << (k < n_states_ ? "STATE" : "ASSIGNED") << "\n";
    for (const auto* list : {&ion_currents_, &other_currents_, &electrode_currents_})
        for (const auto& c : *list)
            out_ << "    double " << cname(c) << " = 0.0;  // current\n";
    out_ << "    double rt_v = 0.0, rt_t = 0.0, rt_dt = 0.0, rt_celsius = 0.0, rt_area = 0.0, "
            "rt_diam = 0.0;\n\n";
    for (const auto& f : m_.functions)
        emit_callable(f, true);
    for (const auto& p : m_.procedures)
        emit_callable(p, false);
    // INITIAL, BREAKPOINT's currents, the SOLVE, NET_RECEIVE.
    for (const auto& s : m_.breakpoint)
        if (s.kind == Statement::Kind::solve)
            solve_ = &s;
    out_ << "    RT_INLINE void rt_initial() {\n";
    block(m_.initial, 2, "plain");
    if (m_.net_receive)
        block(m_.net_receive->initial, 2, "plain");
    out_ << "    }\n";
    Block currents;
    const Statement* solve = nullptr;
    for (const auto& s : m_.breakpoint) {
        if (s.kind == Statement::Kind::solve) {
            if (solve)
                fail(s.at, "only one SOLVE per BREAKPOINT is supported");
            solve = &s;
        } else {
            currents.push_back(s);
        }
    }
    out_ << "    RT_INLINE void rt_currents() {\n";
    block(currents, 2, "plain");
    out_ << "    }\n";
    if (solve)
        emit_solver(*solve);
    else
        out_ << "    RT_INLINE void rt_solve() {}\n";
    if (m_.net_receive) {
        const Callable& n = *m_.net_receive;
        scopes_.emplace_back(n.args.begin(), n.args.end());
        line(n.at);
        out_ << "    RT_INLINE void rt_net_receive(double "
             << (n.args.empty() ? "rt_w" : cname(n.args[0])) << ") {\n";
        block(n.body, 2, "plain");
        out_ << "    }\n";
        scopes_.pop_back();
    }
    // The current that `which` selects: −1 the total (outward-positive), k ion k's.
    out_ << "    RT_INLINE double rt_current(int which) const {\n";
    for (std::size_t k = 0; k < ion_currents_.size(); ++k)
        out_ << "        if (which == " << k << ") return " << cname(ion_currents_[k]) << ";\n";
    out_ << "        return 0.0";
    for (const auto* list : {&ion_currents_, &other_currents_})
        for (const auto& c : *list)
            out_ << " + " << cname(c);
    for (const auto& c : electrode_currents_)
        out_ << " - " << cname(c);
    out_ << ";\n    }\n};\n\n";
}

void MechanismEmitter::emit_kernels() {
    out_ << "RT_INLINE void load(S& s, const rtcell_instances* in, std::size_t i) {\n"
            "    const std::size_t n = in->padded;\n"
            "    (void)n;\n";
    for (std::size_t k = 0; k < params_.size(); ++k)
        out_ << "    s." << cname(params_[k].name) << " = in->param[" << k << " * n + i]"
             << (params_[k].to_mod == 1 ? "" : " * " + number_text(params_[k].to_mod)) << ";\n";
    for (std::size_t k = 0; k < vars_.size(); ++k)
        out_ << "    s." << cname(vars_[k]) << " = in->var[" << k << " * n + i];\n";
    out_ << "    s.rt_v = in->V[in->node[i]];\n"
            "    s.rt_t = in->t;\n    s.rt_dt = in->dt;\n    s.rt_celsius = in->celsius[i];\n"
            "    s.rt_area = in->area[i];\n    s.rt_diam = in->diam[i];\n}\n\n";
    out_ << "RT_INLINE void store(const S& s, rtcell_instances* in, std::size_t i) {\n"
            "    const std::size_t n = in->padded;\n"
            "    (void)n;\n";
    for (std::size_t k = 0; k < vars_.size(); ++k)
        out_ << "    in->var[" << k << " * n + i] = s." << cname(vars_[k]) << ";\n";
    for (const auto& name : assigned_params_) {
        const std::size_t k = param_index_.at(name);
        out_ << "    in->param[" << k << " * n + i] = s." << cname(name)
             << (params_[k].to_mod == 1 ? "" : " / " + number_text(params_[k].to_mod)) << ";\n";
    }
    out_ << "}\n\n";
    out_ << "void init(rtcell_instances* in) {\n"
            "    for (std::size_t i = 0; i < in->count; ++i) {\n"
            "        S s;\n        load(s, in, i);\n";
    for (std::size_t k = 0; k < n_states_; ++k)
        out_ << "        s." << cname(vars_[k]) << " = 0.0;\n";
    out_ << "        s.rt_initial();\n        store(s, in, i);\n    }\n}\n\n";
    const char* simd = branchy_ ? "" : "#pragma omp simd\n";
    out_ << "void current(const rtcell_instances* in, int which, double* I, double* G) {\n"
         << simd
         << "    for (std::size_t i = 0; i < in->count; ++i) {\n"
            "        S at, above;\n        load(at, in, i);\n        load(above, in, i);\n"
            "        above.rt_v += 0.001;\n"
            "        above.rt_currents();\n"
            "        at.rt_currents();\n"
            "        I[i] = at.rt_current(which);\n"
            "        G[i] = (above.rt_current(which) - I[i]) / 0.001;\n"
            "    }\n}\n\n";
    out_ << "void advance(rtcell_instances* in) {\n"
         << simd
         << "    for (std::size_t i = 0; i < in->count; ++i) {\n"
            "        S s;\n        load(s, in, i);\n        s.rt_solve();\n        store(s, in, "
            "i);\n"
            "    }\n}\n\n";
    if (m_.net_receive)
        out_ << "void net_receive(rtcell_instances* in, std::size_t i, double w) {\n"
                "    S s;\n    load(s, in, i);\n    s.rt_net_receive(w);\n    store(s, in, "
                "i);\n}\n\n";
    out_ << "}  // namespace " << ns_ << "\n\n";
}

void MechanismEmitter::emit() {
    classify();
    emit_struct();
    if (uses_time_ && !m_.point_process)
        fail(m_.neuron_at, "'t' is available to POINT_PROCESS mechanisms only");
    if (uses_geometry_ && m_.point_process)
        fail(m_.neuron_at, "'area' and 'diam' are available to SUFFIX (density) mechanisms only");
    emit_kernels();
}

void MechanismEmitter::emit_tables(std::ostringstream& t, std::string& entry) const {
    if (!params_.empty()) {
        t << "const rtcell_param " << ns_ << "_params[] = {\n";
        for (const auto& p : params_)
            t << "    {" << quoted(p.name) << ", " << number_text(p.default_kernel) << ", "
              << quoted(p.cunit) << ", " << quoted(p.description) << ", " << limit(p.min) << ", "
              << limit(p.max) << "},\n";
        t << "};\n";
    }
    if (!vars_.empty()) {
        t << "const char* const " << ns_ << "_vars[] = {";
        for (const auto& v : vars_)
            t << quoted(v) << ", ";
        t << "};\n";
    }
    if (!ion_species_.empty()) {
        t << "const char* const " << ns_ << "_ions[] = {";
        for (const auto& v : ion_species_)
            t << quoted(v) << ", ";
        t << "};\n";
    }
    std::ostringstream e;
    e << "    {" << quoted(m_.suffix) << ", " << quoted("from " + m_.file) << ", "
      << (m_.point_process ? 1 : 0) << ", " << params_.size() << ", "
      << (params_.empty() ? "nullptr" : ns_ + "_params") << ", " << n_states_ << ", "
      << vars_.size() << ", " << (vars_.empty() ? "nullptr" : ns_ + "_vars") << ", "
      << ion_species_.size() << ", " << (ion_species_.empty() ? "nullptr" : ns_ + "_ions") << ", "
      << (concentration_.empty() ? "nullptr" : quoted(concentration_)) << ", "
      << (pool_species_.empty() ? "nullptr" : quoted(pool_species_)) << ", "
      << number_text(pool_valence_) << ", " << pool_var() << ", "
      << (pool_current_.empty() ? -1 : static_cast<int>(param_index_.at(pool_current_))) << ", "
      << (m_.net_receive ? quoted(weight_unit()) : "nullptr") << ", "
      << (electrode_currents_.empty() ? 0 : 1) << ", " << ns_ << "::init, " << ns_ << "::current, "
      << ns_ << "::advance, " << (m_.net_receive ? ns_ + "::net_receive" : "nullptr") << "},\n";
    entry = e.str();
}

}  // namespace rtcell::nmodl::detail
