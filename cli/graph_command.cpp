// `ferry graph FILE -o DRAWING`: the plan's dependency graph, one server's
// (--server NAME), or --overview: one node per server grouped by the
// transit the simulation gives it, waits on the edges (for big fleets).
#include <algorithm>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "dsl/output_file.hpp"
#include "cli/load.hpp"
#include "cli/run_simulation.hpp"
#include "compiler/graphviz_writer.hpp"

namespace ferry::cli {

namespace {

struct GraphOptions {
  std::string file, output, server;
  bool overview = false;
};

int overview(const GraphOptions& o) {
  std::optional<plan::Plan> plan = load_plan(o.file);
  if (!plan) return kInputError;
  simulator::SimulationResult result = run_simulation(*plan);
  if (result.runaway) {
    std::cerr << "ferry: error: " << o.file << ": the migration cannot be simulated to its end: " << result.stuck
              << "\n";
    return kInputError;
  }
  std::vector<const simulator::ServerResult*> served;
  for (const simulator::ServerResult& r : result.servers) served.push_back(&r);
  std::stable_sort(served.begin(), served.end(), [](auto* x, auto* y) { return x->acquired < y->acquired; });
  std::vector<compiler::TransitTurn> turns;
  for (const simulator::ServerResult* r : served) turns.push_back({r->server, r->transit, r->transit_wait()});
  std::string error = compiler::draw_overview(plan->fleet, turns, o.output);
  if (!error.empty()) {
    std::cerr << "ferry: error: " << error << "\n";
    return kInputError;
  }
  return kOk;
}

int graph(const GraphOptions& o) {
  if (auto clash = dsl::output_is_input(o.output, {o.file})) {
    std::cerr << "ferry: error: " << clash->message << "\n";
    return kInputError;
  }
  if (o.overview) return overview(o);
  std::optional<plan::Plan> plan = load_plan(o.file);
  if (!plan) return kInputError;
  std::string error =
      compiler::draw_plan(*plan, o.output, o.server.empty() ? std::nullopt : std::optional(o.server));
  if (!error.empty()) {
    std::cerr << "ferry: error: " << error << "\n";
    return kInputError;
  }
  return kOk;
}

}  // namespace

void add_graph_command(CLI::App& app, Action& chosen) {
  auto o = std::make_shared<GraphOptions>();
  auto* cmd = app.add_subcommand("graph", "Draw the plan's dependency graph (.dot, .svg, .png, .pdf)");
  cmd->add_option("file", o->file, "The .ferry file or plan file")->required();
  cmd->add_option("-o,--output", o->output, "The drawing; its extension picks the format")
      ->required()
      ->check(not_empty());
  auto* server = cmd->add_option("--server", o->server, "Draw one server only")->check(not_empty());
  cmd->add_flag("--overview", o->overview,
                "One node per server, grouped by the transit it gets, waits on the edges (simulates; for big fleets)")
      ->excludes(server);
  cmd->callback([o, &chosen] { chosen = [o] { return graph(*o); }; });
}

}  // namespace ferry::cli
