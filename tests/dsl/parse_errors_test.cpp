// Syntax errors: where they point, what they say, and that every error of a
// file comes out in one run.
#include <catch2/catch.hpp>

#include "dsl/parser.hpp"

using namespace ferry::dsl;

namespace {

std::string errors_of(const std::string& text) {
  SourceFile source = SourceFile::from_text("t.ferry", text);
  Diagnostics diagnostics;
  parse(source, diagnostics);
  diagnostics.sort();
  return render_all(diagnostics);
}

}  // namespace

TEST_CASE("a block never closed: at the end of the file, with a note at the header") {
  std::string e = errors_of("server \"web-01\" {\n  cpu = 8\n");
  CHECK_THAT(e, Catch::Contains("t.ferry:3:1: error: expected '}' to close server \"web-01\" opened at line 1"));
  CHECK_THAT(e, Catch::Contains("t.ferry:1:1: note: server \"web-01\" opened here"));
}

TEST_CASE("every syntax error of a file is reported, not only the first") {
  std::string e = errors_of("a \"x\" {\n  k = \n  l = (1 + \n}\nb \"y\" { m = ) }\n");
  CHECK_THAT(e, Catch::Contains("t.ferry:2:6: error: expected a value after 'k ='"));
  CHECK_THAT(e, Catch::Contains("t.ferry:3:11: error: expected a value"));
  CHECK_THAT(e, Catch::Contains("t.ferry:5:13: error: expected a value after 'm ='"));
}

TEST_CASE("an unterminated string is reported on its line") {
  CHECK_THAT(errors_of("a \"x\" { k = \"open\n}\n"), Catch::Contains("t.ferry:1:18: error: unterminated string"));
}

TEST_CASE("nesting deeper than 256 is an error that says so, not a stack overflow") {
  std::string deep = "a \"x\" { k = " + std::string(100000, '(') + "1" + std::string(100000, ')') + " }";
  CHECK_THAT(errors_of(deep), Catch::Contains("nesting deeper than 256 levels"));
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
}

TEST_CASE("an empty file parses to nothing, without error") {
  CHECK(errors_of("").empty());
  CHECK(errors_of("   \n# only a comment\n").empty());
}

TEST_CASE("a flood of errors stops at the limit and says so") {
  std::string garbage;
  for (int i = 0; i < 1000; ++i) garbage += "@\n";
  std::string e = errors_of(garbage);
  CHECK_THAT(e, Catch::Contains("too many errors"));
}
