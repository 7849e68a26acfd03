// DESIGN §4 rule 8 through whole runs, and the violations of §4.2.
#include <catch2/catch.hpp>

#include "tests/simulator/scenario.hpp"

using ferry::testing::Scenario;

TEST_CASE("move_back_by = user: two billed periods") {
  // December: 310 EUR/month is 10 EUR a day. install 00:00-01:00; the move
  // takes 36 h (to 12-08 13:00): 2 billed days. Reinstall 13:00-14:00; the
  // user's move back takes 36 h too (to 12-10 02:00): 2 more days.
  Scenario s(R"(
fleet "f" { start = 2026-12-07 00:00 }
policy "default" { install = 1h reinstall = 1h downtime = 36h
  free_transit = 0s  move_back_by = user  free_move_back = 0s }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 310 EUR/month account "a1" { } }
)");
  CHECK(s.iso(s.server("a").released) == "2026-12-10T02:00:00+00:00");
  CHECK(s.server("a").bill.billed_days == 4);
  CHECK(s.server("a").bill.cost_cents == 4000);
  CHECK(s.server("a").held_days == Approx(1.5));
}

TEST_CASE("a move back by support is never billed") {
  Scenario s(R"(
fleet "f" { start = 2026-12-07 00:00 }
policy "default" { install = 1h reinstall = 1h downtime = 36h free_transit = 0s free_move_back = 0s }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 310 EUR/month account "a1" { } }
)");
  CHECK(s.server("a").bill.billed_days == 2);
  CHECK(s.server("a").bill.cost_cents == 2000);
}

TEST_CASE("billing across a month boundary: 31-day then 28-day days") {
  // Migration 2027-01-30 01:00 -> 02-02 01:00, 72 h, free 0: days start
  // 01-30, 01-31 (January: 100/31 each) and 02-01 (February 2027: 100/28).
  // 200/31 + 100/28 = 10.0230... -> 10.02 EUR.
  Scenario s(R"(
fleet "f" { start = 2027-01-30 00:00 }
policy "default" { install = 1h reinstall = 1h downtime = 72h free_transit = 0s }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 100 EUR/month account "a1" { } }
)");
  CHECK(s.server("a").bill.billed_days == 3);
  CHECK(s.server("a").bill.cost_cents == 1002);
  CHECK(s.result.total_cost_cents == 1002);
}

TEST_CASE("free_transit: a started day beyond it is billed whole") {
  // 14 d free; the migration period lasts 14 d + 1 s: one billed day.
  Scenario s(R"(
fleet "f" { start = 2026-12-01 00:00 }
policy "default" { install = 1h reinstall = 1h downtime = 14d + 1s }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 310 EUR/month account "a1" { } }
)");
  CHECK(s.server("a").bill.billed_days == 1);
  CHECK(s.server("a").bill.cost_cents == 1000);
}

TEST_CASE("violations are strict: max_downtime names the account, deadline the server") {
  Scenario s(R"(
fleet "f" { start = 2026-12-07 00:00 }
policy "default" { install = 1h reinstall = 1h downtime = 10min  max_downtime = 20min
  deadline = 2026-12-07 02:20 }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month
  account "ext" { dns = external }
  account "own" { dns = provider }
}
server "b" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month account "late" { dns = provider } }
)");
  // a: migrates 01:00-01:20, reinstalls 01:20-02:20, moves back until 02:40:
  // after the deadline; b gets the transit only then.
  // ext: 600 + 60 + 600 = 1260 s > 1200 s; own: exactly 1200 s, no violation.
  REQUIRE(s.result.violations.size() == 3);
  CHECK(s.result.violations[0].kind == "max_downtime");
  CHECK(s.result.violations[0].subject == "ext");
  CHECK(s.result.violations[1].kind == "deadline");
  CHECK(s.result.violations[1].subject == "a");
  CHECK(s.result.violations[2].subject == "b");
}

TEST_CASE("a billable time of exactly whole days bills those days, not one more") {
  // free_transit 0: the migration period is install end 01:00 -> the move's
  // end, exactly 24 h later (one day), then 48 h + 1 s (three days).
  // December: 310 EUR/month is 10 EUR a day.
  for (auto [downtime, days] : {std::pair{"24h", 1}, std::pair{"48h + 1s", 3}, std::pair{"23h + 59min + 59s", 1}}) {
    INFO(downtime);
    Scenario s(std::string(R"(
fleet "f" { start = 2026-12-07 00:00 }
policy "default" { install = 1h reinstall = 1h free_transit = 0s downtime = )") +
               downtime + R"( }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 310 EUR/month account "a1" { } }
)");
    CHECK(s.server("a").bill.billed_days == days);
    CHECK(s.server("a").bill.cost_cents == 1000 * days);
  }
}
