// `rtcell dashboard` itself: its errors name the option or file, off loopback it warns and makes
// a token, and it serves until its duration.
#include <catch2/catch.hpp>

#include "support/command_result.hpp"
#include "support/test_data.hpp"
#include "tools/dashboard/dashboard_command.hpp"

using namespace rtcell;

namespace {
test::CommandResult dashboard(std::vector<std::string> args) {
    return test::call(tools::run_dashboard, std::move(args));
}
}  // namespace

TEST_CASE("rtcell dashboard's errors name the option or file", "[dashboard]") {
    auto r = dashboard({"--listen", "nonsense"});
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("--listen: 'nonsense' is not ADDRESS:PORT"));
    r = dashboard({"--listen", "127.0.0.1:70000"});
    CHECK_THAT(r.err, Catch::Contains("port 70000 is not in 0-65535"));
    r = dashboard({"--stale", "3"});
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("--stale"));
    r = dashboard({"--web", "/no/such/folder"});
    CHECK_THAT(r.err, Catch::Contains("/no/such/folder/index.html: cannot read"));
    r = dashboard({test::config("examples/ball_and_stick.yaml")});
    CHECK_THAT(r.err, Catch::Contains("io.publish: this configuration publishes nothing"));
    CHECK(dashboard({"--bogus"}).status == 2);
}

TEST_CASE("rtcell dashboard serves until its duration; off loopback with a token", "[dashboard]") {
    auto r = dashboard({test::config("examples/zeromq_ball_and_stick.yaml"), "--listen",
                        "127.0.0.1:0", "--duration", "0.2 s"});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("watching tcp://127.0.0.1:5556; open http://127.0.0.1:"));
    CHECK_THAT(r.out, !Catch::Contains("token"));
    r = dashboard({"--listen", "0.0.0.0:0", "--duration", "0.2 s"});
    REQUIRE(r.status == 0);
    CHECK_THAT(r.err, Catch::Contains("warning: serving on 0.0.0.0"));
    CHECK_THAT(r.out, Catch::Contains("/?token="));
    r = dashboard({"--listen", "0.0.0.0:0", "--token", "mine", "--duration", "0.2 s"});
    CHECK_THAT(r.out, Catch::Contains("/?token=mine "));
    CHECK_THAT(r.err, Catch::Contains("warning: serving on 0.0.0.0"));
}
