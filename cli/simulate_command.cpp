// `ferry simulate FILE`: the deterministic run reported as text (colour on
// a terminal), --json, --csv, or one server's --explain timeline.
#include <iostream>
#include <memory>
#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "cli/run_simulation.hpp"
#include "cli/terminal.hpp"
#include "simulator/report.hpp"

namespace ferry::cli {

namespace {

struct SimulateOptions {
  std::string file;
  bool json = false, csv = false, strict = false;
  std::string explain_server;
  std::vector<std::string> settings;
};

int simulate(const SimulateOptions& o) {
  std::optional<plan::Plan> plan = load_plan(o.file, Lowering::full, o.settings);
  if (!plan) return kInputError;
  const plan::Fleet& fleet = plan->fleet;
  simulator::SimulationResult result = run_simulation(*plan);
  if (result.runaway) {
    std::cerr << "ferry: error: " << o.file << ": the migration cannot be simulated to its end: " << result.stuck
              << "\n";
    return kInputError;
  }
  if (!o.explain_server.empty()) {
    std::string text = simulator::explain(fleet, result, o.explain_server);
    if (text.empty()) {
      std::cerr << "ferry: error: no server \"" << o.explain_server << "\" with accounts in " << o.file << "\n";
      return kInputError;
    }
    std::cout << text;
  } else if (o.json) {
    std::cout << simulator::report_json(fleet, result);
  } else if (o.csv) {
    std::cout << simulator::report_csv(fleet, result);
  } else {
    std::cout << simulator::report_text(fleet, result, colour_on(STDOUT_FILENO));
  }
  return o.strict && !result.violations.empty() ? kInputError : kOk;
}

}  // namespace

void add_simulate_command(CLI::App& app, Action& chosen) {
  auto o = std::make_shared<SimulateOptions>();
  auto* cmd = app.add_subcommand("simulate", "Predict downtime, transit waits and billing (deterministic run)");
  cmd->add_option("file", o->file, "The .ferry file or plan file")->required();
  auto* json_flag = cmd->add_flag("--json", o->json, "Print the stable JSON report");
  cmd->add_flag("--csv", o->csv, "Print one CSV row per account")->excludes(json_flag);
  cmd->add_flag("--strict", o->strict, "Exit 1 when a requirement (max_downtime, deadline) is violated");
  cmd->add_option("--explain", o->explain_server, "Show where one server's time went");
  cmd->add_option("--set", o->settings, "Try a change without editing the file: KEY=VALUE (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  cmd->callback([o, &chosen] { chosen = [o] { return simulate(*o); }; });
}

}  // namespace ferry::cli
