#include "cli/compare_report.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "simulator/time_text.hpp"

namespace ferry::cli {

namespace {

using simulator::clock_duration;
using simulator::day_time;
using simulator::signed_duration;

std::string money(std::int64_t cents, const std::string& currency, bool sign = false) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%s%lld.%02lld %s", cents < 0 ? "-" : (sign && cents > 0 ? "+" : ""),
                std::llabs(cents) / 100, std::llabs(cents) % 100, currency.c_str());
  return buffer;
}

std::string row(const std::string& name, const std::string& a, const std::string& b, const std::string& change) {
  char line[512];
  std::snprintf(line, sizeof line, "  %-13s %-28s %-28s %s\n", name.c_str(), a.c_str(), b.c_str(), change.c_str());
  return line;
}

std::string count_change(std::size_t a, std::size_t b) {
  if (a == b) return "=";
  return (b > a ? "+" : "-") + std::to_string(b > a ? b - a : a - b);
}

std::string time_change(plan::Seconds delta) { return delta == 0 ? "=" : signed_duration(delta); }

}  // namespace

std::string compare_text(const CompareSides& sides, const simulator::Comparison& c) {
  plan::TimeZone zone_a = *plan::TimeZone::locate(sides.fleet_a->timezone);
  plan::TimeZone zone_b = *plan::TimeZone::locate(sides.fleet_b->timezone);
  const std::string& cur_a = sides.fleet_a->currency;
  const std::string& cur_b = sides.fleet_b->currency;
  bool same_currency = cur_a == cur_b;
  std::string out = "compare\n  A  " + sides.label_a + "\n  B  " + sides.label_b + "\n\n";
  out += row("totals", "A", "B", "change");
  const simulator::TotalFigures &ta = c.before, &tb = c.after;
  out += row("end", day_time(zone_a, ta.end), day_time(zone_b, tb.end), time_change(tb.end - ta.end));
  out += row("makespan", clock_duration(ta.end - ta.start), clock_duration(tb.end - tb.start),
             time_change((tb.end - tb.start) - (ta.end - ta.start)));
  out += row("downtime", clock_duration(ta.downtime), clock_duration(tb.downtime), time_change(tb.downtime - ta.downtime));
  out += row("transit cost", money(ta.cost_cents, cur_a), money(tb.cost_cents, cur_b),
             !same_currency ? "(currencies differ)"
             : tb.cost_cents == ta.cost_cents ? "="
                                              : money(tb.cost_cents - ta.cost_cents, cur_b, true));
  auto wait = [](const simulator::TotalFigures& t) {
    return clock_duration(t.longest_wait) + (t.longest_wait_server.empty() ? "" : " (" + t.longest_wait_server + ")");
  };
  out += row("longest wait", wait(ta), wait(tb), time_change(tb.longest_wait - ta.longest_wait));
  out += row("violations", std::to_string(ta.violations), std::to_string(tb.violations),
             count_change(ta.violations, tb.violations));

  out += "\nservers, largest change first\n";
  std::string unchanged;
  std::size_t unchanged_count = 0;
  for (const simulator::ServerChange& s : c.servers) {
    if (!s.changed()) {
      unchanged += (unchanged.empty() ? "" : ", ") + s.server;
      ++unchanged_count;
      continue;
    }
    if (!s.before || !s.after) {
      out += "  " + s.server + (s.before ? "  migrated in A only\n" : "  migrated in B only\n");
      continue;
    }
    const simulator::ServerFigures &a = *s.before, &b = *s.after;
    out += "  " + s.server + "\n";
    out += a.transit == b.transit ? "    transit     " + a.transit + "\n"
                                  : "    transit     " + a.transit + " → " + b.transit + "\n";
    auto field = [&](const char* name, const std::string& from, const std::string& to, const std::string& change) {
      out += std::string("    ") + name + std::string(12 - std::string(name).size(), ' ') + from + " → " + to +
             "  (" + change + ")\n";
    };
    if (a.wait != b.wait) field("wait", clock_duration(a.wait), clock_duration(b.wait), signed_duration(b.wait - a.wait));
    if (a.released != b.released)
      field("released", day_time(zone_a, a.released), day_time(zone_b, b.released),
            signed_duration(b.released - a.released));
    if (a.downtime != b.downtime)
      field("downtime", clock_duration(a.downtime), clock_duration(b.downtime),
            signed_duration(b.downtime - a.downtime));
    if (a.cost_cents != b.cost_cents)
      field("cost", money(a.cost_cents, cur_a), money(b.cost_cents, cur_b),
            same_currency ? money(b.cost_cents - a.cost_cents, cur_b, true) : "currencies differ");
    if (a.violations != b.violations)
      field("violations", std::to_string(a.violations), std::to_string(b.violations),
            count_change(a.violations, b.violations));
  }
  if (unchanged_count == c.servers.size()) out += "  no server changed\n";
  else if (unchanged_count) out += "  unchanged (" + std::to_string(unchanged_count) + "): " + unchanged + "\n";

  for (const auto* list : {&c.resolved, &c.introduced}) {
    if (list->empty()) continue;
    out += list == &c.resolved ? "\nviolations in A only (resolved)\n" : "\nviolations in B only (introduced)\n";
    for (const simulator::Violation& v : *list) out += "  " + v.kind + ": " + v.message + "\n";
  }
  return out;
}

