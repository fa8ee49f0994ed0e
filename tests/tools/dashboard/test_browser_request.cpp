// What a browser may send the dashboard: views and the control requests a rig user steers with.
#include <catch2/catch.hpp>

#include "tools/dashboard/browser_request.hpp"

using rtcell::tools::BrowserRequest;
using rtcell::tools::parse_browser_request;

TEST_CASE("a view names its window, width and columns", "[dashboard]") {
    const auto r =
        parse_browser_request(R"({"type":"view","window_ms":500,"width_px":800,"columns":[1,0]})");
    REQUIRE(r.kind == BrowserRequest::Kind::view);
    CHECK(r.view.window_ms == 500);
    CHECK(r.view.width_px == 800);
    CHECK(r.view.columns == std::vector<std::uint32_t>{1, 0});
    CHECK(parse_browser_request(R"({"type":"view","window_ms":0,"width_px":8,"columns":[]})")
              .error.find("window_ms") != std::string::npos);
    CHECK(parse_browser_request(R"({"type":"view","window_ms":5,"width_px":-1,"columns":[]})")
              .error.find("width_px") != std::string::npos);
    CHECK(parse_browser_request(R"({"type":"view","window_ms":5,"width_px":8,"columns":["a"]})")
              .kind == BrowserRequest::Kind::invalid);
}

TEST_CASE("control requests pass on what a rig user steers with, not stop", "[dashboard]") {
    auto r = parse_browser_request(
        R"({"type":"control","id":4,"request":{"cmd":"set","target":"stim.amp","value":0.2}})");
    REQUIRE(r.kind == BrowserRequest::Kind::control);
    CHECK(r.id == 4);
    CHECK(r.control["target"] == "stim.amp");
    for (const char* cmd : {"pause", "resume", "reset_state", "list", "status"})
        CHECK(parse_browser_request(std::string(R"({"type":"control","id":1,"request":{"cmd":")") +
                                    cmd + "\"}}")
                  .kind == BrowserRequest::Kind::control);
    r = parse_browser_request(R"({"type":"control","id":1,"request":{"cmd":"stop"}})");
    CHECK(r.kind == BrowserRequest::Kind::invalid);
    CHECK(r.error.find("does not pass on 'stop'") != std::string::npos);
    CHECK(parse_browser_request(R"({"type":"control","request":{"cmd":"pause"}})")
              .error.find("'id'") != std::string::npos);
}

TEST_CASE("anything else is refused with a reason", "[dashboard]") {
    for (const char* text : {"", "not json", "[1,2]", R"({"type":5})", "{\"type\":\"\xff\"}",
                             R"({"type":"shutdown"})"}) {
        const auto r = parse_browser_request(text);
        CHECK(r.kind == BrowserRequest::Kind::invalid);
        CHECK_FALSE(r.error.empty());
    }
}
