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
auto const parens_def = char_('(') > expression_rule > ')';
auto const list_def = char_('[') > -(expression_rule % ',') > -lit(',') > ']';
auto const arguments_def = lit('(') > (expression_rule % ',') > ')';
auto const call_def = name() >> &lit('(') >> arguments;

BOOST_SPIRIT_DEFINE(expression_rule, additive, multiplicative, unary, primary, negation, parens, list, arguments, call)

expression_type const& expression() { return expression_rule; }

}  // namespace ferry::dsl::grammar
