// SimulatedExecutor: the simulator's executor. An action ends at its start
// plus its duration in this run (the means for the deterministic run, draws
// for a Monte Carlo run); nothing really runs.
//   SimulatedExecutor executor(plan, RunDurations::means(plan.fleet));
#pragma once

#include <queue>
#include <vector>

#include "plan/executor.hpp"
#include "plan/run_durations.hpp"

namespace ferry::simulator {

class SimulatedExecutor final : public plan::Executor {
 public:
  SimulatedExecutor(const plan::Plan& plan, const plan::RunDurations& outcomes) : plan_(plan), outcomes_(outcomes) {}

  void start(plan::ActionVertex action, plan::Instant now) override {
    ends_.push({now + outcomes_.of(plan_.graph[action]), sequence_++, action});
  }
  std::optional<plan::Finished> wait(std::optional<plan::Instant> until) override {
    if (ends_.empty() || (until && ends_.top().at > *until)) return std::nullopt;
    End end = ends_.top();
    ends_.pop();
    return plan::Finished{end.action, end.at};
  }
  bool busy() const override { return !ends_.empty(); }

 private:
  struct End {
    plan::Instant at;
    std::uint64_t sequence;
    plan::ActionVertex action;
    bool operator>(const End& other) const { return at != other.at ? at > other.at : sequence > other.sequence; }
  };
  const plan::Plan& plan_;
  const plan::RunDurations& outcomes_;
  std::priority_queue<End, std::vector<End>, std::greater<End>> ends_;
  std::uint64_t sequence_ = 0;
};

}  // namespace ferry::simulator
