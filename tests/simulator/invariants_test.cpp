// Invariants on generated fleets: whatever the fleet, no transit is held by
// two servers at once, the crew is never above capacity, every move fits its
// window and starts in order, support jobs start in their window, downtime
// adds up, and the cost is the sum of the billed days' prorata.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "plan/windows.hpp"
#include "plan/move_order.hpp"
#include "plan/run_durations.hpp"
#include "tests/simulator/scenario.hpp"

using ferry::testing::Scenario;
using namespace ferry;

namespace {

std::string generated_fleet(unsigned seed) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  std::string out = "fleet \"gen\" { start = 2027-03-20 09:00  timezone = \"Europe/Paris\"  support_capacity = " +
                    std::to_string(1 + pick(2)) + "  transit_recycle = " + std::to_string(pick(3)) + "h }\n";
  out += "calendar \"office\" { open = mon-fri 09:00-18:00  closed = [2027-03-26, 2027-04-05] }\n";
  out += "calendar \"night\" { open = mon-sun 22:00-06:00 }\n";
  out += "calendar \"weekend\" { open = [sat 00:00-24:00, sun 00:00-24:00] }\n";
  const char* windows[] = {"\"night\"", "\"weekend\"", "\"office\""};
  const char* orders[] = {"as_written", "largest_first", "smallest_first", "priority"};
  for (int p = 0; p < 3; ++p)
    out += "policy \"p" + std::to_string(p) + "\" { downtime = 30s + " + std::to_string(1 + pick(3)) +
           "min/GB * databases  install = " + std::to_string(1 + pick(5)) + "h + files / 100MB/s  migrate_window = " +
           windows[pick(2)] + "  move_back_window = " + windows[pick(3)] + "  support_window = \"office\"  order = " +
           orders[pick(4)] + "  parallel = " + std::to_string(1 + pick(3)) + "  free_transit = " +
           std::to_string(pick(3)) + "d" + (pick(2) ? "  move_back_by = user  free_move_back = 1d" : "") +
           (pick(2) ? "  prepare = 5min + 1min/GB * databases" : "") + " }\n";
  int transits = 2 + pick(3);
  for (int t = 0; t < transits; ++t)
    out += "transit \"t" + std::to_string(t) + "\" { cpu = " + std::to_string(4 << pick(3)) +
           " ram = " + std::to_string(16 << pick(3)) + "GB disk = " + std::to_string(500 << pick(3)) + "GB" +
           (pick(3) == 0 ? "  busy_until = 2027-03-2" + std::to_string(1 + pick(8)) + " 14:00" : "") + " }\n";
  out += "transit \"big\" { cpu = 16 ram = 64GB disk = 2TB }\n";
  int servers = 4 + pick(8), account = 0;
  for (int s = 0; s < servers; ++s) {
    out += "server \"s" + std::to_string(s) + "\" { policy = \"p" + std::to_string(pick(3)) + "\" cpu = " +
           std::to_string(4 << pick(3)) + " ram = " + std::to_string(8 << pick(3)) + "GB disk = " +
           std::to_string(250 << pick(3)) + "GB price = " + std::to_string(20 + pick(300)) + "." +
           std::to_string(10 + pick(90)) + " EUR/month" +
           (pick(3) == 0 ? "  ready = 2027-03-2" + std::to_string(pick(10)) + " " + std::to_string(10 + pick(12)) + ":30"
                         : "") +
           "\n";
    for (int a = 1 + pick(5); a > 0; --a)
      out += "  account \"a" + std::to_string(account++) + "\" { databases = " + std::to_string(pick(40)) +
             "GB files = " + std::to_string(pick(80)) + "GB dns = " + (pick(2) ? "provider" : "external") +
             " priority = " + std::to_string(pick(3)) + (pick(4) == 0 ? " prepared = true" : "") + " }\n";
    out += "}\n";
  }
  return out;
}

}  // namespace

