// RunDurations: every subject's durations for one run, in whole seconds:
// at the means (the plan's expectations, which every dispatch decision uses,
// and the deterministic run's outcomes), or drawn for a Monte Carlo run.
// Used by the dispatcher (planned durations), the simulator (outcomes) and
// the runtime's virtual clock.
//   RunDurations planned = RunDurations::means(fleet);
//   Seconds d = planned.of(plan.graph[v]);
#pragma once

#include <random>
#include <vector>

#include "plan/fleet.hpp"
#include "plan/plan.hpp"

namespace ferry::plan {

struct RunDurations {
  std::vector<std::vector<Seconds>> prepare;   // [server][account], 0 when prepared
  std::vector<std::vector<Seconds>> downtime;  // [server][account]
  std::vector<Seconds> install;                // [server]
  std::vector<Seconds> reinstall;              // [server]

  static RunDurations means(const Fleet& fleet);
  static RunDurations sample(const Fleet& fleet, std::mt19937_64& rng);

  // An action's duration: its subject's, by kind; bookkeeping (acquire,
  // release) takes no time. A move back lasts its account's downtime.
  Seconds of(const Action& action) const;
};

}  // namespace ferry::plan
