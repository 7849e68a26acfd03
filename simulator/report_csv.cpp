#include "plan/time_zone.hpp"
#include "simulator/report.hpp"

namespace ferry::simulator {

namespace {

// Names are [A-Za-z0-9._-] so they never need quoting; times neither.
std::string row(std::initializer_list<std::string> cells) {
  std::string out;
  for (const std::string& c : cells) out += (out.empty() ? "" : ",") + c;
  return out + "\n";
}

}  // namespace

std::string report_csv(const plan::Fleet& fleet, const SimulationResult& result) {
  plan::TimeZone zone = *plan::TimeZone::locate(fleet.timezone);
  std::string out = row({"server", "account", "transit", "migrate_start", "migrate_end", "move_back_start",
                         "move_back_end", "migrate_s", "reroute_s", "move_back_s", "total_s"});
  for (const ServerResult& r : result.servers) {
    const plan::Server& server = fleet.servers[r.server];
    for (const AccountResult& a : r.accounts)
      out += row({server.name, server.accounts[a.account].name, fleet.transits[r.transit].name,
                  zone.iso(a.migrate.start), zone.iso(a.migrate.end), zone.iso(a.move_back.start),
                  zone.iso(a.move_back.end), std::to_string(a.migrate_downtime), std::to_string(a.reroute_downtime),
                  std::to_string(a.move_back_downtime), std::to_string(a.total_downtime())});
  }
  return out;
}

}  // namespace ferry::simulator
