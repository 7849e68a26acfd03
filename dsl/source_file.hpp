// SourceFile: the text of one .ferry file and the map from byte offsets to
// line:column. Every diagnostic, from the parser to the plan checks, points
// into one of these.
//   SourceFile src = SourceFile::from_text("seed.ferry", text);
//   auto [line, col] = src.location(offset);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ferry::dsl {

struct Location {
  std::uint32_t line = 1;    // 1-based
  std::uint32_t column = 1;  // 1-based, in bytes as clang counts them
};

class SourceFile {
 public:
  static SourceFile from_text(std::string path, std::string text);
  // Reads a file; nullopt (with a reason in `error`) when it cannot be read.
  static std::optional<SourceFile> read(const std::string& path, std::string& error);
  // The bytes of a file, without the line index (for plan files).
  static std::optional<std::string> read_text(const std::string& path, std::string& error);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  // Offset of the first byte after an optional UTF-8 byte-order mark.
  std::uint32_t content_begin() const { return content_begin_; }

  Location location(std::uint32_t offset) const;
  std::string_view line_text(std::uint32_t line) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
  std::uint32_t content_begin_ = 0;
};

}  // namespace ferry::dsl
