#include "tools/nmodl/nmodl_build.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include "model/util/input_error.hpp"
#include "tools/nmodl/nmodl_parser.hpp"
#include "tools/nmodl/nmodl_translate.hpp"

namespace rtcell::nmodl {
namespace fs = std::filesystem;

namespace {

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        throw InputError(path + ": cannot read NMODL file");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Single quotes for the shell, with any single quote in the text escaped.
std::string shell_quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

}  // namespace

std::string rtcell_include_dir() {
    const std::string abi = "model/mechanisms/loaded/catalogue_abi.hpp";
    if (fs::exists(fs::path(RTCELL_SOURCE_DIR) / abi))
        return RTCELL_SOURCE_DIR;
    return std::string(RTCELL_INSTALL_PREFIX) + "/include/rtcell";
}

std::string translate_files(const std::vector<std::string>& mod_files,
                            const std::string& catalogue_name) {
    if (mod_files.empty())
        throw InputError("no .mod files given");
    std::vector<ModFile> mods;
    for (const auto& f : mod_files)
        mods.push_back(parse(read_text(f), f));
    return translate(mods, catalogue_name);
}

void build_catalogue(const BuildRequest& r, std::ostream& log) {
    if (r.output.empty())
        throw InputError("no output file (-o mycat.so)");
    const std::string name = fs::path(r.output).stem().string();
    const std::string cpp = translate_files(r.mod_files, name);
    const std::string source =
        r.source.empty() ? fs::path(r.output).replace_extension(".cpp").string() : r.source;
    std::error_code ec;
    if (fs::path(source).has_parent_path())
        fs::create_directories(fs::path(source).parent_path(), ec);
    if (fs::path(r.output).has_parent_path())
        fs::create_directories(fs::path(r.output).parent_path(), ec);
    {
        std::ofstream out(source);
        if (!out)
            throw InputError(source + ": cannot write the generated C++");
        out << cpp;
    }
    std::string compiler = r.compiler;
    if (compiler.empty())
        compiler = std::getenv("CXX") && *std::getenv("CXX") ? std::getenv("CXX") : "c++";
    const std::string messages = r.output + ".log";
    // -fno-math-errno lets exp and friends inline, -fopenmp-simd (with libmvec's vector exp,
    // log and pow) vectorizes the instance loops; the catalogue is compiled for this machine
    // as rtcell itself is (-march=native).
    const std::string command =
        shell_quoted(compiler) +
        " -std=c++17 -O3 -march=native -fno-math-errno -fopenmp-simd -fPIC -shared "
        "-Wall -Wno-unused-variable -Wno-unused-but-set-variable -I" +
        shell_quoted(rtcell_include_dir()) + " -o " + shell_quoted(r.output) + " " +
        shell_quoted(source) + " -lmvec > " + shell_quoted(messages) + " 2>&1";
    log << "compiling " << source << " → " << r.output << "\n";
    const int status = std::system(command.c_str());
    const std::string text = fs::exists(messages) ? read_text(messages) : "";
    fs::remove(messages);
    if (status != 0)
        throw InputError("the C++ compiler (" + compiler + ") rejected the translation:\n" +
                         (text.empty() ? "(no output; is a C++ compiler installed?)\n" : text));
    if (!text.empty())
        log << text;
}

}  // namespace rtcell::nmodl
