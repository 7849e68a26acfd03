// Engine: one simulated run of a plan (DESIGN §4): the shared dispatcher
// (plan/dispatcher.hpp) decides every start with the planned durations,
// a virtual clock jumps from event to event, and each action lasts its
// duration in this run. The result is assembled from the dispatcher's
// records; billing and violations are computed here.
//   SimulationResult r = simulate(plan);  // deterministic: means throughout
#pragma once

#include <optional>
#include <random>
#include <vector>

#include "plan/dispatch_layout.hpp"
#include "plan/plan.hpp"
#include "plan/run_durations.hpp"
#include "simulator/result.hpp"

namespace ferry::simulator {

// Decisions with `planned`, outcomes with `outcomes` (equal for the
// deterministic run). With `rng`, migrate attempts may be rolled back and
// retries draw afresh (a Monte Carlo run); `layout` is the plan's, when
// several runs share it.
SimulationResult simulate(const plan::Plan& plan, const plan::RunDurations& planned,
                          const plan::RunDurations& outcomes, std::mt19937_64* rng = nullptr,
                          const plan::DispatchLayout* layout = nullptr);
SimulationResult simulate(const plan::Plan& plan);
// Each action's start and end in the deterministic run, by action vertex
// (the runtime's planned times); nullopt when that run does not finish.
std::optional<std::vector<Interval>> planned_action_times(const plan::Plan& plan);

}  // namespace ferry::simulator
