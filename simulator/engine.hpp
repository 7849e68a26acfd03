// Engine: the discrete-event simulation of one run (DESIGN §4). Time jumps
// from event to event in whole seconds; at each instant every event is
// applied first, then free transits are handed out, then crew members.
// The rules themselves live in plan/ (TransitPool, SupportCrew, MoveLanes,
// Calendar, billing) and are shared with the runtime.
//   SimulationResult r = simulate(fleet, RunDurations::means(fleet));
#pragma once

#include "plan/fleet.hpp"
#include "simulator/result.hpp"
#include "simulator/run_durations.hpp"

namespace ferry::simulator {

SimulationResult simulate(const plan::Fleet& fleet, const RunDurations& durations);

}  // namespace ferry::simulator
