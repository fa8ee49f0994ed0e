// The NMODL validation: NEURON's scenarios of tests/validation/ run again with mechanisms
// from catalogues that rtcell's translator built from .mod files (tests/CMakeLists.txt), in
// place of the built-in mechanisms of the same names, against the same NEURON traces and with
// the same tolerances (support/neuron_checks.hpp):
//   neuron_validation.so  tests/validation/neuron/mod/ — the .mod files NEURON itself ran to
//                         make these references (all but the ion pools, which stay built-in)
//   own_mechanisms.so     tests/validation/nmodl/mod/ — rtcell's own NMODL of hh, pas, ExpSyn
//                         and Exp2Syn, against the built-in mechanisms' references
//   classic_channels.so   tests/validation/nmodl/classic/ — classic channel models written from
//                         their paper (Mainen & Sejnowski 1996: Na, Kv, Km, KCa, HVA Ca, the
//                         cad pool), with NEURON references made from the same files
#include <catch2/catch.hpp>

#include "model/cell/cell.hpp"
#include "support/neuron_checks.hpp"

using namespace rtcell;
using test::check_against_neuron;
using test::check_calcium_pool;
using test::check_rallpack;
using test::Variant;

namespace {
const Variant kTranscriptions{std::string(RTCELL_TEST_CATALOGUES) + "/neuron_validation.so",
                              "nmodl_",
                              {{"T", "temp"},
                               {"T_ref", "temp_ref"},
                               {"T_ref_p", "temp_ref_p"},
                               {"substeps", ""},
                               // The pools' Nernst temperature is NEURON's celsius, the cell's.
                               {"CalciumDetailed:T", ""},
                               {"CalciumDetailed:Co", "cao"},
                               {"CalciumFirstOrder:T", ""},
                               {"CalciumFirstOrder:Co", "cao"},
                               {"SodiumDetailed:T", ""},
                               {"SodiumDetailed:Co", "nao"},
                               {"PotassiumDetailed:T", ""},
                               {"PotassiumDetailed:Co", "ko"}}};
const Variant kOwn{std::string(RTCELL_TEST_CATALOGUES) + "/own_mechanisms.so", "own_"};
}  // namespace

TEST_CASE("NMODL: hh1952_soma with Na_HH1952, K_HH1952 and IL from .mod matches NEURON",
          "[validation][nmodl]") {
    check_against_neuron("hh1952_soma", {"v_soma"}, {"na_m", "na_h", "k_n"}, &kTranscriptions);
}

TEST_CASE("NMODL: tm_soma (Traub-Miles Na, K and the A current from .mod) matches NEURON",
          "[validation][nmodl]") {
    check_against_neuron("tm_soma", {"v_soma"}, {"na_p", "na_q", "k_p", "ka_p", "ka_q"},
                         &kTranscriptions);
}

TEST_CASE("NMODL: k_soma and k2_soma (IK2a, IK2b, KA2, the M current from .mod) match NEURON",
          "[validation][nmodl]") {
    check_against_neuron("k_soma", {"v_soma"}, {"kdr_p", "k2a_p", "k2a_q", "kni_p"},
                         &kTranscriptions);
    check_against_neuron("k2_soma", {"v_soma"}, {"ka2_p", "ka2_q", "k2b_p", "k2b_q"},
                         &kTranscriptions);
}

TEST_CASE("NMODL: ih_soma (HCN_HM1992 from .mod) matches NEURON", "[validation][nmodl]") {
    check_against_neuron("ih_soma", {"v_soma"}, {"hcn_p"}, &kTranscriptions);
}

TEST_CASE("NMODL: syn_soma (AMPA, GABAa and NMDA with NET_RECEIVE from .mod) matches NEURON",
          "[validation][nmodl]") {
    check_against_neuron("syn_soma", {"v_soma"},
                         {"ampa_g", "ampa_i", "gaba_g", "gaba_i", "nmda_g", "nmda_i", "nmda_x",
                          "nmda0_g", "nmda0_i"},
                         &kTranscriptions);
}

