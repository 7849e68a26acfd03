// Values: expressions with + - * / (usual precedence), unary minus,
// parentheses, function calls and lists over the tokens of literal_def.hpp.
// Included only by expression.cpp.
#pragma once

#include "dsl/ast.hpp"
#include "dsl/ast_adapted.hpp"
#include "dsl/error_handler.hpp"
#include "dsl/grammar.hpp"

namespace ferry::dsl::grammar {

using x3::char_;
using x3::lit;

// Rules with semantic actions get no on_success call with their attribute,
// so the actions record the span themselves.
template <typename Context>
Span where_span(Context& ctx) {
  const char* base = x3::get<origin_tag>(ctx).get().begin;
  auto where = x3::_where(ctx);
  return {static_cast<std::uint32_t>(where.begin() - base), static_cast<std::uint32_t>(where.end() - base)};
}

struct move_into_parens {
  template <typename Context>
  void operator()(Context& ctx) const {
    x3::_val(ctx).inner = std::move(x3::_attr(ctx));
    x3::_val(ctx).span = where_span(ctx);
  }
};

struct move_into_list {
  template <typename Context>
  void operator()(Context& ctx) const {
    if (auto& items = x3::_attr(ctx)) x3::_val(ctx).items = std::move(*items);
    x3::_val(ctx).span = where_span(ctx);
  }
};

struct expression_class : annotate_span {};
struct additive_class : annotate_span {};
struct multiplicative_class : annotate_span {};
struct operand_class : annotate_span {};
struct primary_class : annotate_span {};
struct negation_class : annotate_span {};
struct parens_class : annotate_span {};
struct list_class : annotate_span {};
struct call_class : annotate_span {};
struct arguments_class;

expression_type const expression_rule = "a value";
x3::rule<additive_class, ast::Expression> const additive = "a value";
x3::rule<multiplicative_class, ast::Expression> const multiplicative = "a value";
x3::rule<operand_class, ast::Operand> const unary = "a value";
x3::rule<primary_class, ast::Operand> const primary = "a value";
x3::rule<negation_class, ast::Negation> const negation = "a value";
x3::rule<parens_class, ast::Parens> const parens = "a value";
x3::rule<list_class, ast::ListExpr> const list = "a list";
x3::rule<call_class, ast::CallExpr> const call = "a function call";
x3::rule<arguments_class, std::vector<ast::Expression>> const arguments = "arguments";

auto const expression_rule_def = additive;
auto const additive_def = multiplicative >> *(char_("+-") > multiplicative);
auto const multiplicative_def = unary >> *(char_("*/") > unary);
auto const unary_def = negation | primary;
// One sign only: `- - - x` is refused instead of recursing once per sign.
auto const negation_def = char_('-') > primary;
auto const primary_def = list | call | parens | literal();
auto const parens_def = (lit('(') > expression_rule > ')')[move_into_parens{}];
auto const list_def = (lit('[') > (-(expression_rule % ',') >> -lit(',')) > ']')[move_into_list{}];
auto const arguments_def = lit('(') > (expression_rule % ',') > ')';
auto const call_def = name() >> &lit('(') >> arguments;

BOOST_SPIRIT_DEFINE(expression_rule, additive, multiplicative, unary, primary, negation, parens, list, arguments, call)

expression_type const& expression() { return expression_rule; }

}  // namespace ferry::dsl::grammar
