#include "model/formats/asc_reader.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "model/formats/import3d_sections.hpp"
#include "model/formats/soma_contour.hpp"
#include "model/util/input_error.hpp"

namespace rtcell {
namespace {

constexpr int kMaxAscDepth = 1000;  // nesting of lists in a Neurolucida file

// ---- Tokens and the generic s-expression tree ---------------------------------------

struct Node {
    enum Kind { list, word, string, number, bar, spine } kind = list;
    double value = 0;
    std::string text;
    std::vector<Node> items;
    int line = 0;
};

class Parser {
  public:
    Parser(std::string text, std::string file) : src_(std::move(text)), file_(std::move(file)) {}

    std::vector<Node> parse_all() {
        std::vector<Node> top;
        while (true) {
            skip_space();
            if (pos_ >= src_.size())
                break;
            const char c = src_[pos_];
            if (c == '(') {
                top.push_back(parse_list());
            } else if (c == ')') {
                fail("unmatched ')'");
            } else {
                top.push_back(parse_atom());  // stray words at top level are ignored later
            }
        }
        return top;
    }

  private:
    std::string src_;
    std::string file_;
    std::size_t pos_ = 0;
    int line_ = 1;
    int depth_ = 0;  // lists open around the one being parsed

    [[noreturn]] void fail(const std::string& what) const {
        throw InputError(located(file_, line_, what));
    }

    void skip_space() {
        while (pos_ < src_.size()) {
            const char c = src_[pos_];
            if (c == '\n') {
                ++line_;
                ++pos_;
            } else if (c == ';') {
                while (pos_ < src_.size() && src_[pos_] != '\n')
                    ++pos_;
            } else if (std::isspace(static_cast<unsigned char>(c)) || c == ',') {
                ++pos_;
            } else {
                break;
            }
        }
    }

    // Recursive descent, so the nesting is bounded (a real tree's split lists nest a few dozen
    // deep; a file of 50 000 '(' must not overflow the stack).
    Node parse_list() {
        Node node;
        node.kind = Node::list;
        node.line = line_;
        const int open_line = line_;
        if (++depth_ > kMaxAscDepth)
            fail("lists nested deeper than " + std::to_string(kMaxAscDepth) + " levels");
        struct Leave {
            int& d;
            ~Leave() { --d; }
        } leave{depth_};
        ++pos_;  // '('
        while (true) {
            skip_space();
            if (pos_ >= src_.size())
                throw InputError(
                    located(file_, open_line, "'(' is never closed (file truncated?)"));
            const char c = src_[pos_];
            if (c == ')') {
                ++pos_;
                return node;
            }
            if (c == '(') {
                node.items.push_back(parse_list());
            } else if (c == '<') {
                // A spine: < (property)... (point) >. Parsed so that its parentheses
                // balance, then dropped.
                Node spine;
                spine.kind = Node::spine;
                spine.line = line_;
                ++pos_;
                while (true) {
                    skip_space();
                    if (pos_ >= src_.size())
                        throw InputError(
                            located(file_, spine.line, "spine '<' is never closed by '>'"));
                    if (src_[pos_] == '>')
                        break;
                    if (src_[pos_] != '(')
                        fail("unexpected text in a spine");
                    spine.items.push_back(parse_list());
                }
                ++pos_;
                node.items.push_back(std::move(spine));
            } else if (c == '|') {
                ++pos_;
                Node bar;
                bar.kind = Node::bar;
                bar.line = line_;
                node.items.push_back(bar);
            } else {
                node.items.push_back(parse_atom());
            }
        }
    }

