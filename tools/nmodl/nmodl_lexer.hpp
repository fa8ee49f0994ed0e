#pragma once
// NMODL's tokens: names, numbers and punctuation, with their line and column. Comments
// (`: ...`, `? ...`, COMMENT ... ENDCOMMENT) and TITLE lines are skipped; newlines carry no
// meaning. A unit in parentheses is read whole by the parser (raw_until), since units such as
// (mA/cm2) or (/ms) are not expressions.
#include <string>

#include "tools/nmodl/nmodl_error.hpp"

namespace rtcell::nmodl {

struct Token {
    enum class Kind { name, number, punct, end } kind = Kind::end;
    std::string text;  // the name, the number as written, or the punctuation ("<->", "(", ...)
    Location at;
};

class Lexer {
  public:
    Lexer(std::string text, std::string file) : text_(std::move(text)), file_(std::move(file)) {}
    const std::string& file() const { return file_; }
    Token next();
    Token peek();
    // The text up to (not including) the next `close` character, which is consumed; for units.
    std::string raw_until(char close, Location from);
    Location where() const { return {line_, column_}; }

  private:
    void skip_space_and_comments();
    char get();
    bool starts_with(const char* word) const;
    std::string text_, file_;
    std::size_t pos_ = 0;
    int line_ = 1, column_ = 1;
    bool peeked_ = false;
    Token peek_;
};

}  // namespace rtcell::nmodl