TEST_CASE(
    "NMODL: calcium channels and pools from .mod match NEURON (ca_soma, ca_family, "
    "ghk_soma)",
    "[validation][nmodl]") {
    // The pools are the .mod ones too.
    CHECK(test::scenario_model("ca_soma", &kTranscriptions)
              .text.find("mechanism: nmodl_CalciumDetailed") != std::string::npos);
    CHECK(test::scenario_model("ghk_soma", &kTranscriptions)
              .text.find("mechanism: nmodl_CalciumFirstOrder") != std::string::npos);
    check_against_neuron("ca_soma", {"v_soma"}, {"cat_p", "cat_q", "ahp_p"}, &kTranscriptions);
    {  // cai within 1e-4 relative and I_Ca within 1e-6 mA/cm², row by row
        const Traces out = test::simulate("ca_soma", &kTranscriptions);
        const test::Series ref = test::read_csv(test::neuron_scenario("ca_soma", "trace.csv"));
        CHECK(test::max_rel_same_row(out, ref, "cai") <= 1e-4);
        CHECK(test::compare(ref.t, ref.columns.at("ica"), out.t_ms, out.column("ica")).max_abs <=
              1e-6);
    }
    check_against_neuron("ca_family", {"v_soma"},
                         {"cat_p", "cat_q", "cal_p", "cal_q", "caht_p", "caht_q"},
                         &kTranscriptions);
    check_calcium_pool("ca_family", &kTranscriptions);
    check_against_neuron("ghk_soma", {"v_soma"}, {"ghk_p", "ahp_p"}, &kTranscriptions);
    check_calcium_pool("ghk_soma", &kTranscriptions);
}

TEST_CASE(
    "NMODL: sk_soma (the SK2 KINETIC scheme, sparse and STEADYSTATE, from .mod) matches "
    "NEURON",
    "[validation][nmodl]") {
    check_against_neuron("sk_soma", {"v_soma"}, {"sk_o1", "sk_o2", "sk_c1", "can_p"},
                         &kTranscriptions);
}

TEST_CASE("NMODL: nak_shells' sodium and potassium shells from .mod match NEURON",
          "[validation][nmodl]") {
    CHECK(test::scenario_model("nak_shells", &kTranscriptions)
              .text.find("mechanism: nmodl_SodiumDetailed") != std::string::npos);
    check_against_neuron("nak_shells", {"v_soma"}, {"hh_m", "hh_h", "hh_n"}, &kTranscriptions);
}

TEST_CASE("NMODL: rtcell's own hh.mod reproduces hh_soma and nak_shells", "[validation][nmodl]") {
    // The clamp is the own IClamp.mod too (an ELECTRODE_CURRENT that reads t).
    CHECK(test::scenario_model("hh_soma", &kOwn).text.find("mechanism: own_IClamp") !=
          std::string::npos);
    check_against_neuron("hh_soma", {"v_soma"}, {"m", "h", "n"}, &kOwn);
    check_against_neuron("nak_shells", {"v_soma"}, {"hh_m", "hh_h", "hh_n"}, &kOwn);
}

TEST_CASE("NMODL: rtcell's own pas.mod reproduces passive_cable and the Rallpacks",
          "[validation][nmodl]") {
    check_against_neuron("passive_cable", {"v_x0", "v_x1"}, {}, &kOwn);
    check_rallpack("rallpack1", "ref_cable.0", "v_x0", &kOwn);
    check_rallpack("rallpack1", "ref_cable.x", "v_x1", &kOwn);
    check_rallpack("rallpack2", "ref_branch.0", "v_x0", &kOwn);
    check_rallpack("rallpack2", "ref_branch.x", "v_x1", &kOwn);
}

TEST_CASE("NMODL: rtcell's own hh, pas and ExpSyn reproduce ball_and_stick and cv_boundaries",
          "[validation][nmodl]") {
    check_against_neuron("ball_and_stick", {"v_soma", "v_dend"}, {"syn_i"}, &kOwn);
    check_against_neuron("cv_boundaries",
                         {"v_soma", "v_axon_25", "v_axon_50", "v_axon_75", "v_dend_50", "v_side_33",
                          "v_side_67", "v_side_100"},
                         {"syn_i"}, &kOwn);
}

