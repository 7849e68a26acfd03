// The engine only drives: every rule of §4 is the dispatcher's; the result
// is read back by run_reader.
#include "simulator/engine.hpp"

#include <optional>

#include "plan/dispatch_loop.hpp"
#include "plan/dispatcher.hpp"
#include "plan/run_beside.hpp"
#include "simulator/run_reader.hpp"
#include "simulator/simulated_executor.hpp"

namespace ferry::simulator {

namespace {

SimulationResult stopped(std::string why) {
  SimulationResult result;
  result.runaway = true;
  result.stuck = std::move(why);
  return result;
}

// One run through the shared loop; `read` turns the dispatcher's records
// into what the caller wants.
template <class Read>
auto run(const plan::Plan& plan, const plan::RunDurations& planned, const plan::RunDurations& outcomes,
         std::mt19937_64* rng, const plan::DispatchLayout* layout, Read read) {
  SimulatedExecutor executor(plan, outcomes, rng);
  plan::Dispatcher dispatcher(plan, planned, &executor, layout);
  executor.watch(dispatcher);
  plan::VirtualClock clock(plan.fleet.start);
  plan::LoopOutcome outcome = plan::run_dispatch_loop(dispatcher, executor, clock);
  return read(outcome, dispatcher, executor);
}

}  // namespace

SimulationResult simulate(const plan::Plan& plan, const plan::RunDurations& planned,
                          const plan::RunDurations& outcomes, std::mt19937_64* rng,
                          const plan::DispatchLayout* layout) {
  return run(plan, planned, outcomes, rng, layout,
             [&plan](const plan::LoopOutcome& outcome, const plan::Dispatcher& dispatcher,
                     const SimulatedExecutor& executor) {
               if (!outcome.ok()) return stopped(outcome.why);
               return read_run(plan, dispatcher, executor.accounts());
             });
}

std::optional<std::vector<Interval>> planned_action_times(const plan::Plan& plan) {
  plan::RunDurations means = plan::RunDurations::means(plan.fleet);
  return run(plan, means, means, nullptr, nullptr,
             [](const plan::LoopOutcome& outcome, const plan::Dispatcher& dispatcher, const SimulatedExecutor&) {
               std::optional<std::vector<Interval>> times;
               if (!outcome.ok()) return times;
               times.emplace();
               for (plan::ActionVertex v = 0; v < boost::num_vertices(dispatcher.plan().graph); ++v)
                 times->push_back({dispatcher.record(v).start, dispatcher.record(v).end});
               return times;
             });
}

SimulationResult simulate(const plan::Plan& plan) {
  // The layout and the planned durations each read the whole plan and
  // nothing of each other (a fifth of a 100k plan's run together): the
  // layout is built on a second thread meanwhile, which then helps with
  // the durations.
  std::optional<plan::DispatchLayout> layout;
  plan::SharedMeans shared(plan.fleet);
  plan::run_beside([&] { shared.work(); },
                   [&] {
                     layout.emplace(plan);
                     shared.work();
                   });
  plan::RunDurations means = std::move(shared).take();
  return simulate(plan, means, means, nullptr, &*layout);
}

}  // namespace ferry::simulator
