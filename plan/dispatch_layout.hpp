// DispatchLayout: what a dispatcher reads from a plan before its first
// decision — each action's number of predecessors, each server's first
// actions, its acquire_transit, its moves in the plan's move order —
// computed once and shared, read-only, by every run of the plan (Monte
// Carlo builds one dispatcher per run).
//   DispatchLayout layout(plan);
//   Dispatcher d(plan, planned, &executor, &layout);
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "plan/plan.hpp"

namespace ferry::plan {

struct DispatchLayout {
  explicit DispatchLayout(const Plan& plan);

  struct Server {
    std::vector<ActionVertex> sources;  // nothing precedes them: ready at the server's start
    std::optional<ActionVertex> acquire;
    // [0] migrates, [1] move backs, in the plan's move order; an account
    // without such an action holds kNone.
    std::array<std::vector<ActionVertex>, 2> moves;
  };
  static constexpr ActionVertex kNone = static_cast<ActionVertex>(-1);

  std::vector<std::uint32_t> predecessors;  // per action
  std::vector<Server> servers;
};

}  // namespace ferry::plan
