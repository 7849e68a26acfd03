// `ferry check FILE...`: every error of every file, clang-style on stderr
// (with a summary line), or one JSON array on stdout with --json.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/keep_until_exit.hpp"
#include "cli/load.hpp"

namespace ferry::cli {

namespace {

struct CheckOptions {
  std::vector<std::string> files;
  bool json = false;
};

int check(const CheckOptions& o) {
  int status = kOk;
  dsl::Diagnostics all;
  std::vector<Loaded> kept;  // the JSON refers to their sources
  Tally tally;
  for (const std::string& file : o.files) {
    Loaded loaded = load_file(file);
    if (loaded.diagnostics.has_errors()) status = kInputError;
    if (o.json) {
      for (const auto& d : loaded.diagnostics.all()) all.push(d);
      kept.push_back(std::move(loaded));
    } else {
      tally += print_diagnostics(loaded);
      // The last file only: kept trees would add up over many files.
      if (&file == &o.files.back()) keep_until_exit(std::move(loaded));
    }
  }
  if (o.json)
    std::cout << dsl::render_json(all) << "\n";
  else
    print_summary(tally);
  return status;
}

}  // namespace

void add_check_command(CLI::App& app, Action& chosen) {
  auto o = std::make_shared<CheckOptions>();
  auto* cmd = app.add_subcommand("check", "Check .ferry files and report every error");
  cmd->add_option("files", o->files, "Files to check")->required();
  cmd->add_flag("--json", o->json, "Print the diagnostics as a JSON array on stdout");
  cmd->callback([o, &chosen] { chosen = [o] { return check(*o); }; });
}

}  // namespace ferry::cli
