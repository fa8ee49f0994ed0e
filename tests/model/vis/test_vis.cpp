// Pictures: well-formed SVG, one drawn node per branch / CV / runtime node, coverage and value
// colours, layouts without overlapping nodes, errors, and rendering to PNG with rsvg-convert.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include "config/model_config.hpp"
#include "model/formats/swc_reader.hpp"
#include "model/vis/colormap.hpp"
#include "model/vis/vis.hpp"
#include "support/test_data.hpp"

using namespace rtcell;
using Catch::Contains;

namespace {

// A small well-formedness check: every tag closes in order, attributes are quoted.
bool well_formed(const std::string& svg) {
    std::vector<std::string> stack;
    std::size_t i = 0;
    while ((i = svg.find('<', i)) != std::string::npos) {
        const std::size_t end = svg.find('>', i);
        if (end == std::string::npos)
            return false;
        const std::string tag = svg.substr(i + 1, end - i - 1);
        i = end + 1;
        if (tag.empty() || tag[0] == '?' || tag[0] == '!')
            continue;
        if (std::count(tag.begin(), tag.end(), '"') % 2)
            return false;
        if (tag[0] == '/') {
            if (stack.empty() || stack.back() != tag.substr(1))
                return false;
            stack.pop_back();
        } else if (tag.back() != '/') {
            stack.push_back(tag.substr(0, tag.find(' ')));
        }
    }
    return stack.empty();
}

std::size_t count(const std::string& svg, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t i = 0; (i = svg.find(what, i)) != std::string::npos; ++i)
        ++n;
    return n;
}

struct Node {
    double x, y, r;
    std::string fill;
    double value = NAN;
};

std::vector<Node> nodes(const std::string& svg) {
    std::vector<Node> out;
    static const std::regex circle(
        R"re(<circle class="node" data-id="\d+" cx="([-\d.e+]+)" cy="([-\d.e+]+)" r="([-\d.e+]+)" fill="(#[0-9a-f]{6})"( data-value="([^"]+)")?)re");
    for (std::sregex_iterator it(svg.begin(), svg.end(), circle), end; it != end; ++it)
        out.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), (*it)[4],
                       (*it)[6].matched ? std::stod((*it)[6]) : NAN});
    return out;
}

double min_distance(const std::vector<Node>& n) {
    double best = 1e300;
    for (std::size_t i = 0; i < n.size(); ++i)
        for (std::size_t j = i + 1; j < n.size(); ++j)
            best = std::min(best, std::hypot(n[i].x - n[j].x, n[i].y - n[j].y));
    return best;
}

Cell example() {
    return build_cell(load_model_config(test::config("examples/ball_and_stick.yaml")));
}

}  // namespace

TEST_CASE("one drawn node per branch, CV and runtime node; edges form the tree", "[vis]") {
    Cell cell = example();
    cell.init_state();
    const std::string b = vis_branch(cell, {}), c = vis_cv(cell, {}), n = vis_node(cell, {});
    for (const auto* svg : {&b, &c, &n})
        CHECK(well_formed(*svg));
    CHECK(count(b, "class=\"node\"") == 2);
    CHECK(count(b, "class=\"edge\"") == 1);
    CHECK(count(c, "class=\"node\"") == cell.layout().num_cvs());
    CHECK(count(c, "class=\"edge\"") == cell.layout().num_cvs() - 1);
    CHECK(count(n, "class=\"node\"") == cell.layout().num_nodes());
    CHECK(count(n, "class=\"edge\"") == cell.layout().num_nodes() - 1);
    CHECK(vis_topology(cell, "cv", {}) == c);
    CHECK_THROWS_WITH(vis_topology(cell, "leaf", {}), Contains("unknown level 'leaf'"));
}

TEST_CASE("a real reconstruction: counts and no overlapping nodes in either layout", "[vis]") {
    CellOptions o;
    o.cv_policy = CvPolicy::max_extent(20, true);
    Cell cell(read_swc_file(test::data("morphology/CA1.swc")), o);
    cell.init_state();
    for (const char* layout : {"radial", "dendrogram"}) {
        VisOptions v;
        v.layout = layout;
        INFO(layout);
        const auto br = nodes(vis_branch(cell, v));
        CHECK(br.size() == cell.morphology().num_branches());
        CHECK(min_distance(br) >= 2 * br[0].r);
        const auto nd = nodes(vis_node(cell, v));
        CHECK(nd.size() == cell.layout().num_nodes());
        CHECK(min_distance(nd) >= 2 * nd[0].r);
    }
}

