// Fuzz target: what a browser sends the dashboard over its WebSocket (browser_request.hpp). Every
// message is a view, a control request the dashboard passes on, or refused with a reason; a view
// is clamped to the feed's limits.
#include "fuzz/fuzz_target.hpp"
#include "tools/dashboard/browser_request.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rtcell::tools;
    const BrowserRequest r = parse_browser_request(rtcell::fuzz::text(data, size));
    switch (r.kind) {
        case BrowserRequest::Kind::view: {
            ViewFeed feed;  // choose() must take whatever parsed
            feed.choose(r.view);
            if (r.view.width_px > ViewFeed::kMaxWidth)
                rtcell::fuzz::fail("a view wider than the limit");
            break;
        }
        case BrowserRequest::Kind::control:
            if (!r.control.is_object() || r.control["cmd"] == "stop")
                rtcell::fuzz::fail("a control request that should have been refused");
            break;
        case BrowserRequest::Kind::invalid:
            if (r.error.empty())
                rtcell::fuzz::fail("refused without a reason");
            break;
    }
    return 0;
}
