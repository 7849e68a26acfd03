// SupportCrew: the `support_capacity` members who install transits and
// reinstall servers (DESIGN §4 rule 3, §4.2). A waiting action starts when
// a member is free and its support window lets it start at that instant;
// among those, the earliest ready goes first, ties by server declaration
// order. A member is held for the whole action. Waiting jobs are kept per
// window, so a hand-out asks each window once.
//   crew.wait({action, server, ready, window});
//   while (auto job = crew.take(now, is_open)) ...
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

#include "plan/time.hpp"

namespace ferry::plan {

struct SupportJob {
  std::size_t action = 0;  // the plan's action vertex
  std::size_t server = 0;
  Instant ready = 0;
  int window = -1;  // calendar index, kAlwaysOpen for none
};

class SupportCrew {
 public:
  explicit SupportCrew(int capacity) : capacity_(capacity) {}

  void wait(SupportJob job);
  // A waiting job no longer waits (what it waited for was undone).
  void withdraw(const SupportJob& job) { waiting_[job.window].erase(Key{job.ready, job.server, job.action}); }
  // The next job that may start now, holding a member for it; nullopt if no
  // member is free or no waiting job has its window open.
  std::optional<SupportJob> take(Instant now, const std::function<bool(int window, Instant)>& is_open);
  void release() { --busy_; }
  bool has_free_member() const { return busy_ < capacity_; }
  int busy() const { return busy_; }

  // Windows that have jobs waiting, for wake-ups at their next opening.
  std::vector<int> waiting_windows() const;
  // The same, each passed to `visit(window)`, without building a list.
  template <typename Visit>
  void for_each_waiting_window(Visit visit) const {
    for (const auto& [window, queue] : waiting_)
      if (!queue.empty()) visit(window);
  }

 private:
  using Key = std::tuple<Instant, std::size_t, std::size_t>;  // (ready, server, action)
  using Queue = std::map<Key, SupportJob>;
  int capacity_;
  int busy_ = 0;
  std::map<int, Queue> waiting_;  // by window
};

}  // namespace ferry::plan
