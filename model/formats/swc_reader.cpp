#include "model/formats/swc_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>
#include <unordered_map>

#include "model/formats/import3d_sections.hpp"
#include "model/util/input_error.hpp"

namespace rtcell {
namespace {

struct SwcSample {
    long id, type, pid;
    double x, y, z, d;  // d is the diameter [µm]
    int line;
};

constexpr long kMaxSwcType = 1000000;

// Parses one numeric field; the whole token must be a number.
double parse_number(const std::string& token, const std::string& file, int line,
                    const char* field) {
    double value = 0;
    const char* begin = token.data();
    const char* end = begin + token.size();
    auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || ptr != end || !std::isfinite(value))
        throw InputError(located(
            file, line, std::string("field '") + field + "' is not a number: '" + token + "'"));
    return value;
}

long parse_integer(const std::string& token, const std::string& file, int line, const char* field) {
    const double v = parse_number(token, file, line, field);
    if (v != std::floor(v) || std::fabs(v) > 9e15)
        throw InputError(
            located(file, line,
                    std::string("field '") + field + "' must be a whole number: '" + token + "'"));
    return static_cast<long>(v);
}

std::vector<SwcSample> parse_samples(std::istream& in, const std::string& file) {
    static const char* fields[] = {"id", "type", "x", "y", "z", "radius", "parent"};
    std::vector<SwcSample> samples;
    std::string text;
    for (int line = 1; std::getline(in, text); ++line) {
        if (!text.empty() && text.back() == '\r')
            text.pop_back();
        const auto hash = text.find('#');
        if (hash != std::string::npos)
            text.erase(hash);
        std::istringstream words(text);
        std::vector<std::string> tokens;
        for (std::string w; words >> w;)
            tokens.push_back(w);
        if (tokens.empty())
            continue;
        if (tokens.size() < 7)
            throw InputError(located(file, line,
                                     "expected 7 fields (id type x y z radius parent), found " +
                                         std::to_string(tokens.size())));
        SwcSample s;
        s.line = line;
        s.id = parse_integer(tokens[0], file, line, fields[0]);
        s.type = parse_integer(tokens[1], file, line, fields[1]);
        if (std::labs(s.type) > kMaxSwcType)  // a type must fit a tag (int) without wrapping
            throw InputError(located(
                file, line, "type " + tokens[1] + " is outside ±" + std::to_string(kMaxSwcType)));
        s.x = parse_number(tokens[2], file, line, fields[2]);
        s.y = parse_number(tokens[3], file, line, fields[3]);
        s.z = parse_number(tokens[4], file, line, fields[4]);
        const double r = parse_number(tokens[5], file, line, fields[5]);
        s.pid = parse_integer(tokens[6], file, line, fields[6]);
        if (!(r > 0))
            throw InputError(located(file, line, "non-positive radius " + tokens[5]));
        s.d = 2 * r;
        samples.push_back(s);
    }
    if (in.bad())
        throw InputError(file + ": read error");
    if (samples.empty())
        throw InputError(file + ": no samples");
    return samples;
}

// The reader proper, following Import3d_SWC_read step by step (check_pid, mark_branch,
// sectionify, mksections). Comments name the NEURON step each block mirrors.
class SwcImport {
  public:
    SwcImport(std::vector<SwcSample> s, std::string file)
        : pts_(std::move(s)), file_(std::move(file)) {
        check_ids();
        mark_branches();
        sectionify();
        make_sections();
    }
    std::vector<import3d::Section> sections;

  private:
    std::vector<SwcSample> pts_;
    std::string file_;
    std::vector<int> pix_;          // parent index, -1 for the root
    std::vector<double> nchild_;    // Import3d's "nchild": 1 means "not a section end"
    std::vector<int> nchild_soma_;  // soma children of each soma point
    std::vector<bool> connect2prox_;
    std::vector<int> point2sec_;
    bool soma3geom_ = false;

    std::size_t size() const { return pts_.size(); }
    int type(std::size_t i) const { return static_cast<int>(pts_[i].type); }