TEST_CASE("region coverage: fraction blends, any and all threshold", "[vis][coverage]") {
    Cell cell = example();  // soma, and a 200 µm dendrite
    VisOptions v;
    v.region = reg::cable(1, 0.0, 0.5);
    v.node_color = "#000000";
    v.highlight_color = "#ffffff";
    const auto fraction = nodes(vis_branch(cell, v));
    CHECK(fraction[0].fill == "#000000");  // the soma is not covered
    CHECK(fraction[1].fill == "#808080");  // half of the dendrite
    v.coverage_mode = "any";
    CHECK(nodes(vis_branch(cell, v))[1].fill == "#ffffff");
    v.coverage_mode = "all";
    CHECK(nodes(vis_branch(cell, v))[1].fill == "#000000");
    v.coverage_mode = "most";
    CHECK_THROWS_WITH(vis_branch(cell, v), Contains("coverage_mode 'most'"));
    // At CV level a locset highlights the CV that owns each location.
    VisOptions l;
    l.locset = ls::location(1, 0.95);
    l.highlight_color = "#ff0000";
    cell.init_state();
    const auto cvs = nodes(vis_cv(cell, l));
    CHECK(std::count_if(cvs.begin(), cvs.end(),
                        [](const Node& n) { return n.fill == "#ff0000"; }) == 1);
    CHECK(cvs[cell.layout().cv_of({1, 0.95})].fill == "#ff0000");
}

TEST_CASE("value colouring maps through the colormap", "[vis][value]") {
    Cell cell = example();
    cell.run(0.025, 26);
    VisOptions v;
    v.value = "V";
    v.vmin = -80;
    v.vmax = 40;
    const auto cvs = nodes(vis_cv(cell, v));
    REQUIRE(cvs.size() == cell.layout().num_cvs());
    const auto V = cell.cv_values("V");
    for (std::size_t i = 0; i < cvs.size(); ++i) {
        CHECK(cvs[i].value == Approx(V[i]).margin(1e-3));
        CHECK(cvs[i].fill == vis::to_hex(vis::colormap("viridis", (V[i] + 80) / 120)));
    }
    VisOptions s;
    s.value = "hh.m";
    s.cmap = "magma";
    const auto nn = nodes(vis_node(cell, s));
    CHECK(nn.size() == cell.layout().num_nodes());
    VisOptions explicit_values;
    explicit_values.values.assign(cell.layout().num_cvs(), 1.0);
    explicit_values.values[0] = 0.0;
    const auto ev = nodes(vis_cv(cell, explicit_values));
    CHECK(ev[0].fill == vis::to_hex(vis::colormap("viridis", 0)));
    CHECK(ev[1].fill == vis::to_hex(vis::colormap("viridis", 1)));
}

TEST_CASE("invalid combinations raise clear errors", "[vis][errors]") {
    Cell cell = example();
    VisOptions both;
    both.value = "V";
    both.region = reg::all();
    CHECK_THROWS_WITH(vis_cv(cell, both), Contains("mutually exclusive"));
    VisOptions value;
    value.value = "V";
    CHECK_THROWS_WITH(vis_branch(cell, value), Contains("topology-only"));
    CHECK_THROWS_WITH(vis_node(cell, {}), Contains("needs an initialized cell"));
    CHECK_THROWS_WITH(vis_cv(cell, value), Contains("needs an initialized cell"));
    VisOptions preset;
    preset.preset = "dendrotweak";
    CHECK_THROWS_WITH(vis_branch(cell, preset), Contains("did you mean 'dendrotweaks'"));
    VisOptions layout;
    layout.layout = "circle";
    CHECK_THROWS_WITH(vis_branch(cell, layout), Contains("unknown layout 'circle'"));
    cell.init_state();
    VisOptions cmap;
    cmap.value = "V";
    cmap.cmap = "viridi";
    CHECK_THROWS_WITH(vis_cv(cell, cmap), Contains("did you mean 'viridis'"));
    VisOptions colour;
    colour.node_color = "navy";
    CHECK_THROWS_WITH(vis_branch(cell, colour), Contains("not #rrggbb"));
}

