// `ferry simulate FILE`: the deterministic run reported as text (colour on
// a terminal), --json, --csv, or one server's --explain timeline; with
// --runs N, Monte Carlo's odds added (DESIGN §4.4); --html also writes the
// HTML report (docs/report.md).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <unistd.h>

#include "cli/commands.hpp"
#include "dsl/output_file.hpp"
#include "cli/keep_until_exit.hpp"
#include "cli/load.hpp"
#include "cli/run_simulation.hpp"
#include "cli/terminal.hpp"
#include "simulator/report.hpp"
#include "simulator/report_html.hpp"

namespace ferry::cli {

namespace {

struct SimulateOptions {
  std::string file;
  bool json = false, csv = false, strict = false;
  std::string explain_server;
  std::string html;  // "": no HTML report
  std::vector<std::string> settings;
  std::uint64_t runs = 0;  // 0: the deterministic run only
  std::uint64_t seed = 1;
  unsigned threads = 0;
};

// A progress line on stderr: runs done, runs per second, time left.
void show_progress(std::uint64_t done, std::uint64_t runs, std::chrono::steady_clock::time_point started) {
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  double left = rate > 0 ? static_cast<double>(runs - done) / rate : 0;
  int width = 30, filled = static_cast<int>(width * static_cast<double>(done) / static_cast<double>(runs));
  std::fprintf(stderr, "\r[%s%s] %llu/%llu runs  %.0f runs/s  %.0f s left ", std::string(filled, '#').c_str(),
               std::string(width - filled, '.').c_str(), static_cast<unsigned long long>(done),
               static_cast<unsigned long long>(runs), rate, left);
  if (done == runs) std::fprintf(stderr, "\n");
}

// Writes the HTML report beside the other outputs; false (said on stderr) if
// the file cannot be written.
[[nodiscard]] bool write_html(const std::string& path, const plan::Fleet& fleet, const simulator::SimulationResult& result,
                              const simulator::MonteCarloResult* mc) {
  std::optional<simulator::MonteCarloSummary> odds;
  if (mc) odds = simulator::summarize_for_html(*mc, fleet.currency);
  if (auto failed = dsl::write_atomically(path, simulator::report_html(fleet, result, odds ? &*odds : nullptr))) {
    std::cerr << "ferry: error: " << failed->message << "\n";
    return false;
  }
  return true;
}

int simulate(const SimulateOptions& o) {
  if (!o.html.empty())
    if (auto clash = dsl::output_is_input(o.html, {o.file})) {
      std::cerr << "ferry: error: " << clash->message << "\n";
      return kInputError;
    }
  std::optional<plan::Plan> plan = load_plan(o.file, Lowering::full, o.settings);
  if (!plan) return kInputError;
  const plan::Fleet& fleet = plan->fleet;
  simulator::SimulationResult result = run_simulation(*plan);
  if (result.runaway) {
    std::cerr << "ferry: error: " << o.file << ": the migration cannot be simulated to its end: " << result.stuck
              << "\n";
    return kInputError;
  }
  for (const std::string& warning : result.warnings) std::cerr << "ferry: warning: " << warning << "\n";
  std::optional<simulator::MonteCarloResult> mc;
  if (o.runs > 0) {
    simulator::MonteCarloOptions options{o.runs, o.seed, o.threads, {}};
    auto started = std::chrono::steady_clock::now();
    if (isatty(STDERR_FILENO)) options.progress = [&](std::uint64_t done) { show_progress(done, o.runs, started); };
    mc = simulator::run_monte_carlo(*plan, options);
    if (!mc->error.empty()) {
      std::cerr << "ferry: error: " << o.file << ": " << mc->error << "\n";
      return kInputError;
    }
  }
  if (!o.html.empty() && !write_html(o.html, fleet, result, mc ? &*mc : nullptr)) return kInputError;
  if (!o.explain_server.empty()) {
    std::string text = simulator::explain(fleet, result, o.explain_server);
    if (text.empty()) {
      std::cerr << "ferry: error: no server \"" << o.explain_server << "\" with accounts in " << o.file << "\n";
      return kInputError;
    }
    std::cout << text;
  } else if (o.json) {
    std::cout << simulator::report_json(fleet, result, mc ? &*mc : nullptr);
  } else if (o.csv) {
    std::cout << simulator::report_csv(fleet, result);
  } else {
    std::cout << simulator::report_text(fleet, result, colour_on(STDOUT_FILENO));
    if (mc) std::cout << simulator::report_monte_carlo_text(fleet, *mc, colour_on(STDOUT_FILENO));
  }
  int status = o.strict && !result.violations.empty() ? kInputError : kOk;
  keep_until_exit(std::move(result));
  if (mc) keep_until_exit(std::move(mc));
  return status;
}

}  // namespace

void add_simulate_command(CLI::App& app, Action& chosen) {
  auto o = std::make_shared<SimulateOptions>();
  auto* cmd = app.add_subcommand("simulate", "Predict downtime, transit waits and billing (deterministic run, or Monte Carlo with --runs)");
  cmd->add_option("file", o->file, "The .ferry file or plan file")->required();
  auto* json_flag = cmd->add_flag("--json", o->json, "Print the stable JSON report");
  auto* csv_flag = cmd->add_flag("--csv", o->csv, "Print one CSV row per account")->excludes(json_flag);
  cmd->add_flag("--strict", o->strict, "Exit 1 when a requirement (max_downtime, deadline) is violated");
  auto* explain_option = cmd->add_option("--explain", o->explain_server, "Show where one server's time went")
                             ->check(not_empty())
                             ->excludes(json_flag)
                             ->excludes(csv_flag);
  auto* runs_option = cmd->add_option("--runs", o->runs, "Monte Carlo: this many runs (1 to 1,000,000)")
                          ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1000000}));
  runs_option->excludes(explain_option)->excludes(csv_flag);
  cmd->add_option("--seed", o->seed, "Monte Carlo: the seed (default 1)")->needs(runs_option);
  cmd->add_option("--threads", o->threads, "Monte Carlo: threads (default: every core)")
      ->check(CLI::Range(1u, 1024u))
      ->needs(runs_option);
  cmd->add_option("--html", o->html, "Also write the HTML report (one self-contained file) here")->type_name("REPORT.html");
  cmd->add_option("--set", o->settings, "Try a change without editing the file: KEY=VALUE (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  cmd->callback([o, &chosen] { chosen = [o] { return simulate(*o); }; });
}

}  // namespace ferry::cli
