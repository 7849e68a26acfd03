// `ferry fmt FILE...`: the canonical layout on stdout, or --write (rewrite
// the files in place), --diff (a unified diff of what would change, exit 1
// if anything would) or --check (the same diff, and the files named on
// stderr, exit 1 if any).
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "dsl/output_file.hpp"
#include "cli/load.hpp"
#include "cli/unified_diff.hpp"
#include "dsl/formatter.hpp"

namespace ferry::cli {

namespace {

struct FmtOptions {
  std::vector<std::string> files;
  bool check_only = false;
  bool diff_only = false;
  bool write = false;
};

int fmt(const FmtOptions& o) {
  int status = kOk;
  std::vector<std::string> unformatted;
  for (const std::string& file : o.files) {
    Loaded loaded = parse_file(file);
    if (loaded.diagnostics.has_errors() || !loaded.parsed.complete) {
      print_summary(print_diagnostics(loaded));
      std::cerr << "ferry: not formatting " << file << ": it has syntax errors\n";
      status = kInputError;
      continue;
    }
    std::string formatted = dsl::format(*loaded.source, loaded.parsed);
    bool changed = formatted != loaded.source->text();
    if (o.check_only || o.diff_only) {
      if (changed) {
        std::cout << unified_diff(loaded.source->text(), formatted, file, file + " (formatted)");
        unformatted.push_back(file);
        status = kInputError;
      }
    } else if (o.write) {
      if (changed)
        if (auto failed = dsl::write_atomically(file, formatted)) {
          std::cerr << "ferry: error: " << failed->message << "\n";
          status = kInputError;
        }
    } else {
      std::cout << formatted;
    }
  }
  if (o.check_only && !unformatted.empty()) {
    std::cerr << "ferry: " << unformatted.size() << (unformatted.size() == 1 ? " file is" : " files are")
              << " not in canonical layout (ferry fmt --write FILE rewrites it):\n";
    for (const std::string& file : unformatted) std::cerr << "  " << file << "\n";
  }
  return status;
}

}  // namespace

void add_fmt_command(CLI::App& app, Action& chosen) {
  auto o = std::make_shared<FmtOptions>();
  auto* cmd = app.add_subcommand("fmt", "Print files in canonical layout (comments kept)");
  cmd->add_option("files", o->files, "Files to format")->required();
  auto* check_flag =
      cmd->add_flag("--check", o->check_only, "Exit 1 if a file would change; name those files and show their diff");
  auto* diff_flag = cmd->add_flag("--diff", o->diff_only, "Print a unified diff of the changes; exit 1 if any");
  cmd->add_flag("--write", o->write, "Rewrite the files in place")->excludes(check_flag)->excludes(diff_flag);
  cmd->callback([o, &chosen] { chosen = [o] { return fmt(*o); }; });
}

}  // namespace ferry::cli
