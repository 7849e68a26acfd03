#include "plan/transit_pool.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <tuple>

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
  using Shape = std::tuple<std::int64_t, Exact, Exact, std::optional<std::size_t>, std::vector<std::size_t>>;
  std::map<Shape, std::size_t> shapes;
  shape_of_.reserve(servers.size());
  for (std::size_t s = 0; s < servers.size(); ++s) {
    const Server& server = servers[s];
    auto [it, added] = shapes.emplace(
        Shape{server.cpu, server.ram, server.disk, server.pinned_transit, server.avoided_transits}, shapes.size());
    if (added) shape_server_.push_back(s);
    shape_of_.push_back(it->second);
  }
  waiting_by_shape_.resize(shape_server_.size());
}

bool TransitPool::takes(std::size_t shape, std::size_t rank) const {
  const Server& server = servers_[shape_server_[shape]];
  return transits_[by_fit_[rank]].matches(server) && server.may_use(by_fit_[rank]);
}

void TransitPool::make_free(std::size_t transit) {
  free_ranks_.insert(fit_rank_[transit]);
  fresh_ranks_.insert(fit_rank_[transit]);
}

void TransitPool::request(std::size_t server, Instant at) {
  Request request{servers_[server].priority, at, server};
  waiting_.insert(request);
  new_requests_.insert(request);
  waiting_by_shape_[shape_of_[server]].insert(request);
}

std::vector<std::pair<std::size_t, std::size_t>> TransitPool::hand_out() {
  std::vector<std::pair<std::size_t, std::size_t>> given;
  // The requests that can take something, in the queue's order: every new
  // one (against every free transit) and the old ones of a shape that can
  // take a fresh transit (against the fresh ones only: after a hand-out no
  // waiting request matches a free transit). Each shape's old requests are
  // walked from its front; the earliest head among them and the new
  // requests is served next.
  struct Cursor {
    std::size_t shape;
    std::set<Request>::const_iterator next;
  };
  std::vector<Cursor> cursors;
  if (!fresh_ranks_.empty())
    for (std::size_t shape = 0; shape < waiting_by_shape_.size(); ++shape) {
      if (waiting_by_shape_[shape].empty()) continue;
      for (std::size_t rank : fresh_ranks_)
        if (takes(shape, rank)) {
          cursors.push_back({shape, waiting_by_shape_[shape].begin()});
          break;
        }
    }
  auto next_new = new_requests_.begin();
  std::vector<Request> served;
  auto serve = [&](const Request& request, const std::set<std::size_t>& candidates) {
    std::size_t shape = shape_of_[request.server];
    auto match = std::find_if(candidates.begin(), candidates.end(), [&](std::size_t rank) { return takes(shape, rank); });
    if (match == candidates.end()) return;
    std::size_t rank = *match;
    given.emplace_back(request.server, by_fit_[rank]);
    served.push_back(request);
    free_ranks_.erase(rank);
    fresh_ranks_.erase(rank);
  };
  while (!free_ranks_.empty()) {
    Cursor* earliest = nullptr;
    for (Cursor& cursor : cursors) {
      const std::set<Request>& queue = waiting_by_shape_[cursor.shape];
      while (cursor.next != queue.end() && new_requests_.count(*cursor.next)) ++cursor.next;  // served as new
      if (cursor.next != queue.end() && (!earliest || *cursor.next < *earliest->next)) earliest = &cursor;
    }
    if (earliest && (next_new == new_requests_.end() || *earliest->next < *next_new)) {
      serve(*earliest->next++, fresh_ranks_);
    } else if (next_new != new_requests_.end()) {
      serve(*next_new++, free_ranks_);
    } else {
      break;
    }
    if (fresh_ranks_.empty()) cursors.clear();
  }
  for (const auto& request : served) {
    waiting_.erase(request);
    waiting_by_shape_[shape_of_[request.server]].erase(request);
  }
  fresh_ranks_.clear();
  new_requests_.clear();
  return given;
}

}  // namespace ferry::plan
