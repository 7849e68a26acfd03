#include "plan/move_lanes.hpp"

#include <algorithm>

namespace ferry::plan {

MoveLanes::MoveLanes(int parallel, Instant ready)
    : lane_free_(static_cast<std::size_t>(std::max(parallel, 1)), ready), ready_(ready), previous_start_(ready) {}

Instant MoveLanes::earliest_start(int& lane) const {
  auto it = std::min_element(lane_free_.begin(), lane_free_.end());  // first of equals: lowest lane
  lane = static_cast<int>(it - lane_free_.begin());
  return std::max({ready_, *it, previous_start_});
}

MovePlacement MoveLanes::place(Seconds length, Calendar* window) {
  MovePlacement placement;
  Instant from = earliest_start(placement.lane);
  if (window) {
    Fit fit = window->next_fit(from, length);
    placement.start = fit.start;
    placement.overrun = fit.overrun;
  } else {
    placement.start = from;
  }
  placement.end = placement.start + length;
  lane_free_[static_cast<std::size_t>(placement.lane)] = placement.end;
  previous_start_ = placement.start;
  return placement;
}

}  // namespace ferry::plan
