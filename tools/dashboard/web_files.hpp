#pragma once
// The files the dashboard serves, read once at start so that a missing one is an error then, not
// a broken page later: the page (index.html, dashboard.js, dashboard.css from tools/dashboard/web)
// and the charting library uPlot, which the set-up installs with npm into web/node_modules.
// Only these paths are served; no request names a file on disk.
#include <map>
#include <string>

namespace rtcell::tools {

struct WebFile {
    std::string content_type;
    std::string body;
};

// Throws InputError naming the missing file (and, for uPlot, how to install it).
std::map<std::string, WebFile> load_web_files(const std::string& web_dir);

// The web directory of this build (the source tree's tools/dashboard/web), or of an installed
// rtcell (<prefix>/share/rtcell/web) when the build's is gone.
std::string default_web_dir();

}  // namespace rtcell::tools
