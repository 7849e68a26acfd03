// The terminal report: the fleet's start and end, one block per server, one
// line per account with its down windows, totals and violations last.
// Durations read "1h 02m 30s" and dates carry their weekday; seconds stay in
// the JSON and CSV. Colour only when asked (the CLI asks on a TTY).
#include <cmath>
#include <cstdio>

#include "plan/time_zone.hpp"
#include "simulator/report.hpp"
#include "simulator/time_text.hpp"

namespace ferry::simulator {

namespace {

std::string money(std::int64_t cents, const std::string& currency) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%s%lld.%02lld %s", cents < 0 ? "-" : "", std::llabs(cents) / 100,
                std::llabs(cents) % 100, currency.c_str());
  return buffer;
}

void append_interval(std::string& out, const plan::TimeZone& zone, const Interval& i) {
  append_day_time(out, zone, i.start);
  out += " → ";
  append_day_time_after(out, zone, i.start, i.end);
}

std::string interval(const plan::TimeZone& zone, const Interval& i) {
  std::string out;
  append_interval(out, zone, i);
  return out;
}

// `text` left-aligned in `width` columns, or whole if longer (as %-20s).
void append_padded_right(std::string& out, const std::string& text, std::size_t width) {
  out += text;
  if (text.size() < width) out.append(width - text.size(), ' ');
}

// `text` right-aligned in `width` columns (as %14s).
void append_padded_left(std::string& out, const std::string& text, std::size_t width) {
  if (text.size() < width) out.append(width - text.size(), ' ');
  out += text;
}

// One line per account, written straight into the report: a 100,000-account
// fleet has as many, and building each from temporary strings was a sixth
// of `ferry simulate`.
void append_account_line(std::string& out, const plan::TimeZone& zone, const std::string& name,
                         const AccountResult& a) {
  out += "    ";
  append_padded_right(out, name, 20);
  out += ' ';
  append_padded_left(out, clock_duration(a.total_downtime()), 14);
  out += "  ";
  append_interval(out, zone, a.migrate);
  out += ", ";
  append_interval(out, zone, a.move_back);
  if (a.reroute_downtime > 0) {
    out += ", reroute ";
    out += clock_duration(a.reroute_downtime);
  }
  out += '\n';
}

}  // namespace

std::string report_text(const plan::Fleet& fleet, const SimulationResult& result, bool color) {
  plan::TimeZone zone = *plan::TimeZone::locate(fleet.timezone);
  std::string bold = color ? "\033[1m" : "", red = color ? "\033[31m" : "", reset = color ? "\033[0m" : "";
  std::string out;
  std::size_t all_accounts = 0;
  for (const ServerResult& r : result.servers) all_accounts += r.accounts.size();
  out.reserve(700 * result.servers.size() + 120 * all_accounts);  // one buffer, not a dozen copies while it grows
  out += bold + "fleet \"" + fleet.name + "\"" + reset + "  (times in " + fleet.timezone + ")\n";
  out += "  start " + day_time(zone, fleet.start) + ", end " + day_time(zone, result.end) + " (" +
         clock_duration(result.end - fleet.start) + ")\n";
  const ServerResult* longest = nullptr;
  std::size_t accounts = 0;
  for (const ServerResult& r : result.servers) {
    const plan::Server& server = fleet.servers[r.server];
    accounts += r.accounts.size();
    if (r.transit_wait() > 0 && (!longest || r.transit_wait() > longest->transit_wait())) longest = &r;
    out += "\n" + bold + "server " + server.name + reset + "  transit " + fleet.transits[r.transit].name +
           ", waited " + clock_duration(r.transit_wait()) + "\n";
    out += "  requested " + day_time(zone, r.requested) + "   acquired " + day_time(zone, r.acquired) + "\n";
    out += "  install   " + interval(zone, r.install) + "\n";
    out += "  migrated  " + day_time(zone, r.all_migrated) + "\n";
    out += "  reinstall " + interval(zone, r.reinstall) + "\n";
    out += "  released  " + day_time(zone, r.released) + "\n";
    // held_days is the billed period: from the transit's install done to the
    // last account migrated (less any free days), not the whole stay.
    auto billed_seconds = static_cast<plan::Seconds>(std::llround(r.held_days * plan::kDay));
    out += "  billed    " + std::to_string(r.bill.billed_days) + " day(s), " +
           money(r.bill.cost_cents, fleet.currency) + " for " + clock_duration(billed_seconds) +
           " of migration period (install done → all migrated)\n";
    char header[160];
    std::snprintf(header, sizeof header, "    %-20s %14s  %s\n", "account", "downtime", "down (migrate, move back)");
    out += header;
    for (const AccountResult& a : r.accounts) append_account_line(out, zone, server.accounts[a.account].name, a);
  }
  out += "\n" + bold + "totals" + reset + "\n";
  out += "  end           " + day_time(zone, result.end) + ", " + clock_duration(result.end - fleet.start) +
         " after the start\n";
  out += "  downtime      " + clock_duration(result.total_downtime) + " over " + std::to_string(accounts) +
         " account(s)\n";
  out += "  transit cost  " + money(result.total_cost_cents, fleet.currency) + "\n";
  out += "  longest wait  " + clock_duration(result.max_transit_wait) +
         (longest ? " (server " + fleet.servers[longest->server].name + ")" : "") + "\n";
  if (result.violations.empty()) out += "  no requirement violated\n";
  for (const Violation& v : result.violations)
    out += "  " + red + "violation" + reset + " (" + v.kind + "): " + v.message + "\n";
  return out;
}

}  // namespace ferry::simulator
