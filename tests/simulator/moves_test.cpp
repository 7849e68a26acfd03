// DESIGN §4 rule 4: lanes in strict order, fit windows, orders, parallel.
#include <algorithm>
#include <catch2/catch.hpp>

#include "tests/simulator/scenario.hpp"

using ferry::testing::Scenario;

TEST_CASE("a move that does not fit tonight waits for tomorrow night") {
  // install 01:00-02:00 Monday; tonight's opening has 4 h left, the move
  // needs 5 h: Monday 22:00 to Tuesday 03:00.
  Scenario s(R"(
fleet "f" { start = 2026-12-07 01:00 }
calendar "night" { open = mon-sun 22:00-06:00 }
policy "default" { install = 1h  reinstall = 1h  downtime = 5h  migrate_window = "night" }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month account "a1" { } }
)");
  CHECK(s.iso(s.account("a", "a1").migrate.start) == "2026-12-07T22:00:00+00:00");
  CHECK(s.iso(s.account("a", "a1").migrate.end) == "2026-12-08T03:00:00+00:00");
}

TEST_CASE("a move may use the rest of an opening that began before it was ready") {
  Scenario s(R"(
fleet "f" { start = 2026-12-07 01:00 }
calendar "night" { open = mon-sun 22:00-06:00 }
policy "default" { install = 1h  reinstall = 1h  downtime = 4h  migrate_window = "night" }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month account "a1" { } }
)");
  // Ready at 02:00, exactly 4 h left: ends at 06:00, the end of the opening.
  CHECK(s.iso(s.account("a", "a1").migrate.start) == "2026-12-07T02:00:00+00:00");
  CHECK(s.iso(s.account("a", "a1").migrate.end) == "2026-12-07T06:00:00+00:00");
}

TEST_CASE("DST spring forward: the short night of 2027-03-27 cannot hold 7h30") {
  // Europe/Paris: Sat 22:00 CET to Sun 06:00 CEST is 7 h of real time.
  Scenario s(R"(
fleet "f" { start = 2027-03-27 20:00  timezone = "Europe/Paris" }
calendar "night" { open = mon-sun 22:00-06:00 }
policy "default" { install = 1h  reinstall = 1h  downtime = 7h + 30min  migrate_window = "night" }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month account "a1" { } }
)");
  CHECK(s.iso(s.account("a", "a1").migrate.start) == "2027-03-28T22:00:00+02:00");
  CHECK(s.iso(s.account("a", "a1").migrate.end) == "2027-03-29T05:30:00+02:00");
}

TEST_CASE("DST fall back: the long night of 2027-10-30 holds 8h30") {
  // Sat 22:00 CEST (20:00Z) to Sun 06:00 CET (05:00Z) is 9 h of real time.
  Scenario s(R"(
fleet "f" { start = 2027-10-30 20:00  timezone = "Europe/Paris" }
calendar "night" { open = mon-sun 22:00-06:00 }
policy "default" { install = 1h  reinstall = 1h  downtime = 8h + 30min  migrate_window = "night" }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month account "a1" { } }
)");
  CHECK(s.iso(s.account("a", "a1").migrate.start) == "2027-10-30T22:00:00+02:00");
  CHECK(s.iso(s.account("a", "a1").migrate.end) == "2027-10-31T05:30:00+01:00");
}

namespace {

std::string ordered_fleet(const std::string& order) {
  return R"(
fleet "f" { start = 2026-12-07 00:00 }
policy "default" { install = 1h  reinstall = 1h  downtime = 10min  order = )" + order + R"( }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "s" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month
  account "a" { databases = 1GB priority = 1 }
  account "b" { databases = 3GB priority = 0 }
  account "c" { databases = 2GB priority = 5 }
  account "d" { databases = 3GB priority = 5 }
}
)";
}

std::string migrate_sequence(const Scenario& s) {
  auto accounts = s.server("s").accounts;
  std::sort(accounts.begin(), accounts.end(), [](const auto& x, const auto& y) { return x.migrate.start < y.migrate.start; });
  std::string out;
  for (const auto& a : accounts) out += s.fleet.servers[0].accounts[a.account].name;
  return out;
}

}  // namespace

TEST_CASE("each order, ties in written order") {
  struct Case {
    const char* order;
    const char* sequence;
  };
  for (Case c : {Case{"as_written", "abcd"}, Case{"largest_first", "bdca"}, Case{"smallest_first", "acbd"},
                 Case{"priority", "cdab"}}) {
    INFO("order = " << c.order);
    Scenario s(ordered_fleet(c.order));
    CHECK(migrate_sequence(s) == c.sequence);
  }
}

TEST_CASE("move backs follow the migrate order") {
  Scenario s(ordered_fleet("largest_first"));
  CHECK(s.account("s", "b").move_back.start < s.account("s", "d").move_back.start);
  CHECK(s.account("s", "c").move_back.start < s.account("s", "a").move_back.start);
}

TEST_CASE("parallel = 2: a move takes the lane that frees first, never starting ahead of the previous") {
  Scenario s(R"(
fleet "f" { start = 2026-12-07 00:00 }
policy "default" { install = 1h  reinstall = 1h  downtime = 1min/GB * databases  parallel = 2 }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "s" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month
  account "x" { databases = 10GB }
  account "y" { databases = 30GB }
  account "z" { databases = 10GB }
}
)");
  // Ready 01:00: x 01:00-01:10 and y 01:00-01:30 side by side; z takes x's
  // lane at 01:10.
  CHECK(s.iso(s.account("s", "y").migrate.start) == "2026-12-07T01:00:00+00:00");
  CHECK(s.iso(s.account("s", "z").migrate.start) == "2026-12-07T01:10:00+00:00");
  CHECK(s.iso(s.server("s").all_migrated) == "2026-12-07T01:30:00+00:00");
  // Reinstall 01:30-02:30, then the same with fresh lanes.
  CHECK(s.iso(s.account("s", "z").move_back.start) == "2026-12-07T02:40:00+00:00");
  CHECK(s.iso(s.server("s").released) == "2026-12-07T03:00:00+00:00");
}

TEST_CASE("a move that waits more than a week for its window is warned about; a few hours are not") {
  // Nights closed from 12-07 to 12-16: ready Monday 12-07 01:00, the first
  // open night instant is 12-17 00:00 (the 12-16 night is cut at midnight).
  Scenario s(R"(
fleet "f" { start = 2026-12-07 00:00 }
calendar "night" { open = mon-sun 22:00-06:00
  closed = [2026-12-07, 2026-12-08, 2026-12-09, 2026-12-10, 2026-12-11, 2026-12-12, 2026-12-13, 2026-12-14,
            2026-12-15, 2026-12-16] }
policy "default" { install = 1h  reinstall = 1h  downtime = 10min  migrate_window = "night" }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month account "a1" { } account "a2" { } }
)");
  CHECK(s.iso(s.account("a", "a1").migrate.start) == "2026-12-17T00:00:00+00:00");
  REQUIRE(s.result.warnings.size() == 1);  // a2 waits only for a1, not for the window
  CHECK(s.result.warnings[0] ==
        "a/migrate/a1 waits 9d 23h 00m 00s for window \"night\" (it starts Thu 2026-12-17 00:00:00): "
        "is the window too short or closed too often?");
  Scenario quick(R"(
fleet "f" { start = 2026-12-07 09:00 }
calendar "night" { open = mon-sun 22:00-06:00 }
policy "default" { install = 1h  reinstall = 1h  downtime = 10min  migrate_window = "night" }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month account "a1" { } }
)");
  CHECK(quick.result.warnings.empty());  // 12 h for tonight's window is what windows are for
}