    Node parse_atom() {
        Node node;
        node.line = line_;
        if (src_[pos_] == '"') {
            const std::size_t end = src_.find('"', pos_ + 1);
            if (end == std::string::npos)
                fail("unterminated string");
            node.kind = Node::string;
            node.text = src_.substr(pos_ + 1, end - pos_ - 1);
            for (char ch : node.text)
                if (ch == '\n')
                    ++line_;
            pos_ = end + 1;
            return node;
        }
        const std::size_t start = pos_;
        while (pos_ < src_.size()) {
            const char c = src_[pos_];
            if (std::isspace(static_cast<unsigned char>(c)) || c == '(' || c == ')' || c == ';' ||
                c == '|' || c == ',' || c == '<' || c == '>' || c == '"')
                break;
            ++pos_;
        }
        if (pos_ == start)
            fail(std::string("unexpected character '") + src_[pos_] + "'");
        node.text = src_.substr(start, pos_ - start);
        double v;
        auto [ptr, ec] = std::from_chars(node.text.data(), node.text.data() + node.text.size(), v);
        if (ec == std::errc() && ptr == node.text.data() + node.text.size()) {
            node.kind = Node::number;
            node.value = v;
        } else {
            node.kind = Node::word;
        }
        return node;
    }
};

// ---- Interpretation ------------------------------------------------------------------

// A list that starts with a number is a point, whose numbers point() and the contour reader
// check: a word where a coordinate belongs is an error, never read as 0.
bool is_point(const Node& n) {
    return n.kind == Node::list && n.items.size() >= 3 && n.items[0].kind == Node::number;
}

bool numbers_at(const Node& n, std::size_t count) {
    if (n.items.size() < count)
        return false;
    for (std::size_t i = 0; i < count; ++i)
        if (n.items[i].kind != Node::number)
            return false;
    return true;
}

// A (Word) list, e.g. (Dendrite) or (CellBody).
bool is_marker(const Node& n, const char* word) {
    return n.kind == Node::list && n.items.size() == 1 && n.items[0].kind == Node::word &&
           n.items[0].text == word;
}

struct TreeBranch {
    std::vector<import3d::Point> points;
    std::vector<TreeBranch> children;
    int line = 0;
};

class AscImport {
  public:
    explicit AscImport(std::string file) : file_(std::move(file)) {}

    // Walks the top-level forms in file order, as Import3d_Neurolucida3 does; long because it
    // follows NEURON's reader step by step, which is what makes the sections identical.
    std::vector<import3d::Section> build(const std::vector<Node>& top) {
        std::vector<ContourPoint> contour;
        int contours = 0, contour_line = 0;
        std::vector<std::pair<int, TreeBranch>> trees;  // (tag, root branch)
        for (const Node& form : top) {
            if (form.kind != Node::list)
                continue;
            int tag = 0;
            bool cell_body = false;
            for (const Node& item : form.items) {
                if (is_marker(item, "CellBody"))
                    cell_body = true;
                if (is_marker(item, "Axon"))
                    tag = 2;
                if (is_marker(item, "Dendrite"))
                    tag = 3;
                if (is_marker(item, "Apical"))
                    tag = 4;
            }
            if (cell_body) {
                ++contours;
                contour_line = form.line;
                if (contours > 1)
                    throw InputError(located(file_, form.line,
                                             "more than one CellBody contour (soma stacks and "
                                             "several somata are not supported)"));
                for (const Node& item : form.items)
                    if (is_point(item)) {
                        if (!numbers_at(item, 3))
                            throw InputError(located(
                                file_, item.line, "a contour point needs three numbers (x y z)"));
                        contour.push_back(
                            {item.items[0].value, item.items[1].value, item.items[2].value});
                    }
            } else if (tag != 0) {
                trees.emplace_back(tag, branch(form.items, 0, form.items.size(), form.line));
            }
        }
        if (trees.empty() && contours == 0)
            throw InputError(file_ + ": no CellBody and no trees");

        std::vector<import3d::Section> sections;
        std::array<double, 3> center{};
        if (contours == 1) {
            SomaSpine spine;
            try {
                spine = reduce_soma_contour(contour);
            } catch (const std::invalid_argument& e) {
                throw InputError(located(file_, contour_line, e.what()));
            }
            center = spine.center;
            import3d::Section soma;
            soma.tag = 1;
            soma.line = contour_line;
            for (auto& p : spine.points)
                soma.points.push_back({p[0], p[1], p[2], p[3]});
            sections.push_back(std::move(soma));
        } else if (trees.size() > 1) {
            throw InputError(file_ + ": no soma (CellBody) and " + std::to_string(trees.size()) +
                             " trees; without a soma the file must hold one tree");
        }
        for (auto& [tag, root] : trees) {
            if (root.points.empty())
                throw InputError(located(file_, root.line, "tree has no points"));
            if (contours == 1) {
                // Trees hang from soma(0.5), drawn from their own first point and wired to c.
                import3d::Section s;
                s.tag = tag;
                s.parent = 0;
                s.parent_x = 0.5;
                s.wired = true;
                s.line = root.line;
                s.points.push_back({center[0], center[1], center[2], root.points.front().diameter});
                s.points.insert(s.points.end(), root.points.begin(), root.points.end());
                const int index = static_cast<int>(sections.size());
                sections.push_back(std::move(s));
                add_children(sections, index, tag, root);
            } else {
                import3d::Section s;
                s.tag = tag;
                s.line = root.line;
                s.points = root.points;
                sections.push_back(std::move(s));
                add_children(sections, 0, tag, root);
            }
        }
        return sections;
    }

