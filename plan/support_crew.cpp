#include "plan/support_crew.hpp"

namespace ferry::plan {

std::optional<SupportJob> SupportCrew::take(Instant now, const std::function<bool(int, Instant)>& is_open) {
  if (busy_ >= capacity_) return std::nullopt;
  auto best = waiting_.end();
  for (auto it = waiting_.begin(); it != waiting_.end(); ++it) {
    if (best != waiting_.end() &&
        (it->ready > best->ready || (it->ready == best->ready && it->server >= best->server)))
      continue;
    if (is_open(it->window, now)) best = it;
  }
  if (best == waiting_.end()) return std::nullopt;
  SupportJob job = *best;
  waiting_.erase(best);
  ++busy_;
  return job;
}

}  // namespace ferry::plan
