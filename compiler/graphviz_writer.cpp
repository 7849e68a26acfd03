// cgraph's C API takes char* for names it does not modify; the strings are
// kept alive in std::string for the duration of each call. A .dot output is
// written with agwrite before any layout, so even a huge plan gets one.
#include "compiler/graphviz_writer.hpp"

#include "dsl/output_file.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <unordered_map>

namespace ferry::compiler {

namespace {

char* c(const std::string& s) { return const_cast<char*>(s.c_str()); }

// cgraph's own ids for named objects are the addresses of their interned
// names, and a graph writes its clusters in id order: the order of the
// servers in a drawing followed where malloc had put each name (a plan
// file's drawing changed when the reader's allocations did). These ids
// number names in the order they are first given, so clusters come out in
// the order they are made; unnamed objects keep cgraph's odd numbers. The
// names stay cgraph's interned strings (its writer reads their header).
struct CreationOrderIds {
  Agraph_t* graph;  // whose string dictionary holds the names
  std::unordered_map<std::string, IDTYPE> ids;
  std::vector<char*> names;  // names[k] is id 2 (k + 1): cgraph's own strings, as its writer expects
  IDTYPE unnamed = 1;
};

void* open_ids(Agraph_t* graph, Agdisc_t*) { return new CreationOrderIds{graph, {}, {}, 1}; }

long map_id(void* state, int, char* name, IDTYPE* id, int create) {
  auto& ids = *static_cast<CreationOrderIds*>(state);
  if (!name) {
    if (!create) return 0;
    *id = ids.unnamed;
    ids.unnamed += 2;
    return 1;
  }
  if (auto found = ids.ids.find(name); found != ids.ids.end()) {
    *id = found->second;
    return 1;
  }
  if (!create) return 0;
  ids.names.push_back(agstrdup(ids.graph, name));
  *id = 2 * ids.names.size();
  ids.ids.emplace(name, *id);
  return 1;
}

long refuse_explicit_id(void*, int, IDTYPE) { return 0; }
void keep_id(void*, int, IDTYPE) {}

char* print_id(void* state, int, IDTYPE id) {
  auto& ids = *static_cast<CreationOrderIds*>(state);
  return id % 2 == 0 && id / 2 - 1 < ids.names.size() ? ids.names[id / 2 - 1] : nullptr;
}

void close_ids(void* state) { delete static_cast<CreationOrderIds*>(state); }
void register_nothing(void*, int, void*) {}

Agiddisc_t kCreationOrderIds = {open_ids, map_id, refuse_explicit_id, keep_id, print_id, close_ids, register_nothing};
Agdisc_t kDiscipline = {&AgMemDisc, &kCreationOrderIds, &AgIoDisc};

void set(void* object, const std::string& name, const std::string& value) {
  agsafeset(object, c(name), c(value), c(std::string()));
}

std::string extension_of(const std::string& path) {
  auto dot = path.rfind('.');
  return dot == std::string::npos ? "" : path.substr(dot + 1);
}

std::string gigabytes(const plan::Exact& bytes) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0fGB", static_cast<double>(bytes.value()) / 1e9);
  return buffer;
}

// A mean duration for a reader of the drawing: minutes, not the formula.
std::string minutes(plan::Seconds seconds) {
  char buffer[48];
  if (seconds % 60 == 0 || seconds >= 100 * 60)  // whole minutes, or long enough not to need the tenth
    std::snprintf(buffer, sizeof buffer, "%lld min", static_cast<long long>((seconds + 30) / 60));
  else
    std::snprintf(buffer, sizeof buffer, "%.1f min", static_cast<double>(seconds) / 60);
  return buffer;
}

// A wait, which can be days long: "53 h 05 min".
std::string hours_minutes(plan::Seconds seconds) {
  if (seconds < plan::kHour) return minutes(seconds);
  long long m = (seconds + 30) / 60;
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%lld h %02lld min", m / 60, m % 60);
  return buffer;
}

// The action's mean duration in seconds, or nullopt for bookkeeping.
std::optional<plan::Seconds> mean_of(const plan::Fleet& fleet, const plan::Action& a) {
  const plan::Duration* d = a.duration(fleet);
  if (!d) return std::nullopt;
  const plan::Server& server = fleet.servers[a.server];
  if (a.account) {
    const plan::Account& account = server.accounts[*a.account];
    if (a.kind == plan::ActionKind::prepare && account.prepared) return 0;
    return d->mean_seconds(account.variables());
  }
  return d->mean_seconds(server.variables());
}

const char* order_name(plan::MoveOrder order) {
  switch (order) {
    case plan::MoveOrder::largest_first: return "largest first";
    case plan::MoveOrder::smallest_first: return "smallest first";
    case plan::MoveOrder::priority: return "by priority";
    default: return "as written";
  }
}

// Writes the graph: .dot directly (no layout, so any size), else laid out
// with dot and rendered by the format's plugin. Drawn in memory, then
// written atomically: a failed render leaves no half file and an existing
// drawing whole.
std::string render(Agraph_t* root, const std::string& format, const std::string& output) {
  std::string bytes;
  if (format == "dot") {
    char* buffer = nullptr;
    std::size_t length = 0;
    FILE* memory = open_memstream(&buffer, &length);
    if (!memory) return "cannot draw '" + output + "': out of memory";
    int written = agwrite(root, memory);
    std::fclose(memory);
    if (written == 0) bytes.assign(buffer, length);
    std::free(buffer);
    if (written != 0) return "cannot draw '" + output + "'";
  } else {
    std::unique_ptr<GVC_t, decltype(&gvFreeContext)> gvc(gvContext(), &gvFreeContext);
    if (gvLayout(gvc.get(), root, "dot") != 0) return "Graphviz could not lay out the plan";
    char* data = nullptr;
    unsigned int length = 0;
    int rendered = gvRenderData(gvc.get(), root, c(format), &data, &length);
    if (rendered == 0 && data) bytes.assign(data, length);
    if (data) gvFreeRenderData(data);
    gvFreeLayout(gvc.get(), root);
    if (rendered != 0) return "Graphviz could not render '" + output + "' (is its " + format + " plugin installed?)";
  }
  if (auto failed = dsl::write_atomically(output, bytes)) return failed->message;
  return "";
}

}  // namespace

