#pragma once
// One argument parser for every rtcell command. A command declares what it takes — flags
// (--json), options with a value (--out FILE), bare arguments (CONFIG) — bound to its own
// variables, then parses:
//
//     std::string path, out_path;
//     bool json = false;
//     Arguments a("sim", sim_help);
//     a.option("--out", out_path).flag("--json", json).positional(path, "configuration");
//     if (const int status = a.parse(args, out, err); status >= 0)
//         return status;  // 0 after --help, 2 after a usage error (already reported)
//
// Usage errors print "rtcell <command>: ..." to err: an unknown option (with the help text),
// an option without its value, one bare argument too many. An argument that starts with '-'
// and a digit is a bare argument (a negative number: "-1:0.5"), not an option. Values keep
// their text; quantity() and whole_number() convert them, naming the option in their errors.
#include <iosfwd>
#include <string>
#include <vector>

#include "config/units.hpp"

namespace rtcell::tools {

class Arguments {
  public:
    Arguments(std::string command, const char* help);

    Arguments& flag(const std::string& name, bool& into);
    Arguments& option(const std::string& name, std::string& into);
    // The next bare argument; `what` names it in "give at most one <what>".
    Arguments& positional(std::string& into, const std::string& what);
    // Every bare argument not taken by positional() (commands with free-form arguments).
    Arguments& rest(std::vector<std::string>& into);

    // −1: carry on; 0: help printed; 2: usage error printed.
    int parse(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

  private:
    struct Flag {
        std::string name;
        bool* into;
    };
    struct Option {
        std::string name;
        std::string* into;
    };
    struct Positional {
        std::string* into;
        std::string what;
    };
    int usage_error(std::ostream& err, const std::string& message, bool with_help) const;
    bool take_bare(const std::string& a);

    std::string command_;
    const char* help_;
    std::vector<Flag> flags_;
    std::vector<Option> options_;
    std::vector<Positional> positionals_;
    std::vector<std::string>* rest_ = nullptr;
    std::size_t next_positional_ = 0;
};

// `text` as a quantity of `dimension` in the kernel unit (units.hpp); InputError names `option`.
double quantity(const std::string& text, units::Dimension dimension, const std::string& option);
// `text` as a whole number; InputError "<option>: 'x' is not a whole number".
long whole_number(const std::string& text, const std::string& option);
// `text` as a number; InputError "<option>: 'x' is not a number".
double number(const std::string& text, const std::string& option);

}  // namespace rtcell::tools
