// The data the HTML report's script draws from, built from one run and the
// fleet. Times are seconds since the fleet's start (short numbers in a page
// that may hold 100,000 moves); the UTC offsets over the run let the script
// write the same ISO times as the JSON report without a time zone database.
#include <algorithm>
#include <map>

#include "plan/calendar.hpp"
#include "plan/time_zone.hpp"
#include "simulator/report_html.hpp"

namespace ferry::simulator {

namespace {

using json = nlohmann::ordered_json;

// [[from, offset], ...]: the UTC offset in force from each `from` on, over
// [from, to]. Offsets change at most a few times a year and never twice in
// six hours, so a coarse walk finds each change and halving pins its second.
json offset_periods(const plan::TimeZone& zone, plan::Instant origin, plan::Instant from, plan::Instant to) {
  auto offset = [&](plan::Instant t) { return zone.to_local(t) - t; };
  constexpr plan::Seconds kStep = 6 * plan::kHour;
  json periods = json::array();
  plan::Seconds current = offset(from);
  periods.push_back({from - origin, current});
  for (plan::Instant t = from; t < to;) {
    plan::Instant next = std::min(t + kStep, to);
    if (offset(next) != current) {
      plan::Instant low = t, high = next;  // offset(low) == current != offset(high)
      while (high - low > 1) {
        plan::Instant mid = low + (high - low) / 2;
        (offset(mid) == current ? low : high) = mid;
      }
      current = offset(high);
      periods.push_back({high - origin, current});
    }
    t = next;
  }
  return periods;
}

// Openings and closed dates of one calendar, clipped to [from, to].
json calendar_data(const plan::CalendarSpec& spec, const plan::TimeZone& zone, plan::Instant origin,
                   plan::Instant from, plan::Instant to) {
  plan::Calendar calendar(spec, zone, origin);
  json openings = json::array(), closed = json::array();
  if (calendar.ever_open()) {
    calendar.is_open(to + plan::kDay);  // builds the openings past the end of the run
    for (const plan::Opening& o : calendar.openings())
      if (o.end > from && o.start < to) openings.push_back({std::max(o.start, from) - origin, std::min(o.end, to) - origin});
  }
  for (std::int64_t day : spec.closed_days) {
    plan::Instant begin = zone.resolve(day * plan::kDay).instant, end = zone.resolve((day + 1) * plan::kDay).instant;
    if (end > from && begin < to) closed.push_back({std::max(begin, from) - origin, std::min(end, to) - origin});
  }
  return {{"name", spec.name}, {"openings", std::move(openings)}, {"closed", std::move(closed)}};
}

json optional_seconds(const std::optional<plan::Seconds>& value, plan::Seconds origin = 0) {
  return value ? json(*value - origin) : json(nullptr);
}

// The support crew's load: [[t, jobs running from t on], ...].
json crew_load(const SimulationResult& result, plan::Instant origin) {
  std::map<plan::Instant, int> change;
  for (const ServerResult& r : result.servers) {
    for (const Interval& job : {r.install, r.reinstall}) {
      if (job.end <= job.start) continue;
      ++change[job.start];
      --change[job.end];
    }
  }
  json steps = json::array();
  int load = 0;
  for (const auto& [t, delta] : change) {
    if (delta == 0) continue;
    load += delta;
    steps.push_back({t - origin, load});
  }
  return steps;
}

json monte_carlo_data(const MonteCarloSummary& mc, const plan::Fleet& fleet, plan::Instant origin) {
  json totals = json::array(), releases = json::array(), violations = json::array();
  for (const HtmlHistogram& h : mc.totals)
    totals.push_back({{"title", h.title}, {"unit", h.unit}, {"low", h.low}, {"width", h.width}, {"counts", h.counts}});
  for (const HtmlReleaseSpread& r : mc.releases)
    releases.push_back({{"server", fleet.servers[r.server].name},
                        {"p10", r.p10 - origin},
                        {"p50", r.p50 - origin},
                        {"p90", r.p90 - origin},
                        {"deadline_miss_probability", r.deadline_miss_probability}});
  for (const HtmlViolationOdds& v : mc.violations)
    violations.push_back({{"kind", v.kind}, {"subject", v.subject}, {"probability", v.probability}});
  return {{"runs", mc.runs}, {"seed", mc.seed}, {"totals", std::move(totals)},
          {"releases", std::move(releases)}, {"violations", std::move(violations)}};
}

}  // namespace

json report_page_data(const plan::Fleet& fleet, const SimulationResult& result, const MonteCarloSummary* monte_carlo) {
  plan::TimeZone zone = *plan::TimeZone::locate(fleet.timezone);
  const plan::Instant origin = fleet.start;
  const plan::Instant end = std::max(result.end, origin);
  auto rel = [&](plan::Instant t) { return t - origin; };
  auto interval = [&](const Interval& i) { return json::array({rel(i.start), rel(i.end)}); };

  std::vector<bool> calendar_used(fleet.calendars.size(), false);
  std::vector<bool> policy_used(fleet.policies.size(), false);
  std::size_t accounts = 0;
  for (const ServerResult& r : result.servers) {
    const auto policy = static_cast<std::size_t>(fleet.servers[r.server].policy);
    policy_used[policy] = true;
    const plan::Policy& p = fleet.policies[policy];
    for (int window : {p.migrate_window, p.effective_move_back_window(), p.support_window})
      if (window != plan::kAlwaysOpen) calendar_used[static_cast<std::size_t>(window)] = true;
    accounts += r.accounts.size();
  }

  json calendars = json::array();
  for (std::size_t c = 0; c < fleet.calendars.size(); ++c) {
    json data = calendar_used[c] ? calendar_data(fleet.calendars[c], zone, origin, origin, end)
                                 : json{{"name", fleet.calendars[c].name}, {"openings", json::array()}, {"closed", json::array()}};
    data["used"] = bool(calendar_used[c]);
    calendars.push_back(std::move(data));
  }

  json policies = json::array();
  for (std::size_t k = 0; k < fleet.policies.size(); ++k) {
    const plan::Policy& p = fleet.policies[k];
    policies.push_back({{"name", p.name.empty() ? "built-in defaults" : p.name},
                        {"used", bool(policy_used[k])},
                        {"migrate_window", p.migrate_window},
                        {"move_back_window", p.effective_move_back_window()},
                        {"support_window", p.support_window},
                        {"move_back_by", p.move_back_by == plan::MoveBackBy::user ? "user" : "support"},
                        {"free_transit", p.free_transit},
                        {"free_move_back", p.free_move_back},
                        {"max_downtime", optional_seconds(p.max_downtime)},
                        {"deadline", optional_seconds(p.deadline, origin)}});
  }

  json transits = json::array();
  for (const plan::Transit& t : fleet.transits)
    transits.push_back({{"name", t.name}, {"busy_until", optional_seconds(t.busy_until, origin)}, {"holds", json::array()}});

  json servers = json::array();
  for (std::size_t k = 0; k < result.servers.size(); ++k) {
    const ServerResult& r = result.servers[k];
    const plan::Server& server = fleet.servers[r.server];
    transits[r.transit]["holds"].push_back({k, rel(r.acquired), rel(r.released + fleet.transit_recycle)});
    json account_rows = json::array();
    for (const AccountResult& a : r.accounts) {
      json row = {{"name", server.accounts[a.account].name},
                  {"migrate", interval(a.migrate)},
                  {"move_back", interval(a.move_back)},
                  {"downtime", {a.migrate_downtime, a.reroute_downtime, a.move_back_downtime, a.rollback_downtime}}};
      if (a.overruns) row["overruns"] = a.overruns;
      account_rows.push_back(std::move(row));
    }
    servers.push_back({{"name", server.name},
                       {"policy", server.policy},
                       {"transit", r.transit},
                       {"price", server.price.value()},
                       {"start", rel(r.start)},
                       {"requested", rel(r.requested)},
                       {"acquired", rel(r.acquired)},
                       {"install", interval(r.install)},
                       {"all_migrated", rel(r.all_migrated)},
                       {"reinstall", interval(r.reinstall)},
                       {"released", rel(r.released)},
                       {"held_days", r.held_days},
                       {"billed_days", r.bill.billed_days},
                       {"cost_cents", r.bill.cost_cents},
                       {"accounts", std::move(account_rows)}});
  }

  json violations = json::array();
  for (const Violation& v : result.violations)
    violations.push_back({{"kind", v.kind}, {"subject", v.subject}, {"message", v.message}});

  return {{"format", 1},
          {"fleet", fleet.name},
          {"timezone", fleet.timezone},
          {"currency", fleet.currency},
          {"start_unix", origin},
          {"end", rel(end)},
          {"offsets", offset_periods(zone, origin, origin, end)},
          {"support_capacity", fleet.support_capacity},
          {"transit_recycle", fleet.transit_recycle},
          {"totals",
           {{"servers", result.servers.size()},
            {"accounts", accounts},
            {"downtime_seconds", result.total_downtime},
            {"transit_cost_cents", result.total_cost_cents},
            {"max_transit_wait", result.max_transit_wait}}},
          {"calendars", std::move(calendars)},
          {"policies", std::move(policies)},
          {"transits", std::move(transits)},
          {"crew", crew_load(result, origin)},
          {"servers", std::move(servers)},
          {"violations", std::move(violations)},
          {"monte_carlo", monte_carlo ? monte_carlo_data(*monte_carlo, fleet, origin) : json(nullptr)}};
}

}  // namespace ferry::simulator