std::string draw_plan(const plan::Plan& plan, const std::string& output, const std::optional<std::string>& server) {
  std::string format = extension_of(output);
  if (format != "dot" && format != "svg" && format != "png" && format != "pdf")
    return "cannot tell the drawing format from '" + output + "': use .dot, .svg, .png or .pdf";
  const plan::Fleet& fleet = plan.fleet;
  std::optional<std::size_t> only;
  if (server) {
    for (std::size_t s = 0; s < fleet.servers.size(); ++s)
      if (fleet.servers[s].name == *server) only = s;
    if (!only) return "no server \"" + *server + "\" in the plan";
  }
  const plan::ActionGraph& g = plan.graph;
  // A prepare that takes no time (the account is prepared, or its formula
  // is 0) is left out; its edges are bridged below.
  std::vector<std::optional<plan::Seconds>> mean(boost::num_vertices(g));
  std::vector<char> shown(boost::num_vertices(g), 0);
  std::size_t drawn = 0;
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    mean[v] = mean_of(fleet, g[v]);
    bool zero_prepare = g[v].kind == plan::ActionKind::prepare && mean[v] && *mean[v] == 0;
    shown[v] = (!only || g[v].server == *only) && !zero_prepare;
    drawn += shown[v];
  }
  if (format != "dot" && drawn > kMaxLaidOutActions)
    return "the plan has " + std::to_string(drawn) + " actions, too many to lay out (at most " +
           std::to_string(kMaxLaidOutActions) + "): draw one server with --server NAME, or write a .dot file";

  std::unique_ptr<Agraph_t, decltype(&agclose)> graph(agopen(c("plan"), Agdirected, &kDiscipline), &agclose);
  Agraph_t* root = graph.get();
  set(root, "rankdir", "LR");
  set(root, "fontname", "Helvetica");
  agattr(root, AGNODE, c("fontname"), c("Helvetica"));
  agattr(root, AGNODE, c("fontsize"), c("10"));
  std::map<std::size_t, Agraph_t*> clusters;
  std::vector<Agnode_t*> nodes(boost::num_vertices(g), nullptr);
  std::map<std::tuple<std::size_t, std::size_t, plan::ActionKind>, Agnode_t*> move_node;
  // position[server][account]: its place in the server's move order.
  std::vector<std::vector<std::size_t>> position(fleet.servers.size());
  for (std::size_t server = 0; server < plan.move_order.size(); ++server) {
    position[server].assign(fleet.servers[server].accounts.size(), 0);
    for (std::size_t i = 0; i < plan.move_order[server].size(); ++i) position[server][plan.move_order[server][i]] = i;
  }
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    const plan::Action& a = g[v];
    if (!shown[v]) continue;
    const plan::Server& s = fleet.servers[a.server];
    const plan::Policy& policy = fleet.policies[static_cast<std::size_t>(s.policy)];
    Agraph_t*& cluster = clusters[a.server];
    if (!cluster) {
      std::string candidates;
      for (const plan::Transit& t : fleet.transits)
        if (t.matches(s)) candidates += (candidates.empty() ? "" : ", ") + t.name;
      cluster = agsubg(root, c("cluster_" + s.name), 1);
      set(cluster, "label", "server " + s.name + "\\ntransits: " + candidates + "\\nmoves " +
                                order_name(policy.order) + ", " + std::to_string(policy.parallel) + " lane(s)");
      set(cluster, "style", "rounded");
    }
    std::string label = plan::kind_name(a.kind);
    if (a.account) {
      label += "\\n" + s.accounts[*a.account].name;
      if ((a.kind == plan::ActionKind::migrate || a.kind == plan::ActionKind::move_back) &&
          *a.account < position[a.server].size())
        label += "  #" + std::to_string(position[a.server][*a.account] + 1);
    }
    if (mean[v]) label += "\\n" + minutes(*mean[v]);
    if (a.window != plan::kAlwaysOpen)
      label += "\\n[" + fleet.calendars[static_cast<std::size_t>(a.window)].name + ", " + plan::mode_name(a.mode) + "]";
    std::string id = plan::action_id(fleet, a);
    Agnode_t* node = agnode(cluster, c(id), 1);
    set(node, "label", label);
    switch (a.kind) {
      case plan::ActionKind::install_transit:
      case plan::ActionKind::reinstall:
        set(node, "shape", "box");
        set(node, "style", "filled");
        set(node, "fillcolor", "lightblue");
        break;
      case plan::ActionKind::migrate:
      case plan::ActionKind::move_back:
        set(node, "shape", "ellipse");
        set(node, "style", "filled");
        set(node, "fillcolor", "lightyellow");
        break;
      default: set(node, "shape", "diamond");
    }
    nodes[v] = node;
    if (a.account) move_node[{a.server, *a.account, a.kind}] = node;
  }
  // Edges between drawn actions; through a left-out prepare, to the drawn
  // actions after it (prepares chain, so the walk may pass several).
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    if (!nodes[v]) continue;
    std::vector<plan::ActionVertex> stack{v};
    std::set<plan::ActionVertex> linked;
    while (!stack.empty()) {
      plan::ActionVertex at = stack.back();
      stack.pop_back();
      for (auto e : boost::make_iterator_range(boost::out_edges(at, g))) {
        plan::ActionVertex to = boost::target(e, g);
        if (nodes[to]) {
          if (linked.insert(to).second) agedge(root, nodes[v], nodes[to], nullptr, 1);
        }
        else if (g[to].kind == plan::ActionKind::prepare && (!only || g[to].server == *only))
          stack.push_back(to);
      }
    }
  }
  // Move order: a dashed "then" from each move to the next mover; with one
  // lane this is the exact sequence, with N lanes up to N run at once.
  for (std::size_t server = 0; server < plan.move_order.size(); ++server) {
    if (only && server != *only) continue;
    const std::vector<std::size_t>& order = plan.move_order[server];
    for (plan::ActionKind kind : {plan::ActionKind::migrate, plan::ActionKind::move_back})
      for (std::size_t i = 0; i + 1 < order.size(); ++i) {
        Agnode_t* from = move_node[{server, order[i], kind}];
        Agnode_t* to = move_node[{server, order[i + 1], kind}];
        if (!from || !to) continue;
        Agedge_t* e = agedge(root, from, to, c("then/" + std::to_string(server) + "/" + std::to_string(i) +
                                                     "/" + plan::kind_name(kind)), 1);
        set(e, "style", "dashed");
        set(e, "color", "gray50");
        set(e, "constraint", "false");
      }
  }
  std::string resources = "resources\\lsupport crew: " + std::to_string(fleet.support_capacity) + "\\l";
  for (const plan::Transit& t : fleet.transits)
    resources += "transit " + t.name + ": cpu " + std::to_string(t.cpu) + ", ram " + gigabytes(t.ram) + ", disk " +
                 gigabytes(t.disk) + "\\l";
  Agnode_t* note = agnode(root, c("resources"), 1);
  set(note, "shape", "note");
  set(note, "label", resources);

  return render(root, format, output);
}

