// The language of issue 11: policy inheritance, closed date ranges, a
// server's transit choice and priority (kept through the plan file), and
// the warnings of `check` on traps (rare window fits, unmeetable
// max_downtime, a policy fallen back to the built-in defaults).
#include <catch2/catch.hpp>

#include "compiler/lower.hpp"
#include "plan/plan_json.hpp"
#include "tests/support/fleet_from_text.hpp"

using namespace ferry;

namespace {

const std::string kHead = R"(fleet "f" { start = 2026-12-01 09:00  timezone = "Europe/Paris" }
transit "tr-1" { cpu = 8  ram = 32GB  disk = 1TB }
transit "tr-2" { cpu = 4  ram = 16GB  disk = 500GB }
transit "tr-3" { cpu = 4  ram = 16GB  disk = 500GB }
)";

std::string server(const std::string& name, const std::string& extra, const std::string& databases = "1GB") {
  return "server \"" + name + "\" {\n  cpu = 4  ram = 16GB  disk = 100GB  price = 10 EUR/month\n  " + extra +
         "\n  account \"" + name + "-a\" { databases = " + databases + " }\n}\n";
}

const plan::Policy& policy_named(const plan::Fleet& fleet, const std::string& name) {
  for (const auto& p : fleet.policies)
    if (p.name == name) return p;
  FAIL("no policy " << name);
  return fleet.policies.front();
}

}  // namespace

TEST_CASE("extends: a policy starts from its parent's settings, along a chain, and overrides its own") {
  auto fleet = testing::fleet_from_text(kHead + R"(
calendar "night" { open = mon-sun 22:00-06:00 }
policy "rush2" extends "rush" { order = largest_first  downtime = 2min }
policy "standard" { migrate_window = "night"  parallel = 2  max_downtime = 4h  downtime = 1min/GB * databases }
policy "rush" extends "standard" { parallel = 4 }
)" + server("s", "policy = \"rush2\""));
  const auto& standard = policy_named(fleet, "standard");
  const auto& rush = policy_named(fleet, "rush");
  const auto& rush2 = policy_named(fleet, "rush2");
  CHECK(standard.parallel == 2);
  CHECK(rush.parallel == 4);
  CHECK(rush.migrate_window == standard.migrate_window);
  CHECK(rush.max_downtime == 4 * plan::kHour);
  CHECK(rush.order == plan::MoveOrder::as_written);
  // Written before its parents, still read after them.
  CHECK(rush2.parallel == 4);
  CHECK(rush2.order == plan::MoveOrder::largest_first);
  CHECK(rush2.migrate_window == standard.migrate_window);
  CHECK(rush2.downtime.text == "2min");
  CHECK(rush.downtime.text == "1min/GB * databases");
  CHECK(fleet.policies[static_cast<std::size_t>(fleet.servers[0].policy)].name == "rush2");
}

TEST_CASE("closed date ranges include both ends and mix with single dates") {
  auto fleet = testing::fleet_from_text(kHead + R"(
calendar "office" { open = mon-fri 09:00-18:00  closed = [2027-02-01, 2026-12-30..2027-01-02, 2026-12-31..2026-12-31] }
)");
  const auto& closed = fleet.calendars[0].closed_days;
  std::vector<std::int64_t> expected;
  for (int d : {30, 31}) expected.push_back(plan::days_from_civil(2026, 12, static_cast<unsigned>(d)));
  for (int d : {1, 2}) expected.push_back(plan::days_from_civil(2027, 1, static_cast<unsigned>(d)));
  expected.push_back(plan::days_from_civil(2027, 2, 1));
  CHECK(closed == expected);
}

TEST_CASE("transit choice: stored as indexes, may_use follows it, the plan file keeps it") {
  auto fleet = testing::fleet_from_text(kHead + server("pinned", "transit = \"tr-3\"  priority = 7") +
                                        server("picky", "avoid_transits = [\"tr-3\", \"tr-2\", \"tr-3\"]") +
                                        server("plain", ""));
  const auto& pinned = fleet.servers[0];
  const auto& picky = fleet.servers[1];
  CHECK(pinned.pinned_transit == std::optional<std::size_t>(2));
  CHECK(pinned.priority == 7);
  CHECK_FALSE(pinned.may_use(0));
  CHECK(pinned.may_use(2));
  CHECK(picky.avoided_transits == std::vector<std::size_t>{1, 2});
  CHECK(picky.may_use(0));
  CHECK_FALSE(picky.may_use(1));
  CHECK(fleet.servers[2].priority == 0);
  CHECK_FALSE(fleet.servers[2].pinned_transit.has_value());

  plan::Plan p = compiler::lower(fleet, {"t.ferry", std::string(64, '0')});
  plan::PlanFile back = plan::read_plan_json(plan::write_plan_json(p));
  INFO(back.error);
  REQUIRE(back.plan.has_value());
  const auto& servers = back.plan->fleet.servers;
  CHECK(servers[0].pinned_transit == std::optional<std::size_t>(2));
  CHECK(servers[0].priority == 7);
  CHECK(servers[1].avoided_transits == std::vector<std::size_t>{1, 2});
  CHECK_FALSE(servers[2].pinned_transit.has_value());
}

