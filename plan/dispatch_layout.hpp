// DispatchLayout: what a dispatcher reads from a plan before its first
// decision — each action's number of predecessors, successors, kind,
// subject and window, each server's first actions, its acquire_transit, its
// moves in the plan's move order — computed once and shared, read-only, by
// every run of the plan (Monte Carlo builds one dispatcher per run).
//   DispatchLayout layout(plan);
//   Dispatcher d(plan, planned, &executor, &layout);
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
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

  // What a run reads of an action at each start and finish, packed: the
  // graph's vertices (with their id and edge lists) are several times
  // larger, and a run over a large plan is bound by memory, not arithmetic.
  struct Step {
    static constexpr std::uint32_t kNoAccount = UINT32_MAX;
    std::uint32_t server;
    std::uint32_t account;  // kNoAccount for a server's own actions
    int window;
    ActionKind kind;
    WindowMode mode;
    bool has_account() const { return account != kNoAccount; }
    std::optional<std::size_t> account_index() const {
      return has_account() ? std::optional<std::size_t>(account) : std::nullopt;
    }
  };

  std::vector<std::uint32_t> predecessors;  // per action
  std::vector<Step> steps;                   // per action
  // The graph's out-edges, flattened: action v's successors are
  // successors[successor_begin[v]] up to successors[successor_begin[v + 1]].
  std::vector<std::uint32_t> successor_begin;
  std::vector<std::uint32_t> successors;
  std::vector<Server> servers;

  // Action v's successors.
  std::span<const std::uint32_t> successors_of(ActionVertex v) const {
    return {successors.data() + successor_begin[v], successors.data() + successor_begin[v + 1]};
  }
};

}  // namespace ferry::plan