std::string compare_json(const CompareSides& sides, const simulator::Comparison& c) {
  using json = nlohmann::ordered_json;
  plan::TimeZone zone_a = *plan::TimeZone::locate(sides.fleet_a->timezone);
  plan::TimeZone zone_b = *plan::TimeZone::locate(sides.fleet_b->timezone);
  auto pair = [](const json& a, const json& b) { return json{{"a", a}, {"b", b}}; };
  auto numbers = [](std::int64_t a, std::int64_t b) { return json{{"a", a}, {"b", b}, {"change", b - a}}; };
  auto cost = [](std::int64_t a, std::int64_t b) {
    return json{{"a", static_cast<double>(a) / 100}, {"b", static_cast<double>(b) / 100},
                {"change", static_cast<double>(b - a) / 100}};
  };
  auto instants = [&](plan::Instant a, plan::Instant b) {
    return json{{"a", zone_a.iso(a)}, {"b", zone_b.iso(b)}, {"change_seconds", b - a}};
  };
  const simulator::TotalFigures &ta = c.before, &tb = c.after;
  json out;
  out["a"] = {{"label", sides.label_a}, {"fleet", sides.fleet_a->name}, {"currency", sides.fleet_a->currency}};
  out["b"] = {{"label", sides.label_b}, {"fleet", sides.fleet_b->name}, {"currency", sides.fleet_b->currency}};
  json longest = numbers(ta.longest_wait, tb.longest_wait);
  longest["server_a"] = ta.longest_wait_server;
  longest["server_b"] = tb.longest_wait_server;
  out["totals"] = {{"end", instants(ta.end, tb.end)},
                   {"makespan_seconds", numbers(ta.end - ta.start, tb.end - tb.start)},
                   {"downtime_seconds", numbers(ta.downtime, tb.downtime)},
                   {"transit_cost", cost(ta.cost_cents, tb.cost_cents)},
                   {"longest_wait_seconds", longest},
                   {"violations", numbers(static_cast<std::int64_t>(ta.violations),
                                          static_cast<std::int64_t>(tb.violations))}};
  json servers = json::array();
  for (const simulator::ServerChange& s : c.servers) {
    json one;
    one["name"] = s.server;
    one["status"] = !s.before ? "only_b" : !s.after ? "only_a" : s.changed() ? "changed" : "unchanged";
    if (s.before && s.after) {
      const simulator::ServerFigures &a = *s.before, &b = *s.after;
      one["transit"] = pair(a.transit, b.transit);
      one["transit_wait_seconds"] = numbers(a.wait, b.wait);
      one["released"] = instants(a.released, b.released);
      one["downtime_seconds"] = numbers(a.downtime, b.downtime);
      one["cost"] = cost(a.cost_cents, b.cost_cents);
      one["violations"] = numbers(static_cast<std::int64_t>(a.violations), static_cast<std::int64_t>(b.violations));
    }
    servers.push_back(std::move(one));
  }
  out["servers"] = std::move(servers);
  auto violations = [](const std::vector<simulator::Violation>& list) {
    json array = json::array();
    for (const simulator::Violation& v : list)
      array.push_back({{"kind", v.kind}, {"subject", v.subject}, {"message", v.message}});
    return array;
  };
  out["violations"] = {{"resolved", violations(c.resolved)}, {"introduced", violations(c.introduced)}};
  return out.dump(2) + "\n";
}

}  // namespace ferry::cli
