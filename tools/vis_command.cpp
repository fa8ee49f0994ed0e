#include "tools/vis_command.hpp"

#include <cstdlib>
#include <fstream>
#include <ostream>

#include "config/model_config.hpp"
#include "config/units.hpp"
#include "model/util/input_error.hpp"
#include "model/morph/label_parser.hpp"
#include "model/formats/morphology_file.hpp"
#include "model/vis/vis.hpp"

namespace rtcell::tools {
namespace {
const char* const vis_help =
    "usage: rtcell vis CONFIG|MORPHOLOGY --out FILE.svg [--png]\n"
    "         [--level branch|cv|node] [--region EXPR | --locset EXPR | --value V [--at T]]\n"
    "         [--preset dendrotweaks|mono|depth] [--layout radial|dendrogram] [--coverage "
    "fraction|any|all]\n"
    "         [--cmap viridis|plasma|magma|cividis] [--vmin X] [--vmax X] [--highlight #rrggbb] "
    "[--scale S]\n"
    "       rtcell vis CONFIG|MORPHOLOGY --morphology --out FILE.svg [--plane xy|xz|yz]\n"
    "         [--region EXPR | --value V [--at T]] [--cmap NAME]\n"
    "\n"
    "Draws the cell as standalone SVG. Topology views (--level, default node): one node per\n"
    "branch, per CV, or per runtime node, with a region's coverage or a locset highlighted, or\n"
    "coloured by a value: V (membrane potential) or a mechanism state such as hh.m, after\n"
    "running the cell to time T (--at 20ms). --morphology draws the real geometry projected on a\n"
    "plane, each frustum at its true width, coloured by branch type, a region, or a value, with a\n"
    "scale bar. --png also writes FILE.png with rsvg-convert (Debian: librsvg2-bin).\n";
}  // namespace

int run_vis(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::string path, out_path, level = "node", region, locset, value, at, plane = "xy";
    VisOptions o;
    MorphologyPictureOptions mo;
    bool morphology = false, png = false;
    try {
        for (std::size_t i = 0; i < args.size(); ++i) {
            const std::string& a = args[i];
            auto v = [&]() -> std::string {
                if (i + 1 >= args.size())
                    throw InputError(a + " needs a value");
                return args[++i];
            };
            if (a == "-h" || a == "--help") {
                out << vis_help;
                return 0;
            } else if (a == "--out")
                out_path = v();
            else if (a == "--png")
                png = true;
            else if (a == "--level")
                level = v();
            else if (a == "--region")
                region = v();
            else if (a == "--locset")
                locset = v();
            else if (a == "--value")
                value = v();
            else if (a == "--at")
                at = v();
            else if (a == "--preset")
                o.preset = v();
            else if (a == "--layout")
                o.layout = v();
            else if (a == "--coverage")
                o.coverage_mode = v();
            else if (a == "--cmap")
                o.cmap = mo.cmap = v();
            else if (a == "--vmin")
                o.vmin = mo.vmin = std::stod(v());
            else if (a == "--vmax")
                o.vmax = mo.vmax = std::stod(v());
            else if (a == "--highlight")
                o.highlight_color = mo.highlight_color = v();
            else if (a == "--scale")
                o.layout_scale = std::stod(v());
            else if (a == "--morphology")
                morphology = true;
            else if (a == "--plane")
                plane = v();
            else if (!a.empty() && a[0] == '-')
                throw InputError("unknown option '" + a + "'");
            else
                path = a;
        }
        if (path.empty() || out_path.empty())
            throw InputError("give a configuration or morphology and --out FILE.svg");
    } catch (const std::exception& e) {
        err << "rtcell vis: " << e.what() << "\n\n" << vis_help;
        return 2;
    }
    try {
        const ModelConfig cfg =
            is_morphology_file(path) ? model_config_for_morphology(path) : load_model_config(path);
        Cell cell = build_cell(cfg);
        if (!region.empty())
            o.region = mo.region = parse_region(region);
        if (!locset.empty())
            o.locset = parse_locset(locset);
        if (!value.empty())
            o.value = mo.value = value;
        if (level == "node" || !value.empty())
            init_cell(cell, cfg);
        if (!at.empty()) {
            if (value.empty())
                throw InputError("--at goes with --value");
            cell.run(cfg.dynamics.simulation.dt_ms,
                     units::parse_quantity(at, units::Dimension::time, "--at"));
        }
        std::string svg;
        if (morphology) {
            mo.plane = plane;
            mo.color_by = !value.empty() ? "value" : !region.empty() ? "region" : "type";
            svg = morphology_picture(cell, mo);
        } else {
            svg = vis_topology(cell, level, o);
        }
        std::ofstream f(out_path);
        if (!f)
            throw InputError(out_path + ": cannot write");
        f << svg;
        f.close();
        out << "wrote " << out_path;
        if (png) {
            const std::string png_path = out_path.substr(0, out_path.rfind('.')) + ".png";
            const std::string cmd =
                "rsvg-convert '" + out_path + "' -o '" + png_path + "' 2>/dev/null";
            if (std::system("command -v rsvg-convert >/dev/null 2>&1") != 0)
                out << " (no PNG: rsvg-convert is not installed; apt-get install librsvg2-bin)";
            else if (std::system(cmd.c_str()) != 0)
                throw InputError("rsvg-convert failed on " + out_path);
            else
                out << " and " << png_path;
        }
        out << "\n";
        return 0;
    } catch (const InputError& e) {
        err << "rtcell vis: error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace rtcell::tools