    void check_ids() {
        std::stable_sort(pts_.begin(), pts_.end(),
                         [](const SwcSample& a, const SwcSample& b) { return a.id < b.id; });
        std::unordered_map<long, int> index;
        for (std::size_t i = 0; i < size(); ++i) {
            auto [it, fresh] = index.emplace(pts_[i].id, static_cast<int>(i));
            if (!fresh)
                throw InputError(located(file_, pts_[i].line,
                                         "duplicate id " + std::to_string(pts_[i].id) +
                                             " (first at line " +
                                             std::to_string(pts_[it->second].line) + ")"));
        }
        pix_.assign(size(), -1);
        int root = -1;
        for (std::size_t i = 0; i < size(); ++i) {
            const SwcSample& s = pts_[i];
            if (s.pid < 0) {
                if (root >= 0)
                    throw InputError(located(file_, s.line,
                                             "second root sample (the first is at line " +
                                                 std::to_string(pts_[root].line) +
                                                 "): a morphology must be one tree"));
                root = static_cast<int>(i);
                continue;
            }
            if (s.pid == s.id)
                throw InputError(located(file_, s.line,
                                         "sample " + std::to_string(s.id) + " is its own parent"));
            auto it = index.find(s.pid);
            if (it == index.end())
                throw InputError(located(file_, s.line,
                                         "parent " + std::to_string(s.pid) + " of sample " +
                                             std::to_string(s.id) + " does not exist"));
            if (s.pid > s.id)
                throw InputError(located(file_, s.line,
                                         "parent " + std::to_string(s.pid) + " of sample " +
                                             std::to_string(s.id) +
                                             " has a larger id (a cycle, or parents listed "
                                             "after their children)"));
            pix_[i] = it->second;
        }
        if (root != 0)
            throw InputError(
                located(file_, pts_[0].line, "the sample with the smallest id must be the root"));
    }

    // mark_branch: count children (+0.01 for a non-contiguous child or a type change, so the
    // parent ends a section), and connect2prox for branches off the first point of a
    // dendrite hanging from the soma.
    void mark_branches() {
        nchild_.assign(size(), 0.0);
        connect2prox_.assign(size(), false);
        for (std::size_t i = 0; i < size(); ++i) {
            const int p = pix_[i];
            if (p < 0)
                continue;
            nchild_[p] += 1;
            if (p != static_cast<int>(i) - 1) {
                nchild_[p] += 0.01;
                if (p > 1) {
                    if (type(p) != 1 && type(pix_[p]) == 1) {
                        connect2prox_[i] = true;
                        nchild_[p] = 1;
                    }
                } else if (p == 0 && type(0) != 1) {
                    connect2prox_[i] = true;
                    nchild_[p] = 1;
                }
            }
            if (type(p) != type(i))
                nchild_[p] += 0.01;
        }
    }

    // NeuroMorpho.org rule: exactly three soma points, the last two children of the first,
    // childless, equal diameters, summed distance within 1% of the diameter → a sphere.
    void three_point_soma() {
        if (size() < 3 || pix_[1] != 0 || pix_[2] != 0)
            return;
        if (nchild_[1] != 0 || nchild_[2] != 0)
            return;
        if (pts_[1].d != pts_[0].d || pts_[2].d != pts_[0].d)
            return;
        double len = 0;
        for (int i = 1; i <= 2; ++i)
            len += std::hypot(pts_[i].x - pts_[0].x, pts_[i].y - pts_[0].y, pts_[i].z - pts_[0].z);
        if (std::fabs(len / pts_[0].d - 1) < 0.01) {
            soma3geom_ = true;
            pix_[2] = 1;  // keeps the three points in one section; only the first is used
        }
    }

