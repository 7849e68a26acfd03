// ferry: the command line. Each subcommand lives in a file of its own
// (cli/*_command.cpp); this file wires them up, answers `ferry help
// [COMMAND]` and turns a misspelt command into a suggestion.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "compiler/suggest.hpp"

namespace ferry::cli {

namespace {

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  return names;
}

// `ferry help` and `ferry help COMMAND`, on stdout like --help.
int help(const CLI::App& app, const std::string& command) {
  // app.help() would describe the chosen subcommand, `help` itself: ask the
  // formatter for the application's page instead.
  if (command.empty()) {
    std::cout << app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal);
    return kOk;
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    if (sub->get_name() == command) {
      std::cout << sub->help(app.get_name());
      return kOk;
    }
  std::cerr << "ferry: error: no command '" << command << "'" << compiler::did_you_mean(command, command_names(app))
            << "\n";
  return kUsage;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"ferry: plan, simulate and run shared-hosting server migrations through transit servers"};
  app.name("ferry");
  app.set_version_flag("--version", std::string("ferry ") + FERRY_VERSION);
  app.require_subcommand(1);
  app.footer("Run `ferry help COMMAND` (or `ferry COMMAND --help`) for a command's options.");

  Action chosen;
  add_check_command(app, chosen);
  add_fmt_command(app, chosen);
  add_simulate_command(app, chosen);
  add_compare_command(app, chosen);
  add_plan_command(app, chosen);
  add_graph_command(app, chosen);
  add_approve_command(app, chosen);
  add_apply_command(app, chosen);
  add_status_command(app, chosen);
  add_operator_commands(app, chosen);
  std::string help_topic;
  auto* help_cmd = app.add_subcommand("help", "Show the help of ferry or of one command");
  help_cmd->add_option("command", help_topic, "The command");
  help_cmd->callback([&] { chosen = [&] { return help(app, help_topic); }; });

  // A first word that is no command and no option is a misspelt command:
  // say which one was meant rather than CLI11's "arguments were not expected".
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string> names = command_names(app);
    if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
      std::cerr << "ferry: error: unknown command '" << argv[1] << "'" << compiler::did_you_mean(argv[1], names)
                << "\nRun `ferry help` for the list of commands.\n";
      return kUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return e.get_exit_code() == 0 ? code : kUsage;
  }
  return chosen ? chosen() : kUsage;
}

}  // namespace ferry::cli

int main(int argc, char** argv) { return ferry::cli::run(argc, argv); }
