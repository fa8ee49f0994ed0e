// The README's "Configuration reference" documents every key the parser accepts, and nothing
// else: the key names in its table, against the key lists the parser checks (every
// yaml::check_keys call in config/*.cpp, read from the sources).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "support/test_data.hpp"

namespace {

std::string read(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Every string literal inside the {...} list that each check_keys( call passes.
std::set<std::string> parser_keys() {
    std::set<std::string> keys;
    const std::regex literal("\"([A-Za-z_]+)\"");
    for (const auto& entry : std::filesystem::directory_iterator(rtcell::test::config(""))) {
        if (entry.path().extension() != ".cpp")
            continue;
        const std::string src = read(entry.path().string());
        for (std::size_t at = src.find("check_keys("); at != std::string::npos;
             at = src.find("check_keys(", at + 1)) {
            const std::size_t open = src.find('{', at), close = src.find('}', open);
            if (src.compare(at - 5, 5, "void ") == 0)  // the definition
                continue;
            const std::string list = src.substr(open, close - open);
            for (std::sregex_iterator it(list.begin(), list.end(), literal), end; it != end; ++it)
                keys.insert((*it)[1]);
        }
    }
    return keys;
}

// The path components of every key in the table's first column.
std::set<std::string> readme_keys() {
    const std::string readme = read(rtcell::test::config("../README.md"));
    const std::size_t begin = readme.find("## Configuration reference");
    REQUIRE(begin != std::string::npos);
    const std::size_t end = readme.find("\n## ", begin + 1);
    std::istringstream table(readme.substr(begin, end - begin));
    std::set<std::string> keys;
    const std::regex first_cell(R"(^\| `([^`]+)` \|)");
    for (std::string line; std::getline(table, line);) {
        std::smatch m;
        if (!std::regex_search(line, m, first_cell))
            continue;
        std::istringstream path(m[1].str());
        for (std::string part; std::getline(path, part, '.');) {
            if (part.size() > 2 && part.compare(part.size() - 2, 2, "[]") == 0)
                part.resize(part.size() - 2);
            if (part != "*")
                keys.insert(part);
        }
    }
    return keys;
}

}  // namespace

TEST_CASE("the configuration reference documents every key the parser accepts, and no other",
          "[config][readme]") {
    const std::set<std::string> parser = parser_keys(), readme = readme_keys();
    CHECK(parser.size() > 80);
    for (const auto& k : parser) {
        INFO("accepted by the parser, missing from the README's table: " << k);
        CHECK(readme.count(k) == 1);
    }
    for (const auto& k : readme) {
        INFO("in the README's table, unknown to the parser: " << k);
        CHECK(parser.count(k) == 1);
    }
}
