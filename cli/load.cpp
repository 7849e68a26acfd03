#include "cli/load.hpp"

#include <iostream>

#include "compiler/fleet_compiler.hpp"

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

}  // namespace ferry::cli
