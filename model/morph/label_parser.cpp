#include "model/morph/label_parser.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

#include "model/morph/label_scope.hpp"
#include "model/util/did_you_mean.hpp"
#include "model/util/input_error.hpp"

namespace rtcell {
namespace {

struct Token {
    enum Kind { open, close, number, string, symbol, end } kind;
    std::string text;
    double value = 0;
    int column = 0;  // 1-based
};

// One argument kind per letter: N number, B branch (number or string), S string or symbol,
// R region, L locset; a trailing '?' marks the last argument optional, '+' one or more.
struct Signature {
    bool region;  // result kind
    std::string args;
};

const std::multimap<std::string, Signature>& grammar() {
    static const std::multimap<std::string, Signature> g = {
        {"all", {true, ""}},
        {"nil", {true, ""}},
        {"branch", {true, "B"}},
        {"cable", {true, "BNN"}},
        {"tag", {true, "N"}},
        {"type", {true, "S"}},
        {"branch-length", {true, "NN"}},
        {"branch-radius", {true, "NN"}},
        {"branch-order", {true, "NN"}},
        {"distance-between", {true, "NNL"}},
        {"distance-ge", {true, "NL"}},
        {"distance-le", {true, "NL"}},
        {"radius-between", {true, "NN"}},
        {"subtree", {true, "B"}},
        {"proximal-interval", {true, "LN?"}},
        {"distal-interval", {true, "LN?"}},
        {"join", {true, "R+"}},
        {"intersect", {true, "R+"}},
        {"difference", {true, "RR"}},
        {"complement", {true, "R"}},
        {"region", {true, "S"}},
        {"nil", {false, ""}},
        {"root", {false, ""}},
        {"location", {false, "BN"}},
        {"terminal", {false, ""}},
        {"fork", {false, ""}},
        {"uniform", {false, "RN"}},
        {"random", {false, "RNN"}},
        {"on-branches", {false, "N"}},
        {"proximal", {false, "R"}},
        {"distal", {false, "R"}},
        {"restrict", {false, "LR"}},
        {"join", {false, "L+"}},
        {"sum", {false, "L+"}},
        {"locset", {false, "S"}},
    };
    return g;
}

class Parser {
  public:
    Parser(const std::string& text, const char* kind) : text_(text), kind_(kind) { advance(); }

    ExprArg parse_top(bool want_region) {
        ExprArg result = parse_expr(want_region);
        if (tok_.kind != Token::end)
            fail(tok_.column, "unexpected text after the expression");
        return result;
    }

  private:
    const std::string& text_;
    const char* kind_;
    std::size_t pos_ = 0;
    Token tok_{Token::end, "", 0, 0};
    int depth_ = 0;  // '(' open around the expression being parsed

    [[noreturn]] void fail(int column, const std::string& what) const {
        throw InputError(std::string(kind_) + " '" + text_ + "': column " + std::to_string(column) +
                         ": " + what);
    }

