// SimulationResult: what one run predicts, per server and account, in
// instants and seconds; the reports (text, JSON, CSV) only format it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "plan/billing.hpp"
#include "plan/fleet.hpp"
#include "plan/time.hpp"

namespace ferry::simulator {

struct Interval {
  plan::Instant start = 0;
  plan::Instant end = 0;
};

struct AccountResult {
  std::size_t account = 0;  // index in the server's accounts
  Interval migrate;
  Interval move_back;
  bool migrate_overrun = false;
  bool move_back_overrun = false;
  plan::Seconds migrate_downtime = 0;
  plan::Seconds reroute_downtime = 0;
  plan::Seconds move_back_downtime = 0;
  plan::Seconds total_downtime() const { return migrate_downtime + reroute_downtime + move_back_downtime; }
};

struct ServerResult {
  std::size_t server = 0;  // index in fleet.servers
  std::size_t transit = 0;
  plan::Instant start = 0;
  plan::Instant requested = 0;
  plan::Instant acquired = 0;
  Interval install;
  plan::Instant all_migrated = 0;
  Interval reinstall;
  plan::Instant released = 0;
  plan::Bill bill;
  double held_days = 0;
  std::vector<AccountResult> accounts;  // written order
  plan::Seconds transit_wait() const { return acquired - requested; }
};

struct Violation {
  std::string kind;  // max_downtime | deadline | window_overrun
  std::string subject;
  std::string message;
};

struct SimulationResult {
  std::vector<ServerResult> servers;  // written order, servers without accounts left out
  plan::Instant end = 0;
  plan::Seconds total_downtime = 0;
  std::int64_t total_cost_cents = 0;
  plan::Seconds max_transit_wait = 0;
  std::vector<Violation> violations;
  std::uint64_t events = 0;
  // Set when the run could not finish: it reached kHorizon past the fleet's
  // start, or a server was left waiting with nothing left to happen (a
  // window that never opens again, in a hand-edited plan file). The other
  // fields are then incomplete and must not be reported; `stuck` says why.
  bool runaway = false;
  std::string stuck;
};

inline constexpr plan::Seconds kHorizon = plan::limits::kRunHorizon;

}  // namespace ferry::simulator
