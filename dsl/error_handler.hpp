// What the grammar reports when an expectation fails: the rule names are
// already words a user reads ("a value"); literals get a word of context.
// The annotation base stores each node's byte span, as X3's position tagging.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>

#include "dsl/ast.hpp"
#include "dsl/config.hpp"

namespace ferry::dsl::grammar {

// `which` is x3::expectation_failure::which(): a rule name or a literal.
// The name of the rule after a backslash in a string: the message says
// which escapes exist.
inline constexpr const char* kEscapeExpected = "\\\" or \\\\ after '\\' (the only escapes in a string)";

inline std::string expected_message(std::string_view which) {
  if (which == "')'") return "expected ')' to close the parenthesis";
  if (which == "']'") return "expected ']' or ',' in the list";
  if (which == kEscapeExpected) return "unknown escape in a string: the only escapes are \\\" and \\\\";
  if (which == "'\"'") return "unterminated string: expected '\"' before the end of the line";
  return "expected " + std::string(which);
}

struct annotate_span {
  template <typename T, typename Iterator, typename Context>
  void on_success(Iterator const& first, Iterator const& last, T& node, Context const& context) const {
    if constexpr (std::is_base_of_v<ast::Located, T>) {
      const char* base = x3::get<origin_tag>(context).get().begin;
      node.span = {static_cast<std::uint32_t>(first - base), static_cast<std::uint32_t>(last - base)};
    }
  }
};

}  // namespace ferry::dsl::grammar