    void advance() {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_])))
            ++pos_;
        Token t{Token::end, "", 0, static_cast<int>(pos_) + 1};
        if (pos_ >= text_.size()) {
            tok_ = t;
            return;
        }
        const char c = text_[pos_];
        if (c == '(' || c == ')') {
            t.kind = c == '(' ? Token::open : Token::close;
            t.text = std::string(1, c);
            ++pos_;
        } else if (c == '"') {
            std::size_t k = pos_ + 1;
            while (k < text_.size() && text_[k] != '"') {
                if (text_[k] == '\\' && k + 1 < text_.size())
                    ++k;
                t.text += text_[k++];
            }
            if (k >= text_.size())
                fail(t.column, "unterminated string");
            t.kind = Token::string;
            pos_ = k + 1;
        } else {
            std::size_t k = pos_;
            while (k < text_.size() && !std::isspace(static_cast<unsigned char>(text_[k])) &&
                   text_[k] != '(' && text_[k] != ')' && text_[k] != '"')
                ++k;
            t.text = text_.substr(pos_, k - pos_);
            pos_ = k;
            double v;
            auto [ptr, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
            if (ec == std::errc() && ptr == t.text.data() + t.text.size()) {
                t.kind = Token::number;
                t.value = v;
            } else {
                t.kind = Token::symbol;
            }
        }
        tok_ = t;
    }

    ExprArg parse_expr(bool want_region) {
        const char* want = want_region ? "a region" : "a locset";
        if (tok_.kind == Token::string || tok_.kind == Token::symbol) {  // a label: "name" or name
            std::string name = tok_.text;
            advance();
            if (want_region)
                return reg::named(name);
            return ls::named(name);
        }
        if (tok_.kind != Token::open)
            fail(tok_.column, std::string("expected ") + want + " such as '(" +
                                  (want_region ? "tag 3" : "root") + ")', found " + describe(tok_));
        const int open_col = tok_.column;
        // parse_expr and parse_arg recurse: bound the nesting so deep input cannot overflow
        // the stack (evaluation allows twice as much, counting labels that refer to labels).
        if (++depth_ > kMaxLabelDepth / 2)
            fail(open_col,
                 "expression nested deeper than " + std::to_string(kMaxLabelDepth / 2) + " levels");
        struct Leave {
            int& d;
            ~Leave() { --d; }
        } leave{depth_};
        advance();
        if (tok_.kind != Token::symbol)
            fail(tok_.column, "expected an operator name after '('");
        const std::string op = tok_.text;
        const int op_col = tok_.column;
        const Signature* sig = nullptr;
        auto [lo, hi] = grammar().equal_range(op);
        bool other_kind = false;
        for (auto it = lo; it != hi; ++it) {
            if (it->second.region == want_region)
                sig = &it->second;
            else
                other_kind = true;
        }
        if (!sig) {
            if (other_kind)
                fail(op_col, "'" + op + "' gives " + (want_region ? "a locset" : "a region") +
                                 ", but " + want + " is expected here");
            fail(op_col, "unknown operator '" + op + "'" + suggestion(op));
        }
        advance();
        std::vector<ExprArg> args;
        const std::string& spec = sig->args;
        for (std::size_t i = 0; i < spec.size(); ++i) {
            const char kind = spec[i];
            if (kind == '?' || kind == '+')
                continue;
            const bool optional = i + 1 < spec.size() && spec[i + 1] == '?';
            const bool repeated = i + 1 < spec.size() && spec[i + 1] == '+';
            if (optional && tok_.kind == Token::close)
                break;
            args.push_back(parse_arg(kind, op));
            while (repeated && tok_.kind != Token::close && tok_.kind != Token::end)
                args.push_back(parse_arg(kind, op));
        }
        if (tok_.kind != Token::close) {
            if (tok_.kind == Token::end)
                fail(open_col, "'(' is not closed");
            fail(tok_.column, "too many arguments to '" + op + "'");
        }
        advance();
        if (op == "distal-interval" || op == "proximal-interval")
            if (args.size() == 1)
                args.push_back(1e300);
        return want_region
                   ? ExprArg(
                         Region(std::make_shared<const ExprNode>(ExprNode{op, std::move(args)})))
                   : ExprArg(
                         Locset(std::make_shared<const ExprNode>(ExprNode{op, std::move(args)})));
    }

    ExprArg parse_arg(char kind, const std::string& op) {
        const int col = tok_.column;
        if (tok_.kind == Token::close || tok_.kind == Token::end)
            fail(col, "missing argument to '" + op + "'");
        switch (kind) {
            case 'N': {
                if (tok_.kind != Token::number)
                    fail(col, "expected a number, found " + describe(tok_));
                const double v = tok_.value;
                advance();
                return v;
            }
            case 'B': {
                if (tok_.kind == Token::number) {
                    const double v = tok_.value;
                    advance();
                    return v;
                }
                if (tok_.kind != Token::string)
                    fail(col, "expected a branch index or a quoted branch name, found " +
                                  describe(tok_));
                std::string s = tok_.text;
                advance();
                return s;
            }
            case 'S': {
                if (tok_.kind != Token::string && tok_.kind != Token::symbol)
                    fail(col, "expected a name, found " + describe(tok_));
                std::string s = tok_.text;
                advance();
                if (op == "type") {
                    try {
                        s = branch_type_name(branch_type_from_name(s));
                    } catch (const InputError& e) {
                        fail(col, e.what());
                    }
                }
                return s;
            }
            case 'R':
                return parse_expr(true);
            default:
                return parse_expr(false);
        }
    }

    static std::string describe(const Token& t) {
        switch (t.kind) {
            case Token::end:
                return "the end of the text";
            case Token::string:
                return "\"" + t.text + "\"";
            default:
                return "'" + t.text + "'";
        }
    }

    static std::string suggestion(const std::string& op) {
        std::vector<std::string> names;
        for (const auto& entry : grammar())
            names.push_back(entry.first);
        return did_you_mean(op, names);
    }
};

}  // namespace

Region parse_region(const std::string& text) {
    return std::get<Region>(Parser(text, "region").parse_top(true));
}

Locset parse_locset(const std::string& text) {
    return std::get<Locset>(Parser(text, "locset").parse_top(false));
}

}  // namespace rtcell
