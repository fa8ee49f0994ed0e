#pragma once
// Warnings the commands print on standard error ("rtcell sim: warning: ..."): what a
// configuration declares without effect. Never errors, never silent.
#include <ostream>
#include <string>
#include <vector>

#include "config/model_config.hpp"

namespace rtcell::tools {

// What a cell and its configuration declare without effect: the cell's own warnings (paints
// that reach no CV; after init_state, or by lowering it when it is still declaring), a dt more
// than kFastGateFactor times the fastest gate's time constant (initialized cells), and, for
// an offline run (`offline`), a run with no probes or shorter than one step.
// A dt this many times the fastest gate time constant (over −100…+60 mV) is warned about.
constexpr double kFastGateFactor = 5.0;

std::vector<std::string> config_warnings(const Cell& cell, const ModelConfig& cfg, bool offline);

void print_warnings(std::ostream& err, const char* command, const std::vector<std::string>& w);

}  // namespace rtcell::tools
