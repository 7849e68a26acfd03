// `ferry fmt FILE...`: the canonical layout on stdout, or --check (name the
// files that would change, exit 1) or --write (rewrite them in place).
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "dsl/formatter.hpp"

namespace ferry::cli {

namespace {

struct FmtOptions {
  std::vector<std::string> files;
  bool check_only = false;
  bool write = false;
};

int fmt(const FmtOptions& o) {
  int status = kOk;
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
    if (o.check_only) {
      if (changed) {
        std::cout << file << "\n";
        status = kInputError;
      }
    } else if (o.write) {
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

}  // namespace

void add_fmt_command(CLI::App& app, Action& chosen) {
  auto o = std::make_shared<FmtOptions>();
  auto* cmd = app.add_subcommand("fmt", "Print files in canonical layout (comments kept)");
  cmd->add_option("files", o->files, "Files to format")->required();
  auto* check_flag = cmd->add_flag("--check", o->check_only, "Exit 1 and name the files that would change");
  cmd->add_flag("--write", o->write, "Rewrite the files in place")->excludes(check_flag);
  cmd->callback([o, &chosen] { chosen = [o] { return fmt(*o); }; });
}

}  // namespace ferry::cli
