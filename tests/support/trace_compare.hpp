#pragma once
// The metrics of shared/tools/compare_traces.py, in C++ for the validation tests: the
// candidate is interpolated onto the reference's times; max and mean |ΔV|, the Rallpack
// metric 100·rms/(max − min of the reference), and spike times (upward crossings of a
// threshold, linearly interpolated).
#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace rtcell::test {

struct Series {
    std::vector<double> t;
    std::map<std::string, std::vector<double>> columns;
};

inline Series read_csv(const std::string& path) {
    Series s;
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot read reference " + path);
    std::string line;
    std::getline(in, line);
    std::vector<std::string> names;
    std::stringstream header(line);
    for (std::string name; std::getline(header, name, ',');)
        names.push_back(name);
    while (std::getline(in, line)) {
        if (line.empty())
            continue;
        std::stringstream row(line);
        std::string cell;
        for (std::size_t k = 0; std::getline(row, cell, ','); ++k) {
            const double v = std::stod(cell);
            if (k == 0)
                s.t.push_back(v);
            else
                s.columns[names.at(k)].push_back(v);
        }
    }
    return s;
}

// Rallpack reference: "time [s] voltage [V]" per line → ms and mV, column "v".
inline Series read_rallpack(const std::string& path) {
    Series s;
    std::ifstream in(path);
    double t, v;
    while (in >> t >> v) {
        s.t.push_back(t * 1e3);
        s.columns["v"].push_back(v * 1e3);
    }
    return s;
}

inline double interpolate(const std::vector<double>& ts, const std::vector<double>& vs, double t) {
    auto it = std::lower_bound(ts.begin(), ts.end(), t - 1e-12);
    std::size_t i = static_cast<std::size_t>(it - ts.begin());
    if (i < ts.size() && std::fabs(ts[i] - t) < 1e-9)
        return vs[i];
    i = std::clamp<std::size_t>(i, 1, ts.size() - 1);
    return vs[i - 1] + (vs[i] - vs[i - 1]) * (t - ts[i - 1]) / (ts[i] - ts[i - 1]);
}

struct Difference {
    double max_abs = 0, mean_abs = 0, rallpack_pct = 0;
    std::size_t compared = 0;
};

inline Difference compare(const std::vector<double>& t_ref, const std::vector<double>& ref,
                          const std::vector<double>& t_cand, const std::vector<double>& cand) {
    Difference d;
    double sum = 0, sum2 = 0;
    const double lo = std::max(t_ref.front(), t_cand.front()),
                 hi = std::min(t_ref.back(), t_cand.back());
    for (std::size_t i = 0; i < t_ref.size(); ++i) {
        if (t_ref[i] < lo - 1e-9 || t_ref[i] > hi + 1e-9)
            continue;
        const double diff = std::fabs(interpolate(t_cand, cand, t_ref[i]) - ref[i]);
        d.max_abs = std::max(d.max_abs, diff);
        sum += diff;
        sum2 += diff * diff;
        ++d.compared;
    }
    const auto [mn, mx] = std::minmax_element(ref.begin(), ref.end());
    d.mean_abs = sum / static_cast<double>(d.compared);
    d.rallpack_pct = 100.0 * std::sqrt(sum2 / static_cast<double>(d.compared)) / (*mx - *mn);
    return d;
}

inline std::vector<double> crossings(const std::vector<double>& t, const std::vector<double>& v,
                                     double threshold) {
    std::vector<double> out;
    for (std::size_t i = 1; i < v.size(); ++i)
        if (v[i - 1] < threshold && v[i] >= threshold)
            out.push_back(t[i - 1] +
                          (t[i] - t[i - 1]) * (threshold - v[i - 1]) / (v[i] - v[i - 1]));
    return out;
}

}  // namespace rtcell::test