TEST_CASE("morphology pictures: every frustum at its true width, a scale bar",
          "[vis][morphology]") {
    Cell cell = example();
    const std::string svg = morphology_picture(cell, {});
    CHECK(well_formed(svg));
    CHECK(count(svg, "class=\"frustum\"") == 2);
    CHECK_THAT(svg, Contains("class=\"scalebar\""));
    CHECK_THAT(svg, Contains(" µm</text>"));
    MorphologyPictureOptions region;
    region.color_by = "region";
    region.region = reg::tag(3);
    CHECK_THAT(morphology_picture(cell, region), Contains("fill=\"#ef4444\""));
    MorphologyPictureOptions bad;
    bad.plane = "xw";
    CHECK_THROWS_WITH(morphology_picture(cell, bad), Contains("plane 'xw'"));
}

TEST_CASE("SVG renders to a PNG of the expected size", "[vis][render]") {
    if (std::system("command -v rsvg-convert >/dev/null 2>&1") != 0) {
        WARN("rsvg-convert is not installed (apt-get install librsvg2-bin): rendering not tested");
        return;
    }
    Cell cell = example();
    const std::string svg = vis_branch(cell, {});
    const auto dir = std::filesystem::temp_directory_path();
    const auto svg_path = dir / "rtcell_vis_test.svg", png_path = dir / "rtcell_vis_test.png";
    std::ofstream(svg_path) << svg;
    REQUIRE(std::system(("rsvg-convert '" + svg_path.string() + "' -o '" + png_path.string() + "'")
                            .c_str()) == 0);
    std::ifstream png(png_path, std::ios::binary);
    std::vector<unsigned char> head(24);
    png.read(reinterpret_cast<char*>(head.data()), 24);
    REQUIRE(png.gcount() == 24);
    CHECK(head[1] == 'P');
    CHECK(head[2] == 'N');
    CHECK(head[3] == 'G');
    const auto be32 = [&](int at) {
        return (head[at] << 24) | (head[at + 1] << 16) | (head[at + 2] << 8) | head[at + 3];
    };
    std::smatch m;
    REQUIRE(std::regex_search(svg, m, std::regex(R"re(width="([\d.]+)" height="([\d.]+)")re")));
    CHECK(std::abs(be32(16) - std::stod(m[1])) <= 1);
    CHECK(std::abs(be32(20) - std::stod(m[2])) <= 1);
    CHECK(std::filesystem::file_size(png_path) > 100);
    std::filesystem::remove(svg_path);
    std::filesystem::remove(png_path);
}

TEST_CASE("CV pictures show the model's CVs under every policy, before and after init_state",
          "[vis][cv_policy]") {
    // A painted Ra and cm far from the defaults, so that d-λ cuts differently from a rule that
    // ignored them.
    const std::string base = R"(
morphology:
  branches:
    - {name: soma, type: soma, points_um: [[0, 0, 0, 20], [20, 0, 0, 20]]}
    - {name: dend, type: basal_dendrite, parent: soma, parent_x: 1, points_um: [[20, 0, 0, 2], [820, 0, 0, 1]]}
cable: {Ra: 400 ohm*cm, cm: 2 uF/cm2}
paint: [{region: (all), mechanism: pas}]
)";
    for (const char* policy : {"per_branch", "{fixed: 3}", "{explicit: {soma: 1, dend: 7}}",
                               "{max_extent: 30 um}", "{max_extent: 30 um, odd: true}",
                               "{d_lambda: 0.1}", "{d_lambda: 0.05, frequency: 1000 Hz}",
                               "[{fixed: 2}, {region: (branch \"dend\"), d_lambda: 0.1}]"}) {
        INFO(policy);
        const ModelConfig cfg =
            parse_model_config(base + "cv_policy: " + policy + "\n", "policy.yaml");
        Cell declared = build_cell(cfg);
        const std::string before = vis_cv(declared, {});
        Cell initialized = build_cell(cfg);
        initialized.init_state();
        const std::size_t cvs = initialized.layout().num_cvs();
        CHECK(count(before, "class=\"node\"") == cvs);
        CHECK(vis_cv(initialized, {}) == before);
    }
}

