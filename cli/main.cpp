// ferry: the command line. Each subcommand is a small function below; exit
// codes are those of DESIGN §6: 0 ok, 1 errors in the input (or violated
// requirements with --strict), 2 usage, 3 an action failed at run time.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <unistd.h>

#include "cli/load.hpp"
#include "cli/plan_summary.hpp"
#include "compiler/graphviz_writer.hpp"
#include "plan/plan_json.hpp"
#include "dsl/formatter.hpp"
#include "dsl/output_file.hpp"
#include "simulator/engine.hpp"
#include "simulator/report.hpp"

namespace ferry::cli {

namespace {

constexpr int kOk = 0, kInputError = 1, kUsage = 2;

int check(const std::vector<std::string>& files, bool json) {
  int status = kOk;
  dsl::Diagnostics all;
  std::vector<Loaded> kept;
  for (const std::string& file : files) {
    Loaded loaded = load_file(file);
    if (loaded.diagnostics.has_errors()) status = kInputError;
    if (json) {
      for (const auto& d : loaded.diagnostics.all()) all.push(d);
      kept.push_back(std::move(loaded));
    } else {
      print_diagnostics(loaded);
    }
  }
  if (json) std::cout << dsl::render_json(all) << "\n";
  return status;
}

int fmt(const std::vector<std::string>& files, bool check_only, bool write) {
  int status = kOk;
  for (const std::string& file : files) {
    Loaded loaded = parse_file(file);
    if (loaded.diagnostics.has_errors() || !loaded.parsed.complete) {
      print_diagnostics(loaded);
      std::cerr << "ferry: not formatting " << file << ": it has syntax errors\n";
      status = kInputError;
      continue;
    }
    std::string formatted = dsl::format(*loaded.source, loaded.parsed);
    bool changed = formatted != loaded.source->text();
    if (check_only) {
      if (changed) {
        std::cout << file << "\n";
        status = kInputError;
      }
    } else if (write) {
      if (changed)
        if (auto failed = dsl::write_atomically(file, formatted)) {
          std::cerr << "ferry: error: " << failed->message << "\n";
          status = kInputError;
        }
    } else {
      std::cout << formatted;
    }
  }
  return status;
}

int simulate(const std::string& file, bool json, bool csv, bool strict, const std::string& explain_server) {
  std::optional<plan::Plan> plan = load_plan(file);
  if (!plan) return kInputError;
  const plan::Fleet& fleet = plan->fleet;
  simulator::SimulationResult result = simulator::simulate(*plan);
  if (result.runaway) {
    std::cerr << "ferry: error: " << file << ": the migration cannot be simulated to its end: " << result.stuck << "\n";
    return kInputError;
  }
  if (!explain_server.empty()) {
    std::string text = simulator::explain(fleet, result, explain_server);
    if (text.empty()) {
      std::cerr << "ferry: error: no server \"" << explain_server << "\" with accounts in " << file << "\n";
      return kInputError;
    }
    std::cout << text;
  } else if (json) {
    std::cout << simulator::report_json(fleet, result);
  } else if (csv) {
    std::cout << simulator::report_csv(fleet, result);
  } else {
    std::cout << simulator::report_text(fleet, result, isatty(STDOUT_FILENO));
  }
  return strict && !result.violations.empty() ? kInputError : kOk;
}

// Checked before any work: an output that is the input would destroy it.
bool refuse_output(const std::string& output, const std::string& input) {
  auto clash = dsl::output_is_input(output, {input});
  if (clash) std::cerr << "ferry: error: " << clash->message << "\n";
  return clash.has_value();
}

int write_plan(const std::string& file, const std::string& output) {
  if (!output.empty() && refuse_output(output, file)) return kInputError;
  std::optional<plan::Plan> plan = load_plan(file);
  if (!plan) return kInputError;
  if (output.empty()) {
    std::cout << plan_summary(*plan);
    return kOk;
  }
  if (auto failed = dsl::write_atomically(output, plan::write_plan_json(*plan))) {
    std::cerr << "ferry: error: " << failed->message << "\n";
    return kInputError;
  }
  return kOk;
}

int show_plan(const std::string& file) {
  std::string error;
  auto text = dsl::SourceFile::read_text(file, error);
  if (!text) {
    std::cerr << "ferry: error: " << error << "\n";
    return kInputError;
  }
  if (input_kind(*text) != InputKind::plan) {
    std::cerr << file << ": error: not a plan file: it does not start with '{\"' (a .ferry file is compiled with plan FILE)\n";
    return kInputError;
  }
  std::optional<plan::Plan> plan = read_plan(file, *text);
  if (!plan) return kInputError;
  std::cout << plan_summary(*plan);
  return kOk;
}

int graph(const std::string& file, const std::string& output, const std::string& server) {
  if (refuse_output(output, file)) return kInputError;
  std::optional<plan::Plan> plan = load_plan(file);
  if (!plan) return kInputError;
  std::string error = compiler::draw_plan(*plan, output, server.empty() ? std::nullopt : std::optional(server));
  if (!error.empty()) {
    std::cerr << "ferry: error: " << error << "\n";
    return kInputError;
  }
  return kOk;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"ferry: plan, simulate and run shared-hosting server migrations through transit servers"};
  app.set_version_flag("--version", std::string("ferry ") + FERRY_VERSION);
  app.require_subcommand(1);

