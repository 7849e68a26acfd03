// SimulatedExecutor: the simulator's executor, and the owner's pace. An
// action ends at its start plus its duration in this run: the first attempt
// of each subject takes the run's durations (the means for the
// deterministic run, draws for a Monte Carlo run); with a generator, every
// migrate attempt may be rolled back (`rollback_rate`), and retries draw
// fresh durations and delays (DESIGN §4.4). Nothing really runs. It keeps
// what the dispatcher does not: each account's downtime, rollbacks and
// overruns.
//   SimulatedExecutor executor(plan, durations, &rng);
//   Dispatcher dispatcher(plan, planned, &executor);  executor.watch(dispatcher);
#pragma once

#include <queue>
#include <random>
#include <vector>

#include "plan/dispatcher.hpp"
#include "plan/executor.hpp"
#include "plan/run_durations.hpp"

namespace ferry::simulator {

struct AccountOutcome {
  plan::Seconds downtime = 0;  // the successful migrate's, and so its move back's
  int rollbacks = 0;
  plan::Seconds rollback_downtime = 0;  // every rolled-back attempt's downtime + rollback_time
  int overruns = 0;
};
using AccountOutcomes = std::vector<std::vector<AccountOutcome>>;  // [server][account]

class SimulatedExecutor final : public plan::Executor, public plan::OwnerPace {
 public:
  // `rng` null: no rollbacks (the deterministic run).
  SimulatedExecutor(const plan::Plan& plan, const plan::RunDurations& durations, std::mt19937_64* rng = nullptr);
  // The dispatcher whose actions this executor runs: it reads their kind and
  // subject from its layout. Called before the first start().
  void watch(const plan::Dispatcher& dispatcher) { dispatcher_ = &dispatcher; }

  void start(plan::ActionVertex action, plan::Instant now) override;
  std::optional<plan::Finished> wait(std::optional<plan::Instant> until) override;
  bool busy() const override { return !ends_.empty(); }
  plan::Seconds migrate_delay(plan::ActionVertex migrate, int attempt) override;

  const AccountOutcomes& accounts() const { return accounts_; }

 private:
  struct End {
    plan::Instant at;
    std::uint64_t sequence;
    plan::ActionVertex action;
    plan::Finished::Outcome outcome;
    bool operator>(const End& other) const { return at != other.at ? at > other.at : sequence > other.sequence; }
  };
  using Step = plan::DispatchLayout::Step;
  const Step& step(plan::ActionVertex v) const { return dispatcher_->layout().steps[v]; }
  const plan::Policy& policy_of(const Step& action) const;
  plan::Seconds draw(const plan::Duration& duration, const Step& action);
  void count_overrun(plan::ActionVertex action, plan::Instant end);

  const plan::Plan& plan_;
  const plan::RunDurations& durations_;
  std::mt19937_64* rng_;
  const plan::Dispatcher* dispatcher_ = nullptr;
  AccountOutcomes accounts_;
  std::priority_queue<End, std::vector<End>, std::greater<End>> ends_;
  std::uint64_t sequence_ = 0;
};

}  // namespace ferry::simulator
