#include "cli/load.hpp"

#include <iostream>

#include "compiler/fleet_compiler.hpp"
#include "compiler/lower.hpp"
#include "plan/plan_json.hpp"
#include "plan/sha256.hpp"

namespace ferry::cli {

Loaded parse_file(const std::string& path) {
  Loaded loaded;
  std::string error;
  auto source = dsl::SourceFile::read(path, error);
  if (!source) {
    loaded.readable = false;
    loaded.diagnostics.push({dsl::Severity::error, nullptr, {}, error, {}});
    return loaded;
  }
  loaded.source = std::make_unique<dsl::SourceFile>(std::move(*source));
  loaded.parsed = dsl::parse(*loaded.source, loaded.diagnostics);
  return loaded;
}

Loaded load_file(const std::string& path) {
  Loaded loaded = parse_file(path);
  if (!loaded.readable) return loaded;
  if (!loaded.diagnostics.full() && !loaded.parsed.refused) loaded.fleet = compiler::compile(*loaded.source, loaded.parsed, loaded.diagnostics);
  if (loaded.diagnostics.has_errors()) loaded.fleet.reset();
  loaded.diagnostics.sort();
  return loaded;
}

void print_diagnostics(const Loaded& loaded) { std::cerr << dsl::render_all(loaded.diagnostics); }

std::optional<plan::Plan> load_plan(const std::string& path, Lowering lowering) {
  Loaded loaded = parse_file(path);
  if (!loaded.readable) {
    print_diagnostics(loaded);
    return std::nullopt;
  }
  const std::string& text = loaded.source->text();
  auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{') {
    plan::PlanFile file = plan::read_plan_json(text);
    if (!file.plan) {
      std::cerr << path << ": error: " << file.error << "\n";
      return std::nullopt;
    }
    return std::move(file.plan);
  }
  std::string source_sha256 = plan::sha256_hex(text);
  loaded = load_file(path);
  print_diagnostics(loaded);
  if (!loaded.fleet) return std::nullopt;
  if (lowering == Lowering::skip) {
    plan::Plan fleet_only;
    fleet_only.fleet = std::move(*loaded.fleet);
    fleet_only.source = {path, source_sha256};
    return fleet_only;
  }
  return compiler::lower(std::move(*loaded.fleet), {path, source_sha256});
}

}  // namespace ferry::cli
