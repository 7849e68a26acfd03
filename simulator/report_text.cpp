// The terminal report: one block per server, one line per account, totals
// and violations last. Colour only when asked (the CLI asks on a TTY).
#include <cstdio>

#include "plan/time_zone.hpp"
#include "simulator/report.hpp"

namespace ferry::simulator {

namespace {

std::string hours(plan::Seconds s) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f h", static_cast<double>(s) / plan::kHour);
  return buffer;
}

std::string money(std::int64_t cents, const std::string& currency) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%lld.%02lld %s", static_cast<long long>(cents / 100),
                static_cast<long long>(cents % 100), currency.c_str());
  return buffer;
}

std::string short_time(const plan::TimeZone& zone, plan::Instant t) {
  std::string iso = zone.iso(t);  // 2026-12-01T09:00:00+01:00
  return iso.substr(0, 10) + " " + iso.substr(11, 8);
}

}  // namespace

std::string report_text(const plan::Fleet& fleet, const SimulationResult& result, bool color) {
  plan::TimeZone zone = *plan::TimeZone::locate(fleet.timezone);
  std::string bold = color ? "\033[1m" : "", red = color ? "\033[31m" : "", reset = color ? "\033[0m" : "";
  std::string out;
  char line[512];
  out += bold + "fleet \"" + fleet.name + "\"" + reset + "  (times in " + fleet.timezone + ")\n";
  for (const ServerResult& r : result.servers) {
    const plan::Server& server = fleet.servers[r.server];
    out += "\n" + bold + "server " + server.name + reset + "  transit " + fleet.transits[r.transit].name + ", waited " +
           hours(r.transit_wait()) + "\n";
    std::snprintf(line, sizeof line, "  requested %s   acquired %s\n", short_time(zone, r.requested).c_str(),
                  short_time(zone, r.acquired).c_str());
    out += line;
    std::snprintf(line, sizeof line, "  install   %s → %s\n", short_time(zone, r.install.start).c_str(),
                  short_time(zone, r.install.end).c_str());
    out += line;
    std::snprintf(line, sizeof line, "  migrated  %s\n", short_time(zone, r.all_migrated).c_str());
    out += line;
    std::snprintf(line, sizeof line, "  reinstall %s → %s\n", short_time(zone, r.reinstall.start).c_str(),
                  short_time(zone, r.reinstall.end).c_str());
    out += line;
    std::snprintf(line, sizeof line, "  released  %s   billed %lld day(s), %s (held %.2f d)\n",
                  short_time(zone, r.released).c_str(), static_cast<long long>(r.bill.billed_days),
                  money(r.bill.cost_cents, fleet.currency).c_str(), r.held_days);
    out += line;
    std::snprintf(line, sizeof line, "  %-24s %10s %10s %10s %10s\n", "account", "migrate s", "reroute s", "back s",
                  "total s");
    out += line;
    for (const AccountResult& a : r.accounts) {
      std::snprintf(line, sizeof line, "  %-24s %10lld %10lld %10lld %10lld\n",
                    server.accounts[a.account].name.c_str(), static_cast<long long>(a.migrate_downtime),
                    static_cast<long long>(a.reroute_downtime), static_cast<long long>(a.move_back_downtime),
                    static_cast<long long>(a.total_downtime()));
      out += line;
    }
  }
  out += "\n" + bold + "totals" + reset + "\n";
  std::snprintf(line, sizeof line, "  downtime %lld s, transit cost %s, longest wait %s, makespan %s\n",
                static_cast<long long>(result.total_downtime), money(result.total_cost_cents, fleet.currency).c_str(),
                hours(result.max_transit_wait).c_str(), hours(result.end - fleet.start).c_str());
  out += line;
  if (result.violations.empty()) out += "  no requirement violated\n";
  for (const Violation& v : result.violations) out += "  " + red + "violation" + reset + " (" + v.kind + "): " + v.message + "\n";
  return out;
}

}  // namespace ferry::simulator