TEST_CASE(
    "NMODL: density_currents' probes of hh.ina, hh.ik, hh.i and pas.i work on .mod "
    "mechanisms",
    "[validation][nmodl]") {
    check_against_neuron("density_currents", {"v_soma"}, {}, &kOwn);
    const Traces out = test::simulate("density_currents", &kOwn);
    const test::Series ref = test::read_csv(test::neuron_scenario("density_currents", "trace.csv"));
    for (const char* name : {"hh_ina", "hh_ik", "hh_i", "pas_i"}) {
        INFO(name);
        double worst = 0;
        for (std::size_t k = 1; k < ref.t.size(); ++k)
            worst = std::max(worst, std::fabs(out.column(name)[k - 1] - ref.columns.at(name)[k]));
        CHECK(worst <= 1e-6);
    }
}

TEST_CASE(
    "NMODL: Mainen & Sejnowski's cortical channels and calcium pool from .mod match "
    "NEURON run on the same files (cortical_soma)",
    "[validation][nmodl]") {
    load_catalogue(std::string(RTCELL_TEST_CATALOGUES) + "/classic_channels.so");
    check_against_neuron("cortical_soma", {"v_soma"},
                         {"na_m", "na_h", "kv_n", "km_n", "ca_m", "ca_h", "kca_n"});
    const Traces out = test::simulate("cortical_soma");
    const test::Series ref = test::read_csv(test::neuron_scenario("cortical_soma", "trace.csv"));
    CHECK(test::max_rel_same_row(out, ref, "cai") <= 1e-4);
    // What the scenario is for: the pool fills (cai rises tenfold), and the spikes adapt.
    CHECK(*std::max_element(out.column("cai").begin(), out.column("cai").end()) > 1e-3);
    const auto spikes = test::crossings(out.t_ms, out.column("v_soma"), 0.0);
    REQUIRE(spikes.size() >= 10);
    CHECK(spikes[spikes.size() - 1] - spikes[spikes.size() - 2] > 1.2 * (spikes[2] - spikes[1]));
}

TEST_CASE(
    "NMODL: rtcell's own hh.mod under SEClamp and VClamp matches NEURON (seclamp_soma, "
    "vclamp_soma)",
    "[validation][nmodl]") {
    check_against_neuron("seclamp_soma", {"v_soma", "v_dend"}, {"clamp_i"}, &kOwn);
    check_against_neuron("vclamp_soma", {"v_soma", "v_dend"}, {}, &kOwn);
}

TEST_CASE("NMODL: a catalogue mechanism takes parameters per member and changes at run time",
          "[nmodl]") {
    load_catalogue(kOwn.catalogue, kOwn.prefix);
    Branch soma{
        "soma", BranchType::soma, 1, -1, 1.0, {{0, 0, 0, Diameter{20}}, {20, 0, 0, Diameter{20}}},
        {}};
    CellOptions o;
    o.pop_size = {3};
    o.V_init = -65;
    Cell cell(Morphology({soma}, "soma"), o);
    // Member 0 has hh's sodium, member 1 none, member 2 half of it.
    cell.paint(reg::all(),
               Density{"own_hh", {{"gnabar", ParamValue::per_member({0.12, 0.0, 0.06})}}})
        .place(ls::location("soma", 0.5),
               Point{"own_IClamp", "stim", {{"delay", 1.0}, {"dur", 1e9}, {"amp", 0.3}}, {}});
    cell.init_state();
    const auto spikes = [&](int steps) {
        std::vector<int> n(3, 0);
        for (int k = 0; k < steps; ++k) {
            const auto s = cell.update();
            for (std::size_t m = 0; m < 3; ++m)
                n[m] += s[m];
        }
        return n;
    };
    const auto first = spikes(2000);  // 50 ms
    CHECK(first[0] > 0);
    CHECK(first[1] == 0);
    // Member 1 gets its sodium back while running: it spikes from then on.
    cell.parameter("own_hh", "gnabar")[1] = 0.12;
    cell.parameters_changed("own_hh");
    const auto second = spikes(2000);
    CHECK(second[1] > 0);
    CHECK(std::abs(second[0] - second[1]) <= 1);  // the same cell now, at the same rate
}
