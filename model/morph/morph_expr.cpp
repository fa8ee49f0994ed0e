// Construction and printing of regions and locsets (evaluation is in region_eval.cpp and
// locset_eval.cpp).
#include <charconv>

#include "model/morph/morph_expr.hpp"
#include "model/util/quoted.hpp"

namespace rtcell {
namespace {

std::shared_ptr<const ExprNode> make(std::string op, std::vector<ExprArg> args = {}) {
    return std::make_shared<const ExprNode>(ExprNode{std::move(op), std::move(args)});
}

std::string format_number(double v) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : std::string("nan");
}

std::string print(const ExprNode& node) {
    std::string out = "(" + node.op;
    for (const ExprArg& arg : node.args) {
        out += ' ';
        if (auto* d = std::get_if<double>(&arg))
            out += format_number(*d);
        else if (auto* s = std::get_if<std::string>(&arg))
            out += quoted(*s);
        else if (auto* r = std::get_if<Region>(&arg))
            out += r->to_string();
        else
            out += std::get<Locset>(arg).to_string();
    }
    return out + ")";
}

Region region(std::string op, std::vector<ExprArg> args = {}) {
    return Region(make(std::move(op), std::move(args)));
}
Locset locset(std::string op, std::vector<ExprArg> args = {}) {
    return Locset(make(std::move(op), std::move(args)));
}

}  // namespace

Region::Region() : node_(make("nil")) {}
std::string Region::to_string() const {
    return print(*node_);
}
CableList Region::evaluate(const Morphology& m) const {
    return evaluate(m, LabelDict{});
}

Locset::Locset() : node_(make("nil")) {}
std::string Locset::to_string() const {
    return print(*node_);
}
LocationList Locset::evaluate(const Morphology& m) const {
    return evaluate(m, LabelDict{});
}

namespace reg {
Region all() {
    return region("all");
}
Region nothing() {
    return region("nil");
}
Region branch(int index) {
    return region("branch", {double(index)});
}
Region branch(const std::string& name) {
    return region("branch", {name});
}
Region cable(int b, double x0, double x1) {
    return region("cable", {double(b), x0, x1});
}
Region cable(const std::string& b, double x0, double x1) {
    return region("cable", {b, x0, x1});
}
Region tag(int swc_tag) {
    return region("tag", {double(swc_tag)});
}
Region type(BranchType t) {
    return region("type", {std::string(branch_type_name(t))});
}
Region branch_length(double lo, double hi) {
    return region("branch-length", {lo, hi});
}
Region branch_radius(double lo, double hi) {
    return region("branch-radius", {lo, hi});
}
Region branch_order(int lo, int hi) {
    return region("branch-order", {double(lo), double(hi)});
}
Region distance_between(double lo, double hi, const Locset& from) {
    return region("distance-between", {lo, hi, from});
}
Region distance_ge(double d, const Locset& from) {
    return region("distance-ge", {d, from});
}
Region distance_le(double d, const Locset& from) {
    return region("distance-le", {d, from});
}
Region radius_between(double lo, double hi) {
    return region("radius-between", {lo, hi});
}
Region subtree(int b) {
    return region("subtree", {double(b)});
}
Region subtree(const std::string& b) {
    return region("subtree", {b});
}
Region proximal_interval(const Locset& from, double extent) {
    return region("proximal-interval", {from, extent});
}
Region distal_interval(const Locset& from, double extent) {
    return region("distal-interval", {from, extent});
}
Region join(const Region& a, const Region& b) {
    return region("join", {a, b});
}
Region intersect(const Region& a, const Region& b) {
    return region("intersect", {a, b});
}
Region difference(const Region& a, const Region& b) {
    return region("difference", {a, b});
}
Region complement(const Region& a) {
    return region("complement", {a});
}
Region named(const std::string& label) {
    return region("region", {label});
}
}  // namespace reg

namespace ls {
Locset root() {
    return locset("root");
}
Locset location(int b, double x) {
    return locset("location", {double(b), x});
}
Locset location(const std::string& b, double x) {
    return locset("location", {b, x});
}
Locset terminals() {
    return locset("terminal");
}
Locset forks() {
    return locset("fork");
}
Locset uniform(const Region& where, int count) {
    return locset("uniform", {where, double(count)});
}
Locset random(const Region& where, int count, unsigned seed) {
    return locset("random", {where, double(count), double(seed)});
}
Locset on_branches(double x) {
    return locset("on-branches", {x});
}
Locset proximal(const Region& where) {
    return locset("proximal", {where});
}
Locset distal(const Region& where) {
    return locset("distal", {where});
}
Locset restrict_to(const Locset& what, const Region& where) {
    return locset("restrict", {what, where});
}
Locset join(const Locset& a, const Locset& b) {
    return locset("join", {a, b});
}
Locset sum(const Locset& a, const Locset& b) {
    return locset("sum", {a, b});
}
Locset named(const std::string& label) {
    return locset("locset", {label});
}
}  // namespace ls

}  // namespace rtcell