  private:
    std::string file_;

    import3d::Point point(const Node& n) const {
        if (!numbers_at(n, 4))
            throw InputError(located(file_, n.line, "a point needs four numbers (x y z diameter)"));
        const import3d::Point p{n.items[0].value, n.items[1].value, n.items[2].value,
                                n.items[3].value};
        if (!(p.diameter > 0))
            throw InputError(located(file_, n.line, "non-positive diameter"));
        return p;
    }

    // A branch: its points, then at most one split list "( branch | branch | ... )".
    TreeBranch branch(const std::vector<Node>& items, std::size_t from, std::size_t to, int line) {
        TreeBranch b;
        b.line = line;
        for (std::size_t k = from; k < to; ++k) {
            const Node& item = items[k];
            if (is_point(item)) {
                if (!b.children.empty())
                    throw InputError(located(file_, item.line, "point after a branch split"));
                b.points.push_back(point(item));
            } else if (item.kind == Node::list && !item.items.empty() &&
                       (item.items[0].kind == Node::list || item.items[0].kind == Node::bar ||
                        item.items[0].kind == Node::spine)) {
                // Split: branches separated by '|'.
                std::size_t start = 0;
                for (std::size_t j = 0; j <= item.items.size(); ++j) {
                    if (j == item.items.size() || item.items[j].kind == Node::bar) {
                        TreeBranch child = branch(item.items, start, j, item.line);
                        if (!child.points.empty() || !child.children.empty())
                            b.children.push_back(std::move(child));
                        start = j + 1;
                    }
                }
            }
            // Words (Normal, Incomplete, ...), strings, property lists and spines: skipped.
        }
        return b;
    }

    // Each child branch becomes a section at its parent's x = 1, starting with a copy of
    // the parent's last point (with the child's own first diameter) unless it starts there.
    void add_children(std::vector<import3d::Section>& sections, int parent, int tag,
                      const TreeBranch& b) {
        for (const TreeBranch& child : b.children) {
            import3d::Section s;
            s.tag = tag;
            s.parent = parent;
            s.parent_x = 1.0;
            s.line = child.line;
            const import3d::Point last = sections[parent].points.back();
            if (!child.points.empty()) {
                const import3d::Point first = child.points.front();
                if (!(first.x == last.x && first.y == last.y && first.z == last.z))
                    s.points.push_back({last.x, last.y, last.z, first.diameter});
            } else {
                s.points.push_back(last);
            }
            s.points.insert(s.points.end(), child.points.begin(), child.points.end());
            const int index = static_cast<int>(sections.size());
            sections.push_back(std::move(s));
            add_children(sections, index, tag, child);
        }
    }
};

}  // namespace

Morphology read_asc(std::istream& in, const std::string& name) {
    std::stringstream buffer;
    buffer << in.rdbuf();
    Parser parser(buffer.str(), name);
    const auto top = parser.parse_all();
    AscImport import(name);
    return import3d::instantiate(import.build(top), name);
}

Morphology read_asc_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path + ": cannot open file");
    return read_asc(in, path);
}

}  // namespace rtcell
