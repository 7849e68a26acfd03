// The dispatch loop: a dispatcher, an executor and a clock run a plan to its
// end. At each instant every finish is reported before anything starts, then
// the dispatcher is asked until nothing more starts; then time moves to the
// next finish or wake-up. Shared by the simulator and the runtime.
//   LoopOutcome outcome = run_dispatch_loop(dispatcher, executor, clock);
#pragma once

#include <string>

#include "plan/clock.hpp"
#include "plan/dispatcher.hpp"
#include "plan/executor.hpp"

namespace ferry::plan {

struct [[nodiscard]] LoopOutcome {
  enum class Kind {
    finished,  // every action done
    stuck,     // nothing runs and nothing will ever start: `why` says what waits
    horizon,   // still running at the run horizon past the fleet's start
    stopped,   // the executor cannot go on (`why`): resume later
  };
  Kind kind = Kind::finished;
  std::string why;
  bool ok() const { return kind == Kind::finished; }
};

LoopOutcome run_dispatch_loop(Dispatcher& dispatcher, Executor& executor, Clock& clock);

}  // namespace ferry::plan
