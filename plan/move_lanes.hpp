// MoveLanes: a server's `parallel` lanes, shared by its account moves, taken
// strictly in order (DESIGN §4 rule 4, §4.2). Move k takes the lane that
// frees first (ties: lowest lane) and starts no earlier than the ready time,
// that lane, and the start of move k-1; then its window's fit rule applies.
// Moves never start out of order but may end out of order.
//   MoveLanes lanes(policy.parallel, install_end);
//   MovePlacement m = lanes.place(750, night);
#pragma once

#include <vector>

#include "plan/calendar.hpp"
#include "plan/time.hpp"

namespace ferry::plan {

struct MovePlacement {
  int lane = 0;
  Instant start = 0;
  Instant end = 0;
  bool overrun = false;  // longer than every opening of its window
};

class MoveLanes {
 public:
  MoveLanes(int parallel, Instant ready);

  // Earliest the next move may start, before its window is consulted.
  Instant earliest_start(int& lane) const;
  // Places the next move of `length` seconds; `window` null = always open.
  MovePlacement place(Seconds length, Calendar* window);
  // For engines whose moves end when they end (the runtime): frees a lane.
  void finish(int lane, Instant end) { lane_free_[static_cast<std::size_t>(lane)] = end; }

 private:
  std::vector<Instant> lane_free_;
  Instant ready_;
  Instant previous_start_;
};

}  // namespace ferry::plan
