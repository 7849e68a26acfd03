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
  Literal key;
  Expression value;
};

struct Block;

// Written order of a block's members, for the formatter.
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
  std::vector<MemberRef> order;
  std::uint32_t close = 0;  // offset of '}'
  bool damaged = false;  // a syntax error inside: what is missing may just be unreadable
  Span header() const {
    return {kind.span.begin, parent ? parent->span.end : label ? label->span.end : kind.span.end};
  }
  // How messages name the block: `server "web-01"`, `runtime`.
  std::string title() const { return label ? kind.text + " \"" + label->text + "\"" : kind.text; }
};

struct File {
  std::vector<Block> blocks;
};

}  // namespace ferry::dsl::ast
