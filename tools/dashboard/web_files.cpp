#include "tools/dashboard/web_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/util/input_error.hpp"

namespace rtcell::tools {

namespace {
struct Served {
    const char* url;
    const char* file;  // relative to the web directory
    const char* type;
};
constexpr Served kServed[] = {
    {"/", "index.html", "text/html; charset=utf-8"},
    {"/dashboard.js", "dashboard.js", "text/javascript; charset=utf-8"},
    {"/dashboard.css", "dashboard.css", "text/css; charset=utf-8"},
    {"/uPlot.iife.min.js", "node_modules/uplot/dist/uPlot.iife.min.js",
     "text/javascript; charset=utf-8"},
    {"/uPlot.min.css", "node_modules/uplot/dist/uPlot.min.css", "text/css; charset=utf-8"},
};
}  // namespace

std::map<std::string, WebFile> load_web_files(const std::string& web_dir) {
    std::map<std::string, WebFile> files;
    for (const Served& s : kServed) {
        const std::string path = web_dir + "/" + s.file;
        std::ifstream in(path, std::ios::binary);
        if (!in)
            throw InputError(path + ": cannot read the dashboard's page" +
                             (std::string(s.file).rfind("node_modules", 0) == 0
                                  ? " (uPlot is installed by tools/setup.sh: npm ci in " +
                                        web_dir + ")"
                                  : ""));
        std::ostringstream body;
        body << in.rdbuf();
        files[s.url] = {s.type, body.str()};
    }
    return files;
}

std::string default_web_dir() {
    namespace fs = std::filesystem;
    const fs::path build = fs::path(RTCELL_SOURCE_DIR) / "tools/dashboard/web";
    if (fs::exists(build / "index.html"))
        return build.string();
    return (fs::path(RTCELL_INSTALL_PREFIX) / "share/rtcell/web").string();
}

}  // namespace rtcell::tools
