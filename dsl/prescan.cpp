// Strings and comments are tracked so that brackets inside them do not count
// towards nesting. A string never spans lines, so a newline ends one.
#include "dsl/prescan.hpp"

#include <cstdio>
#include <string>

namespace ferry::dsl {

namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 if it is invalid.
std::size_t utf8_length(const std::string& text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  std::size_t n;
  std::uint32_t min;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) { n = 2; min = 0x80; }
  else if ((c & 0xF0) == 0xE0) { n = 3; min = 0x800; }
  else if ((c & 0xF8) == 0xF0) { n = 4; min = 0x10000; }
  else return 0;
  if (i + n > text.size()) return 0;
  std::uint32_t code = c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return n;
}

// Bytes the scan has nothing to do with, outside and inside a string: it
// steps over runs of them in a tight loop (a 10 MB fleet is mostly these).
struct Plain {
  bool outside[256] = {};
  bool inside[256] = {};
  constexpr Plain() {
    for (int c = 1; c < 0x80; ++c) {
      outside[c] = c != '#' && c != '"' && c != '{' && c != '[' && c != '(' && c != '}' && c != ']' && c != ')';
      inside[c] = c != '\\' && c != '"' && c != '\n';
    }
  }
};
constexpr Plain kPlain;

}  // namespace

PrescanResult prescan(const SourceFile& file, Diagnostics& diagnostics) {
  PrescanResult result;
  const std::string& text = file.text();
  int depth = 0;
  bool in_string = false;
  std::uint32_t bad_line = 0;  // one encoding error per line is enough
  // Returns how many bytes the character at i takes, reporting it if it is
  // not valid UTF-8 (then 1, to move on).
  auto character = [&](std::size_t i) -> std::size_t {
    char c = text[i];
    if (c != '\0' && static_cast<unsigned char>(c) < 0x80) return 1;
    std::size_t n = c == '\0' ? 0 : utf8_length(text, i);
    if (n > 0) return n;
    auto at = static_cast<std::uint32_t>(i);
    std::uint32_t line = file.location(at).line;
    if (line != bad_line) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(c));
      diagnostics.error(file, {at, at + 1},
                        c == '\0' ? std::string("NUL byte in the source; ferry files are UTF-8 text")
                                  : std::string("invalid UTF-8 byte ") + hex + "; ferry files are UTF-8 text");
      bad_line = line;
    }
    result.safe_to_parse = false;
    return 1;
  };
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = file.content_begin(); i < text.size() && !diagnostics.full();) {
    const bool* plain = in_string ? kPlain.inside : kPlain.outside;
    while (i < text.size() && plain[bytes[i]]) ++i;
    if (i == text.size()) break;
    char c = text[i];
    auto at = static_cast<std::uint32_t>(i);
    if (c == '\0' || static_cast<unsigned char>(c) >= 0x80) {
      i += character(i);
      continue;
    }
    if (in_string) {
      if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') ++i;
      else if (c == '"' || c == '\n') in_string = false;
      ++i;
      continue;
    }
    switch (c) {
      case '#': {
        std::size_t end = text.find('\n', i);
        if (end == std::string::npos) end = text.size();
        std::size_t shown = end > i && text[end - 1] == '\r' ? end - 1 : end;
        result.comments.push_back({{at, static_cast<std::uint32_t>(shown)}});
        for (std::size_t k = i; k < end;) k += character(k);
        i = end;
        continue;
      }
      case '"': in_string = true; break;
      case '{': case '[': case '(':
        if (++depth > kMaxNesting && result.safe_to_parse) {
          diagnostics.error(file, {at, at + 1},
                            "nesting deeper than " + std::to_string(kMaxNesting) +
                                " levels (blocks, lists or parentheses); ferry refuses to read further");
          result.safe_to_parse = false;
        }
        break;
      case '}': case ']': case ')':
        if (depth > 0) --depth;
        break;
      default: break;
    }
    ++i;
  }
  return result;
}

}  // namespace ferry::dsl
