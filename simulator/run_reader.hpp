// Reading a run back: the SimulationResult of a finished dispatch, from the
// dispatcher's records (every action's start and end, each server's
// transit) and what the executor knows of each account (downtime,
// rollbacks, overruns). Used by the deterministic run and each Monte Carlo run.
//   SimulationResult r = read_run(plan, dispatcher, executor.accounts());
#pragma once

#include "plan/dispatcher.hpp"
#include "simulator/result.hpp"
#include "simulator/simulated_executor.hpp"

namespace ferry::simulator {

SimulationResult read_run(const plan::Plan& plan, const plan::Dispatcher& dispatcher, const AccountOutcomes& accounts);

}  // namespace ferry::simulator
