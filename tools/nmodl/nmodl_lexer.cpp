#include "tools/nmodl/nmodl_lexer.hpp"

#include <cctype>
#include <cstring>

namespace rtcell::nmodl {
namespace {
bool name_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}
}  // namespace

char Lexer::get() {
    const char c = text_[pos_++];
    if (c == '\n') {
        ++line_;
        column_ = 1;
    } else {
        ++column_;
    }
    return c;
}

bool Lexer::starts_with(const char* word) const {
    const std::size_t n = std::strlen(word);
    return text_.compare(pos_, n, word) == 0 &&
           (pos_ + n >= text_.size() || !name_char(text_[pos_ + n])) &&
           (pos_ == 0 || !name_char(text_[pos_ - 1]));
}

void Lexer::skip_space_and_comments() {
    while (pos_ < text_.size()) {
        const char c = text_[pos_];
        if (std::isspace(static_cast<unsigned char>(c))) {
            get();
        } else if (c == ':' || c == '?' || starts_with("TITLE")) {
            while (pos_ < text_.size() && text_[pos_] != '\n')
                get();
        } else if (starts_with("COMMENT")) {
            const Location from = where();
            while (pos_ < text_.size() && !starts_with("ENDCOMMENT"))
                get();
            if (pos_ >= text_.size())
                throw error_at(file_, from, "COMMENT without ENDCOMMENT");
            for (int k = 0; k < 10; ++k)
                get();
        } else {
            return;
        }
    }
}

Token Lexer::peek() {
    if (!peeked_) {
        peek_ = next();
        peeked_ = true;
    }
    return peek_;
}

Token Lexer::next() {
    if (peeked_) {
        peeked_ = false;
        return peek_;
    }
    skip_space_and_comments();
    Token t;
    t.at = where();
    if (pos_ >= text_.size())
        return t;
    const char c = text_[pos_];
    if (name_start(c)) {
        t.kind = Token::Kind::name;
        while (pos_ < text_.size() && name_char(text_[pos_]))
            t.text += get();
        return t;
    }
    const bool digit = std::isdigit(static_cast<unsigned char>(c));
    if (digit || (c == '.' && pos_ + 1 < text_.size() &&
                  std::isdigit(static_cast<unsigned char>(text_[pos_ + 1])))) {
        t.kind = Token::Kind::number;
        while (pos_ < text_.size() &&
               (std::isdigit(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '.'))
            t.text += get();
        if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
            const std::size_t after = pos_ + 1;
            const std::size_t digits =
                after < text_.size() && (text_[after] == '+' || text_[after] == '-') ? after + 1
                                                                                     : after;
            if (digits < text_.size() && std::isdigit(static_cast<unsigned char>(text_[digits]))) {
                while (pos_ < digits)
                    t.text += get();
                while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_])))
                    t.text += get();
            }
        }
        return t;
    }
    t.kind = Token::Kind::punct;
    static const char* const multi[] = {"<->", "<=", ">=", "==", "!=", "&&", "||", "<<", "->"};
    for (const char* m : multi)
        if (text_.compare(pos_, std::strlen(m), m) == 0) {
            for (std::size_t k = 0; k < std::strlen(m); ++k)
                t.text += get();
            return t;
        }
    if (std::strchr("(){}[],=+-*/^<>!'~", c) == nullptr)
        throw error_at(file_, t.at, std::string("unexpected character '") + c + "'");
    t.text = std::string(1, get());
    return t;
}

std::string Lexer::raw_until(char close, Location from) {
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != close) {
        if (text_[pos_] == '\n')
            throw error_at(file_, from, std::string("missing '") + close + "' on this line");
        out += get();
    }
    if (pos_ >= text_.size())
        throw error_at(file_, from, std::string("missing '") + close + "'");
    get();
    return out;
}

}  // namespace rtcell::nmodl
