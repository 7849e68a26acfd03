// Monte Carlo (DESIGN §4.4): reproducibility by seed whatever the threads
// and run count, statistics equal to the deterministic run without
// uncertainty, and small cases computed by hand: a rollback and its retry,
// a retry waiting for its window, an overrun, the owner's pace pushing the
// migration past the free weeks, a deadline miss of known probability.
#include <catch2/catch.hpp>
#include <cmath>

#include "compiler/lower.hpp"
#include "plan/time_zone.hpp"
#include "simulator/monte_carlo.hpp"
#include "simulator/report.hpp"
#include "tests/simulator/scenario.hpp"

using namespace ferry;
using ferry::testing::Scenario;

namespace {

plan::Plan plan_of(const std::string& text) { return compiler::lower(testing::fleet_from_text(text), {}); }

simulator::MonteCarloResult monte_carlo(const plan::Plan& plan, std::uint64_t runs, unsigned threads = 1,
                                        std::uint64_t seed = 1) {
  simulator::MonteCarloOptions options;
  options.runs = runs;
  options.seed = seed;
  options.threads = threads;
  simulator::MonteCarloResult mc = simulator::run_monte_carlo(plan, options);
  INFO(mc.error);
  REQUIRE(mc.error.empty());
  return mc;
}

void check_all_equal(const simulator::Stats& s, double value) {
  CHECK(s.mean == value);
  CHECK(s.p50 == value);
  CHECK(s.p90 == value);
  CHECK(s.p99 == value);
  CHECK(s.max == value);
}

// One account, always open: install 1h, downtime 10min, reinstall 1h.
std::string one_account(const std::string& policy_extra, const std::string& fleet_extra = "") {
  return R"(
fleet "f" { start = 2026-12-07 00:00 )" +
         fleet_extra + R"( }
calendar "night" { open = mon-sun 22:00-06:00 }
policy "default" { install = 1h  reinstall = 1h  downtime = 10min  )" +
         policy_extra + R"( }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 310 EUR/month account "a1" { dns = provider } }
)";
}

}  // namespace

TEST_CASE("monte carlo: without uncertainty every statistic is the deterministic value, exactly") {
  std::string text = testing::read_repository_file("examples/fleet.ferry");
  plan::Plan plan = plan_of(text);
  simulator::SimulationResult once = simulator::simulate(plan);
  REQUIRE_FALSE(once.runaway);
  simulator::MonteCarloResult mc = monte_carlo(plan, 7, 2);
  check_all_equal(mc.downtime_seconds, static_cast<double>(once.total_downtime));
  check_all_equal(mc.transit_cost, static_cast<double>(once.total_cost_cents) / 100.0);
  check_all_equal(mc.makespan_hours, static_cast<double>(once.end - plan.fleet.start) / plan::kHour);
  check_all_equal(mc.max_transit_wait_hours, static_cast<double>(once.max_transit_wait) / plan::kHour);
  check_all_equal(mc.rollbacks, 0);
  REQUIRE(mc.servers.size() == once.servers.size());
  for (std::size_t k = 0; k < mc.servers.size(); ++k) {
    check_all_equal(mc.servers[k].released, static_cast<double>(once.servers[k].released));
    check_all_equal(mc.servers[k].cost, once.servers[k].bill.cost());
    check_all_equal(mc.servers[k].billed_days, static_cast<double>(once.servers[k].bill.billed_days));
  }
  std::size_t row = 0;
  for (const auto& server : once.servers)
    for (const auto& account : server.accounts) check_all_equal(mc.accounts[row++].downtime_seconds, account.total_downtime());
  for (const auto& v : mc.violations) CHECK(v.probability == 1.0);
  CHECK(mc.violations.size() == once.violations.size());
}

