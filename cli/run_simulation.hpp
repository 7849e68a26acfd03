// The one place the CLI runs the simulator (simulate, compare, graph
// --overview): the deterministic run of a lowered plan, at the duration means.
//   simulator::SimulationResult result = run_simulation(plan);
#pragma once

#include "plan/plan.hpp"
#include "simulator/result.hpp"

namespace ferry::cli {

simulator::SimulationResult run_simulation(const plan::Plan& plan);

}  // namespace ferry::cli
