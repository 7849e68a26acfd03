#include "plan/transit_pool.hpp"

#include <algorithm>
#include <numeric>

namespace ferry::plan {

TransitPool::TransitPool(const std::vector<Transit>& transits, const std::vector<Server>& servers)
    : transits_(transits), servers_(servers), by_fit_(transits.size()), fit_rank_(transits.size()) {
  std::iota(by_fit_.begin(), by_fit_.end(), 0);
  std::stable_sort(by_fit_.begin(), by_fit_.end(), [&](std::size_t a, std::size_t b) {
    const Transit& x = transits[a];
    const Transit& y = transits[b];
    if (x.cpu != y.cpu) return x.cpu < y.cpu;
    if (!(x.ram == y.ram)) return x.ram < y.ram;
    return x.disk < y.disk;
  });
  for (std::size_t rank = 0; rank < by_fit_.size(); ++rank) fit_rank_[by_fit_[rank]] = rank;
}

void TransitPool::make_free(std::size_t transit) {
  free_ranks_.insert(fit_rank_[transit]);
  fresh_ranks_.insert(fit_rank_[transit]);
}

void TransitPool::request(std::size_t server, Instant at) {
  Request request{servers_[server].priority, at, server};
  waiting_.insert(request);
  new_requests_.insert(request);
}

std::vector<std::pair<std::size_t, std::size_t>> TransitPool::hand_out() {
  std::vector<std::pair<std::size_t, std::size_t>> given;
  std::vector<Request> served;
  std::size_t new_left = new_requests_.size();
  for (auto it = waiting_.begin(); it != waiting_.end() && !free_ranks_.empty(); ++it) {
    bool is_new = new_left > 0 && new_requests_.count(*it) > 0;
    if (!is_new && fresh_ranks_.empty()) {
      if (new_left == 0) break;
      continue;
    }
    const Server& server = servers_[it->server];
    const std::set<std::size_t>& candidates = is_new ? free_ranks_ : fresh_ranks_;
    auto match = std::find_if(candidates.begin(), candidates.end(), [&](std::size_t rank) {
      return transits_[by_fit_[rank]].matches(server) && server.may_use(by_fit_[rank]);
    });
    if (is_new) --new_left;
    if (match == candidates.end()) continue;
    std::size_t rank = *match;
    given.emplace_back(it->server, by_fit_[rank]);
    served.push_back(*it);
    free_ranks_.erase(rank);
    fresh_ranks_.erase(rank);
  }
  for (const auto& request : served) waiting_.erase(request);
  fresh_ranks_.clear();
  new_requests_.clear();
  return given;
}

}  // namespace ferry::plan