TEST_CASE("monte carlo: the same seed gives the same bytes for 1, 2 and 8 threads; run r is run r whatever N") {
  plan::Plan plan = plan_of(std::string(R"(
fleet "f" { start = 2026-12-07 00:00  support_capacity = 1 }
calendar "night" { open = mon-sun 22:00-06:00 }
policy "default" { install = triangular(1h, 2h, 6h)  reinstall = uniform(1h, 3h)
  downtime = lognormal(10min, 40min)  migrate_window = "night"  rollback_rate = 20%  retry_after = 2h
  migrate_delay = uniform(0s, 2h)  prepare = normal(30min, 20min) }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 31 EUR/month account "a1" { } account "a2" { } }
server "b" { cpu = 8 ram = 8GB disk = 100GB price = 31 EUR/month account "b1" { } }
)"));
  std::string one = simulator::monte_carlo_json(plan.fleet, monte_carlo(plan, 60, 1, 42)).dump();
  CHECK(simulator::monte_carlo_json(plan.fleet, monte_carlo(plan, 60, 2, 42)).dump() == one);
  CHECK(simulator::monte_carlo_json(plan.fleet, monte_carlo(plan, 60, 8, 42)).dump() == one);
  CHECK(simulator::monte_carlo_json(plan.fleet, monte_carlo(plan, 60, 1, 43)).dump() != one);
  auto ten = monte_carlo(plan, 10, 2, 42), thousand = monte_carlo(plan, 1000, 2, 42);
  for (std::size_t r = 0; r < 10; ++r) {
    CHECK(ten.run_downtime_seconds[r] == thousand.run_downtime_seconds[r]);
    CHECK(ten.run_makespan_hours[r] == thousand.run_makespan_hours[r]);
  }
  CHECK(thousand.rollbacks.max >= 1);  // the draws do vary
}

TEST_CASE("monte carlo: a rolled-back migrate is retried retry_after after its rollback, and counted in downtime") {
  plan::Plan plan = plan_of(one_account("rollback_rate = 50%  rollback_time = 5min  retry_after = 3h"));
  plan::RunDurations planned = plan::RunDurations::means(plan.fleet);
  int seen = 0;
  for (std::uint64_t r = 0; r < 64 && seen < 3; ++r) {
    simulator::SimulationResult run = simulator::simulate_run(plan, planned, 1, r);
    REQUIRE_FALSE(run.runaway);
    const auto& server = run.servers[0];
    const auto& a = server.accounts[0];
    INFO("run " << r << ", rollbacks " << a.rollbacks);
    // Install ends 01:00; attempt k (from 0) starts at 01:00 + k (10min +
    // 5min + 3h): each rolled-back attempt's downtime and rollback time,
    // then the wait before the retry.
    CHECK(a.migrate.start - server.install.end == a.rollbacks * (600 + 300 + 3 * plan::kHour));
    CHECK(a.rollback_downtime == a.rollbacks * (600 + 300));
    CHECK(a.total_downtime() == 600 + 600 + a.rollbacks * 900);
    CHECK(server.reinstall.start == a.migrate.end);  // all_migrated waits for the retry
    seen += a.rollbacks == 1;
  }
  CHECK(seen >= 1);  // at 50 %, some of 64 runs roll back exactly once
}

TEST_CASE("monte carlo: a retry waits for its window") {
  // Night moves. Install 00:00-01:00, first attempt 01:00-01:10, rollback
  // to 01:15; ready again at 04:15, still night: 04:15. A second rollback
  // (04:30) makes it ready at 07:30: daytime, so 22:00.
  plan::Plan plan = plan_of(one_account(R"(migrate_window = "night"  rollback_rate = 50%  retry_after = 3h)"));
  plan::RunDurations planned = plan::RunDurations::means(plan.fleet);
  bool once = false, twice = false;
  for (std::uint64_t r = 0; r < 200 && !(once && twice); ++r) {
    simulator::SimulationResult run = simulator::simulate_run(plan, planned, 5, r);
    const auto& a = run.servers[0].accounts[0];
    plan::TimeZone zone = *plan::TimeZone::locate("UTC");
    if (a.rollbacks == 1) {
      once = true;
      CHECK(zone.iso(a.migrate.start) == "2026-12-07T04:15:00+00:00");
    }
    if (a.rollbacks == 2) {
      twice = true;
      CHECK(zone.iso(a.migrate.start) == "2026-12-07T22:00:00+00:00");
    }
  }
  CHECK(once);
  CHECK(twice);
}

