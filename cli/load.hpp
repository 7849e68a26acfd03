// Loading a .ferry file for a command: read, parse, compile, and print the
// diagnostics to stderr (text or JSON). Keeps the SourceFile alive for as
// long as its diagnostics may be printed.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/parser.hpp"
#include "plan/fleet.hpp"
#include "plan/plan.hpp"

namespace ferry::cli {

struct Loaded {
  std::unique_ptr<dsl::SourceFile> source;
  dsl::ParsedFile parsed;
  std::optional<plan::Fleet> fleet;  // set when the file has no error
  dsl::Diagnostics diagnostics;
  bool readable = true;
  // With --set: the option texts diagnostics may point at, and the edited
  // text that `parsed` and `fleet` come from.
  std::vector<std::unique_ptr<dsl::SourceFile>> option_sources;
  std::unique_ptr<dsl::SourceFile> edited;
};

// Reads and parses only (fmt).
Loaded parse_file(const std::string& path);
// Reads, parses and compiles (check, plan, simulate, graph).
Loaded load_file(const std::string& path);
// How many errors and warnings were printed, for the summary line.
struct Tally {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  Tally& operator+=(const Tally& other) {
    errors += other.errors;
    warnings += other.warnings;
    return *this;
  }
};
// Prints the diagnostics clang-style on stderr (coloured on a terminal).
Tally print_diagnostics(const Loaded& loaded);
// "ferry: 3 errors, 1 warning" on stderr; nothing when both are zero.
void print_summary(const Tally& tally);

// What a file is, decided by its content alone, the same way in every
// command: a plan file starts with '{"' (after an optional byte-order mark
// and whitespace); anything else is read as a .ferry file.
enum class InputKind { ferry, plan };
InputKind input_kind(std::string_view text);

// A plan file read back through compiler::read_plan_file; its error printed
// (as "PATH: error: ...") and nullopt when it is refused.
std::optional<plan::Plan> read_plan(const std::string& path, const std::string& text);

// A .ferry file compiled and lowered, or a plan file read back (see
// input_kind). Errors are printed; nullopt then. With
// `Lowering::skip` a .ferry file is only compiled: the plan has its fleet
// and source but no action graph (the simulator needs no more).
// `settings` are --set options (only for a .ferry file).
enum class Lowering { full, skip };
std::optional<plan::Plan> load_plan(const std::string& path, Lowering lowering = Lowering::full,
                                    const std::vector<std::string>& settings = {});

}  // namespace ferry::cli
