#include "simulator/statistics.hpp"

#include <algorithm>
#include <cmath>

namespace ferry::simulator {

double nearest_rank(const std::vector<double>& sorted, double p) {
  // ceil(p·N) in integers where p·N is exact: p is a whole percentage.
  auto n = static_cast<std::uint64_t>(sorted.size());
  auto percent = static_cast<std::uint64_t>(std::llround(p * 100));
  std::uint64_t rank = (percent * n + 99) / 100;
  rank = std::clamp<std::uint64_t>(rank, 1, n);
  return sorted[rank - 1];
}

Stats statistics_of(std::vector<double> values) {
  Stats s;
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  // Runs that agree have that value as their mean, exactly (a sum could
  // round it); otherwise summed in a long double from the smallest up.
  if (values.front() == values.back()) {
    s.mean = values.front();
  } else {
    long double sum = 0;
    for (double v : values) sum += v;
    s.mean = static_cast<double>(sum / static_cast<long double>(values.size()));
  }
  s.p10 = nearest_rank(values, 0.10);
  s.p50 = nearest_rank(values, 0.50);
  s.p90 = nearest_rank(values, 0.90);
  s.p99 = nearest_rank(values, 0.99);
  s.max = values.back();
  return s;
}

}  // namespace ferry::simulator
