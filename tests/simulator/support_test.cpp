// DESIGN §4 rule 3: the support crew and the support window (start mode).
#include <catch2/catch.hpp>

#include "tests/simulator/scenario.hpp"

using ferry::testing::Scenario;

TEST_CASE("crew capacity 1: installs and reinstalls take turns, earliest ready first") {
  Scenario s(R"(
fleet "f" { start = 2026-12-07 00:00  support_capacity = 1 }
policy "default" { install = 1h  reinstall = 1h  downtime = 10min }
transit "t1" { cpu = 8 ram = 8GB disk = 100GB }
transit "t2" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month account "a1" { } }
server "b" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month account "b1" { } }
)");
  // a installs 00:00-01:00; b waits for the crew: 01:00-02:00. a's
  // reinstall is ready at 01:10 but the member is busy until 02:00.
  CHECK(s.iso(s.server("b").install.start) == "2026-12-07T01:00:00+00:00");
  CHECK(s.server("b").transit_wait() == 0);  // the crew wait is not a transit wait
  CHECK(s.iso(s.server("a").reinstall.start) == "2026-12-07T02:00:00+00:00");
  // b's reinstall is ready at 02:10; the member is free again at 03:00.
  CHECK(s.iso(s.server("b").reinstall.start) == "2026-12-07T03:00:00+00:00");
  CHECK(s.iso(s.server("b").released) == "2026-12-07T04:10:00+00:00");
}

TEST_CASE("support window: a weekend and a closed date push the install to Monday") {
  // 2026-12-24 is a Thursday; the 25th is closed, then the weekend.
  Scenario s(R"(
fleet "f" { start = 2026-12-21 00:00 }
calendar "office" { open = mon-fri 09:00-18:00  closed = [2026-12-25] }
policy "default" { install = 10h  reinstall = 1h  downtime = 10min  support_window = "office" }
transit "t" { cpu = 8 ram = 8GB disk = 100GB  busy_until = 2026-12-24 18:30 }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month account "a1" { } }
)");
  CHECK(s.iso(s.server("a").install.start) == "2026-12-28T09:00:00+00:00");
  // Start mode: it starts in an opening and runs past 18:00.
  CHECK(s.iso(s.server("a").install.end) == "2026-12-28T19:00:00+00:00");
  // all_migrated 19:10, so the reinstall waits for Tuesday 09:00.
  CHECK(s.iso(s.server("a").reinstall.start) == "2026-12-29T09:00:00+00:00");
}
