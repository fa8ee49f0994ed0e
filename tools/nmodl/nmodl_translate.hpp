#pragma once
// Parsed NMODL files → the C++ source of one rtcell mechanism catalogue (catalogue_abi.hpp).
//
// Each mechanism becomes a struct holding one instance's values (parameters in the .mod
// file's units, states, assigned values, the written currents and the built-ins v, t, dt,
// celsius, area, diam); its PROCEDUREs and FUNCTIONs are member functions, and four kernels
// loop over all instances: init (INITIAL), current (BREAKPOINT without SOLVE, at v and at
// v + 1 µV for the slope, as NEURON), advance (the SOLVE) and net_receive. Methods:
//   cnexp          x' = a + b·x, each state in turn: x += (1 − e^(b·dt))·(−a/b − x), with a
//                  and b found by evaluating the right-hand side at x = 0 and x = 1 (the
//                  translator checks that it is linear in x)
//   derivimplicit, sparse (KINETIC)   backward Euler, solved by Newton's method with a
//                  numerical Jacobian (exact in one iteration for linear schemes)
//   a PROCEDURE    called as it is (SOLVE name without METHOD)
// Every statement carries `#line` of its .mod line, so compiler messages point there.
#include <string>
#include <vector>

#include "tools/nmodl/nmodl_ast.hpp"

namespace rtcell::nmodl {

// Throws InputError "file.mod:line:col: ..." for what it cannot translate.
std::string translate(const std::vector<ModFile>& mods, const std::string& catalogue_name);

}  // namespace rtcell::nmodl
