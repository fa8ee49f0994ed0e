#pragma once
// A painted or placed parameter: one value, one value per population member, a linear range
// across members, or a function of path distance [µm] from the root (evaluated at each CV's
// midpoint when the cell is initialized). Values are in the kernel unit of the parameter.
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace rtcell {

class ParamValue {
  public:
    ParamValue(double v = 0.0) : kind_(Kind::constant), value_(v) {}  // NOLINT: implicit on purpose
    static ParamValue per_member(std::vector<double> values) {
        ParamValue p;
        p.kind_ = Kind::per_member;
        p.members_ = std::move(values);
        return p;
    }
    // lo for member 0, hi for the last member, linear in between.
    static ParamValue linear_range(double lo, double hi) {
        ParamValue p;
        p.kind_ = Kind::linear_range;
        p.lo_ = lo;
        p.hi_ = hi;
        return p;
    }
    static ParamValue by_distance(std::function<double(double distance_um)> f,
                                  std::string description = "f(distance)") {
        ParamValue p;
        p.kind_ = Kind::distance;
        p.distance_ = std::move(f);
        p.description_ = std::move(description);
        return p;
    }

    // A mechanism's own temperature parameter (unit degC) set to its region's temperature
    // (CableSettings::celsius of the CV, per member) instead of a value of its own.
    static ParamValue region_temperature() {
        ParamValue p;
        p.kind_ = Kind::region_temperature;
        return p;
    }
    bool is_region_temperature() const { return kind_ == Kind::region_temperature; }

    // Throws std::invalid_argument when a per-member list does not match the population, or
    // for a region temperature (which the Cell resolves, not the value).
    double value(std::size_t member, std::size_t pop, double distance_um) const {
        switch (kind_) {
            case Kind::constant:
                return value_;
            case Kind::per_member:
                if (members_.size() != pop)
                    throw std::invalid_argument(
                        "a per-member parameter has " + std::to_string(members_.size()) +
                        " values for a population of " + std::to_string(pop));
                return members_[member];
            case Kind::linear_range:
                return pop <= 1 ? lo_ : lo_ + (hi_ - lo_) * double(member) / double(pop - 1);
            case Kind::distance:
                return distance_(distance_um);
            case Kind::region_temperature:
                throw std::invalid_argument(
                    "the region's temperature is only for a mechanism's own temperature (degC)");
        }
        return value_;
    }
    bool is_constant() const { return kind_ == Kind::constant; }

  private:
    enum class Kind { constant, per_member, linear_range, distance, region_temperature } kind_;
    double value_ = 0, lo_ = 0, hi_ = 0;
    std::vector<double> members_;
    std::function<double(double)> distance_;
    std::string description_;
};

}  // namespace rtcell
