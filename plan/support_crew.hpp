// SupportCrew: the `support_capacity` members who install transits and
// reinstall servers (DESIGN §4 rule 3, §4.2). A waiting action starts when
// a member is free and its support window is open at that instant (start
// mode, then it runs on); among those, the earliest ready goes first, ties
// by server declaration order. A member is held for the whole action.
//   crew.wait({server, SupportKind::install, acquired, window});
//   while (auto job = crew.take(now, is_open)) ...
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

#include "plan/time.hpp"

namespace ferry::plan {

enum class SupportKind { install_transit, reinstall };

struct SupportJob {
  std::size_t server = 0;
  SupportKind kind = SupportKind::install_transit;
  Instant ready = 0;
  int window = -1;  // calendar index, kAlwaysOpen for none
};

class SupportCrew {
 public:
  explicit SupportCrew(int capacity) : capacity_(capacity) {}

  void wait(SupportJob job) { waiting_.push_back(job); }
  // The next job that may start now, holding a member for it; nullopt if no
  // member is free or no waiting job has its window open.
  std::optional<SupportJob> take(Instant now, const std::function<bool(int window, Instant)>& is_open);
  void release() { --busy_; }

  int busy() const { return busy_; }
  const std::vector<SupportJob>& waiting() const { return waiting_; }

 private:
  int capacity_;
  int busy_ = 0;
  std::vector<SupportJob> waiting_;
};

}  // namespace ferry::plan
