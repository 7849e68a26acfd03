#include "tests/support/fleet_from_text.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "compiler/fleet_compiler.hpp"
#include "dsl/parser.hpp"

namespace ferry::testing {

Checked check_text(const std::string& text, const std::string& name) {
  Checked checked;
  dsl::SourceFile source = dsl::SourceFile::from_text(name, text);
  dsl::Diagnostics diagnostics;
  dsl::ParsedFile parsed = dsl::parse(source, diagnostics);
  if (!parsed.refused) checked.fleet = compiler::compile(source, parsed, diagnostics);
  if (diagnostics.has_errors()) checked.fleet.reset();
  diagnostics.sort();
  checked.diagnostics = dsl::render_all(diagnostics);
  checked.errors = diagnostics.error_count();
  return checked;
}

plan::Fleet fleet_from_text(const std::string& text) {
  Checked checked = check_text(text);
  INFO(checked.diagnostics);
  REQUIRE(checked.fleet.has_value());
  return std::move(*checked.fleet);
}

std::string read_repository_file(const std::string& relative_path) {
  std::ifstream in(std::string(FERRY_SOURCE_DIR) + "/" + relative_path, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace ferry::testing
