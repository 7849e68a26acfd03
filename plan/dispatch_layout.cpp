#include "plan/dispatch_layout.hpp"

#include <stdexcept>

namespace ferry::plan {

DispatchLayout::DispatchLayout(const Plan& plan)
    : predecessors(boost::num_vertices(plan.graph)), servers(plan.fleet.servers.size()) {
  if (predecessors.size() >= UINT32_MAX || boost::num_edges(plan.graph) >= UINT32_MAX)
    throw std::length_error("a plan of more than 4 billion actions or edges");
  steps.reserve(predecessors.size());
  successor_begin.reserve(predecessors.size() + 1);
  successors.reserve(boost::num_edges(plan.graph));
  // A move's place in its phase is its account's place in the move order.
  std::vector<std::vector<std::size_t>> position(servers.size());
  for (std::size_t s = 0; s < plan.move_order.size() && s < servers.size(); ++s) {
    position[s].assign(plan.fleet.servers[s].accounts.size(), 0);
    for (std::size_t k = 0; k < plan.move_order[s].size(); ++k) position[s][plan.move_order[s][k]] = k;
    for (auto& phase : servers[s].moves) phase.assign(plan.move_order[s].size(), kNone);
  }
  for (ActionVertex v = 0; v < predecessors.size(); ++v) {
    const Action& action = plan.graph[v];
    Server& server = servers[action.server];
    predecessors[v] = static_cast<std::uint32_t>(boost::in_degree(v, plan.graph));
    steps.push_back({static_cast<std::uint32_t>(action.server),
                     action.account ? static_cast<std::uint32_t>(*action.account) : Step::kNoAccount, action.window,
                     action.kind, action.mode});
    successor_begin.push_back(static_cast<std::uint32_t>(successors.size()));
    for (auto edge : boost::make_iterator_range(boost::out_edges(v, plan.graph)))
      successors.push_back(static_cast<std::uint32_t>(boost::target(edge, plan.graph)));
    if (predecessors[v] == 0) server.sources.push_back(v);
    if (action.kind == ActionKind::acquire_transit) server.acquire = v;
    bool move = action.kind == ActionKind::migrate || action.kind == ActionKind::move_back;
    if (move && action.account && !position[action.server].empty())
      server.moves[action.kind == ActionKind::migrate ? 0 : 1][position[action.server][*action.account]] = v;
  }
  successor_begin.push_back(static_cast<std::uint32_t>(successors.size()));
}

}  // namespace ferry::plan
