// Plan: the compiled plan both engines read. The fleet (settings, resources,
// durations as compiled programs) plus a Boost.Graph DAG of actions with
// precedence edges (DESIGN §3). The one-by-one rule is not an edge: lanes,
// the transit pool and the crew are resources the engines dispatch.
//   Plan plan = compiler::lower(fleet);
//   for (auto v : plan.topological_order()) plan.id(v), plan.graph[v].kind ...
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>
#include <optional>
#include <string>
#include <vector>

#include "plan/fleet.hpp"

namespace ferry::plan {

enum class ActionKind { prepare, acquire_transit, install_transit, migrate, reinstall, move_back, release_transit };
enum class WindowMode { none, fit, start };

const char* kind_name(ActionKind kind);
std::optional<ActionKind> kind_from_name(const std::string& name);
const char* mode_name(WindowMode mode);

struct Action {
  ActionKind kind = ActionKind::prepare;
  std::size_t server = 0;
  std::optional<std::size_t> account;
  int window = kAlwaysOpen;  // calendar index
  WindowMode mode = WindowMode::none;
  // The duration program, in the server's policy; null for bookkeeping.
  const Duration* duration(const Fleet& fleet) const;
};

// An action's id, "web-01/migrate/shop" (DESIGN §5.2): its server's name,
// its kind and its account's name, so stable across runs and versions, and
// what the journal and the operator know it by. Made when asked rather than
// kept: a 100,000-account plan has 340,000 actions and would hold as many
// strings of its own.
std::string action_id(const Fleet& fleet, const Action& action);
void append_action_id(std::string& out, const Fleet& fleet, const Action& action);

// A plan's graph is built once, whole (lowering, the plan file), and never
// changes: compressed sparse rows hold it in a few arrays, where an
// adjacency list gave each of a 100,000-account plan's 340,000 actions two
// edge vectors of its own. Out-edges keep the order they were given in;
// in-edges come by source index.
using ActionGraph = boost::compressed_sparse_row_graph<boost::bidirectionalS, Action>;
using ActionVertex = ActionGraph::vertex_descriptor;
using ActionEdge = std::pair<ActionVertex, ActionVertex>;  // (first, then)

// The graph whose vertex i is actions[i], with `edges` (each endpoint below
// actions.size()).
ActionGraph make_action_graph(std::vector<Action> actions, const std::vector<ActionEdge>& edges);
// The same with `actions` blank actions, for the caller to write in place.
ActionGraph make_action_graph(std::size_t actions, const std::vector<ActionEdge>& edges);

struct SourceStamp {
  std::string path;
  std::string sha256;
};

struct Plan {
  Fleet fleet;
  ActionGraph graph;
  std::vector<std::vector<std::size_t>> move_order;  // per server: accounts, first mover first
  SourceStamp source;

  // Actions in an order that respects every edge; throws std::logic_error
  // if the graph has a cycle (it cannot by construction: verified anyway).
  std::vector<ActionVertex> topological_order() const;
  std::size_t count(ActionKind kind) const;
  // Action v's id (action_id).
  std::string id(ActionVertex v) const;
};

}  // namespace ferry::plan
