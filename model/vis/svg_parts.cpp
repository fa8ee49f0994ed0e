#include "model/vis/svg_parts.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "model/vis/colormap.hpp"

namespace rtcell::vis {

std::string fmt(double v) {
    std::ostringstream s;
    s.precision(6);
    s << v;
    return s.str();
}

std::string escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else if (c == '&')
            out += "&amp;";
        else if (c == '"')
            out += "&quot;";
        else
            out += c;
    }
    return out;
}

ValueRange value_range(const std::vector<double>& values, std::optional<double> vmin,
                       std::optional<double> vmax) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (double v : values)
        if (std::isfinite(v))
            lo = std::min(lo, v), hi = std::max(hi, v);
    if (vmin)
        lo = *vmin;
    if (vmax)
        hi = *vmax;
    if (!std::isfinite(lo) && !std::isfinite(hi))
        return {0, 0, true};
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(hi > lo)) {
        const double v = std::isfinite(lo) ? lo : hi;
        return {v, v, true};
    }
    return {lo, hi, false};
}

std::string colorbar(double x, double y, const std::string& cmap, const ValueRange& range,
                     const std::string& label) {
    const double h = 200;
    std::ostringstream svg;
    svg << "<defs><linearGradient id=\"cbar\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">";
    for (int k = 0; k <= 8; ++k) {
        const double f = range.constant ? 0.5 : k / 8.0;
        svg << "<stop offset=\"" << fmt(k / 8.0) << "\" stop-color=\"" << to_hex(colormap(cmap, f))
            << "\"/>";
    }
    svg << "</linearGradient></defs>\n<g class=\"colorbar\" font-family=\"sans-serif\" "
           "font-size=\"11\">\n<rect x=\""
        << fmt(x) << "\" y=\"" << fmt(y) << "\" width=\"14\" height=\"" << fmt(h)
        << "\" fill=\"url(#cbar)\" stroke=\"#666\"/>\n";
    if (range.constant) {
        svg << "<text class=\"colorbar-constant\" x=\"" << fmt(x + 18) << "\" y=\""
            << fmt(y + h / 2 + 4) << "\">" << fmt(range.lo) << " (constant)</text>\n";
    } else {
        svg << "<text class=\"colorbar-hi\" x=\"" << fmt(x + 18) << "\" y=\"" << fmt(y + 4) << "\">"
            << fmt(range.hi) << "</text>\n<text class=\"colorbar-lo\" x=\"" << fmt(x + 18)
            << "\" y=\"" << fmt(y + h + 4) << "\">" << fmt(range.lo) << "</text>\n";
    }
    svg << "<text x=\"" << fmt(x - 4) << "\" y=\"" << fmt(y + h + 22) << "\">" << escape(label)
        << "</text>\n</g>\n";
    return svg.str();
}

std::string legend(double x, double y,
                   const std::vector<std::pair<std::string, std::string>>& entries) {
    std::ostringstream svg;
    svg << "<g class=\"legend\" font-family=\"sans-serif\" font-size=\"12\">\n";
    for (std::size_t k = 0; k < entries.size(); ++k) {
        const double yk = y + 18.0 * static_cast<double>(k);
        svg << "<rect class=\"swatch\" x=\"" << fmt(x) << "\" y=\"" << fmt(yk - 10)
            << "\" width=\"12\" height=\"12\" fill=\"" << entries[k].second << "\"/><text x=\""
            << fmt(x + 18) << "\" y=\"" << fmt(yk) << "\">" << escape(entries[k].first)
            << "</text>\n";
    }
    svg << "</g>\n";
    return svg.str();
}

std::string label(double x, double y, const std::string& text) {
    return "<text class=\"label\" font-family=\"sans-serif\" font-size=\"10\" x=\"" + fmt(x) +
           "\" y=\"" + fmt(y) + "\">" + escape(text) + "</text>\n";
}

}  // namespace rtcell::vis
