// Syntax errors: where they point, what they say, and that every error of a
// file comes out in one run.
#include <catch2/catch.hpp>

#include "dsl/parser.hpp"

using namespace ferry::dsl;

namespace {

struct Errors {
  std::string text;    // as printed
  std::size_t count;   // how many errors
};

Errors parse_errors(const std::string& source_text) {
  SourceFile source = SourceFile::from_text("t.ferry", source_text);
  Diagnostics diagnostics;
  parse(source, diagnostics);
  diagnostics.sort();
  return {render_all(diagnostics), diagnostics.error_count()};
}

std::string errors_of(const std::string& text) { return parse_errors(text).text; }

}  // namespace

TEST_CASE("a block never closed: at the end of the file, with a note at the header") {
  CHECK(parse_errors("server \"web-01\" {\n  cpu = 8\n").count == 1);
  std::string e = errors_of("server \"web-01\" {\n  cpu = 8\n");
  CHECK_THAT(e, Catch::Contains("t.ferry:3:1: error: expected '}' to close server \"web-01\" opened at line 1"));
  CHECK_THAT(e, Catch::Contains("t.ferry:1:1: note: server \"web-01\" opened here"));
}

TEST_CASE("every syntax error of a file is reported, not only the first") {
  CHECK(parse_errors("a \"x\" {\n  k = \n  l = (1 + \n}\nb \"y\" { m = ) }\n").count == 3);
  std::string e = errors_of("a \"x\" {\n  k = \n  l = (1 + \n}\nb \"y\" { m = ) }\n");
  CHECK_THAT(e, Catch::Contains("t.ferry:2:6: error: expected a value after 'k ='"));
  CHECK_THAT(e, Catch::Contains("t.ferry:3:11: error: expected a value"));
  CHECK_THAT(e, Catch::Contains("t.ferry:5:13: error: expected a value after 'm ='"));
}

TEST_CASE("an unterminated string is reported on its line, once") {
  Errors e = parse_errors("a \"x\" { k = \"open\n}\n");
  CHECK_THAT(e.text, Catch::Contains("t.ferry:1:18: error: unterminated string"));
  CHECK(e.count == 1);
  // In a block header, the block's body is not read as stray attributes.
  Errors header = parse_errors("a \"x\" { }\ncalendar \"office {\n  open = mon 09:00-10:00\n}\nb \"y\" { k = ) }\n");
  CHECK_THAT(header.text, Catch::Contains("t.ferry:2:19: error: unterminated string"));
  CHECK_THAT(header.text, Catch::Contains("t.ferry:5:13: error: expected a value after 'k ='"));
  CHECK(header.count == 2);
}

TEST_CASE("a stray '}' at the top level is one error, and what follows is still read") {
  Errors e = parse_errors("a \"x\" { }\n}\nb \"y\" { k = ) }\n");
  CHECK_THAT(e.text, Catch::Contains("t.ferry:2:1: error: unmatched '}'"));
  CHECK_THAT(e.text, Catch::Contains("t.ferry:3:13: error: expected a value after 'k ='"));
  CHECK(e.count == 2);
}

TEST_CASE("an unknown escape says which escapes exist, once") {
  Errors e = parse_errors("a \"x\" { k = \"x\\ty\"\n l = \"ok \\\" \\\\\" }\n");
  CHECK_THAT(e.text, Catch::Contains("t.ferry:1:16: error: unknown escape in a string: the only escapes are \\\" and \\\\"));
  CHECK(e.count == 1);
}

TEST_CASE("whitespace is space, tab, CR and LF: a vertical tab or a form feed is an error") {
  CHECK(parse_errors("a \"x\" {\r\n\tk = 1 }\n").count == 0);
  for (char c : {'\v', '\f'}) {
    Errors e = parse_errors(std::string("a \"x\" {") + c + " k = 1 }\n");
    CHECK_THAT(e.text, Catch::Contains("t.ferry:1:8: error"));
    CHECK(e.count == 1);
  }
}

TEST_CASE("nesting deeper than 256 is an error that says so, not a stack overflow") {
  std::string deep = "a \"x\" { k = " + std::string(100000, '(') + "1" + std::string(100000, ')') + " }";
  CHECK_THAT(errors_of(deep), Catch::Contains("nesting deeper than 256 levels"));
  CHECK(parse_errors(deep).count == 1);
  std::string blocks;
  for (int i = 0; i < 100000; ++i) blocks += "b { ";
  CHECK_THAT(errors_of(blocks), Catch::Contains("nesting deeper than 256 levels"));
}

TEST_CASE("nesting up to 256 parses") {
  std::string ok = "a \"x\" { k = " + std::string(250, '(') + "1" + std::string(250, ')') + " }";
  CHECK(errors_of(ok).empty());
}

TEST_CASE("invalid UTF-8 and NUL bytes are errors on their line") {
  std::string e = errors_of(std::string("a \"x\" {\n k = 1 \xff\n l = \"\0\" }\n", 26));
  CHECK_THAT(e, Catch::Contains("t.ferry:2:8: error: invalid UTF-8 byte 0xFF"));
  CHECK_THAT(e, Catch::Contains("t.ferry:3:7: error: NUL byte"));
  CHECK(parse_errors(std::string("a \"x\" {\n k = 1 \xff\n l = \"\0\" }\n", 26)).count == 2);
}


// Valid UTF-8 outside a string is no letter: its bytes end a name or a
// number (and the character classes must not be asked about them: the
// standard encoding's assertion aborted this test's build).
TEST_CASE("a UTF-8 letter glued to a name or a number is an error at that letter") {
  Errors key = parse_errors("a \"x\" {\n  ab\xc3\xa9 = 1\n}\n");
  CHECK_THAT(key.text, Catch::Contains("t.ferry:2:5: error: expected '=' after 'ab'"));
  CHECK(key.count == 1);
  Errors value = parse_errors("a \"x\" {\n  k = 8\xc3\xa9\n  l = 30GB\xc3\xa9\n  m = n\xc3\xa9\n}\n");
  CHECK(value.count == 3);
  CHECK_THAT(value.text, Catch::Contains("t.ferry:2:8: error:"));
  CHECK_THAT(value.text, Catch::Contains("t.ferry:3:11: error:"));
  CHECK_THAT(value.text, Catch::Contains("t.ferry:4:8: error:"));
}
TEST_CASE("an empty file parses to nothing, without error") {
  CHECK(errors_of("").empty());
  CHECK(errors_of("   \n# only a comment\n").empty());
}

TEST_CASE("a flood of errors stops at the limit and says so") {
  std::string garbage;
  for (int i = 0; i < 1000; ++i) garbage += "}\n";
  Errors e = parse_errors(garbage);
  CHECK_THAT(e.text, Catch::Contains("too many errors"));
  CHECK(e.count == Diagnostics::kMaxErrors + 1);  // the one past the limit stops the parse
}
