// CommandTemplate: a runtime block's command (`migrate = "scripts/migrate
// {server} {account} {transit}"`) split into words once, then filled per
// action. The apply loop fills it and hands the argv to the ProcessRunner;
// no shell ever reads it, so a name can never inject a command.
//   StatusOr<CommandTemplate> t = CommandTemplate::parse(text);
//   if (t.ok()) runner.start({t->fill(attributes), attributes, log});
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "plan/status.hpp"

namespace ferry::runtime {

// What a command may know of the action it carries out; also its FERRY_*
// environment. `action` is the readable id, e.g. "web-01/migrate/shop".
struct ActionAttributes {
  std::string server, account, transit, action, attempt;
};

class CommandTemplate {
 public:
  // Splits on ASCII whitespace. Quotes ("..." or '...', alike) keep spaces
  // inside a word and may be part of one (--name="a b"); there are no
  // escapes and no other syntax. Placeholders, also inside quotes and
  // inside words: {server} {account} {transit} {action} {attempt}; braces
  // serve nothing else. Refused (Status::refused, the message names the
  // column): an empty template, an unknown placeholder, a lone brace, an
  // unterminated quote, a NUL character.
  static StatusOr<CommandTemplate> parse(std::string_view text);

  // The argv: the same words for every action, each placeholder replaced by
  // the attribute's text as it is (it never splits a word nor adds one).
  std::vector<std::string> fill(const ActionAttributes& attributes) const;

  // The template as written.
  const std::string& text() const { return text_; }

 private:
  enum class Field { server, account, transit, action, attempt };
  // A word is a sequence of literal text and placeholders.
  struct Piece {
    bool is_field = false;
    Field field = Field::server;
    std::string literal;
  };
  using Word = std::vector<Piece>;

  CommandTemplate() = default;
  std::string text_;
  std::vector<Word> words_;
};

}  // namespace ferry::runtime
