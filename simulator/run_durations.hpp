// RunDurations: every action's duration for one run, in seconds, evaluated
// before the run starts: at the means for the deterministic run (exact, then
// rounded half-up), or sampled for a Monte Carlo run.
#pragma once

#include <random>
#include <vector>

#include "plan/fleet.hpp"

namespace ferry::simulator {

struct RunDurations {
  std::vector<std::vector<plan::Seconds>> prepare;   // [server][account], 0 when prepared
  std::vector<std::vector<plan::Seconds>> downtime;  // [server][account]
  std::vector<plan::Seconds> install;                // [server]
  std::vector<plan::Seconds> reinstall;              // [server]

  static RunDurations means(const plan::Fleet& fleet);
  static RunDurations sample(const plan::Fleet& fleet, std::mt19937_64& rng);
};

}  // namespace ferry::simulator
