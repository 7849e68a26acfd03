#include "plan/support_crew.hpp"

namespace ferry::plan {

void SupportCrew::wait(SupportJob job) { waiting_[job.window].emplace(Key{job.ready, job.server, job.action}, job); }

std::optional<SupportJob> SupportCrew::take(Instant now, const std::function<bool(int, Instant)>& is_open) {
  if (busy_ >= capacity_) return std::nullopt;
  Queue* best = nullptr;
  for (auto& [window, queue] : waiting_) {
    if (queue.empty() || (best && !(queue.begin()->first < best->begin()->first))) continue;
    if (is_open(window, now)) best = &queue;
  }
  if (!best) return std::nullopt;
  SupportJob job = best->begin()->second;
  best->erase(best->begin());
  ++busy_;
  return job;
}

std::vector<int> SupportCrew::waiting_windows() const {
  std::vector<int> windows;
  for_each_waiting_window([&](int window) { windows.push_back(window); });
  return windows;
}

}  // namespace ferry::plan
