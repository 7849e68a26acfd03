// Executor: what carries out the actions a dispatcher starts, in ninja's
// CommandRunner style. The simulator's ends each action at its start plus
// the run's duration; the runtime's spawns commands; tests script their own.
// The dispatch loop (plan/dispatch_loop.hpp) is the only caller.
//   executor.start(v, now);
//   while (auto f = executor.wait(until)) dispatcher.finished(f->action, f->at);
#pragma once

#include <optional>
#include <string>

#include "plan/plan.hpp"
#include "plan/time.hpp"

namespace ferry::plan {

struct Finished {
  // How an attempt ended: done; rolled back (Monte Carlo's `rollback_rate`:
  // tried again after `retry_after`); failed (the runtime: its server
  // pauses). Or the operator reopened an action at `at` (the runtime's
  // `retry` of a failed action, `rollback` of a migrated account): it is
  // ready again at once.
  enum class Outcome { done, rolled_back, failed, reopened };
  ActionVertex action;
  Instant at;
  Outcome outcome = Outcome::done;
};

class Executor {
 public:
  virtual ~Executor() = default;
  virtual void start(ActionVertex action, Instant now) = 0;
  // The next action to finish at or before `until` (no limit when nullopt),
  // earliest first; nullopt when none does by then.
  virtual std::optional<Finished> wait(std::optional<Instant> until) = 0;
  // Whether any started action has not been returned by wait() yet.
  virtual bool busy() const = 0;
  // Why nothing can go on safely (the runtime's journal cannot be written):
  // the loop stops at once, to be resumed later.
  virtual std::optional<std::string> stop_reason() const { return std::nullopt; }
};

}  // namespace ferry::plan
