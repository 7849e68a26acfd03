// The engine only drives: every rule of §4 is the dispatcher's; the result
// is read back by run_reader.
#include "simulator/engine.hpp"

#include "plan/dispatch_loop.hpp"
#include "plan/dispatcher.hpp"
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

}  // namespace

SimulationResult simulate(const plan::Plan& plan, const plan::RunDurations& planned,
                          const plan::RunDurations& outcomes, std::mt19937_64* rng,
                          const plan::DispatchLayout* layout) {
  SimulatedExecutor executor(plan, outcomes, rng);
  plan::Dispatcher dispatcher(plan, planned, &executor, layout);
  executor.watch(dispatcher);
  plan::VirtualClock clock(plan.fleet.start);
  plan::LoopOutcome outcome = plan::run_dispatch_loop(dispatcher, executor, clock);
  if (!outcome.ok()) return stopped(outcome.why);
  return read_run(plan, dispatcher, executor.accounts());
}

SimulationResult simulate(const plan::Plan& plan) {
  plan::RunDurations means = plan::RunDurations::means(plan.fleet);
  return simulate(plan, means, means);
}

}  // namespace ferry::simulator
