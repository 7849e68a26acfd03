#include <nlohmann/json.hpp>

#include "plan/time_zone.hpp"
#include "simulator/report.hpp"

namespace ferry::simulator {

std::string report_json(const plan::Fleet& fleet, const SimulationResult& result) {
  using json = nlohmann::ordered_json;
  plan::TimeZone zone = *plan::TimeZone::locate(fleet.timezone);
  auto iso = [&](plan::Instant t) { return zone.iso(t); };
  auto interval = [&](const Interval& i) { return json{{"start", iso(i.start)}, {"end", iso(i.end)}}; };
  json out;
  out["fleet"] = fleet.name;
  out["currency"] = fleet.currency;
  out["start"] = iso(fleet.start);
  out["end"] = iso(result.end);
  out["makespan_hours"] = static_cast<double>(result.end - fleet.start) / plan::kHour;
  json servers = json::array();
  for (const ServerResult& r : result.servers) {
    const plan::Server& server = fleet.servers[r.server];
    json s;
    s["name"] = server.name;
    s["transit"] = fleet.transits[r.transit].name;
    s["requested"] = iso(r.requested);
    s["acquired"] = iso(r.acquired);
    s["transit_wait_hours"] = static_cast<double>(r.transit_wait()) / plan::kHour;
    s["install"] = interval(r.install);
    s["all_migrated"] = iso(r.all_migrated);
    s["reinstall"] = interval(r.reinstall);
    s["released"] = iso(r.released);
    s["billing"] = {{"held_days", r.held_days}, {"billed_days", r.bill.billed_days}, {"cost", r.bill.cost()}};
    json accounts = json::array();
    for (const AccountResult& a : r.accounts) {
      accounts.push_back({{"name", server.accounts[a.account].name},
                          {"migrate", interval(a.migrate)},
                          {"move_back", interval(a.move_back)},
                          {"downtime_seconds",
                           {{"migrate", a.migrate_downtime},
                            {"reroute", a.reroute_downtime},
                            {"move_back", a.move_back_downtime},
                            {"total", a.total_downtime()}}}});
    }
    s["accounts"] = std::move(accounts);
    servers.push_back(std::move(s));
  }
  out["servers"] = std::move(servers);
  out["totals"] = {{"downtime_seconds", result.total_downtime},
                   {"transit_cost", static_cast<double>(result.total_cost_cents) / 100.0},
                   {"max_transit_wait_hours", static_cast<double>(result.max_transit_wait) / plan::kHour}};
  json violations = json::array();
  for (const Violation& v : result.violations)
    violations.push_back({{"kind", v.kind}, {"subject", v.subject}, {"message", v.message}});
  out["violations"] = std::move(violations);
  return out.dump(2) + "\n";
}

}  // namespace ferry::simulator
