#include "config/connection_csv.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "config/units.hpp"
#include "model/util/input_error.hpp"

namespace rtcell {
namespace {

std::string trim(const std::string& s) {
    const auto a = s.find_first_not_of(" \t\r"), b = s.find_last_not_of(" \t\r");
    return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

std::vector<std::string> fields(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream in(line);
    for (std::string f; std::getline(in, f, ',');)
        out.push_back(trim(f));
    if (!line.empty() && line.back() == ',')
        out.emplace_back();
    return out;
}

std::size_t whole_number(const std::string& text, const std::string& what) {
    std::size_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty())
        throw InputError(what + ": '" + text + "' is not a whole number ≥ 0");
    return v;
}

// A quantity in µS, or a plain number (a kinetic synapse's drive).
double weight(const std::string& text) {
    if (text.find_first_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") !=
        std::string::npos)
        return units::parse_quantity(text, units::Dimension::conductance, "weight");
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty() || !std::isfinite(v))
        throw InputError("weight: '" + text + "' is neither a number nor a conductance");
    return v;
}

// "group:member" or "group".
std::pair<std::size_t, std::size_t> cell_of(const std::string& text, const GroupLookup& group,
                                            const std::string& what) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos)
        return {group(text), 0};
    return {group(text.substr(0, colon)), whole_number(text.substr(colon + 1), what + " member")};
}

}  // namespace

std::vector<Connection> parse_connections_csv(const std::string& text, const std::string& source,
                                              const GroupLookup& group) {
    std::vector<Connection> out;
    std::stringstream in(text);
    std::string line;
    int number = 0;
    bool header = false;
    bool with_instance = false;
    while (std::getline(in, line)) {
        ++number;
        const std::string t = trim(line);
        if (t.empty() || t[0] == '#')
            continue;
        const auto f = fields(t);
        try {
            if (!header) {
                const std::vector<std::string> want{"pre", "post", "synapse", "weight", "delay"};
                with_instance = f.size() == 6 && f[5] == "instance";
                if (!(std::vector<std::string>(
                          f.begin(), f.begin() + std::min<std::size_t>(5, f.size())) == want) ||
                    (f.size() != 5 && !with_instance))
                    throw InputError(
                        "the header must be 'pre,post,synapse,weight,delay' (and "
                        "',instance' if wanted)");
                header = true;
                continue;
            }
            if (f.size() != (with_instance ? 6u : 5u))
                throw InputError(std::to_string(f.size()) + " fields, expected " +
                                 (with_instance ? "6" : "5"));
            Connection c;
            std::tie(c.pre_group, c.pre_member) = cell_of(f[0], group, "pre");
            std::tie(c.post_group, c.post_member) = cell_of(f[1], group, "post");
            c.synapse = f[2];
            if (c.synapse.empty())
                throw InputError("an empty synapse name");
            c.weight = weight(f[3]);
            c.delay_ms = units::parse_quantity(f[4], units::Dimension::time, "delay");
            if (with_instance)
                c.instance = static_cast<int>(whole_number(f[5], "instance"));
            out.push_back(c);
        } catch (const std::exception& e) {
            throw InputError(located(source, number, e.what()));
        }
    }
    if (!header)
        throw InputError(located(source, 0, "no header line 'pre,post,synapse,weight,delay'"));
    return out;
}

std::vector<Connection> read_connections_csv(const std::string& path, const GroupLookup& group) {
    std::ifstream in(path);
    if (!in)
        throw InputError(located(path, 0, "cannot read the connection file"));
    std::stringstream text;
    text << in.rdbuf();
    return parse_connections_csv(text.str(), path, group);
}

}  // namespace rtcell