TEST_CASE("branch labels on request, in topology views and on the geometry", "[vis][labels]") {
    Cell cell = example();
    VisOptions v;
    CHECK(count(vis_branch(cell, v), "class=\"label\"") == 0);
    v.labels = true;
    const std::string b = vis_branch(cell, v);
    CHECK(count(b, "class=\"label\"") == 2);
    CHECK_THAT(b, Contains(">soma</text>") && Contains(">dend</text>"));
    CHECK(count(vis_cv(cell, v), "class=\"label\"") == 2);  // at each branch's first CV
    MorphologyPictureOptions mo;
    mo.labels = true;
    CHECK(count(morphology_picture(cell, mo), "class=\"label\"") == 2);
    CHECK(well_formed(morphology_picture(cell, mo)));
}

TEST_CASE("a morphology by type has a legend of the types it shows", "[vis][legend]") {
    Cell cell = example();
    const std::string svg = morphology_picture(cell, {});
    CHECK(well_formed(svg));
    CHECK(count(svg, "class=\"legend\"") == 1);
    CHECK(count(svg, "class=\"swatch\"") == 2);
    CHECK_THAT(svg, Contains(">soma</text>") && Contains(">basal_dendrite</text>"));
    CHECK_THAT(svg, !Contains(">axon</text>"));
    MorphologyPictureOptions no;
    no.legend = false;
    CHECK(count(morphology_picture(cell, no), "class=\"legend\"") == 0);
}

TEST_CASE("value pictures have a colour bar whose range is right, also for a constant",
          "[vis][colorbar]") {
    Cell cell = example();
    cell.init_state();
    MorphologyPictureOptions mo;
    mo.color_by = "value";
    // At rest every CV is at V_init: a constant, shown as that value.
    const std::string rest = morphology_picture(cell, mo);
    CHECK(count(rest, "class=\"colorbar\"") == 1);
    CHECK_THAT(rest, Contains("class=\"colorbar-constant\"") && Contains(">-65 (constant)</text>"));
    VisOptions v;
    v.value = "V";
    CHECK_THAT(vis_cv(cell, v), Contains(">-65 (constant)</text>"));
    // Explicit values: the ends are their extremes.
    mo.values.assign(cell.layout().num_cvs(), 1.0);
    mo.values[0] = -2.5;
    mo.values[1] = 7.25;
    const std::string spread = morphology_picture(cell, mo);
    CHECK_THAT(spread, Contains("class=\"colorbar-lo\"") && Contains(">-2.5</text>"));
    CHECK_THAT(spread, Contains(">7.25</text>"));
}

TEST_CASE("topology and morphology views share one orientation: y up", "[vis][orientation]") {
    // A soma with a dendrite growing in +y: drawn upward in the morphology picture, and the
    // dendrogram's child above its root.
    const ModelConfig cfg = parse_model_config(R"(
morphology:
  branches:
    - {name: soma, type: soma, points_um: [[0, 0, 0, 10], [0, 10, 0, 10]]}
    - {name: dend, type: apical_dendrite, parent: soma, points_um: [[0, 10, 0, 2], [0, 200, 0, 2]]}
)",
                                               "up.yaml");
    Cell cell = build_cell(cfg);
    VisOptions v;
    v.layout = "dendrogram";
    const auto n = nodes(vis_branch(cell, v));
    REQUIRE(n.size() == 2);
    CHECK(n[1].y < n[0].y);  // the child is higher on the page (SVG y grows downward)
    const std::string svg = morphology_picture(cell, {});
    // The dendrite's far end (y = 200 µm) is near the top of the page.
    const std::regex poly(R"re(<polygon class="frustum" fill="#16a34a" points="([^"]+)")re");
    std::smatch m;
    REQUIRE(std::regex_search(svg, m, poly));
    double ymin = 1e300;
    std::istringstream pts(m[1].str());
    for (std::string p; pts >> p;)
        ymin = std::min(ymin, std::stod(p.substr(p.find(',') + 1)));
    CHECK(ymin < 60);
}
