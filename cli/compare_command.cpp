// `ferry compare A B` or `ferry compare F --set KEY=VALUE...`: simulate both
// sides and show what changed, server by server (simulator/compare.hpp).
// --set changes the second side: B, or F itself when B is left out.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/compare_report.hpp"
#include "cli/load.hpp"
#include "cli/run_simulation.hpp"

namespace ferry::cli {

namespace {

struct CompareOptions {
  std::string a, b;
  std::vector<std::string> settings;
  bool json = false;
};

// The side's fleet and run, or nullopt after the error was printed.
struct Side {
  plan::Plan plan;
  simulator::SimulationResult result;
};

std::optional<Side> simulate_side(const std::string& file, const std::vector<std::string>& settings) {
  std::optional<plan::Plan> plan = load_plan(file, Lowering::full, settings);
  if (!plan) return std::nullopt;
  Side side{std::move(*plan), {}};
  side.result = run_simulation(side.plan);
  if (side.result.runaway) {
    std::cerr << "ferry: error: " << file << ": the migration cannot be simulated to its end: " << side.result.stuck
              << "\n";
    return std::nullopt;
  }
  return side;
}

int compare(const CompareOptions& o) {
  if (o.b.empty() && o.settings.empty()) {
    std::cerr << "ferry: error: compare needs a second file, or --set KEY=VALUE to compare " << o.a
              << " with a change\n";
    return kUsage;
  }
  const std::string& second = o.b.empty() ? o.a : o.b;
  std::optional<Side> a = simulate_side(o.a, {});
  std::optional<Side> b = simulate_side(second, o.settings);
  if (!a || !b) return kInputError;
  CompareSides sides{o.a, second, &a->plan.fleet, &b->plan.fleet};
  for (const std::string& s : o.settings)
    sides.label_b += " --set " + (s.find(' ') == std::string::npos ? s : "'" + s + "'");
  simulator::Comparison c = simulator::compare(a->plan.fleet, a->result, b->plan.fleet, b->result);
  std::cout << (o.json ? compare_json(sides, c) : compare_text(sides, c));
  return kOk;
}

}  // namespace

void add_compare_command(CLI::App& app, Action& chosen) {
  auto o = std::make_shared<CompareOptions>();
  auto* cmd = app.add_subcommand("compare", "Simulate two files (or one with --set changes) and show what changed");
  cmd->add_option("a", o->a, "The first .ferry file or plan file")->required();
  cmd->add_option("b", o->b, "The second (default: the first, changed by --set)");
  cmd->add_option("--set", o->settings, "Change the second side: KEY=VALUE (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  cmd->add_flag("--json", o->json, "Print the comparison as JSON");
  cmd->callback([o, &chosen] { chosen = [o] { return compare(*o); }; });
}

}  // namespace ferry::cli
