#include "plan/dispatch_loop.hpp"

namespace ferry::plan {

LoopOutcome run_dispatch_loop(Dispatcher& dispatcher, Executor& executor, Clock& clock) {
  const Instant horizon = dispatcher.plan().fleet.start + limits::kRunHorizon;
  Instant now = clock.now();
  for (;;) {
    for (;;) {
      while (auto f = executor.wait(now)) dispatcher.finished(f->action, f->at);
      const std::vector<ActionVertex>& starts = dispatcher.dispatch(now);
      if (starts.empty()) break;
      for (ActionVertex v : starts) executor.start(v, now);
    }
    if (dispatcher.all_done()) return {};
    std::optional<Instant> wake = dispatcher.next_wake();
    if (!wake && !executor.busy()) return {LoopOutcome::Kind::stuck, dispatcher.why_stuck()};
    std::optional<Finished> f = executor.wait(wake);
    if (!f && !wake) return {LoopOutcome::Kind::stuck, dispatcher.why_stuck()};
    now = f ? f->at : *wake;
    if (now > horizon) return {LoopOutcome::Kind::horizon, "it would still run 100 years after the fleet's start"};
    clock.advance_to(now);
    if (f) dispatcher.finished(f->action, f->at);
  }
}

}  // namespace ferry::plan
