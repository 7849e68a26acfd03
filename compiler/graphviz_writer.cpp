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

namespace ferry::compiler {

namespace {

char* c(const std::string& s) { return const_cast<char*>(s.c_str()); }

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
  std::size_t drawn = 0;
  for (auto v : boost::make_iterator_range(boost::vertices(g))) drawn += !only || g[v].server == *only;
  if (format != "dot" && drawn > kMaxLaidOutActions)
    return "the plan has " + std::to_string(drawn) + " actions, too many to lay out (at most " +
           std::to_string(kMaxLaidOutActions) + "): draw one server with --server NAME, or write a .dot file";

  std::unique_ptr<Agraph_t, decltype(&agclose)> graph(agopen(c("plan"), Agdirected, nullptr), &agclose);
  Agraph_t* root = graph.get();
  set(root, "rankdir", "LR");
  set(root, "fontname", "Helvetica");
  agattr(root, AGNODE, c("fontname"), c("Helvetica"));
  agattr(root, AGNODE, c("fontsize"), c("10"));
  std::map<std::size_t, Agraph_t*> clusters;
  std::vector<Agnode_t*> nodes(boost::num_vertices(g), nullptr);
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    const plan::Action& a = g[v];
    if (only && a.server != *only) continue;
    Agraph_t*& cluster = clusters[a.server];
    if (!cluster) {
      const plan::Server& s = fleet.servers[a.server];
      std::string candidates;
      for (const plan::Transit& t : fleet.transits)
        if (t.matches(s)) candidates += (candidates.empty() ? "" : ", ") + t.name;
      cluster = agsubg(root, c("cluster_" + s.name), 1);
      set(cluster, "label", "server " + s.name + "\\ntransits: " + candidates);
      set(cluster, "style", "rounded");
    }
    std::string label = plan::kind_name(a.kind);
    if (a.account) label += "\\n" + fleet.servers[a.server].accounts[*a.account].name;
    if (const plan::Duration* d = a.duration(fleet)) label += "\\n" + d->text;
    if (a.window != plan::kAlwaysOpen)
      label += "\\n[" + fleet.calendars[static_cast<std::size_t>(a.window)].name + ", " + plan::mode_name(a.mode) + "]";
    Agnode_t* node = agnode(cluster, c(a.id), 1);
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
  }
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    Agnode_t* from = nodes[boost::source(e, g)];
    Agnode_t* to = nodes[boost::target(e, g)];
    if (from && to) agedge(root, from, to, nullptr, 1);
  }
  std::string resources = "resources\\lsupport crew: " + std::to_string(fleet.support_capacity) + "\\l";
  for (const plan::Transit& t : fleet.transits)
    resources += "transit " + t.name + ": cpu " + std::to_string(t.cpu) + ", ram " + gigabytes(t.ram) + ", disk " +
                 gigabytes(t.disk) + "\\l";
  Agnode_t* note = agnode(root, c("resources"), 1);
  set(note, "shape", "note");
  set(note, "label", resources);

  // Drawn in memory, then written atomically: a failed render leaves no
  // half file and an existing drawing whole.
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

}  // namespace ferry::compiler