TEST_CASE("monte carlo: a drawn move longer than the rest of its opening overruns it") {
  // Planned (mean) 1h45 fits at 04:00 before 06:00; drawn up to 3h30.
  plan::Plan plan = plan_of(R"(
fleet "f" { start = 2026-12-07 03:00 }
calendar "night" { open = mon-sun 22:00-06:00 }
policy "default" { install = 1h  reinstall = 1h  downtime = uniform(0s, 3h + 30min)  migrate_window = "night" }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 31 EUR/month account "a1" { } }
)");
  plan::RunDurations planned = plan::RunDurations::means(plan.fleet);
  int overran = 0, fitted = 0;
  for (std::uint64_t r = 0; r < 40; ++r) {
    simulator::SimulationResult run = simulator::simulate_run(plan, planned, 9, r);
    const auto& a = run.servers[0].accounts[0];
    REQUIRE(a.migrate.start == plan.fleet.start + plan::kHour);  // 04:00, decided with the mean
    bool past = a.migrate.end > plan.fleet.start + 3 * plan::kHour;  // after 06:00
    CHECK((a.overruns > 0) == past);
    bool reported = false;
    for (const auto& v : run.violations) reported |= v.kind == "window_overrun" && v.subject == "a1";
    CHECK(reported == past);
    (past ? overran : fitted)++;
  }
  CHECK(overran > 0);
  CHECK(fitted > 0);
}

TEST_CASE("migrate_delay: the owner's pace pushes the migration past the free weeks") {
  // Deterministic: the mean delay. Install 00:00-01:00 (Dec 7). a1 waits
  // 10 d: 12-17 01:00-01:10; a2 waits 10 d from when it could start (its
  // lane frees at 01:10): 12-27 01:10-01:20. Migration period 12-07 01:00
  // -> 12-27 01:20 = 20 d 20 min; free 14 d: 6 d 20 min billable -> 7 days
  // at 310/31 = 10 EUR each.
  Scenario s(R"(
fleet "f" { start = 2026-12-07 00:00 }
policy "default" { install = 1h  reinstall = 1h  downtime = 10min  migrate_delay = uniform(5d, 15d) }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 310 EUR/month account "a1" { } account "a2" { } }
)");
  CHECK(s.iso(s.account("a", "a1").migrate.start) == "2026-12-17T01:00:00+00:00");
  CHECK(s.iso(s.account("a", "a2").migrate.start) == "2026-12-27T01:10:00+00:00");
  CHECK(s.server("a").bill.billed_days == 7);
  CHECK(s.server("a").bill.cost_cents == 7000);
}

TEST_CASE("monte carlo: a deadline miss of known probability") {
  // released = 00:00 + 1h + d + 1h + d; the deadline 04:00 is missed when
  // the drawn d (uniform 0..2h, rounded to the second) exceeds 1 h:
  // P = (7200 - 3600.5) / 7200 = 0.49993.
  plan::Plan plan = plan_of(R"(
fleet "f" { start = 2026-12-07 00:00 }
policy "default" { install = 1h  reinstall = 1h  downtime = uniform(0s, 2h)  deadline = 2026-12-07 04:00 }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 31 EUR/month account "a1" { } }
)");
  simulator::MonteCarloResult mc = monte_carlo(plan, 4000, 2, 3);
  CHECK(std::abs(mc.servers[0].deadline_miss_probability - 0.49993) < 0.04);  // 5 sd
  REQUIRE(mc.violations.size() == 1);
  CHECK(mc.violations[0].kind == "deadline");
  CHECK(mc.violations[0].probability == mc.servers[0].deadline_miss_probability);
}

TEST_CASE("statistics: nearest-rank percentiles, exact") {
  std::vector<double> v;
  for (int i = 1; i <= 10; ++i) v.push_back(i);
  simulator::Stats s = simulator::statistics_of(v);
  CHECK(s.p50 == 5);   // rank ceil(0.5 * 10) = 5
  CHECK(s.p90 == 9);   // rank 9
  CHECK(s.p99 == 10);  // rank ceil(9.9) = 10
  CHECK(s.p10 == 1);
  CHECK(s.mean == 5.5);
  CHECK(simulator::statistics_of({7}).p90 == 7);
  std::vector<double> hundred;
  for (int i = 100; i >= 1; --i) hundred.push_back(i);
  CHECK(simulator::statistics_of(hundred).p99 == 99);
  CHECK(simulator::statistics_of(hundred).p90 == 90);
}
