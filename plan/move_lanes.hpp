// MoveLanes: one server's `parallel` lanes for one phase of its account moves
// (migrates, then move backs on fresh lanes), taken strictly in order
// (DESIGN §4 rule 4, §4.2). The next move takes the free lane that freed
// first (ties: lowest lane) and starts no earlier than its ready time, that
// lane's last end and the start of the move before it; its window decides
// the rest. Lanes free when a move really ends, so moves may end out of order
// and a lane freeing early is used early. The dispatcher owns one per phase.
//   MoveLanes lanes(policy.parallel);
//   if (auto lane = lanes.free_lane()) lanes.take(*lane, start);
#pragma once

#include <boost/container/small_vector.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "plan/time.hpp"

namespace ferry::plan {

class MoveLanes {
 public:
  explicit MoveLanes(int parallel);

  // The free lane that freed first (ties: the lowest); nullopt when every
  // lane holds a move that is scheduled or running.
  std::optional<int> free_lane() const;
  // The earliest start on `lane` of a move ready at `ready`. A move in order
  // also waits for the start of the move before it; a retry (Monte Carlo)
  // is not held to order.
  Instant earliest_start(int lane, Instant ready, bool in_order = true) const;
  void take(int lane, Instant start, bool in_order = true);
  void release(int lane, Instant end);

 private:
  static constexpr Instant kNever = std::numeric_limits<Instant>::min();
  // A few lanes per server (`parallel`), two phases per server, thousands
  // of servers per run: kept inline, not on the heap.
  boost::container::small_vector<Instant, 4> freed_at_;
  boost::container::small_vector<bool, 4> taken_;
  Instant previous_start_ = kNever;
};

}  // namespace ferry::plan
