// Diagnostic: one error, warning or note about a span of a SourceFile, and
// Diagnostics, the list every stage appends to so that all errors of a file
// are reported in one run. Rendered like clang:
//   seed.ferry:12:5: error: unknown key 'dwontime' in policy; did you mean 'downtime'?
//       dwontime = 30s
//       ^~~~~~~~
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dsl/source_file.hpp"

namespace ferry::dsl {

enum class Severity { error, warning, note };

struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;  // one past the last byte; end == begin marks a point
};

struct Note {
  const SourceFile* file = nullptr;  // null: a note without a place
  Span span;
  std::string message;
};

struct Diagnostic {
  Severity severity = Severity::error;
  const SourceFile* file = nullptr;  // null: about no file (usage, I/O)
  Span span;
  std::string message;
  std::vector<Note> notes;
};

class Diagnostics {
 public:
  // Past this many errors a file is not worth reading further; the last
  // diagnostic then says so. Warnings past kMaxWarnings are counted, not
  // shown, and a message longer than kMaxMessage (a hostile name quoted in
  // it) is cut.
  static constexpr std::size_t kMaxErrors = 200;
  static constexpr std::size_t kMaxWarnings = 200;
  static constexpr std::size_t kMaxMessage = 400;

  Diagnostic& error(const SourceFile& file, Span span, std::string message);
  Diagnostic& warning(const SourceFile& file, Span span, std::string message);
  // The returned reference is valid until the next diagnostic is added.
  Diagnostic& push(Diagnostic diagnostic);

  bool has_errors() const { return error_count_ > 0; }
  bool full() const { return error_count_ > kMaxErrors; }
  std::size_t error_count() const { return error_count_; }
  const std::vector<Diagnostic>& all() const { return list_; }
  // The messages, moved out (a worker's, handed on to the diagnostics that
  // count them for the file).
  std::vector<Diagnostic> take() && { return std::move(list_); }
  // Sorted by file then position, the order a reader walks the file in.
  void sort();

 private:
  std::vector<Diagnostic> list_;
  std::size_t error_count_ = 0;
  std::size_t warning_count_ = 0;
  Diagnostic discarded_;  // what is added past the limit goes here, unseen
};

// clang-style text: "file:line:col: error: message", the line, a caret with
// a ~~~ range, then the notes the same way.
std::string render(const Diagnostic& diagnostic);
std::string render_all(const Diagnostics& diagnostics);
// JSON array of {file, line, col, severity, message, notes}.
std::string render_json(const Diagnostics& diagnostics);

}  // namespace ferry::dsl
