#include "plan/move_lanes.hpp"

#include <algorithm>

namespace ferry::plan {

MoveLanes::MoveLanes(int parallel)
    : freed_at_(static_cast<std::size_t>(std::max(parallel, 1)), kNever),
      taken_(static_cast<std::size_t>(std::max(parallel, 1)), false) {}

std::optional<int> MoveLanes::free_lane() const {
  std::optional<int> best;
  for (std::size_t lane = 0; lane < freed_at_.size(); ++lane) {
    if (taken_[lane]) continue;
    if (!best || freed_at_[lane] < freed_at_[static_cast<std::size_t>(*best)]) best = static_cast<int>(lane);
  }
  return best;
}

Instant MoveLanes::earliest_start(int lane, Instant ready, bool in_order) const {
  Instant t = std::max(ready, freed_at_[static_cast<std::size_t>(lane)]);
  return in_order ? std::max(t, previous_start_) : t;
}

void MoveLanes::take(int lane, Instant start, bool in_order) {
  taken_[static_cast<std::size_t>(lane)] = true;
  if (in_order) previous_start_ = start;
}

void MoveLanes::release(int lane, Instant end) {
  taken_[static_cast<std::size_t>(lane)] = false;
  freed_at_[static_cast<std::size_t>(lane)] = end;
}

}  // namespace ferry::plan
