// Monte Carlo (DESIGN §4.4): N runs of the plan, each drawing its own
// durations, delays and rollbacks from a generator seeded from (seed, run)
// alone, so run r is the same whatever N and the thread count; the
// dispatcher decides with the planned durations in every run. Statistics
// are taken per figure over the runs.
//   MonteCarloResult mc = run_monte_carlo(plan, {.runs = 1000, .seed = 7});
#pragma once

#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "plan/plan.hpp"
#include "plan/run_durations.hpp"
#include "simulator/result.hpp"
#include "simulator/statistics.hpp"

namespace ferry::simulator {

struct MonteCarloOptions {
  std::uint64_t runs = 1;
  std::uint64_t seed = 1;
  unsigned threads = 0;  // 0: every core
  // Called now and then from the calling thread with the runs done so far.
  std::function<void(std::uint64_t done)> progress;
};

struct ServerOdds {
  std::size_t server = 0;  // index in fleet.servers
  Stats released;          // instants
  Stats transit_wait_hours, billed_days, cost;
  double deadline_miss_probability = 0;
};

struct AccountOdds {
  std::size_t server = 0, account = 0;
  Stats downtime_seconds, rollbacks;
  double max_downtime_miss_probability = 0;
};

struct ViolationOdds {
  std::string kind, subject;
  double probability = 0;
};

struct MonteCarloResult {
  std::uint64_t runs = 0, seed = 0;
  Stats downtime_seconds, transit_cost, makespan_hours, max_transit_wait_hours, rollbacks, window_overruns;
  // Per run, for histograms.
  std::vector<double> run_downtime_seconds, run_transit_cost, run_makespan_hours;
  std::vector<ServerOdds> servers;    // servers with accounts, written order
  std::vector<AccountOdds> accounts;  // written order
  std::vector<ViolationOdds> violations;  // most probable first, ties in written order
  std::string error;  // set when a run could not finish; the rest is then empty
};

// The generator of run `run`: std::mt19937_64 seeded through std::seed_seq
// with the four 32-bit halves of (seed, run), low half first.
std::mt19937_64 run_generator(std::uint64_t seed, std::uint64_t run);

// Run `run` of a Monte Carlo simulation seeded with `seed`, on its own: what
// run_monte_carlo folds into its statistics. `planned` are the means.
SimulationResult simulate_run(const plan::Plan& plan, const plan::RunDurations& planned, std::uint64_t seed,
                              std::uint64_t run);

MonteCarloResult run_monte_carlo(const plan::Plan& plan, const MonteCarloOptions& options);

}  // namespace ferry::simulator