    void sectionify() {
        nchild_soma_.assign(size(), 0);
        int nsoma = type(0) == 1 ? 1 : 0;
        for (std::size_t i = 1; i < size(); ++i) {
            if (type(i) != 1)
                continue;
            ++nsoma;
            if (pix_[i] >= 0 && type(pix_[i]) == 1)
                nchild_soma_[pix_[i]] += 1;
        }
        if (nsoma == 3)
            three_point_soma();
        // Adjacent soma parent/child points are not a section end unless the parent has
        // several soma children (a branched soma breaks apart like a dendrite).
        for (std::size_t i = 0; i + 1 < size(); ++i) {
            if (type(i) == 1 && type(i + 1) == 1 && pix_[i + 1] == static_cast<int>(i)) {
                if (!(i != 0 && nchild_soma_[i] > 1))
                    nchild_[i] = 1;
            }
        }
        point2sec_.assign(size(), 0);
        int sec = 0;
        for (std::size_t i = 0; i < size(); ++i) {
            point2sec_[i] = sec;
            if (nchild_[i] != 1)
                ++sec;  // i is the last point of its section
        }
    }

    void make_sections() {
        std::size_t first = 0;
        for (std::size_t i = 0; i <= size(); ++i) {
            if (i == size() || point2sec_[i] != point2sec_[first]) {
                make_section(first, i);
                first = i;
            }
        }
    }

    import3d::Point point(std::size_t i) const {
        return {pts_[i].x, pts_[i].y, pts_[i].z, pts_[i].d};
    }

    // mksection: the points [first, end) plus, for non-root sections, a copy of the parent
    // point in front; parent_x and wiring by Import3d's rules 1-5.
    void make_section(std::size_t first, std::size_t end) {
        import3d::Section sec;
        sec.tag = type(first);
        sec.line = pts_[first].line;
        if (sections.empty()) {
            if (soma3geom_)
                end = 1;
            for (std::size_t k = first; k < end; ++k)
                sec.points.push_back(point(k));
            sections.push_back(std::move(sec));
            return;
        }
        const int ppt = pix_[first];
        const int psec = point2sec_[ppt];
        const import3d::Section& parent = sections[psec];
        const std::size_t parent_first = first_point_[psec];
        const std::size_t parent_size = parent.points.size();
        const bool den_con_soma = parent.tag == 1 && type(first) != 1;
        const bool con_soma = parent.tag == 1;
        const std::size_t npts = end - first;
        sec.parent = psec;
        bool handled = false;
        if (psec == 0) {
            handled = true;
            if (den_con_soma && parent_size == 1) {
                sec.parent_x = 0.5;  // single-point soma: wired to its centre
                if (npts > 1)
                    sec.wired = true;
            } else if (static_cast<std::size_t>(ppt) == parent_first) {
                sec.parent_x = 0.0;
                if (type(first) != 1 && nchild_soma_[ppt] > 1)
                    sec.wired = true;
            } else {
                handled = false;
            }
        }
        if (!handled && con_soma) {
            const long offset = psec == 0 ? -1 : -2;
            if (static_cast<long>(ppt) < static_cast<long>(parent_first + parent_size) + offset) {
                sec.parent_x = 0.5;  // interior point of a soma section
                if (den_con_soma && npts > 1)
                    sec.wired = true;
            } else if (npts > 1 && nchild_soma_[ppt] > 1 && type(first) != 1) {
                sec.wired = true;
            }
        }
        sec.points.push_back(point(ppt));
        for (std::size_t k = first; k < end; ++k)
            sec.points.push_back(point(k));
        if (parent.tag == 1 && sec.tag != 1)
            sec.points[0].diameter = sec.points[1].diameter;
        if (connect2prox_[first])
            sec.parent_x = 0.0;
        sections.push_back(std::move(sec));
        first_point_.push_back(first);
    }

    std::vector<std::size_t> first_point_{0};  // first file point of each section
};

}  // namespace

Morphology read_swc(std::istream& in, const std::string& name, const SwcOptions& options) {
    auto samples = parse_samples(in, name);
    if (options.require_soma && std::none_of(samples.begin(), samples.end(),
                                             [](const SwcSample& s) { return s.type == 1; }))
        throw InputError(name + ": no soma sample (type 1), and this model requires one");
    SwcImport import(std::move(samples), name);
    return import3d::instantiate(std::move(import.sections), name);
}

Morphology read_swc_file(const std::string& path, const SwcOptions& options) {
    std::ifstream in(path);
    if (!in)
        throw InputError(path + ": cannot open file");
    return read_swc(in, path, options);
}

}  // namespace rtcell
