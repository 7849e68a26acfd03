// Rendering and limits of diagnostics.
#include <catch2/catch.hpp>

#include "dsl/diagnostic.hpp"

using namespace ferry::dsl;

TEST_CASE("clang-style rendering: place, line, caret and range, notes") {
  SourceFile file = SourceFile::from_text("a.ferry", "x = 1\n  cpu = 8.5\n");
  Diagnostics d;
  auto& e = d.error(file, {14, 17}, "cpu must be a whole number");
  e.notes.push_back({&file, {0, 1}, "see here"});
  CHECK(render_all(d) ==
        "a.ferry:2:9: error: cpu must be a whole number\n"
        "      cpu = 8.5\n"
        "            ^~~\n"
        "a.ferry:1:1: note: see here\n"
        "    x = 1\n"
        "    ^\n");
}

TEST_CASE("a caret under a tab stays under its column") {
  SourceFile file = SourceFile::from_text("t.ferry", "\tk = ?\n");
  Diagnostics d;
  d.error(file, {5, 6}, "bad");
  CHECK_THAT(render_all(d), Catch::Contains("\n    \tk = ?\n    \t    ^\n"));
}

TEST_CASE("a long line is shown as a window around the column") {
  std::string line(100000, 'a');
  SourceFile file = SourceFile::from_text("l.ferry", line);
  Diagnostics d;
  d.error(file, {50000, 50001}, "here");
  std::string out = render_all(d);
  CHECK(out.size() < 600);
  CHECK_THAT(out, Catch::Contains("l.ferry:1:50001: error: here"));
}

TEST_CASE("errors stop at 200, warnings show 200, messages are cut") {
  SourceFile file = SourceFile::from_text("m.ferry", "x\n");
  Diagnostics d;
  for (int i = 0; i < 300; ++i) d.error(file, {0, 1}, "e");
  for (int i = 0; i < 300; ++i) d.warning(file, {0, 1}, "w");
  d.warning(file, {0, 1}, std::string(5000, 'm'));
  CHECK(d.full());
  std::size_t errors = 0, warnings = 0;
  for (const Diagnostic& x : d.all()) (x.severity == Severity::error ? errors : warnings) += 1;
  CHECK(errors == 201);    // 200 and the one that says "too many errors"
  CHECK(warnings == 201);  // 200 and the one that says how many more
  CHECK(d.all()[200].message.find("too many errors") != std::string::npos);
  Diagnostics cut;
  cut.error(file, {0, 1}, std::string(5000, 'm'));
  CHECK(cut.all()[0].message.size() == Diagnostics::kMaxMessage + 3);
}

TEST_CASE("the JSON of check --json carries file, line, col, severity, message and notes") {
  SourceFile file = SourceFile::from_text("j.ferry", "a\nbc\n");
  Diagnostics d;
  d.error(file, {3, 4}, "it \"quoted\"").notes.push_back({&file, {0, 1}, "n"});
  std::string json = render_json(d);
  CHECK_THAT(json, Catch::Contains("\"line\": 2"));
  CHECK_THAT(json, Catch::Contains("\"col\": 2"));
  CHECK_THAT(json, Catch::Contains("\"message\": \"it \\\"quoted\\\"\""));
  CHECK_THAT(json, Catch::Contains("\"severity\": \"error\""));
}
