#include <nlohmann/json.hpp>

#include "plan/time_zone.hpp"
#include "simulator/report.hpp"

namespace ferry::simulator {

// Each server is built and dumped on its own and the envelope is written
// around them: a 100,000-account report never exists as one DOM.
std::string report_json(const plan::Fleet& fleet, const SimulationResult& result, const MonteCarloResult* mc) {
  using json = nlohmann::ordered_json;
  plan::TimeZone zone = *plan::TimeZone::locate(fleet.timezone);
  auto iso = [&](plan::Instant t) { return zone.iso(t); };
  auto interval = [&](const Interval& i) { return json{{"start", iso(i.start)}, {"end", iso(i.end)}}; };
  // dump(2) of a value nested `spaces` deep.
  auto nested = [](const json& value, int spaces) {
    std::string text = value.dump(2), out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t from = 0;;) {  // line by line: a character at a time was a tenth of --json
      std::size_t newline = text.find('\n', from);
      if (newline == std::string::npos) {
        out.append(text, from, std::string::npos);
        return out;
      }
      out.append(text, from, newline + 1 - from);
      out.append(static_cast<std::size_t>(spaces), ' ');
      from = newline + 1;
    }
  };
  auto member = [&](std::string& out, const char* key, const json& value, bool last = false) {
    out += std::string("  \"") + key + "\": " + nested(value, 2) + (last ? "\n" : ",\n");
  };
  std::string out = "{\n";
  member(out, "fleet", fleet.name);
  member(out, "currency", fleet.currency);
  member(out, "start", iso(fleet.start));
  member(out, "end", iso(result.end));
  member(out, "makespan_hours", static_cast<double>(result.end - fleet.start) / plan::kHour);
  out += "  \"servers\": [";
  for (std::size_t k = 0; k < result.servers.size(); ++k) {
    const ServerResult& r = result.servers[k];
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
    out += "\n    " + nested(s, 4) + (k + 1 < result.servers.size() ? "," : "\n  ");
  }
  out += "],\n";
  json totals = {{"downtime_seconds", result.total_downtime},
                 {"transit_cost", static_cast<double>(result.total_cost_cents) / 100.0},
                 {"max_transit_wait_hours", static_cast<double>(result.max_transit_wait) / plan::kHour}};
  member(out, "totals", totals);
  json violations = json::array();
  for (const Violation& v : result.violations)
    violations.push_back({{"kind", v.kind}, {"subject", v.subject}, {"message", v.message}});
  member(out, "violations", violations, mc == nullptr);
  if (mc) member(out, "monte_carlo", monte_carlo_json(fleet, *mc), true);
  return out + "}\n";
}

}  // namespace ferry::simulator
