#include "plan/dispatch_loop.hpp"

namespace ferry::plan {

namespace {

void report(Dispatcher& dispatcher, const Finished& f) {
  switch (f.outcome) {
    case Finished::Outcome::done: dispatcher.finished(f.action, f.at); break;
    case Finished::Outcome::rolled_back: dispatcher.rolled_back(f.action, f.at); break;
    case Finished::Outcome::failed: dispatcher.failed(f.action, f.at); break;
    case Finished::Outcome::reopened: dispatcher.reopen(f.action, f.at); break;
  }
}

}  // namespace

LoopOutcome run_dispatch_loop(Dispatcher& dispatcher, Executor& executor, Clock& clock) {
  const Instant horizon = dispatcher.plan().fleet.start + limits::kRunHorizon;
  Instant now = clock.now();
  auto stopped = [&executor]() -> std::optional<LoopOutcome> {
    if (auto why = executor.stop_reason()) return LoopOutcome{LoopOutcome::Kind::stopped, *why};
    return std::nullopt;
  };
  for (;;) {
    for (;;) {
      while (auto f = executor.wait(now)) report(dispatcher, *f);
      if (auto s = stopped()) return *s;
      const std::vector<ActionVertex>& starts = dispatcher.dispatch(now);
      if (starts.empty()) break;
      for (ActionVertex v : starts) executor.start(v, now);
    }
    if (dispatcher.all_done()) return {};
    std::optional<Instant> wake = dispatcher.next_wake();
    if (!wake && !executor.busy()) return {LoopOutcome::Kind::stuck, dispatcher.why_stuck()};
    std::optional<Finished> f = executor.wait(wake);
    if (auto s = stopped()) return *s;
    if (!f && !wake) return {LoopOutcome::Kind::stuck, dispatcher.why_stuck()};
    now = f ? f->at : *wake;
    if (now > horizon) return {LoopOutcome::Kind::horizon, "it would still run 100 years after the fleet's start"};
    clock.advance_to(now);
    if (f) report(dispatcher, *f);
  }
}

}  // namespace ferry::plan
