#pragma once
#include <cstddef>

namespace rtcell {

// Which members of a population a cell's arrays hold. A network that steps one group's members
// on several threads lowers each part as a cell of its own (Cell::member_slice): member m of
// the P it lowers is member first + m of `population`, and a parameter given per member or as a
// range across members is taken at that member.
struct MemberWindow {
    std::size_t first = 0, population = 0;  // population 0: the cell's own P, from 0
    std::size_t member(std::size_t m) const { return first + m; }
    std::size_t of(std::size_t P) const { return population ? population : P; }
};

}  // namespace rtcell