  // An empty value would silently mean "not given": it is a usage error.
  CLI::Validator not_empty([](std::string& value) { return value.empty() ? std::string("must not be empty") : std::string(); },
                           "NOT EMPTY");

  std::vector<std::string> files;
  bool json = false, csv = false, strict = false, check_only = false, write = false;
  std::string explain_server;

  auto* check_cmd = app.add_subcommand("check", "Check .ferry files and report every error");
  check_cmd->add_option("files", files, "Files to check")->required();
  check_cmd->add_flag("--json", json, "Print the diagnostics as a JSON array on stdout");

  auto* fmt_cmd = app.add_subcommand("fmt", "Print files in canonical layout (comments kept)");
  fmt_cmd->add_option("files", files, "Files to format")->required();
  auto* check_flag = fmt_cmd->add_flag("--check", check_only, "Exit 1 and name the files that would change");
  fmt_cmd->add_flag("--write", write, "Rewrite the files in place")->excludes(check_flag);

  std::string sim_file;
  auto* sim_cmd = app.add_subcommand("simulate", "Predict downtime, transit waits and billing (deterministic run)");
  sim_cmd->add_option("file", sim_file, "The .ferry file or plan file")->required();
  auto* json_flag = sim_cmd->add_flag("--json", json, "Print the stable JSON report");
  auto* csv_flag = sim_cmd->add_flag("--csv", csv, "Print one CSV row per account")->excludes(json_flag);
  sim_cmd->add_flag("--strict", strict, "Exit 1 when a requirement (max_downtime, deadline) is violated");
  sim_cmd->add_option("--explain", explain_server, "Show where one server's time went")
      ->check(not_empty)
      ->excludes(json_flag)
      ->excludes(csv_flag);

  std::string plan_file, plan_output, show_file;
  auto* plan_cmd = app.add_subcommand("plan", "Compile a file to a plan (-o P.json), or summarise one (--show)");
  auto* plan_input = plan_cmd->add_option("file", plan_file, "The .ferry file");
  auto* plan_out = plan_cmd->add_option("-o,--output", plan_output, "Write the plan file here (JSON)")->check(not_empty);
  auto* show = plan_cmd->add_option("--show", show_file, "Read a plan file back and summarise it")->check(not_empty);
  show->excludes(plan_input)->excludes(plan_out);
  plan_cmd->callback([&] {
    if (plan_file.empty() && show_file.empty()) throw CLI::RequiredError("a FILE or --show PLAN");
  });

  std::string graph_file, graph_output, graph_server;
  auto* graph_cmd = app.add_subcommand("graph", "Draw the plan's dependency graph (.dot, .svg, .png, .pdf)");
  graph_cmd->add_option("file", graph_file, "The .ferry file or plan file")->required();
  graph_cmd->add_option("-o,--output", graph_output, "The drawing; its extension picks the format")
      ->required()
      ->check(not_empty);
  graph_cmd->add_option("--server", graph_server, "Draw one server only")->check(not_empty);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return e.get_exit_code() == 0 ? code : kUsage;
  }
  if (*check_cmd) return check(files, json);
  if (*fmt_cmd) return fmt(files, check_only, write);
  if (*sim_cmd) return simulate(sim_file, json, csv, strict, explain_server);
  if (*plan_cmd) return show_file.empty() ? write_plan(plan_file, plan_output) : show_plan(show_file);
  if (*graph_cmd) return graph(graph_file, graph_output, graph_server);
  return kUsage;
}

}  // namespace ferry::cli

int main(int argc, char** argv) { return ferry::cli::run(argc, argv); }
