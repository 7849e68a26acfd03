// CommandTemplate: one pass over the text, a word at a time. Quotes only
// group; braces only mark placeholders. Columns count characters (UTF-8
// code points) from 1, as the diagnostics of .ferry files do.
#include "runtime/command_template.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace ferry::runtime {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

// The 1-based column of byte `offset`: continuation bytes of UTF-8 do not count.
std::size_t column_of(std::string_view text, std::size_t offset) {
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  return column;
}

constexpr std::string_view known_placeholders = "{server} {account} {transit} {action} {attempt}";

}  // namespace

StatusOr<CommandTemplate> CommandTemplate::parse(std::string_view text) {
  auto refuse = [&](std::size_t offset, const std::string& what) -> Status {
    return Status::refused("command template \"" + std::string(text) + "\": column " +
                           std::to_string(column_of(text, offset)) + ": " + what);
  };
  static constexpr std::array<std::pair<std::string_view, Field>, 5> fields = {{{"server", Field::server},
                                                                                {"account", Field::account},
                                                                                {"transit", Field::transit},
                                                                                {"action", Field::action},
                                                                                {"attempt", Field::attempt}}};
  CommandTemplate result;
  result.text_ = std::string(text);
  std::size_t i = 0;
  while (true) {
    while (i < text.size() && is_space(text[i])) ++i;
    if (i == text.size()) break;
    Word word;
    auto literal = [&word]() -> std::string& {
      if (word.empty() || word.back().is_field) word.push_back(Piece{});
      return word.back().literal;
    };
    // Opened quote's character and offset, while inside one.
    char quote = 0;
    std::size_t quote_at = 0;
    for (; i < text.size() && (quote != 0 || !is_space(text[i])); ++i) {
      const char c = text[i];
      if (c == '\0') return refuse(i, "a NUL character cannot be part of a command");
      if (quote != 0 && c == quote) {
        quote = 0;
      } else if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
        quote_at = i;
      } else if (c == '{') {
        const std::size_t close = text.find_first_of("}{", i + 1);
        if (close == std::string_view::npos || text[close] == '{')
          return refuse(i, "'{' without its '}' (braces mark placeholders: " + std::string(known_placeholders) + ")");
        const std::string_view name = text.substr(i + 1, close - i - 1);
        const auto* found = std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.first == name; });
        if (found == fields.end())
          return refuse(i, "unknown placeholder {" + std::string(name) + "} (known: " + std::string(known_placeholders) +
                               ")");
        word.push_back(Piece{true, found->second, {}});
        i = close;
      } else if (c == '}') {
        return refuse(i, "'}' without its '{' (braces mark placeholders: " + std::string(known_placeholders) + ")");
      } else {
        literal() += c;
      }
    }
    if (quote != 0)
      return refuse(quote_at, std::string("unterminated quote ") + quote + " (quotes have no escapes: use the other quote)");
    result.words_.push_back(std::move(word));
  }
  if (result.words_.empty()) return Status::refused("command template \"" + std::string(text) + "\": empty, no program to run");
  return result;
}

std::vector<std::string> CommandTemplate::fill(const ActionAttributes& attributes) const {
  std::vector<std::string> argv;
  argv.reserve(words_.size());
  for (const Word& word : words_) {
    std::string& arg = argv.emplace_back();
    for (const Piece& piece : word) {
      if (!piece.is_field) {
        arg += piece.literal;
        continue;
      }
      switch (piece.field) {
        case Field::server: arg += attributes.server; break;
        case Field::account: arg += attributes.account; break;
        case Field::transit: arg += attributes.transit; break;
        case Field::action: arg += attributes.action; break;
        case Field::attempt: arg += attributes.attempt; break;
      }
    }
  }
  return argv;
}

}  // namespace ferry::runtime
