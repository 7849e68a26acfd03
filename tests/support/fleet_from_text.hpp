// Test helpers: compile .ferry text held in a string, and read a file of
// the repository, so that tests state their scenario next to their checks.
//   plan::Fleet fleet = fleet_from_text(R"(fleet "f" { start = 2026-12-01 09:00 } ...)");
#pragma once

#include <optional>
#include <string>

#include "dsl/diagnostic.hpp"
#include "plan/fleet.hpp"

namespace ferry::testing {

struct Checked {
  std::optional<plan::Fleet> fleet;
  std::string diagnostics;  // rendered, clang-style
  std::size_t errors = 0;
};

// Parses and compiles; the file is named `name` in the diagnostics.
Checked check_text(const std::string& text, const std::string& name = "test.ferry");
// As check_text, but fails the test (with the diagnostics) on any error.
plan::Fleet fleet_from_text(const std::string& text);
std::string read_repository_file(const std::string& relative_path);

}  // namespace ferry::testing
