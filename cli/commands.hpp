// The subcommands of `ferry`, one file each (check_command.cpp, ...): each
// registers its options on the application and, when it is the one chosen,
// sets the action main() runs. Exit codes are those of DESIGN §6.
//   Action chosen;
//   add_check_command(app, chosen);
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace ferry::cli {

// 0 ok, 1 errors in the input (or violated requirements with --strict),
// 2 usage, 3 an action failed at run time.
inline constexpr int kOk = 0, kInputError = 1, kUsage = 2;

// An empty option value would silently mean "not given": a usage error.
inline CLI::Validator not_empty() {
  return CLI::Validator([](std::string& value) { return value.empty() ? std::string("must not be empty") : std::string(); },
                        "NOT EMPTY");
}

using Action = std::function<int()>;

void add_check_command(CLI::App& app, Action& chosen);
void add_fmt_command(CLI::App& app, Action& chosen);
void add_simulate_command(CLI::App& app, Action& chosen);
void add_compare_command(CLI::App& app, Action& chosen);
void add_plan_command(CLI::App& app, Action& chosen);
void add_graph_command(CLI::App& app, Action& chosen);
void add_approve_command(CLI::App& app, Action& chosen);
void add_apply_command(CLI::App& app, Action& chosen);
void add_status_command(CLI::App& app, Action& chosen);
// confirm, retry, rollback
void add_operator_commands(CLI::App& app, Action& chosen);

}  // namespace ferry::cli
