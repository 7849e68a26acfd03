// RunDurations: every subject's durations for one run, in whole seconds:
// at the means (the plan's expectations, which every dispatch decision uses,
// and the deterministic run's outcomes), or drawn for a Monte Carlo run.
// Used by the dispatcher (planned durations), the simulator (outcomes) and
// the runtime's virtual clock.
//   RunDurations planned = RunDurations::means(fleet);
//   Seconds d = planned.of(plan.graph[v]);
#pragma once

#include <atomic>
#include <random>
#include <vector>

#include "plan/fleet.hpp"
#include "plan/plan.hpp"

namespace ferry::plan {

struct RunDurations {
  std::vector<std::vector<Seconds>> prepare;   // [server][account], 0 when prepared
  std::vector<std::vector<Seconds>> downtime;  // [server][account]
  std::vector<std::vector<Seconds>> migrate_delay;  // [server][account]: the first attempt's
  std::vector<Seconds> install;                // [server]
  std::vector<Seconds> reinstall;              // [server]

  static RunDurations means(const Fleet& fleet);
  // Draws what is random; what is not is the mean (taken from `means` when
  // given, rather than evaluated again).
  static RunDurations sample(const Fleet& fleet, std::mt19937_64& rng, const RunDurations* means = nullptr);

  // An action's duration: its subject's, by kind; bookkeeping (acquire,
  // release) takes no time. A move back lasts its account's downtime.
  Seconds of(const Action& action) const { return of(action.kind, action.server, action.account); }
  Seconds of(ActionKind kind, std::size_t server, std::optional<std::size_t> account) const;
};

// The means of a large fleet computed by several threads at once: each
// work() call takes servers no other has taken, a chunk at a time, until
// none is left; take() once every call has returned. The table is the one
// RunDurations::means gives, however the servers were shared.
//   SharedMeans means(fleet);
//   run_beside([&] { means.work(); }, [&] { other_job(); means.work(); });
class SharedMeans {
 public:
  explicit SharedMeans(const Fleet& fleet);
  void work();
  RunDurations take() && { return std::move(means_); }

 private:
  const Fleet& fleet_;
  RunDurations means_;
  std::atomic<std::size_t> next_{0};
};

}  // namespace ferry::plan
