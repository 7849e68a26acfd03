// Statistics of one figure over the N runs of a Monte Carlo simulation
// (DESIGN §4.4): the mean and nearest-rank percentiles — the value at rank
// ceil(p·N) (1-based) of the sorted values, exact, never interpolated.
//   Stats s = statistics_of(values);  s.p90
#pragma once

#include <cstdint>
#include <vector>

namespace ferry::simulator {

struct Stats {
  double mean = 0, p10 = 0, p50 = 0, p90 = 0, p99 = 0, max = 0;
};

// The value at rank ceil(p·N) of `sorted` (ascending, not empty).
double nearest_rank(const std::vector<double>& sorted, double p);
// Sorts `values` (taken by value) and reads the figures.
Stats statistics_of(std::vector<double> values);

}  // namespace ferry::simulator
