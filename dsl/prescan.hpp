// Prescan: one linear pass over the raw bytes before the grammar sees them.
// It rejects what the grammar must never be handed (invalid UTF-8, NUL
// bytes, nesting deeper than kMaxNesting, which would otherwise become deep
// recursion) and collects the comments the formatter keeps.
#pragma once

#include <cstdint>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/source_file.hpp"

namespace ferry::dsl {

inline constexpr int kMaxNesting = 256;

struct Comment {
  Span span;  // from '#' to the end of the line, newline excluded
};

struct PrescanResult {
  std::vector<Comment> comments;
  bool safe_to_parse = true;  // false: errors were reported, do not parse
};

PrescanResult prescan(const SourceFile& file, Diagnostics& diagnostics);

}  // namespace ferry::dsl
