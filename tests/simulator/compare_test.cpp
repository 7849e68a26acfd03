// compare(): servers matched by name, sorted by effect, violations split
// into resolved and introduced.
#include <catch2/catch.hpp>

#include "simulator/compare.hpp"
#include "tests/simulator/scenario.hpp"

using ferry::testing::Scenario;
using namespace ferry;

namespace {

// Three servers on one transit, served in written order; `extra` is added
// to the policy, `busy` is the transit's busy_until.
std::string fleet(const std::string& busy, const std::string& extra = "", const std::string& last = "c",
                  const std::string& b_extra = "") {
  return R"(fleet "f" { start = 2026-12-01 09:00 timezone = "UTC" currency = EUR }
transit "t" { cpu = 8 ram = 32GB disk = 1TB busy_until = )" + busy + R"( }
policy "p" { downtime = 10min install = 1h reinstall = 1h )" + extra + R"( }
server "a" { policy = "p" cpu = 1 ram = 1GB disk = 1GB price = 30 EUR/month account "a1" { } }
server "b" { )" + b_extra + R"( policy = "p" cpu = 1 ram = 1GB disk = 1GB price = 30 EUR/month account "b1" { } account "b2" { } }
server ")" + last + R"(" { policy = "p" cpu = 1 ram = 1GB disk = 1GB price = 30 EUR/month account ")" + last + R"(1" { } }
)";
}

simulator::Comparison run(const Scenario& a, const Scenario& b) {
  return simulator::compare(a.fleet, a.result, b.fleet, b.result);
}

}  // namespace

TEST_CASE("compare: the same fleet changes nothing") {
  Scenario a(fleet("2026-12-01 09:00")), b(fleet("2026-12-01 09:00"));
  simulator::Comparison c = run(a, b);
  REQUIRE(c.servers.size() == 3);
  for (const auto& s : c.servers) CHECK_FALSE(s.changed());
  // Unchanged servers keep their written order.
  CHECK(c.servers[0].server == "a");
  CHECK(c.servers[2].server == "c");
  CHECK(c.before.end == c.after.end);
}

TEST_CASE("compare: the largest change in time comes first") {
  // A transit busy one day longer delays everyone by a day; server a, first
  // served, waits exactly one day more, b and c their turn after it.
  Scenario a(fleet("2026-12-01 09:00")), b(fleet("2026-12-02 09:00"));
  simulator::Comparison c = run(a, b);
  REQUIRE(c.servers.size() == 3);
  for (const auto& s : c.servers) {
    REQUIRE(s.before);
    REQUIRE(s.after);
    CHECK(s.after->released - s.before->released == 86400);
  }
  CHECK(c.after.end - c.before.end == 86400);
  CHECK(c.before.longest_wait_server == "c");
}

TEST_CASE("compare: servers sorted by their largest change in time") {
  // b ready a day later: c takes the transit before it. b's release moves
  // by about a day, c's by less, a's not at all.
  Scenario a(fleet("2026-12-01 09:00")), b(fleet("2026-12-01 09:00", "", "c", "ready = 2026-12-02 09:00"));
  simulator::Comparison c = run(a, b);
  REQUIRE(c.servers.size() == 3);
  CHECK(c.servers[0].server == "b");
  CHECK(c.servers[1].server == "c");
  CHECK(c.servers[2].server == "a");
  CHECK_FALSE(c.servers[2].changed());
  CHECK(c.servers[0].time_effect() > c.servers[1].time_effect());
  CHECK(c.servers[1].time_effect() > 0);
}

TEST_CASE("compare: servers on one side only rank first") {
  Scenario a(fleet("2026-12-01 09:00")), b(fleet("2026-12-01 09:00", "", "d"));
  simulator::Comparison c = run(a, b);
  REQUIRE(c.servers.size() == 4);
  CHECK(c.servers[0].server == "c");
  CHECK_FALSE(c.servers[0].after);
  CHECK(c.servers[1].server == "d");
  CHECK_FALSE(c.servers[1].before);
  CHECK(c.servers[2].server == "a");  // unchanged, in written order
}

TEST_CASE("compare: a violation resolved and one introduced") {
  Scenario a(fleet("2026-12-01 09:00", "max_downtime = 15min")), b(fleet("2026-12-01 09:00", "max_downtime = 25min"));
  simulator::Comparison c = run(a, b);
  // 10 min to migrate and 10 min back: 20 min breaks 15 min, not 25 min.
  CHECK(c.before.violations == 4);
  CHECK(c.after.violations == 0);
  CHECK(c.resolved.size() == 4);
  CHECK(c.introduced.empty());
  std::size_t b_violations = 0;
  for (const auto& s : c.servers)
    if (s.server == "b") b_violations = s.before->violations;
  CHECK(b_violations == 2);
  simulator::Comparison back = run(b, a);
  CHECK(back.introduced.size() == 4);
  CHECK(back.resolved.empty());
}