TEST_CASE("invariants hold on generated fleets") {
  for (unsigned seed = 1; seed <= 30; ++seed) {
    INFO("seed " << seed);
    Scenario s(generated_fleet(seed));
    const plan::Fleet& fleet = s.fleet;
    plan::Windows windows(fleet.calendars, s.zone, fleet.start);
    const plan::RunDurations means = plan::RunDurations::means(fleet);
    auto window = [&](int w) { return windows.find(w); };

    std::vector<std::pair<plan::Instant, int>> crew_changes;
    std::vector<std::vector<simulator::Interval>> held(fleet.transits.size());
    for (const auto& r : s.result.servers) {
      const plan::Server& server = fleet.servers[r.server];
      const plan::Policy& policy = fleet.policies[static_cast<std::size_t>(server.policy)];
      CHECK(fleet.transits[r.transit].matches(server));
      CHECK(r.start == std::max(fleet.start, server.ready.value_or(fleet.start)));
      plan::Seconds prepares = 0;
      for (plan::Seconds d : means.prepare[r.server]) prepares += d;
      CHECK(r.requested == r.start + prepares);
      CHECK(r.acquired >= r.requested);
      CHECK(r.install.start >= r.acquired);
      held[r.transit].push_back({r.acquired, r.released + fleet.transit_recycle});
      for (const auto* job : {&r.install, &r.reinstall}) {
        crew_changes.push_back({job->start, +1});
        crew_changes.push_back({job->end, -1});
        if (auto* c = window(policy.support_window)) CHECK(c->is_open(job->start));
      }
      CHECK(r.reinstall.start >= r.all_migrated);
      // Moves: in order, inside their window, at most `parallel` at once.
      auto order = plan::move_order(server, policy.order);
      for (bool back : {false, true}) {
        plan::Calendar* w = window(back ? policy.effective_move_back_window() : policy.migrate_window);
        plan::Instant previous = 0;
        std::vector<std::pair<plan::Instant, int>> lanes;
        for (std::size_t a : order) {
          const auto& ar = r.accounts[a];
          const simulator::Interval& m = back ? ar.move_back : ar.migrate;
          CHECK(m.start >= previous);
          previous = m.start;
          CHECK(m.end - m.start == ar.migrate_downtime);
          CHECK(m.start >= (back ? r.reinstall.end : r.install.end));
          if (w) CHECK(w->next_fit(m.start, m.end - m.start).start == m.start);
          lanes.push_back({m.start, +1});
          lanes.push_back({m.end, -1});
        }
        std::sort(lanes.begin(), lanes.end());
        int busy = 0;
        for (auto [t, d] : lanes) CHECK((busy += d) <= policy.parallel);
      }
      // Downtime adds up.
      for (const auto& ar : r.accounts) {
        CHECK(ar.move_back_downtime == ar.migrate_downtime);
        CHECK(ar.total_downtime() == ar.migrate_downtime + ar.reroute_downtime + ar.move_back_downtime);
      }
      // Cost = sum of the billed days' prorata, recomputed here in doubles.
      double cost = 0;
      std::int64_t days = 0;
      auto period = [&](plan::Instant from, plan::Instant to, plan::Seconds free) {
        plan::Seconds billable = to - from - free;
        for (std::int64_t i = 0; billable > 0 && i * plan::kDay < billable; ++i, ++days)
          cost += server.price.value() / plan::days_in_month_of(plan::local_day(s.zone.to_local(from + free + i * plan::kDay)));
      };
      period(r.install.end, r.all_migrated, policy.free_transit);
      if (policy.move_back_by == plan::MoveBackBy::user) period(r.reinstall.end, r.released, policy.free_move_back);
      CHECK(r.bill.billed_days == days);
      CHECK(r.bill.cost_cents == static_cast<std::int64_t>(std::floor(cost * 100 + 0.5 + 1e-9)));
    }
    // First come, first served: no server takes a transit that matched a
    // server waiting ahead of it in (request time, declaration) order.
    for (const auto& j : s.result.servers)
      for (const auto& i : s.result.servers) {
        bool ahead = i.requested < j.requested || (i.requested == j.requested && i.server < j.server);
        bool waiting = i.requested <= j.acquired && i.acquired > j.acquired;
        if (ahead && waiting) CHECK_FALSE(fleet.transits[j.transit].matches(fleet.servers[i.server]));
      }
    // No transit held by two servers at once.
    for (auto& intervals : held) {
      std::sort(intervals.begin(), intervals.end(), [](auto& x, auto& y) { return x.start < y.start; });
      for (std::size_t i = 1; i < intervals.size(); ++i) CHECK(intervals[i].start >= intervals[i - 1].end);
    }
    // The crew is never above capacity (an end at t frees before a start at t).
    std::sort(crew_changes.begin(), crew_changes.end());
    int busy = 0;
    for (auto [t, d] : crew_changes) CHECK((busy += d) <= fleet.support_capacity);
  }
}
