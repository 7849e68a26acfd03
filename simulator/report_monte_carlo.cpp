// Monte Carlo reports (DESIGN §4.4): the `monte_carlo` JSON object, and the
// text summary a planner reads after the deterministic report: totals
// (mean, P50, P90, P99, max), the ten accounts with the highest P90
// downtime, servers by deadline-miss probability, violation probabilities.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "plan/time_zone.hpp"
#include "simulator/report.hpp"

namespace ferry::simulator {

namespace {

using json = nlohmann::ordered_json;

json stats_json(const Stats& s) {
  return {{"mean", s.mean}, {"p50", s.p50}, {"p90", s.p90}, {"p99", s.p99}, {"max", s.max}};
}

// Instants as ISO times; the mean rounded half-up to the second.
json iso_stats_json(const Stats& s, const plan::TimeZone& zone) {
  auto iso = [&](double t) { return zone.iso(static_cast<plan::Instant>(std::floor(t + 0.5))); };
  return {{"mean", iso(s.mean)}, {"p50", iso(s.p50)}, {"p90", iso(s.p90)}, {"p99", iso(s.p99)}, {"max", iso(s.max)}};
}

std::string percent(double p) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f %%", p * 100);
  return buffer;
}

}  // namespace

json monte_carlo_json(const plan::Fleet& fleet, const MonteCarloResult& mc) {
  plan::TimeZone zone = *plan::TimeZone::locate(fleet.timezone);
  json totals = {{"downtime_seconds", stats_json(mc.downtime_seconds)},
                 {"transit_cost", stats_json(mc.transit_cost)},
                 {"makespan_hours", stats_json(mc.makespan_hours)},
                 {"max_transit_wait_hours", stats_json(mc.max_transit_wait_hours)},
                 {"rollbacks", stats_json(mc.rollbacks)},
                 {"window_overruns", stats_json(mc.window_overruns)}};
  json servers = json::array();
  for (const ServerOdds& s : mc.servers)
    servers.push_back({{"name", fleet.servers[s.server].name},
                       {"released", iso_stats_json(s.released, zone)},
                       {"transit_wait_hours", stats_json(s.transit_wait_hours)},
                       {"billed_days", stats_json(s.billed_days)},
                       {"cost", stats_json(s.cost)},
                       {"deadline_miss_probability", s.deadline_miss_probability}});
  json accounts = json::array();
  for (const AccountOdds& a : mc.accounts)
    accounts.push_back({{"server", fleet.servers[a.server].name},
                        {"name", fleet.servers[a.server].accounts[a.account].name},
                        {"downtime_seconds", stats_json(a.downtime_seconds)},
                        {"rollbacks", stats_json(a.rollbacks)},
                        {"max_downtime_miss_probability", a.max_downtime_miss_probability}});
  json violations = json::array();
  for (const ViolationOdds& v : mc.violations)
    violations.push_back({{"kind", v.kind}, {"subject", v.subject}, {"probability", v.probability}});
  return {{"runs", mc.runs},         {"seed", mc.seed},         {"totals", std::move(totals)},
          {"servers", std::move(servers)}, {"accounts", std::move(accounts)}, {"violations", std::move(violations)}};
}

std::string report_monte_carlo_text(const plan::Fleet& fleet, const MonteCarloResult& mc, bool color) {
  std::string bold = color ? "\033[1m" : "", reset = color ? "\033[0m" : "";
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "\n%sMonte Carlo%s: %llu runs, seed %llu\n", bold.c_str(), reset.c_str(),
                static_cast<unsigned long long>(mc.runs), static_cast<unsigned long long>(mc.seed));
  out += line;
  std::snprintf(line, sizeof line, "  %-26s %12s %12s %12s %12s %12s\n", "", "mean", "P50", "P90", "P99", "max");
  out += line;
  auto row = [&](const char* name, const Stats& s, const char* format) {
    std::string f = std::string("  %-26s ") + format + " " + format + " " + format + " " + format + " " + format + "\n";
    std::snprintf(line, sizeof line, f.c_str(), name, s.mean, s.p50, s.p90, s.p99, s.max);
    out += line;
  };
  std::string cost = "transit cost (" + fleet.currency + ")";
  row("downtime (s)", mc.downtime_seconds, "%12.0f");
  row(cost.c_str(), mc.transit_cost, "%12.2f");
  row("makespan (h)", mc.makespan_hours, "%12.1f");
  row("longest transit wait (h)", mc.max_transit_wait_hours, "%12.1f");
  row("rollbacks", mc.rollbacks, "%12.2f");
  row("window overruns", mc.window_overruns, "%12.2f");

  std::vector<const AccountOdds*> accounts;
  for (const AccountOdds& a : mc.accounts) accounts.push_back(&a);
  std::stable_sort(accounts.begin(), accounts.end(),
                   [](const AccountOdds* x, const AccountOdds* y) { return x->downtime_seconds.p90 > y->downtime_seconds.p90; });
  if (accounts.size() > 10) accounts.resize(10);
  out += "\n" + bold + "accounts with the highest P90 downtime" + reset + "\n";
  for (const AccountOdds* a : accounts) {
    const plan::Server& server = fleet.servers[a->server];
    std::string name = server.name + "/" + server.accounts[a->account].name;
    std::snprintf(line, sizeof line, "  %-40s P90 %8.0f s   max %8.0f s   rollbacks (mean) %.2f\n", name.c_str(),
                  a->downtime_seconds.p90, a->downtime_seconds.max, a->rollbacks.mean);
    out += line;
  }

  std::vector<const ServerOdds*> servers;
  for (const ServerOdds& s : mc.servers)
    if (s.deadline_miss_probability > 0) servers.push_back(&s);
  std::stable_sort(servers.begin(), servers.end(), [](const ServerOdds* x, const ServerOdds* y) {
    return x->deadline_miss_probability > y->deadline_miss_probability;
  });
  out += "\n" + bold + "servers by deadline-miss probability" + reset + "\n";
  if (servers.empty()) out += "  no server misses its deadline in any run\n";
  for (const ServerOdds* s : servers) out += "  " + fleet.servers[s->server].name + "  " + percent(s->deadline_miss_probability) + "\n";

  out += "\n" + bold + "violation probabilities" + reset + "\n";
  if (mc.violations.empty()) out += "  no requirement violated in any run\n";
  for (const ViolationOdds& v : mc.violations)
    out += "  " + percent(v.probability) + "  " + v.kind + "  " + v.subject + "\n";
  return out;
}

}  // namespace ferry::simulator
