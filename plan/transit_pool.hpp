// TransitPool: who gets which transit server (DESIGN §4 rule 2, §4.2).
// Requests wait by server `priority` (higher first; 0 unless written), then
// first-come first-served (ties: server declaration order); a hand-out scans
// them in that order and each takes the best free transit it matches and
// may use (its pinned transit only, never an avoided one; smallest cpu, ram,
// disk, then declaration order) or is skipped: a large server waiting never
// blocks a small one behind it.
//   pool.request(server, t); pool.make_free(transit);
//   for (auto [server, transit] : pool.hand_out()) ...
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <utility>
#include <vector>

#include "plan/fleet.hpp"

namespace ferry::plan {

class TransitPool {
 public:
  TransitPool(const std::vector<Transit>& transits, const std::vector<Server>& servers);

  void make_free(std::size_t transit);
  void request(std::size_t server, Instant at);
  // Every (server, transit) pair handed out now, in scan order.
  std::vector<std::pair<std::size_t, std::size_t>> hand_out();
  bool has_waiting() const { return !waiting_.empty(); }

 private:
  const std::vector<Transit>& transits_;
  const std::vector<Server>& servers_;
  std::vector<std::size_t> by_fit_;       // transit indices, best fit first
  std::vector<std::size_t> fit_rank_;     // transit index -> position in by_fit_
  struct Request {
    std::int64_t priority;
    Instant at;
    std::size_t server;
    bool operator<(const Request& other) const {
      if (priority != other.priority) return priority > other.priority;
      return at != other.at ? at < other.at : server < other.server;
    }
  };
  std::set<std::size_t> free_ranks_;  // ranks of free transits
  std::set<Request> waiting_;
  // After a hand-out no waiting request matches a free transit (it would
  // have taken it). So an old request can only take a transit freed since,
  // and only new requests need to look at every free transit; the scan stops
  // once both are used up. Same result as a full scan, far less work.
  std::set<std::size_t> fresh_ranks_;                        // freed since the last hand-out
  std::set<Request> new_requests_;  // made since the last hand-out
};

}  // namespace ferry::plan
