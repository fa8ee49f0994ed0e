#include "tools/vis_command.hpp"

#include <cstdlib>
#include <fstream>
#include <ostream>

#include "config/model_config.hpp"
#include "config/units.hpp"
#include "model/formats/morphology_file.hpp"
#include "model/morph/label_parser.hpp"
#include "model/util/input_error.hpp"
#include "model/vis/vis.hpp"
#include "tools/cli/arguments.hpp"
#include "tools/cli/warnings.hpp"

namespace rtcell::tools {
namespace {
const char* const vis_help =
    "usage: rtcell vis CONFIG|MORPHOLOGY --out FILE.svg [--png]\n"
    "         [--level branch|cv|node] [--region EXPR | --locset EXPR | --value V [--at T]]\n"
    "         [--preset dendrotweaks|mono|depth] [--layout radial|dendrogram] [--coverage "
    "fraction|any|all]\n"
    "         [--cmap viridis|plasma|magma|cividis] [--vmin X] [--vmax X] [--highlight #rrggbb] "
    "[--scale S]\n"
    "         [--labels] [--no-legend]\n"
    "       rtcell vis CONFIG|MORPHOLOGY --morphology --out FILE.svg [--plane xy|xz|yz]\n"
    "         [--region EXPR | --value V [--at T]] [--cmap NAME] [--labels] [--no-legend]\n"
    "\n"
    "Draws the cell as standalone SVG. Topology views (--level, default node): one node per\n"
    "branch, per CV, or per runtime node, with a region's coverage or a locset highlighted, or\n"
    "coloured by a value: V (membrane potential) or a mechanism state such as hh.m, after\n"
    "running the cell to time T (--at 20ms). --morphology draws the real geometry projected on a\n"
    "plane, each frustum at its true width, coloured by branch type (with a legend), a region, or\n"
    "a value (with a colour bar), with a scale bar. Both draw y up. --labels names the branches;\n"
    "--no-legend leaves out the legend and the colour bar. --png also writes FILE.png with "
    "rsvg-convert (Debian: librsvg2-bin).\n";
}  // namespace

int run_vis(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::string path, out_path, level = "node", region, locset, value, at, plane = "xy";
    VisOptions o;
    MorphologyPictureOptions mo;
    bool morphology = false, png = false, labels = false, no_legend = false;
    std::string vmin, vmax, scale, cmap, highlight;
    Arguments a("vis", vis_help);
    a.positional(path, "configuration or morphology")
        .option("--out", out_path)
        .flag("--png", png)
        .option("--level", level)
        .option("--region", region)
        .option("--locset", locset)
        .option("--value", value)
        .option("--at", at)
        .option("--preset", o.preset)
        .option("--layout", o.layout)
        .option("--coverage", o.coverage_mode)
        .option("--cmap", cmap)
        .option("--vmin", vmin)
        .option("--vmax", vmax)
        .option("--highlight", highlight)
        .option("--scale", scale)
        .flag("--morphology", morphology)
        .flag("--labels", labels)
        .flag("--no-legend", no_legend)
        .option("--plane", plane);
    if (const int status = a.parse(args, out, err); status >= 0)
        return status;
    try {
        if (!cmap.empty())
            o.cmap = mo.cmap = cmap;
        if (!highlight.empty())
            o.highlight_color = mo.highlight_color = highlight;
        if (!vmin.empty())
            o.vmin = mo.vmin = number(vmin, "--vmin");
        if (!vmax.empty())
            o.vmax = mo.vmax = number(vmax, "--vmax");
        if (!scale.empty())
            o.layout_scale = number(scale, "--scale");
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
        print_warnings(err, "vis", config_warnings(cell, cfg, false));
        if (!at.empty()) {
            if (value.empty())
                throw InputError("--at goes with --value");
            cell.run(cfg.dynamics.simulation.dt_ms, quantity(at, units::Dimension::time, "--at"));
        }
        o.labels = mo.labels = labels;
        mo.legend = mo.show_colorbar = o.show_colorbar = !no_legend;
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
