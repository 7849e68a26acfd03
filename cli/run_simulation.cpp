#include "cli/run_simulation.hpp"

#include "simulator/engine.hpp"

namespace ferry::cli {

simulator::SimulationResult run_simulation(const plan::Plan& plan) { return simulator::simulate(plan); }

}  // namespace ferry::cli
