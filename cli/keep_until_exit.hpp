// Hands a command's big structures (a 100,000-account syntax tree, a run's
// results) to the end of the process instead of freeing them node by node:
// `ferry` exits right after, and the frees (with malloc's consolidation at
// exit) took a sixth of `ferry check` on a large fleet. The cost is
// memory: `simulate` keeps the tree through the run (the 100k fleet's Monte
// Carlo peaks at 560 MB with it).
// clang's -disable-free does the same. What is kept stays reachable from a
// static root, so LeakSanitizer does not call it a leak.
//   keep_until_exit(std::move(loaded));
#pragma once

#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace ferry::cli {

namespace detail {
inline std::vector<std::shared_ptr<void>>& kept_until_exit() {
  static auto* kept = new std::vector<std::shared_ptr<void>>;  // never destroyed, on purpose
  return *kept;
}
}  // namespace detail

template <typename T>
void keep_until_exit(T&& value) {
  detail::kept_until_exit().push_back(std::make_shared<std::decay_t<T>>(std::forward<T>(value)));
}

}  // namespace ferry::cli
