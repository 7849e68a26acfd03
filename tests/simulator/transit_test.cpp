// DESIGN §4 rule 2: first-come first-served, best fit, no head-of-line
// blocking, busy_until, transit_recycle. Times in UTC; 2026-12-07 is a
// Monday. Without windows every action runs as soon as it may.
#include <catch2/catch.hpp>

#include "tests/simulator/scenario.hpp"

using ferry::testing::Scenario;

namespace {

// install 1h, reinstall 1h, each move 10 min, no windows.
const std::string kHeader = R"(
fleet "f" { start = 2026-12-07 00:00  support_capacity = 4 }
policy "default" { install = 1h  reinstall = 1h  downtime = 10min }
)";

std::string server(const std::string& name, int cpu, const std::string& extra = "") {
  return "server \"" + name + "\" { cpu = " + std::to_string(cpu) + " ram = 8GB disk = 100GB price = 100 EUR/month " +
         extra + " account \"" + name + "-a\" { } }\n";
}

}  // namespace

TEST_CASE("two servers contend for one transit: the second waits for the release") {
  Scenario s(kHeader + R"(transit "t" { cpu = 8 ram = 8GB disk = 100GB })" + server("a", 8) + server("b", 8));
  // a: acquire 00:00, install 00:00-01:00, migrate 01:00-01:10, reinstall
  // 01:10-02:10, move back 02:10-02:20 = released; b acquires then.
  CHECK(s.iso(s.server("a").released) == "2026-12-07T02:20:00+00:00");
  CHECK(s.iso(s.server("b").acquired) == "2026-12-07T02:20:00+00:00");
  CHECK(s.server("b").transit_wait() == 2 * 3600 + 20 * 60);
  CHECK(s.result.max_transit_wait == 8400);
  CHECK(s.iso(s.server("b").released) == "2026-12-07T04:40:00+00:00");
}

TEST_CASE("best fit: the smallest matching transit, then declaration order") {
  Scenario s(kHeader + R"(
transit "big"    { cpu = 16 ram = 8GB disk = 100GB }
transit "small1" { cpu = 8  ram = 8GB disk = 100GB }
transit "small2" { cpu = 8  ram = 8GB disk = 100GB }
)" + server("a", 8) + server("b", 4));
  CHECK(s.transit_of("a") == "small1");
  CHECK(s.transit_of("b") == "small2");
}

TEST_CASE("best fit compares cpu first, then ram, then disk") {
  Scenario s(kHeader + R"(
transit "more-cpu" { cpu = 9 ram = 8GB  disk = 100GB }
transit "more-ram" { cpu = 8 ram = 64GB disk = 100GB }
)" + server("a", 8));
  CHECK(s.transit_of("a") == "more-ram");
}

TEST_CASE("no head-of-line blocking: a small server passes a large one that waits") {
  Scenario s(kHeader + R"(
transit "small" { cpu = 4  ram = 8GB disk = 100GB }
transit "large" { cpu = 16 ram = 8GB disk = 100GB  busy_until = 2026-12-08 00:00 }
)" + server("big-server", 16) + server("small-server", 4));
  CHECK(s.iso(s.server("small-server").acquired) == "2026-12-07T00:00:00+00:00");
  CHECK(s.iso(s.server("big-server").acquired) == "2026-12-08T00:00:00+00:00");
  CHECK(s.server("big-server").transit_wait() == 24 * 3600);
}

TEST_CASE("a freed transit goes to the earliest waiting request it matches") {
  // c (cpu 16) asks first but cannot use the freed cpu-8 transit; b (cpu 8)
  // asked at 00:00 too, after c in declaration order, and takes it.
  Scenario s(kHeader + R"(
transit "t8"  { cpu = 8  ram = 8GB disk = 100GB }
transit "t16" { cpu = 16 ram = 8GB disk = 100GB  busy_until = 2026-12-09 00:00 }
)" + server("a", 8) + server("c", 16) + server("b", 8));
  CHECK(s.iso(s.server("b").acquired) == "2026-12-07T02:20:00+00:00");
  CHECK(s.iso(s.server("c").acquired) == "2026-12-09T00:00:00+00:00");
}

TEST_CASE("transit_recycle keeps a released transit out of the pool") {
  Scenario s(R"(
fleet "f" { start = 2026-12-07 00:00  transit_recycle = 3h }
policy "default" { install = 1h  reinstall = 1h  downtime = 10min }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
)" + server("a", 8) + server("b", 8));
  // a is released at 02:20; the transit is back at 05:20.
  CHECK(s.iso(s.server("b").acquired) == "2026-12-07T05:20:00+00:00");
}

TEST_CASE("ready delays a server's start -- prepares run back to back before the request") {
  Scenario s(R"(
fleet "f" { start = 2026-12-07 00:00 }
policy "default" { install = 1h  reinstall = 1h  downtime = 10min  prepare = 30min + 1min/GB * databases }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month  ready = 2026-12-07 10:00
  account "x" { databases = 30GB }
  account "y" { prepared = true }
  account "z" { }
}
)");
  // start 10:00; prepares: x 30min + 30min = 1h, y none, z 30min.
  CHECK(s.iso(s.server("a").start) == "2026-12-07T10:00:00+00:00");
  CHECK(s.iso(s.server("a").requested) == "2026-12-07T11:30:00+00:00");
  CHECK(s.server("a").transit_wait() == 0);
}

TEST_CASE("priority and transit choice through a whole run") {
  // One transit each size. "web" (written first) would take tr-small, "db"
  // has priority and is pinned to tr-big: it gets tr-big at once even though
  // web asked at the same instant; "mail" avoids tr-small and must wait for
  // tr-big to come back.
  Scenario s(R"(
fleet "f" { start = 2026-12-07 00:00 }
policy "default" { install = 1h  reinstall = 1h  downtime = 10min }
transit "tr-big" { cpu = 16 ram = 64GB disk = 2TB }
transit "tr-small" { cpu = 4 ram = 16GB disk = 500GB }
server "web" { cpu = 4 ram = 16GB disk = 400GB price = 1 EUR/month account "w" { } }
server "mail" { cpu = 4 ram = 16GB disk = 400GB price = 1 EUR/month avoid_transits = ["tr-small"] account "m" { } }
server "db" { cpu = 4 ram = 16GB disk = 400GB price = 1 EUR/month transit = "tr-big" priority = 10 account "d" { } }
)");
  CHECK(s.transit_of("db") == "tr-big");
  CHECK(s.server("db").acquired == s.fleet.start);
  CHECK(s.transit_of("web") == "tr-small");
  CHECK(s.transit_of("mail") == "tr-big");
  CHECK(s.server("mail").acquired == s.server("db").released);  // waited for tr-big
}
