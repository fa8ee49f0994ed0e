// An outside program on an installed rtcell (tests/install/CMakeLists.txt): an HH soma driven
// by a current step, with the project's own NMODL leak from its catalogue, must fire. Exit 0
// when it does.
#include <cstdio>

#include "model/cell/cell.hpp"
#include "model/mechanisms/loaded/catalogue_loader.hpp"
#include "model/morph/morph_expr.hpp"

int main() {
    using namespace rtcell;
    Branch soma{
        "soma", BranchType::soma, 1, -1, 1.0, {{-10, 0, 0, Diameter{20}}, {10, 0, 0, Diameter{20}}},
        {}};
    load_catalogue(CONSUMER_CATALOGUE);
    Cell cell(Morphology({soma}, "soma"));
    cell.paint(reg::all(), Density("hh"), Density("consumer_leak"));
    cell.place(ls::location(0, 0.5),
               Point{"IClamp", "stim", {{"delay", 1.0}, {"dur", 20.0}, {"amp", 0.3}}, {}});
    cell.init_state();
    int spikes = 0;
    for (int k = 0; k < 1000; ++k)
        spikes += cell.update()[0];
    std::printf("consumer: %d spikes in 25 ms\n", spikes);
    return spikes > 0 ? 0 : 1;
}
