#pragma once
// The pause a spin-wait makes on each turn: it tells the CPU (and a hyperthread sibling) that
// this is a wait, saving power and the pipeline flush when the awaited store arrives.

namespace rtcell::rt {

inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

}  // namespace rtcell::rt
