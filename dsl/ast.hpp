// The syntax tree of a .ferry file: blocks holding `key = value` attributes
// and nested blocks; values are expressions over literals. The parser is
// generic, so nothing here knows a key; the compiler gives them meaning.
// Every node carries its byte span for diagnostics.
//   ast::File file = parse(source, diagnostics).file;
//   for (const ast::Block& b : file.blocks) ...
#pragma once

#include <boost/spirit/home/x3/support/ast/variant.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dsl/diagnostic.hpp"

namespace ferry::dsl::ast {

namespace x3 = boost::spirit::x3;

struct Located {
  Span span;
};

// Lexical tokens keep their source text; the compiler reads numbers, units
// and dates from it, and the formatter writes it back in canonical form.
enum class LiteralKind {
  number,       // 12, 0.5
  quantity,     // 12GB, 30 s, 149 EUR/month, 2%
  string,       // "night" (text holds the unescaped value)
  date,         // 2026-12-25
  date_range,   // 2026-12-24..2027-01-03 (inclusive)
  date_time,    // 2026-12-01 09:00
  time_of_day,  // 09:00
  weekly_rule,  // mon-fri 09:00-18:00
  name,         // identifiers, true/false, keywords in value position
};

struct Literal : Located {
  LiteralKind kind = LiteralKind::name;
  std::string text;
};

struct Nil {};
struct ListExpr;
struct CallExpr;
struct Parens;
struct Negation;
struct Expression;

struct Operand : x3::variant<Nil, Literal, x3::forward_ast<ListExpr>, x3::forward_ast<CallExpr>,
                             x3::forward_ast<Parens>, x3::forward_ast<Negation>, x3::forward_ast<Expression>> {
  using base_type::base_type;
  using base_type::operator=;
};

struct Operation : Located {
  char op = '+';  // + - * /
  Operand operand;
};

// `first op operand op operand ...` of one precedence level; a term of a
// lower level is an Expression operand.
struct Expression : Located {
  Operand first;
  std::vector<Operation> rest;
};

struct ListExpr : Located {
  char open = '[';  // keeps the Fusion sequence two long, which X3 handles best
  std::vector<Expression> items;
};

struct CallExpr : Located {
  Literal function;
  std::vector<Expression> args;
};

struct Parens : Located {
  char open = '(';
  Expression inner;
};

struct Negation : Located {
  char sign = '-';
  Operand operand;
};

struct Attribute : Located {
  // Not an aggregate: the parser makes each attribute in place, and a
  // value-initialised aggregate is zeroed whole (144 bytes) before its
  // members are made.
  Attribute() noexcept {}
  Literal key;
  Expression value;
};

struct Block;

// One member of a block, attribute or block, by its index in its vector.
struct MemberRef {
  bool is_block = false;
  std::uint32_t index = 0;
};

struct Block : Located {  // span: header start to closing brace
  Literal kind;
  std::optional<Literal> label;  // runtime has none
  std::optional<Literal> parent;  // `policy "rush" extends "standard"`: the string after `extends`
  std::vector<Attribute> attributes;
  std::vector<Block> blocks;
  std::uint32_t close = 0;  // offset of '}'
  bool damaged = false;  // a syntax error inside: what is missing may just be unreadable
  Span header() const {
    return {kind.span.begin, parent ? parent->span.end : label ? label->span.end : kind.span.end};
  }
  // How messages name the block: `server "web-01"`, `runtime`.
  std::string title() const { return label ? kind.text + " \"" + label->text + "\"" : kind.text; }
  // Its members in written order, for the formatter. Each vector keeps the
  // written order of its own members; where they interleave, their spans
  // say (kept rather than a list of the order: a node, and an allocation,
  // less per block of a 100,000-account fleet).
  std::vector<MemberRef> members_in_order() const;
};

inline std::vector<MemberRef> Block::members_in_order() const {
  std::vector<MemberRef> order;
  order.reserve(attributes.size() + blocks.size());
  std::uint32_t a = 0, b = 0;
  while (a < attributes.size() || b < blocks.size()) {
    bool block_first = a == attributes.size() || (b < blocks.size() && blocks[b].span.begin < attributes[a].span.begin);
    order.push_back(block_first ? MemberRef{true, b++} : MemberRef{false, a++});
  }
  return order;
}

struct File {
  std::vector<Block> blocks;
};

}  // namespace ferry::dsl::ast
