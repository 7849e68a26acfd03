// The one place the CLI runs the simulator (simulate, compare, graph
// --overview): the deterministic run at the duration means.
//   simulator::SimulationResult result = run_simulation(plan.fleet);
#pragma once

#include "plan/fleet.hpp"
#include "simulator/result.hpp"

namespace ferry::cli {

simulator::SimulationResult run_simulation(const plan::Fleet& fleet);

}  // namespace ferry::cli
