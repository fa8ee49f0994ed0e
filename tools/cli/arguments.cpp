#include "tools/cli/arguments.hpp"

#include <cctype>
#include <ostream>

#include "model/util/input_error.hpp"

namespace rtcell::tools {

Arguments::Arguments(std::string command, const char* help)
    : command_(std::move(command)), help_(help) {}

Arguments& Arguments::flag(const std::string& name, bool& into) {
    flags_.push_back({name, &into});
    return *this;
}

Arguments& Arguments::option(const std::string& name, std::string& into) {
    options_.push_back({name, &into});
    return *this;
}

Arguments& Arguments::positional(std::string& into, const std::string& what) {
    positionals_.push_back({&into, what});
    return *this;
}

Arguments& Arguments::rest(std::vector<std::string>& into) {
    rest_ = &into;
    return *this;
}

int Arguments::usage_error(std::ostream& err, const std::string& message, bool with_help) const {
    err << "rtcell " << command_ << ": " << message << "\n";
    if (with_help)
        err << "\n" << help_;
    return 2;
}

bool Arguments::take_bare(const std::string& a) {
    if (next_positional_ < positionals_.size()) {
        *positionals_[next_positional_++].into = a;
        return true;
    }
    if (rest_) {
        rest_->push_back(a);
        return true;
    }
    return false;
}

namespace {
bool is_option(const std::string& a) {
    return a.size() > 1 && a[0] == '-' && !std::isdigit(static_cast<unsigned char>(a[1])) &&
           a[1] != '.';
}
}  // namespace

int Arguments::parse(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-h" || a == "--help") {
            out << help_;
            return 0;
        }
        if (!is_option(a)) {
            if (!take_bare(a))
                return usage_error(
                    err,
                    "give at most one " +
                        (positionals_.empty() ? std::string("argument") : positionals_.back().what),
                    true);
            continue;
        }
        bool known = false;
        for (const Flag& f : flags_)
            if (f.name == a) {
                *f.into = true;
                known = true;
            }
        for (const Option& o : options_)
            if (o.name == a) {
                if (i + 1 >= args.size())
                    return usage_error(err, a + " needs a value", false);
                *o.into = args[++i];
                known = true;
            }
        if (!known)
            return usage_error(err, "unknown option '" + a + "'", true);
    }
    return -1;
}

double quantity(const std::string& text, units::Dimension dimension, const std::string& option) {
    return units::parse_quantity(text, dimension, option);
}

namespace {
// The whole of `text` read by `read` (std::stol, std::stod), or InputError "<option>: 'x' is
// not <what>".
template <class Read>
auto read_all(const std::string& text, const std::string& option, const char* what, Read read) {
    try {
        std::size_t used = 0;
        const auto v = read(text, &used);
        if (used != text.size())
            throw std::invalid_argument("");
        return v;
    } catch (const std::exception&) {
        throw InputError(option + ": '" + text + "' is not " + what);
    }
}
}  // namespace

long whole_number(const std::string& text, const std::string& option) {
    return read_all(text, option, "a whole number",
                    [](const std::string& s, std::size_t* used) { return std::stol(s, used); });
}

double number(const std::string& text, const std::string& option) {
    return read_all(text, option, "a number",
                    [](const std::string& s, std::size_t* used) { return std::stod(s, used); });
}

}  // namespace rtcell::tools
