#include "cli/load.hpp"

#include <iostream>
#include <unistd.h>

#include "cli/keep_until_exit.hpp"
#include "cli/settings.hpp"
#include "cli/terminal.hpp"
#include "compiler/fleet_compiler.hpp"
#include "compiler/lower.hpp"
#include "compiler/plan_file_check.hpp"
#include "plan/plan_json.hpp"
#include "plan/run_beside.hpp"
#include "plan/sha256.hpp"

namespace ferry::cli {

namespace {

Loaded read_only(const std::string& path) {
  Loaded loaded;
  std::string error;
  auto source = dsl::SourceFile::read(path, error);
  if (!source) {
    loaded.readable = false;
    loaded.diagnostics.push({dsl::Severity::error, nullptr, {}, error, {}});
    return loaded;
  }
  if (input_kind(source->text()) == InputKind::plan) {
    loaded.readable = false;
    loaded.diagnostics.push({dsl::Severity::error, nullptr, {},
                             "'" + path + "' is a plan file, not a .ferry file; simulate, graph and plan --show read plan files",
                             {}});
    return loaded;
  }
  loaded.source = std::make_unique<dsl::SourceFile>(std::move(*source));
  return loaded;
}

void compile_parsed(Loaded& loaded) {
  if (!loaded.diagnostics.full() && !loaded.parsed.refused)
    loaded.fleet = compiler::compile(*loaded.source, loaded.parsed, loaded.diagnostics);
  if (loaded.diagnostics.has_errors()) loaded.fleet.reset();
  loaded.diagnostics.sort();
}

}  // namespace

Loaded parse_file(const std::string& path) {
  Loaded loaded = read_only(path);
  if (loaded.readable) loaded.parsed = dsl::parse(*loaded.source, loaded.diagnostics);
  return loaded;
}

Loaded load_file(const std::string& path) {
  Loaded loaded = parse_file(path);
  if (loaded.readable) compile_parsed(loaded);
  return loaded;
}

Tally print_diagnostics(const Loaded& loaded) {
  std::cerr << colour_diagnostics(dsl::render_all(loaded.diagnostics), colour_on(STDERR_FILENO));
  Tally tally;
  tally.errors = loaded.diagnostics.error_count();
  for (const dsl::Diagnostic& d : loaded.diagnostics.all()) tally.warnings += d.severity == dsl::Severity::warning;
  return tally;
}

void print_summary(const Tally& tally) {
  if (tally.errors == 0 && tally.warnings == 0) return;
  auto count = [](std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
  };
  std::string line;
  if (tally.errors) line = count(tally.errors, "error");
  if (tally.warnings) line += (line.empty() ? "" : ", ") + count(tally.warnings, "warning");
  std::cerr << "ferry: " << line << "\n";
}

InputKind input_kind(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  auto first = text.find_first_not_of(" \t\r\n");
  bool plan = first != std::string_view::npos && text.substr(first, 1) == "{" &&
              text.find_first_not_of(" \t\r\n", first + 1) != std::string_view::npos &&
              text[text.find_first_not_of(" \t\r\n", first + 1)] == '"';
  return plan ? InputKind::plan : InputKind::ferry;
}

std::optional<plan::Plan> read_plan(const std::string& path, const std::string& text) {
  plan::PlanFile file = text.rfind("\xEF\xBB\xBF", 0) == 0
                            ? plan::PlanFile{std::nullopt, "malformed plan file: it starts with a byte-order mark; ferry writes none", ""}
                            : compiler::read_plan_file(text);
  if (!file.plan) {
    std::cerr << path << ": error: " << file.error << "\n";
    return std::nullopt;
  }
  return std::move(file.plan);
}

std::optional<plan::Plan> load_plan(const std::string& path, Lowering lowering,
                                    const std::vector<std::string>& settings) {
  std::string error;
  std::optional<std::string> raw = dsl::SourceFile::read_text(path, error);
  if (!raw) {
    std::cerr << "ferry: error: " << error << "\n";
    return std::nullopt;
  }
  if (input_kind(*raw) == InputKind::plan) {
    if (!settings.empty()) {
      std::cerr << "ferry: error: --set changes a .ferry file; " << path << " is a plan file\n";
      return std::nullopt;
    }
    return read_plan(path, *raw);
  }
  plan::SourceStamp stamp{path, ""};
  Loaded loaded;
  if (settings.empty()) {
    loaded.source = std::make_unique<dsl::SourceFile>(dsl::SourceFile::from_text(path, std::move(*raw)));
    // The stamp's hash reads the file beside its reading (a 10 MB file's
    // hash is as long as its prescan, which runs on one thread).
    plan::run_beside(
        [&] {
          loaded.parsed = dsl::parse(*loaded.source, loaded.diagnostics);
          compile_parsed(loaded);
        },
        [&] { stamp.sha256 = plan::sha256_hex(loaded.source->text()); });
  } else {
    stamp.sha256 = plan::sha256_hex(*raw);
    loaded = load_file_with_settings(path, settings);
  }
  print_summary(print_diagnostics(loaded));
  if (!loaded.fleet) return std::nullopt;
  plan::Fleet fleet = std::move(*loaded.fleet);
  keep_until_exit(std::move(loaded));
  if (lowering == Lowering::skip) {
    plan::Plan fleet_only;
    fleet_only.fleet = std::move(fleet);
    fleet_only.source = std::move(stamp);
    return fleet_only;
  }
  return compiler::lower(std::move(fleet), std::move(stamp));
}

}  // namespace ferry::cli
