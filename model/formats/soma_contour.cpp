#include "model/formats/soma_contour.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace rtcell {
namespace {

constexpr int kSamples = 101;  // resampled outline points
constexpr int kSpine = 21;     // points on the resulting soma section

// Step 1: walk the outline as an open line (no closing edge), arc length in x-y only, and
// sample it at 101 equally spaced arc lengths, both ends included.
std::vector<Eigen::Vector3d> resample(const std::vector<ContourPoint>& pts) {
    std::vector<double> arc(pts.size(), 0.0);
    for (std::size_t i = 1; i < pts.size(); ++i)
        arc[i] = arc[i - 1] + std::hypot(pts[i].x - pts[i - 1].x, pts[i].y - pts[i - 1].y);
    const double total = arc.back();
    if (!(total > 0))
        throw std::invalid_argument("soma contour has zero perimeter");
    std::vector<Eigen::Vector3d> out;
    out.reserve(kSamples);
    std::size_t seg = 1;
    for (int k = 0; k < kSamples; ++k) {
        const double s = total * k / (kSamples - 1);
        while (seg + 1 < pts.size() && arc[seg] < s)
            ++seg;
        const double span = arc[seg] - arc[seg - 1];
        const double f = span > 0 ? std::clamp((s - arc[seg - 1]) / span, 0.0, 1.0) : 1.0;
        const ContourPoint& a = pts[seg - 1];
        const ContourPoint& b = pts[seg];
        out.emplace_back(a.x + f * (b.x - a.x), a.y + f * (b.y - a.y), a.z + f * (b.z - a.z));
    }
    return out;
}

struct SidePoint {
    double a, b;  // along and across the axis
};

// Step 5: scanning from the end, drop samples that do not increase in a.
void make_increasing(std::vector<SidePoint>& side) {
    if (side.empty())
        return;
    std::size_t j = side.size() - 1;
    while (j >= 1) {
        if (side[j].a <= side[j - 1].a) {
            const bool was_last = j == side.size() - 1;
            side.erase(side.begin() + j);
            if (was_last)
                --j;
            if (j >= side.size())
                j = side.size() - 1;
        } else {
            --j;
        }
    }
}

// Linear interpolation of b at position a along one side; the end values beyond its range.
double interpolate(const std::vector<SidePoint>& side, double a) {
    if (a <= side.front().a)
        return side.front().b;
    if (a >= side.back().a)
        return side.back().b;
    auto hi = std::upper_bound(side.begin(), side.end(), a,
                               [](double v, const SidePoint& p) { return v < p.a; });
    auto lo = hi - 1;
    return lo->b + (hi->b - lo->b) * (a - lo->a) / (hi->a - lo->a);
}

}  // namespace

SomaSpine reduce_soma_contour(const std::vector<ContourPoint>& outline) {
    if (outline.size() < 3)
        throw std::invalid_argument("soma contour needs at least 3 points");
    const auto samples = resample(outline);

    // Step 1 (end): centre = plain mean.  Step 2: principal axes of the scatter matrix.
    Eigen::Vector3d c = Eigen::Vector3d::Zero();
    for (const auto& p : samples)
        c += p;
    c /= kSamples;
    Eigen::Matrix3d scatter = Eigen::Matrix3d::Zero();
    for (const auto& p : samples)
        scatter += (p - c) * (p - c).transpose();
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig(scatter);  // ascending eigenvalues
    const Eigen::Vector3d u = eig.eigenvectors().col(2);
    Eigen::Vector3d w = eig.eigenvectors().col(1);
    w.z() = 0;
    if (!(w.norm() > 0))
        throw std::invalid_argument("soma contour has no width in the x-y plane");
    w.normalize();

    // Step 3: project.  Step 4: rotate the ring to start at the largest a; split at the
    // smallest a into two sides.
    std::vector<SidePoint> ring(kSamples);
    for (int k = 0; k < kSamples; ++k)
        ring[k] = {(samples[k] - c).dot(u), (samples[k] - c).dot(w)};
    const auto imax =
        std::max_element(ring.begin(), ring.end(), [](auto& l, auto& r) { return l.a < r.a; }) -
        ring.begin();
    std::rotate(ring.begin(), ring.begin() + imax, ring.end());
    const auto m =
        std::min_element(ring.begin(), ring.end(), [](auto& l, auto& r) { return l.a < r.a; }) -
        ring.begin();
    std::vector<SidePoint> side_a(ring.begin(), ring.begin() + m);
    std::reverse(side_a.begin(), side_a.end());
    std::vector<SidePoint> side_b(ring.begin() + m, ring.end());
    make_increasing(side_a);
    make_increasing(side_b);
    if (side_a.empty() || side_b.empty())
        throw std::invalid_argument("degenerate soma contour");

    // Step 6: the spine runs between the second smallest and second largest positions.
    std::vector<double> all;
    for (auto& p : side_a)
        all.push_back(p.a);
    for (auto& p : side_b)
        all.push_back(p.a);
    std::sort(all.begin(), all.end());
    if (all.size() < 4)
        throw std::invalid_argument("degenerate soma contour");
    const double lo = all[1], hi = all[all.size() - 2];

    // Step 7: diameters = distance between the sides; the end values are averaged inwards.
    SomaSpine spine;
    spine.center = {c.x(), c.y(), c.z()};
    std::vector<double> diam(kSpine);
    for (int k = 0; k < kSpine; ++k) {
        const double t = lo + k * (hi - lo) / (kSpine - 1);
        diam[k] = std::fabs(interpolate(side_a, t) - interpolate(side_b, t));
    }
    diam[0] = (diam[0] + diam[1]) / 2;
    diam[kSpine - 1] = (diam[kSpine - 1] + diam[kSpine - 2]) / 2;
    // Step 8: the 3-D points.
    for (int k = 0; k < kSpine; ++k) {
        const double t = lo + k * (hi - lo) / (kSpine - 1);
        const Eigen::Vector3d p = c + t * u;
        spine.points.push_back({p.x(), p.y(), p.z(), diam[k]});
    }
    return spine;
}

}  // namespace rtcell
