#include "cli/run_simulation.hpp"

#include "simulator/engine.hpp"

namespace ferry::cli {

simulator::SimulationResult run_simulation(const plan::Fleet& fleet) {
  return simulator::simulate(fleet, simulator::RunDurations::means(fleet));
}

}  // namespace ferry::cli
