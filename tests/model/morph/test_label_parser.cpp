// The text form of regions and locsets: every operator parses, and errors point at the
// offending column.
#include <catch2/catch.hpp>

#include "model/morph/label_parser.hpp"
#include "model/util/input_error.hpp"
#include "support/fixtures.hpp"

using namespace rtcell;
using Catch::Contains;

TEST_CASE("every region and locset operator parses", "[parser]") {
    const Morphology m = test::y_tree();
    for (const char* text : {"(all)",
                             "(nil)",
                             "(branch 1)",
                             "(branch \"left\")",
                             "(cable 0 0.1 0.2)",
                             "(tag 3)",
                             "(type soma)",
                             "(type \"apical_dendrite\")",
                             "(branch-length 0 60)",
                             "(branch-radius 0 1)",
                             "(branch-order 1 2)",
                             "(distance-between 10 20 (root))",
                             "(distance-ge 10 (terminal))",
                             "(distance-le 10 (location 0 0.5))",
                             "(radius-between 0.5 1)",
                             "(subtree \"trunk\")",
                             "(proximal-interval (terminal))",
                             "(distal-interval (root) 10)",
                             "(join (tag 3) (tag 2) (tag 4))",
                             "(intersect (all) (tag 3))",
                             "(difference (all) (tag 3))",
                             "(complement (tag 3))"}) {
        INFO(text);
        CHECK_NOTHROW(parse_region(text).evaluate(m));
        CHECK(parse_region(parse_region(text).to_string()) == parse_region(text));
    }
    for (const char* text :
         {"(root)", "(location 1 0.5)", "(location \"left\" 1)", "(terminal)", "(fork)",
          "(uniform (all) 5)", "(random (tag 3) 4 99)", "(on-branches 0.5)", "(proximal (tag 3))",
          "(distal (tag 3))", "(restrict (terminal) (tag 3))", "(join (root) (terminal))",
          "(sum (root) (root))"}) {
        INFO(text);
        CHECK_NOTHROW(parse_locset(text).evaluate(m));
        CHECK(parse_locset(parse_locset(text).to_string()) == parse_locset(text));
    }
    CHECK(parse_region("  ( tag   3 )  ") == parse_region("(tag 3)"));
    CHECK(parse_region("dends") == parse_region("(region \"dends\")"));
    CHECK(parse_locset("\"tips\"") == parse_locset("(locset \"tips\")"));
}

TEST_CASE("parse errors name the column and the problem", "[parser][errors]") {
    CHECK_THROWS_WITH(parse_region("(tag x)"), Contains("column 6: expected a number, found 'x'"));
    CHECK_THROWS_WITH(parse_region("(tga 3)"),
                      Contains("column 2: unknown operator 'tga' (did you mean 'tag'?)"));
    CHECK_THROWS_WITH(parse_region("(join (tag 3) (root))"),
                      Contains("column 16: 'root' gives a locset"));
    CHECK_THROWS_WITH(parse_locset("(tag 3)"), Contains("'tag' gives a region"));
    CHECK_THROWS_WITH(parse_region("(tag 3"), Contains("column 1: '(' is not closed"));
    CHECK_THROWS_WITH(parse_region("(tag 3 4)"), Contains("column 8: too many arguments"));
    CHECK_THROWS_WITH(parse_region("(cable 0 0.5)"), Contains("missing argument to 'cable'"));
    CHECK_THROWS_WITH(parse_region("(tag 3) (tag 4)"), Contains("column 9: unexpected text"));
    CHECK_THROWS_WITH(parse_region("(type neuron)"), Contains("unknown branch type 'neuron'"));
    CHECK_THROWS_WITH(parse_region("(branch \"a)"), Contains("unterminated string"));
    CHECK_THROWS_WITH(parse_region("()"), Contains("expected an operator name"));
    CHECK_THROWS_WITH(parse_region(""), Contains("expected a region"));
    CHECK_THROWS_AS(parse_region("(cable 0 0.5 0.2)").evaluate(test::y_tree()), InputError);
    CHECK_THROWS_AS(parse_locset("(location 0 1.5)").evaluate(test::y_tree()), InputError);
}