std::string draw_overview(const plan::Fleet& fleet, const std::vector<TransitTurn>& turns, const std::string& output) {
  std::string format = extension_of(output);
  if (format != "dot" && format != "svg" && format != "png" && format != "pdf")
    return "cannot tell the drawing format from '" + output + "': use .dot, .svg, .png or .pdf";
  std::unique_ptr<Agraph_t, decltype(&agclose)> graph(agopen(c("overview"), Agdirected, &kDiscipline), &agclose);
  Agraph_t* root = graph.get();
  set(root, "rankdir", "LR");
  set(root, "fontname", "Helvetica");
  agattr(root, AGNODE, c("fontname"), c("Helvetica"));
  agattr(root, AGNODE, c("fontsize"), c("10"));
  agattr(root, AGEDGE, c("fontname"), c("Helvetica"));
  agattr(root, AGEDGE, c("fontsize"), c("9"));
  // One cluster per transit: the transit, then its servers in the order
  // they got it, each edge labelled with how long that server waited.
  std::vector<std::vector<const TransitTurn*>> by_transit(fleet.transits.size());
  for (const TransitTurn& t : turns)
    if (t.transit < fleet.transits.size() && t.server < fleet.servers.size()) by_transit[t.transit].push_back(&t);
  for (std::size_t k = 0; k < fleet.transits.size(); ++k) {
    const plan::Transit& transit = fleet.transits[k];
    Agraph_t* cluster = agsubg(root, c("cluster_" + transit.name), 1);
    set(cluster, "label", "transit " + transit.name + " (" + std::to_string(by_transit[k].size()) + " server(s))");
    set(cluster, "style", "rounded");
    Agnode_t* head = agnode(cluster, c("transit/" + transit.name), 1);
    set(head, "label", transit.name + "\\ncpu " + std::to_string(transit.cpu) + ", ram " + gigabytes(transit.ram) +
                           ", disk " + gigabytes(transit.disk));
    set(head, "shape", "box");
    set(head, "style", "filled");
    set(head, "fillcolor", "lightblue");
    Agnode_t* previous = head;
    for (const TransitTurn* turn : by_transit[k]) {
      const plan::Server& server = fleet.servers[turn->server];
      Agnode_t* node = agnode(cluster, c("server/" + server.name), 1);
      set(node, "label", server.name + "\\n" + std::to_string(server.accounts.size()) + " account(s)");
      set(node, "shape", "ellipse");
      set(node, "style", "filled");
      set(node, "fillcolor", turn->wait > 0 ? "mistyrose" : "lightyellow");
      Agedge_t* e = agedge(root, previous, node, nullptr, 1);
      set(e, "label", turn->wait == 0 ? std::string("no wait") : "wait " + hours_minutes(turn->wait));
      previous = node;
    }
  }
  return render(root, format, output);
}

}  // namespace ferry::compiler
