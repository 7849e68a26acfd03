// fmt: canonical layout, comments kept, idempotent.
#include <catch2/catch.hpp>

#include "dsl/formatter.hpp"
#include "dsl/parser.hpp"
#include "tests/support/fleet_from_text.hpp"

using namespace ferry::dsl;

namespace {

std::string fmt(const std::string& text) {
  SourceFile source = SourceFile::from_text("t.ferry", text);
  Diagnostics diagnostics;
  ParsedFile parsed = parse(source, diagnostics);
  REQUIRE_FALSE(diagnostics.has_errors());
  return format(source, parsed);
}

}  // namespace

TEST_CASE("canonical layout: indent, one attribute a line, aligned =, glued units") {
  CHECK(fmt("transit \"t\" { cpu = 8  ram = 32 GB  busy_until = 2026-12-03T14:00 }") ==
        "transit \"t\" {\n  cpu        = 8\n  ram        = 32GB\n  busy_until = 2026-12-03 14:00\n}\n");
  CHECK(fmt("server \"s\" { price = 149   EUR/month }") == "server \"s\" {\n  price = 149 EUR/month\n}\n");
  CHECK(fmt("calendar \"c\" { open = [sat , sun 10:00-12:00,mon 09:00-10:00] }") ==
        "calendar \"c\" {\n  open = [sat,sun 10:00-12:00, mon 09:00-10:00]\n}\n");
}

TEST_CASE("every comment is kept: leading, trailing, inside a block, at the end") {
  std::string text =
      "# head\nfleet \"f\" { # on the header\n  # before start\n  start = 2026-12-01 09:00 # trailing\n  # before "
      "close\n}\n# tail\n";
  std::string out = fmt(text);
  for (const char* comment : {"# head", "# on the header", "# before start", "# trailing", "# before close", "# tail"})
    CHECK_THAT(out, Catch::Contains(comment));
}

TEST_CASE("fmt of fmt output is byte-identical, for every example") {
  for (const char* path : {"examples/seed.ferry", "examples/fleet.ferry"}) {
    INFO(path);
    std::string once = fmt(ferry::testing::read_repository_file(path));
    CHECK(fmt(once) == once);
  }
}
