// The SOLVE methods: cnexp (exact for linear equations), derivimplicit and KINETIC/sparse
// (backward Euler by Newton's method), CONSERVE and STEADYSTATE.
#include "tools/nmodl/nmodl_emitter.hpp"

#include <algorithm>

namespace rtcell::nmodl::detail {

void collect_states(const Block& b, std::vector<std::string>& out) {
    auto add = [&](const std::string& n) {
        if (std::find(out.begin(), out.end(), n) == out.end())
            out.push_back(n);
    };
    for (const auto& s : b) {
        if (s.kind == Statement::Kind::derivative)
            add(s.name);
        if (s.kind == Statement::Kind::reaction) {
            for (const auto& t : s.lhs)
                add(t.second);
            for (const auto& t : s.rhs)
                add(t.second);
        }
        collect_states(s.body, out);
        collect_states(s.otherwise, out);
    }
}

void MechanismEmitter::emit_cnexp(const Callable& d) {
    line(d.at);
    out_ << "    RT_INLINE void rt_solve() {\n";
    block(d.body, 2, "cnexp");
    out_ << "    }\n";
}

// Backward Euler, x − x_old − dt·f(x) = 0, by Newton's method with a numerical Jacobian: on
// the stack, at most 20 iterations, stopping when no state moves by more than 1e-12 of
// max(|x|, 1).
void MechanismEmitter::emit_implicit(const Callable& d, bool kinetic) {
    f_.clear();
    collect_states(d.body, f_);
    branchy_ = true;
    const std::size_t N = f_.size();
    if (N == 0)
        fail(d.at, "'" + d.name + "' changes no STATE");
    line(d.at);
    out_ << "    RT_INLINE void rt_f_eval(double* rt_f) {\n";
    if (kinetic)
        out_ << "        for (int rt_k = 0; rt_k < " << N << "; ++rt_k) rt_f[rt_k] = 0.0;\n";
    block(d.body, 2, "f");
    out_ << "    }\n";
    out_ << "    RT_INLINE void rt_solve() {\n"
         << "        constexpr int rt_N = " << N << ";\n"
         << "        double* rt_xs[rt_N] = {";
    for (std::size_t k = 0; k < N; ++k)
        out_ << (k ? ", " : "") << "&" << cname(f_[k]);
    out_ << "};\n"
         << "        double rt_old[rt_N], rt_fv[rt_N], rt_f2[rt_N], rt_J[rt_N][rt_N + 1];\n"
         << "        for (int rt_k = 0; rt_k < rt_N; ++rt_k) rt_old[rt_k] = *rt_xs[rt_k];\n"
         << "        for (int rt_iter = 0; rt_iter < 20; ++rt_iter) {\n"
         << "            rt_f_eval(rt_fv);\n"
         << "            for (int rt_j = 0; rt_j < rt_N; ++rt_j) {\n"
         << "                const double rt_keep = *rt_xs[rt_j];\n"
         << "                const double rt_h =\n"
         << "                    1e-7 * (std::fabs(rt_keep) > 1e-3 ? std::fabs(rt_keep) : 1e-3);\n"
         << "                *rt_xs[rt_j] = rt_keep + rt_h;\n"
         << "                rt_f_eval(rt_f2);\n"
         << "                *rt_xs[rt_j] = rt_keep;\n"
         << "                for (int rt_k = 0; rt_k < rt_N; ++rt_k)\n"
         << "                    rt_J[rt_k][rt_j] = (rt_k == rt_j ? 1.0 : 0.0) -\n"
         << "                                       rt_dt * (rt_f2[rt_k] - rt_fv[rt_k]) / rt_h;\n"
         << "            }\n"
         << "            for (int rt_k = 0; rt_k < rt_N; ++rt_k)\n"
         << "                rt_J[rt_k][rt_N] = -(*rt_xs[rt_k] - rt_old[rt_k] - rt_dt * "
            "rt_fv[rt_k]);\n"
         << conserve_rows(d) << "            rt_gauss<rt_N>(rt_J);\n"
         << "            double rt_moved = 0.0;\n"
         << "            for (int rt_k = 0; rt_k < rt_N; ++rt_k) {\n"
         << "                *rt_xs[rt_k] += rt_J[rt_k][rt_N];\n"
         << "                const double rt_x = std::fabs(*rt_xs[rt_k]);\n"
         << "                const double rt_step = std::fabs(rt_J[rt_k][rt_N]) / (rt_x > 1.0 ? "
            "rt_x : 1.0);\n"
         << "                rt_moved = rt_step > rt_moved ? rt_step : rt_moved;\n"
         << "            }\n"
         << "            if (rt_moved < 1e-12) break;\n"
         << "        }\n"
         << "    }\n";
}

// CONSERVE a·A + b·B + ... = total: the equation of its last state becomes the conservation
// law (as NEURON's), which fixes the total where backward Euler alone cannot — the steady
// state from all-zero states.
std::string MechanismEmitter::conserve_rows(const Callable& d) {
    std::string rows;
    for (const auto& s : d.body) {
        if (s.kind != Statement::Kind::conserve)
            continue;
        std::vector<std::pair<std::string, std::string>> terms;  // (coefficient, state)
        std::vector<ExprPtr> todo{s.value};
        while (!todo.empty()) {
            const ExprPtr e = todo.back();
            todo.pop_back();
            if (e->kind == Expr::Kind::binary && e->text == "+") {
                todo.push_back(e->args[0]);
                todo.push_back(e->args[1]);
            } else if (e->kind == Expr::Kind::name) {
                terms.insert(terms.begin(), {"1.0", e->text});
            } else if (e->kind == Expr::Kind::binary && e->text == "*" &&
                       e->args[0]->kind == Expr::Kind::number &&
                       e->args[1]->kind == Expr::Kind::name) {
                terms.insert(terms.begin(), {literal(e->args[0]->text), e->args[1]->text});
            } else {
                fail(e->at,
                     "CONSERVE takes a sum of states, each with an optional number "
                     "factor (CONSERVE A + B + 2 * C = 1)");
            }
        }
        auto index = [&](const std::string& st, Location at) {
            const auto k = std::find(f_.begin(), f_.end(), st);
            if (k == f_.end())
                fail(at, "'" + st + "' in CONSERVE is not a state of this scheme");
            return std::to_string(k - f_.begin());
        };
        const std::string row = index(terms.back().second, s.at);
        rows +=
            "            for (int rt_j = 0; rt_j <= rt_N; ++rt_j) rt_J[" + row + "][rt_j] = 0.0;\n";
        std::string sum;
        for (const auto& [coef, st] : terms) {
            rows += "            rt_J[" + row + "][" + index(st, s.at) + "] = " + coef + ";\n";
            sum += " - " + coef + " * " + cname(st);
        }
        rows += "            rt_J[" + row + "][rt_N] = " + expr(s.total) + sum + ";\n";
    }
    return rows;
}

void MechanismEmitter::emit_solver(const Statement& solve) {
    if (const Callable* d = find(m_.derivatives, solve.name)) {
        if (solve.method == "cnexp")
            return emit_cnexp(*d);
        if (solve.method == "derivimplicit" || solve.method == "euler" || solve.method == "sparse")
            return emit_implicit(*d, false);
        fail(solve.at, "METHOD '" + solve.method +
                           "' is not supported for a DERIVATIVE block (supported: cnexp, "
                           "derivimplicit)");
    }
    if (const Callable* k = find(m_.kinetics, solve.name)) {
        if (solve.method == "sparse" || solve.method == "derivimplicit" || solve.method.empty())
            return emit_implicit(*k, true);
        fail(solve.at, "METHOD '" + solve.method +
                           "' is not supported for a KINETIC block (supported: sparse)");
    }
    if (find(m_.procedures, solve.name)) {
        if (!solve.method.empty())
            fail(solve.at, "a PROCEDURE is SOLVEd without a METHOD");
        out_ << "    RT_INLINE void rt_solve() { " << cname(solve.name) << "(); }\n";
        return;
    }
    fail(solve.at, "SOLVE '" + solve.name + "': no DERIVATIVE, KINETIC or PROCEDURE of that name");
}

}  // namespace rtcell::nmodl::detail
