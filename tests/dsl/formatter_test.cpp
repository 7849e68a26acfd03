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
  CHECK(fmt("transit \"t\" {\n cpu = 8\n    ram = 32 GB\n  busy_until = 2026-12-03T14:00 }") ==
        "transit \"t\" {\n  cpu        = 8\n  ram        = 32GB\n  busy_until = 2026-12-03 14:00\n}\n");
  CHECK(fmt("server \"s\" {\n price = 149   EUR/month }") == "server \"s\" {\n  price = 149 EUR/month\n}\n");
  CHECK(fmt("calendar \"c\" {\n open = [sat , sun 10:00-12:00,mon 09:00-10:00] }") ==
        "calendar \"c\" {\n  open = [sat,sun 10:00-12:00, mon 09:00-10:00]\n}\n");
}

TEST_CASE("a block written on one line stays on one line while it fits in 100 columns") {
  CHECK(fmt("transit \"t\" { cpu = 8   ram = 32 GB busy_until = 2026-12-03T14:00 }") ==
        "transit \"t\" { cpu = 8  ram = 32GB  busy_until = 2026-12-03 14:00 }\n");
  CHECK(fmt("server \"s\" { price = 149   EUR/month account \"a\" { } }") ==
        "server \"s\" { price = 149 EUR/month  account \"a\" { } }\n");
  // Exactly 100 columns stays; 101 does not.
  std::string name(100 - std::string("calendar \"\" { open = mon 09:00-10:00 }").size(), 'c');
  std::string line = "calendar \"" + name + "\" { open = mon 09:00-10:00 }";
  REQUIRE(line.size() == 100);
  CHECK(fmt(line) == line + "\n");
  std::string longer = "calendar \"" + name + "x\" { open = mon 09:00-10:00 }";
  CHECK(fmt(longer) == "calendar \"" + name + "x\" {\n  open = mon 09:00-10:00\n}\n");
  // Indentation counts: a nested one-line block measures from column 0.
  std::string account = "account \"" + std::string(100 - 2 - std::string("account \"\" { mail = 1GB }").size(), 'a') +
                        "\" { mail = 1GB }";
  CHECK(fmt("server \"s\" {\n" + account + "\n}") == "server \"s\" {\n  " + account + "\n}\n");
  CHECK(fmt("server \"s\" {\n" + account.substr(0, 9) + "x" + account.substr(9) + "\n}").find("{\n    mail = 1GB\n") !=
        std::string::npos);
}

TEST_CASE("attributes written on one line stay on one line, = aligned on each line's first key") {
  CHECK(fmt("server \"s\" {\n  policy = \"p\"\n  cpu = 8 ram = 32GB   disk = 1TB\n  price = 1 EUR/month\n}") ==
        "server \"s\" {\n  policy = \"p\"\n  cpu    = 8  ram = 32GB  disk = 1TB\n  price  = 1 EUR/month\n}\n");
}

TEST_CASE("one-line blocks written one under the other stay together, others get a blank line") {
  CHECK(fmt("transit \"a\" { cpu = 1 }\ntransit \"b\" { cpu = 2 }\npolicy \"p\" {\n parallel = 2\n}\ntransit \"c\" { cpu = 3 }") ==
        "transit \"a\" { cpu = 1 }\ntransit \"b\" { cpu = 2 }\n\npolicy \"p\" {\n  parallel = 2\n}\n\ntransit \"c\" { cpu = 3 }\n");
}

TEST_CASE("extends and date ranges are written canonically") {
  CHECK(fmt("policy   \"rush\"   extends\n \"standard\" {\n parallel = 2 }") ==
        "policy \"rush\" extends \"standard\" {\n  parallel = 2\n}\n");
  CHECK(fmt("calendar \"c\" { closed = [2026-12-24 .. 2027-01-03, 2027-02-01] }") ==
        "calendar \"c\" { closed = [2026-12-24..2027-01-03, 2027-02-01] }\n");
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
  for (const char* path : {"examples/seed.ferry", "examples/fleet.ferry", "tests/dsl/formatter_cases.ferry"}) {
    INFO(path);
    std::string once = fmt(ferry::testing::read_repository_file(path));
    CHECK(fmt(once) == once);
  }
}
