#pragma once
// " (did you mean 'x'?)" for an unknown name: the closest candidate by edit distance
// (insertions, deletions, substitutions and swaps of neighbours count one each), if close.
#include <algorithm>
#include <string>
#include <vector>

namespace rtcell {

inline std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i)
        d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j)
        d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min(
                {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

template <class Names>
std::string did_you_mean(const std::string& word, const Names& candidates) {
    std::string best;
    std::size_t best_distance = 3;  // suggest only near misses
    for (const auto& c : candidates) {
        const std::string name(c);
        const std::size_t dist = edit_distance(word, name);
        if (dist < best_distance) {
            best_distance = dist;
            best = name;
        }
    }
    return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

}  // namespace rtcell
