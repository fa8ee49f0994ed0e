#pragma once
// A network's connections from a CSV file, one per line (README "Networks"):
//
//   pre,post,synapse,weight,delay[,instance]
//   E:0,I:1,exc,0.02 uS,2 ms
//
// pre and post are `group:member` (or `group` for a group of one member); weight is a quantity
// in µS (ExpSyn, Exp2Syn) or a plain number (the kinetic synapses' drive); delay carries a time
// unit; instance (optional) picks one location of the synapse's locset. Blank lines and lines
// starting with # are skipped. Errors name the file and line.
#include <functional>
#include <string>
#include <vector>

#include "model/network/connection.hpp"

namespace rtcell {

// group_index(name) → the group's index, throwing InputError for an unknown name.
using GroupLookup = std::function<std::size_t(const std::string&)>;

std::vector<Connection> read_connections_csv(const std::string& path, const GroupLookup& group);
std::vector<Connection> parse_connections_csv(const std::string& text, const std::string& source,
                                              const GroupLookup& group);

}  // namespace rtcell
