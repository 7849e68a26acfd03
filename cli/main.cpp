// ferry: the command line. Each subcommand is a small function below; exit
// codes are those of DESIGN §6: 0 ok, 1 errors in the input (or violated
// requirements with --strict), 2 usage, 3 an action failed at run time.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include "cli/load.hpp"
#include "cli/plan_summary.hpp"
#include "compiler/graphviz_writer.hpp"
#include "plan/plan_json.hpp"
#include "dsl/formatter.hpp"
#include "simulator/engine.hpp"
#include "simulator/report.hpp"
#include "simulator/report_html.hpp"

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
      if (changed) {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out << formatted;
        if (!out) {
          std::cerr << "ferry: error: cannot write " << file << "\n";
          status = kInputError;
        }
      }
    } else {
      std::cout << formatted;
    }
  }
  return status;
}

// Writes the HTML report beside the other outputs; false (said on stderr) if
// the file cannot be written.
[[nodiscard]] bool write_html(const std::string& path, const plan::Fleet& fleet, const simulator::SimulationResult& result,
                              const simulator::MonteCarloResult* mc) {
  std::optional<simulator::MonteCarloSummary> odds;
  if (mc) odds = simulator::summarize_for_html(*mc, fleet.currency);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << simulator::report_html(fleet, result, odds ? &*odds : nullptr);
  out.close();
  if (!out) std::cerr << "ferry: error: cannot write " << path << "\n";
  return static_cast<bool>(out);
}

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

struct MonteCarloFlags {
  std::uint64_t runs = 0;  // 0: deterministic only
  std::uint64_t seed = 1;
  unsigned threads = 0;
};

int simulate(const std::string& file, bool json, bool csv, bool strict, const std::string& explain_server,
             const MonteCarloFlags& monte_carlo, const std::string& html) {
  std::optional<plan::Plan> plan = load_plan(file);
  if (!plan) return kInputError;
  const plan::Fleet& fleet = plan->fleet;
  simulator::SimulationResult result = simulator::simulate(*plan);
  if (result.runaway) {
    std::cerr << "ferry: error: " << file << ": the migration cannot be simulated to its end: " << result.stuck << "\n";
    return kInputError;
  }
  std::optional<simulator::MonteCarloResult> mc;
  if (monte_carlo.runs > 0) {
    simulator::MonteCarloOptions options{monte_carlo.runs, monte_carlo.seed, monte_carlo.threads, {}};
    auto started = std::chrono::steady_clock::now();
    if (isatty(STDERR_FILENO))
      options.progress = [&](std::uint64_t done) { show_progress(done, monte_carlo.runs, started); };
    mc = simulator::run_monte_carlo(*plan, options);
    if (!mc->error.empty()) {
      std::cerr << "ferry: error: " << file << ": " << mc->error << "\n";
      return kInputError;
    }
  }
  if (!html.empty() && !write_html(html, fleet, result, mc ? &*mc : nullptr)) return kInputError;
  if (!explain_server.empty()) {
    std::string text = simulator::explain(fleet, result, explain_server);
    if (text.empty()) {
      std::cerr << "ferry: error: no server \"" << explain_server << "\" with accounts in " << file << "\n";
      return kInputError;
    }
    std::cout << text;
  } else if (json) {
    std::cout << simulator::report_json(fleet, result, mc ? &*mc : nullptr);
  } else if (csv) {
    std::cout << simulator::report_csv(fleet, result);
  } else {
    std::cout << simulator::report_text(fleet, result, isatty(STDOUT_FILENO));
    if (mc) std::cout << simulator::report_monte_carlo_text(fleet, *mc, isatty(STDOUT_FILENO));
  }
  return strict && !result.violations.empty() ? kInputError : kOk;
}

int write_plan(const std::string& file, const std::string& output) {
  std::optional<plan::Plan> plan = load_plan(file);
  if (!plan) return kInputError;
  if (output.empty()) {
    std::cout << plan_summary(*plan);
    return kOk;
  }
  std::string text = plan::write_plan_json(*plan);
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::cerr << "ferry: error: cannot write " << output << "\n";
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
  plan::PlanFile read = plan::read_plan_json(*text);
  if (!read.plan) {
    std::cerr << file << ": error: " << read.error << "\n";
    return kInputError;
  }
  std::cout << plan_summary(*read.plan);
  return kOk;
}

int graph(const std::string& file, const std::string& output, const std::string& server) {
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
  auto* explain_option = sim_cmd->add_option("--explain", explain_server, "Show where one server's time went");
  MonteCarloFlags monte_carlo;
  auto* runs_option = sim_cmd->add_option("--runs", monte_carlo.runs, "Monte Carlo: this many runs (1 to 1,000,000)")
                          ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1000000}));
  runs_option->excludes(explain_option)->excludes(csv_flag);
  sim_cmd->add_option("--seed", monte_carlo.seed, "Monte Carlo: the seed (default 1)")->needs(runs_option);
  sim_cmd->add_option("--threads", monte_carlo.threads, "Monte Carlo: threads (default: every core)")
      ->check(CLI::Range(1u, 1024u))
      ->needs(runs_option);
  std::string html_report;
  sim_cmd->add_option("--html", html_report, "Also write the HTML report (one self-contained file) here");

  std::string plan_file, plan_output, show_file;
  auto* plan_cmd = app.add_subcommand("plan", "Compile a file to a plan (-o P.json), or summarise one (--show)");
  auto* plan_input = plan_cmd->add_option("file", plan_file, "The .ferry file");
  plan_cmd->add_option("-o,--output", plan_output, "Write the plan file here (JSON)");
  auto* show = plan_cmd->add_option("--show", show_file, "Read a plan file back and summarise it");
  show->excludes(plan_input);
  plan_cmd->callback([&] {
    if (plan_file.empty() && show_file.empty()) throw CLI::RequiredError("a FILE or --show PLAN");
  });

  std::string graph_file, graph_output, graph_server;
  auto* graph_cmd = app.add_subcommand("graph", "Draw the plan's dependency graph (.dot, .svg, .png, .pdf)");
  graph_cmd->add_option("file", graph_file, "The .ferry file or plan file")->required();
  graph_cmd->add_option("-o,--output", graph_output, "The drawing; its extension picks the format")->required();
  graph_cmd->add_option("--server", graph_server, "Draw one server only");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return e.get_exit_code() == 0 ? code : kUsage;
  }
  if (*check_cmd) return check(files, json);
  if (*fmt_cmd) return fmt(files, check_only, write);
  if (*sim_cmd) return simulate(sim_file, json, csv, strict, explain_server, monte_carlo, html_report);
  if (*plan_cmd) return show_file.empty() ? write_plan(plan_file, plan_output) : show_plan(show_file);
  if (*graph_cmd) return graph(graph_file, graph_output, graph_server);
  return kUsage;
}

}  // namespace ferry::cli

int main(int argc, char** argv) { return ferry::cli::run(argc, argv); }
