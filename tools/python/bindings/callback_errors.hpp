#pragma once
// Python callables that C++ calls while stepping (an input source, a transform, a solver
// function) must not throw through the kernel's step code, which does not expect exceptions.
// guard_callback keeps the first error instead; the binding that returned control to Python
// (update, run, pre_integral) raises it there. Called with the GIL held.
#include <exception>

#include <pybind11/pybind11.h>

namespace rtcell::python {

void keep_callback_error(std::exception_ptr e) noexcept;
void raise_callback_error();  // rethrows the kept error, if any, and forgets it

template <class F>
void guard_callback(F&& f) noexcept {
    try {
        f();
    } catch (...) {
        keep_callback_error(std::current_exception());
    }
}

}  // namespace rtcell::python