TEST_CASE("rare fits: fewer than 13 fitting openings in the year is a warning, naming the dates") {
  // A 22:00-06:00 night is 8 h, 9 h on the night the clocks go back
  // (2027-10-30 in Paris) and 7 h when they go forward.
  auto check = [](const std::string& move) {
    return testing::check_text(kHead + R"(
calendar "night" { open = mon-sun 22:00-06:00 }
policy "default" { migrate_window = "night"  downtime = )" + move + R"( }
)" + server("s", ""));
  };
  auto rare = check("8h + 30min");
  CHECK(rare.errors == 0);
  CHECK_THAT(rare.diagnostics, Catch::Contains("only 1 opening of calendar \"night\""));
  CHECK_THAT(rare.diagnostics, Catch::Contains("2027-10-30 22:00 (9h 0min 0s)"));
  CHECK_THAT(rare.diagnostics, Catch::Contains("most last 8h 0min 0s"));
  // 8 h fits every night but the spring one: no warning.
  CHECK(check("8h").diagnostics.empty());
  // Longer than every night: the error of DESIGN §2.5, not a warning.
  CHECK_THAT(check("9h + 1s").diagnostics, Catch::Contains("it could never run"));

  // Exactly 12 fitting openings warns, 13 does not: Saturdays get 12 h,
  // other nights 8 h, and the Saturdays are closed but for the first 12 or 13.
  auto saturdays = [](int open_saturdays) {
    std::string closed;
    std::int64_t first = plan::days_from_civil(2026, 12, 5);  // a Saturday
    for (int week = open_saturdays; week < 53; ++week) {
      std::int64_t day = first + 7 * week;
      closed += (closed.empty() ? "" : ", ") + plan::local_text(day * plan::kDay).substr(0, 10);
    }
    return testing::check_text(kHead + "calendar \"night\" { open = [mon-fri 22:00-06:00, sat 12:00-24:00]  closed = [" +
                               closed + "] }\npolicy \"default\" { migrate_window = \"night\"  downtime = 10h }\n" +
                               server("s", ""));
  };
  CHECK_THAT(saturdays(12).diagnostics, Catch::Contains("only 12 openings"));
  CHECK_THAT(saturdays(12).diagnostics, Catch::Contains("2026-12-05 12:00 (12h 0min 0s), 2026-12-12 12:00"));
  CHECK_THAT(saturdays(12).diagnostics, Catch::Contains("and 9 more"));
  CHECK(saturdays(13).diagnostics.empty());
}

TEST_CASE("max_downtime: a warning when an account's own moves exceed it, none when they fit exactly") {
  auto check = [](const std::string& max, const std::string& dns) {
    return testing::check_text(kHead + "policy \"default\" { downtime = 1min/GB * databases  max_downtime = " + max +
                               " }\n" + server("s", "", "60GB  dns = " + dns));
  };
  // Two moves of 1 h, plus a 1 min reroute for external DNS.
  CHECK(check("2h", "provider").diagnostics.empty());
  CHECK_THAT(check("2h", "external").diagnostics, Catch::Contains("cannot meet max_downtime 2h 0min 0s"));
  CHECK(check("2h + 1min", "external").diagnostics.empty());
  CHECK(check("2h", "external").errors == 0);
}

TEST_CASE("a server without a policy warns only when policies exist and none is called default") {
  auto check = [](const std::string& policies) { return testing::check_text(kHead + policies + server("s", "")); };
  CHECK(check("").diagnostics.empty());
  CHECK(check("policy \"default\" { parallel = 2 }\npolicy \"rush\" { parallel = 4 }\n").diagnostics.empty());
  auto one = check("policy \"standard\" { parallel = 2 }\n");
  CHECK_THAT(one.diagnostics, Catch::Contains("warning: server \"s\" names no policy"));
  CHECK_THAT(one.diagnostics, Catch::Contains("did you mean policy = \"standard\"?"));
  CHECK(one.errors == 0);
}

TEST_CASE("deadline: before the fleet start is an error, at the start is allowed") {
  auto check = [](const std::string& deadline) {
    return testing::check_text(kHead + "policy \"default\" { deadline = " + deadline + " }\n" + server("s", ""));
  };
  CHECK(check("2026-12-01 08:59").errors == 1);
  CHECK(check("2026-12-01 09:00").errors == 0);
}
