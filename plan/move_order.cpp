#include "plan/move_order.hpp"

#include <algorithm>
#include <numeric>

namespace ferry::plan {

std::vector<std::size_t> move_order(const Server& server, MoveOrder order) {
  std::vector<std::size_t> indices(server.accounts.size());
  std::iota(indices.begin(), indices.end(), 0);
  const auto& a = server.accounts;
  switch (order) {
    case MoveOrder::as_written: break;
    case MoveOrder::largest_first:
      std::stable_sort(indices.begin(), indices.end(), [&](auto x, auto y) { return a[y].databases < a[x].databases; });
      break;
    case MoveOrder::smallest_first:
      std::stable_sort(indices.begin(), indices.end(), [&](auto x, auto y) { return a[x].databases < a[y].databases; });
      break;
    case MoveOrder::priority:
      std::stable_sort(indices.begin(), indices.end(), [&](auto x, auto y) { return a[x].priority > a[y].priority; });
      break;
  }
  return indices;
}

}  // namespace ferry::plan
