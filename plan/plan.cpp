#include "plan/plan.hpp"

#include <boost/graph/topological_sort.hpp>
#include <iterator>
#include <stdexcept>

namespace ferry::plan {

namespace {

constexpr const char* kKindNames[] = {"prepare",   "acquire_transit", "install_transit", "migrate",
                                      "reinstall", "move_back",       "release_transit"};

}  // namespace

const char* kind_name(ActionKind kind) { return kKindNames[static_cast<int>(kind)]; }

void append_action_id(std::string& out, const Fleet& fleet, const Action& action) {
  const Server& server = fleet.servers[action.server];
  out.append(server.name).append(1, '/').append(kind_name(action.kind));
  if (action.account) out.append(1, '/').append(server.accounts[*action.account].name);
}

std::string action_id(const Fleet& fleet, const Action& action) {
  std::string id;
  append_action_id(id, fleet, action);
  return id;
}

std::string Plan::id(ActionVertex v) const { return action_id(fleet, graph[v]); }

std::optional<ActionKind> kind_from_name(const std::string& name) {
  for (int i = 0; i < 7; ++i)
    if (name == kKindNames[i]) return static_cast<ActionKind>(i);
  return std::nullopt;
}

const char* mode_name(WindowMode mode) {
  switch (mode) {
    case WindowMode::none: return "none";
    case WindowMode::fit: return "fit";
    case WindowMode::start: return "start";
  }
  return "none";
}

ActionGraph make_action_graph(std::size_t actions, const std::vector<ActionEdge>& edges) {
  // Boost only asserts it (not in a release build), then indexes arrays by
  // the endpoints.
  for (const ActionEdge& e : edges)
    if (e.first >= actions || e.second >= actions)
      throw std::out_of_range("an action graph's edge names an action it does not have");
  return ActionGraph(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), actions);
}

ActionGraph make_action_graph(std::vector<Action> actions, const std::vector<ActionEdge>& edges) {
  ActionGraph graph = make_action_graph(actions.size(), edges);
  for (ActionVertex v = 0; v < actions.size(); ++v) graph[v] = std::move(actions[v]);
  return graph;
}

const Duration* Action::duration(const Fleet& fleet) const {
  const Policy& policy = fleet.policies[static_cast<std::size_t>(fleet.servers[server].policy)];
  switch (kind) {
    case ActionKind::prepare: return &policy.prepare;
    case ActionKind::install_transit: return &policy.install;
    case ActionKind::migrate:
    case ActionKind::move_back: return &policy.downtime;
    case ActionKind::reinstall: return &policy.reinstall;
    default: return nullptr;
  }
}

std::vector<ActionVertex> Plan::topological_order() const {
  std::vector<ActionVertex> reversed;
  try {
    boost::topological_sort(graph, std::back_inserter(reversed));
  } catch (const boost::not_a_dag&) {
    throw std::logic_error("the plan's action graph has a cycle");
  }
  return {reversed.rbegin(), reversed.rend()};
}

std::size_t Plan::count(ActionKind kind) const {
  std::size_t n = 0;
  for (auto v : boost::make_iterator_range(boost::vertices(graph))) n += graph[v].kind == kind;
  return n;
}

}  // namespace ferry::plan
