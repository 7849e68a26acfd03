// compare(): what changed between two simulated runs (two files, or one
// file before and after --set), per server and in total: transit, wait,
// release, downtime, cost and violations. Servers are matched by name and
// sorted by effect: the largest absolute change in time (wait, release or
// downtime, whichever moved most) first, then the largest cost change, then
// written order; unchanged servers last. `ferry compare` formats it.
//   Comparison c = compare(fleet_a, result_a, fleet_b, result_b);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "plan/fleet.hpp"
#include "simulator/result.hpp"

namespace ferry::simulator {

// One server's figures in one run.
struct ServerFigures {
  std::string transit;
  plan::Seconds wait = 0;
  plan::Instant released = 0;
  plan::Seconds downtime = 0;  // summed over its accounts
  std::int64_t cost_cents = 0;
  std::size_t violations = 0;  // about the server or one of its accounts
};

struct ServerChange {
  std::string server;
  std::optional<ServerFigures> before, after;  // nullopt: not migrated in that run
  // The largest absolute change in seconds (wait, release, downtime), and
  // in cost; a server present on one side only ranks above every other.
  plan::Seconds time_effect() const;
  std::int64_t cost_effect() const;
  bool changed() const;
};

struct TotalFigures {
  plan::Instant start = 0;
  plan::Instant end = 0;
  plan::Seconds downtime = 0;
  std::int64_t cost_cents = 0;
  plan::Seconds longest_wait = 0;
  std::string longest_wait_server;  // "" when nothing waited
  std::size_t violations = 0;
};

struct Comparison {
  TotalFigures before, after;
  std::vector<ServerChange> servers;   // largest effect first, unchanged last
  std::vector<Violation> resolved;     // in the first run only
  std::vector<Violation> introduced;   // in the second run only
};

Comparison compare(const plan::Fleet& fleet_a, const SimulationResult& a, const plan::Fleet& fleet_b,
                   const SimulationResult& b);

}  // namespace ferry::simulator
