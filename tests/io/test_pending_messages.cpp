// Requests for far steps wait on the IO thread (io/pending_messages.hpp), not in the loop's
// fixed arrays: released within the lead and applied at their step, listed, cancelled by id or
// all at once, bounded in number.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "fuzz/fuzz_kernel_rig.hpp"

using namespace rtcell;
using json = nlohmann::json;

namespace {
io::ControlRequests control_of(fuzz::KernelRig& rig) {
    return io::ControlRequests(
        rig.pending, rig.stats, rig.info, [] { return json::object(); },
        [] {
            return json{{"inputs", json::array()}};
        });
}
json ask(io::ControlRequests& c, const std::string& text) {
    return json::parse(c.answer(text));
}
}  // namespace

TEST_CASE("a far event waits on the IO side and is applied at its step", "[io][pending]") {
    fuzz::KernelRig rig;  // lead 64 steps
    const int syn = rig.task.synapse_handle("syn");
    std::uint64_t id = 0;
    REQUIRE(rig.pending.send(rt::InputEvent{syn, 0, 0.01, 300, -1}, &id));
    CHECK(id > 0);
    CHECK(rig.pending.size() == 1);
    const auto g = rig.cell.state("syn", "g");
    for (int k = 0; k < 299; ++k)
        rig.step();
    CHECK(rig.pending.size() == 0);  // released once within the lead
    CHECK(g[0] == 0.0);              // not yet applied
    rig.step();                      // step 300
    CHECK(rig.cell.steps() == 300);
    CHECK(g[0] > 0.0);
    CHECK(g[1] == 0.0);  // member 0 only
    // A near one goes to the loop at once.
    REQUIRE(rig.pending.send(rt::InputEvent{syn, 1, 0.01, 310, -1}, &id));
    CHECK(id == 0);
    CHECK(rig.pending.size() == 0);
}

TEST_CASE("pending requests are listed and cancelled; only queued ones say ok", "[io][pending]") {
    fuzz::KernelRig rig;
    io::ControlRequests control = control_of(rig);
    const json far = ask(control, R"({"cmd": "pause", "step": 1000000})");
    REQUIRE(far["ok"] == true);
    const auto id = far["pending_id"].get<std::uint64_t>();
    const json set = ask(control, R"({"cmd": "set", "target": "stim.amp", "value": 0.3,
                                      "member": 1, "step": 2000000})");
    REQUIRE(set["ok"] == true);
    CHECK(ask(control, R"({"cmd": "resume"})").count("pending_id") == 0);  // at once
    const json listed = ask(control, R"({"cmd": "pending"})");
    REQUIRE(listed["pending"].size() == 2);
    CHECK(listed["pending"][0]["kind"] == "pause");
    CHECK(listed["pending"][0]["tick"] == 1000000);
    CHECK(listed["pending"][1]["kind"] == "set_parameter");
    CHECK(listed["pending"][1]["target"] == "stim.amp");
    CHECK(listed["pending"][1]["member"] == 1);
    CHECK(listed["lead_steps"] == 64);
    CHECK(ask(control, "{\"cmd\": \"cancel\", \"id\": " + std::to_string(id) + "}")["ok"] == true);
    const json again = ask(control, "{\"cmd\": \"cancel\", \"id\": " + std::to_string(id) + "}");
    CHECK(again["ok"] == false);
    CHECK_THAT(again["error"].get<std::string>(), Catch::Contains("nothing pending has id"));
    CHECK(ask(control, R"({"cmd": "cancel", "all": true})")["cancelled"] == 1);
    CHECK(ask(control, R"({"cmd": "pending"})")["pending"].empty());
    CHECK(ask(control, R"({"cmd": "cancel", "all": false})")["ok"] == false);
    CHECK(ask(control, R"({"cmd": "cancel", "id": -3})")["ok"] == false);
}

TEST_CASE("the store of later requests is bounded", "[io][pending]") {
    fuzz::KernelRig rig;
    io::PendingMessages small(rig.task, 64, 3);
    const int syn = rig.task.synapse_handle("syn");
    for (std::uint64_t k = 0; k < 3; ++k)
        CHECK(small.send(rt::InputEvent{syn, 0, 0.01, 10000 + k, -1}));
    CHECK_FALSE(small.send(rt::InputEvent{syn, 0, 0.01, 20000, -1}));
    CHECK_FALSE(small.send(rt::ControlMessage{rt::ControlMessage::Kind::pause, 50000}));
    CHECK(small.size() == 3);
    CHECK(small.send(rt::InputEvent{syn, 0, 0.01, 5, -1}));  // near: straight to the loop
}

TEST_CASE("a value named for a model step applies at that step", "[io][pending][values]") {
    fuzz::KernelRig rig;
    const io::InputPath values = rig.input(false, false);
    const std::vector<io::WireValue> at_40{{1, 0.3, 40}}, far{{0, 0.2, 500}}, now{{0, 0.1, 0}};
    values.handle(io::encode_values(at_40, 1), rig.pending, rig.stats, rig.info);
    values.handle(io::encode_values(far, 2), rig.pending, rig.stats, rig.info);
    CHECK(rig.pending.size() == 1);  // step 500 waits on the IO side (lead 64)
    const auto amp = rig.cell.parameter("stim", "amp");
    const double before = amp[1];
    std::vector<double> seen;
    for (int k = 0; k < 40; ++k) {
        rig.step();
        seen.push_back(amp[1]);
    }
    CHECK(seen[38] == before);  // through step 39
    CHECK(seen[39] == 0.3);     // applied at the start of step 40
    CHECK(amp[0] == before);    // member 1 only
    values.handle(io::encode_values(now, 3), rig.pending, rig.stats, rig.info);
    rig.step();
    CHECK(amp[0] == 0.1);  // step 0: at the next step
    for (int k = 0; k < 460; ++k)
        rig.step();
    CHECK(amp[0] == 0.2);
    CHECK(rig.pending.size() == 0);
}
