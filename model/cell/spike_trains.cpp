#include "model/cell/spike_trains.hpp"

#include <algorithm>
#include <cmath>

#include "model/util/input_error.hpp"
#include "model/util/model_limits.hpp"
#include "model/util/random_stream.hpp"

namespace rtcell {
namespace {

// Streams: one per (source, member), never shared.
RandomStream stream_for(std::uint64_t seed, std::size_t source_index, std::size_t member) {
    return RandomStream(seed, (static_cast<std::uint64_t>(source_index) << 32) ^ member);
}

void check_count(double expected, std::size_t members, const std::string& what) {
    if (!(expected * static_cast<double>(members) <= kMaxTrainEvents))
        throw InputError(what + ": about " + std::to_string(expected) + " events × " +
                         std::to_string(members) + " members is more than the limit of " +
                         std::to_string(kMaxTrainEvents) + " drawn in advance");
}

// NetStim (netstim.mod): its invl() and its first spike, start + invl − interval·(1 − noise),
// not before 0.
std::vector<double> netstim(const SpikeTrain& s, RandomStream& rng) {
    const double mean = s.interval_ms > 0 ? s.interval_ms : 0.01;  // NetStim's floor
    auto invl = [&] { return (1 - s.noise) * mean + s.noise * mean * rng.exponential(); };
    std::vector<double> out = s.times_ms;
    if (s.start_ms >= 0 && s.number > 0) {
        double t = std::max(0.0, s.start_ms + invl() - mean * (1 - s.noise));
        for (int k = 0; k < s.number; ++k, t += invl())
            out.push_back(t);
    }
    return out;
}

double rate_at(const std::vector<std::pair<double, double>>& r, double t) {
    if (t < r.front().first || t > r.back().first)
        return 0;
    const auto hi = std::upper_bound(r.begin(), r.end(), t,
                                     [](double x, const auto& p) { return x < p.first; });
    if (hi == r.end())
        return r.back().second;
    const auto lo = hi - 1;
    const double f = (t - lo->first) / (hi->first - lo->first);
    return lo->second + f * (hi->second - lo->second);
}

// Homogeneous: exponential intervals at the rate. Inhomogeneous: the same at the profile's
// largest rate, each event kept with probability rate(t)/max (Lewis–Shedler thinning).
std::vector<double> poisson(const PoissonTrain& p, RandomStream& rng) {
    std::vector<double> out;
    const bool profile = !p.rate.empty();
    double peak = p.rate_hz, t = p.start_ms, stop = p.stop_ms;
    if (profile) {
        peak = 0;
        for (const auto& [time, r] : p.rate)
            peak = std::max(peak, r);
        t = p.rate.front().first;
        stop = p.rate.back().first;
    }
    if (peak <= 0)
        return out;
    const double mean_ms = 1e3 / peak;
    for (t += mean_ms * rng.exponential(); t < stop; t += mean_ms * rng.exponential())
        if (!profile || rng.uniform() * peak < rate_at(p.rate, t))
            out.push_back(t);
    return out;
}

double expected_poisson(const PoissonTrain& p, const std::string& what) {
    if (p.rate.empty()) {
        if (!(p.rate_hz >= 0) || !std::isfinite(p.rate_hz))
            throw InputError(what + ": the rate must be a finite rate ≥ 0 Hz");
        if (!(p.stop_ms >= p.start_ms))
            throw InputError(what + ": stop must not be before start");
        return p.rate_hz * (p.stop_ms - p.start_ms) * 1e-3;
    }
    double area = 0;
    for (std::size_t k = 0; k < p.rate.size(); ++k) {
        const auto& [t, r] = p.rate[k];
        if (!(r >= 0) || !std::isfinite(r) || !std::isfinite(t))
            throw InputError(what + ": rate point " + std::to_string(k) +
                             " must be a finite time and a rate ≥ 0 Hz");
        if (k > 0) {
            if (t < p.rate[k - 1].first)
                throw InputError(what + ": rate point " + std::to_string(k) +
                                 " is earlier than the one before it; give them in time order");
            area += 0.5 * (r + p.rate[k - 1].second) * (t - p.rate[k - 1].first) * 1e-3;
        }
    }
    return area;
}

}  // namespace

bool draws_per_member(const InputSource& source) {
    if (const auto* s = std::get_if<SpikeTrain>(&source))
        return s->noise > 0;
    return std::holds_alternative<PoissonTrain>(source);
}

std::vector<double> train_times(const InputSource& source, std::size_t source_index,
                                std::size_t member, std::size_t members, const std::string& what) {
    std::vector<double> out;
    if (const auto* s = std::get_if<SpikeTrain>(&source)) {
        if (!(s->noise >= 0 && s->noise <= 1))
            throw InputError(what + ": noise must be in [0, 1], not " + std::to_string(s->noise));
        check_count(s->number + static_cast<double>(s->times_ms.size()), s->noise > 0 ? members : 1,
                    what);
        if (s->noise == 0) {  // regular: start + k·interval, exactly
            out = s->times_ms;
            for (int k = 0; k < s->number; ++k)
                out.push_back(s->start_ms + k * s->interval_ms);
        } else {
            RandomStream rng = stream_for(s->seed, source_index, member);
            out = netstim(*s, rng);
        }
    } else if (const auto* p = std::get_if<PoissonTrain>(&source)) {
        check_count(expected_poisson(*p, what), members, what);
        RandomStream rng = stream_for(p->seed, source_index, member);
        out = poisson(*p, rng);
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace rtcell
