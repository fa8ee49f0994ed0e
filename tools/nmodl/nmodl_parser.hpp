#pragma once
// NMODL text → ModFile (nmodl_ast.hpp). Parsing checks the grammar only; what the names mean
// is checked by the translator (nmodl_translate.hpp). Errors: InputError "file:line:col: ...".
#include <string>

#include "tools/nmodl/nmodl_ast.hpp"

namespace rtcell::nmodl {

ModFile parse(const std::string& text, const std::string& file);

}  // namespace rtcell::nmodl
