// Constant sub-expressions are folded only to find a division by zero; the
// program keeps the written structure so that its text and its value agree.
#include "compiler/expression_compiler.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "compiler/suggest.hpp"
#include "compiler/units.hpp"

namespace ferry::compiler {

namespace ast = dsl::ast;
using plan::Duration;
using plan::Exact;
using plan::OpCode;

namespace {

struct Function {
  const char* name;
  OpCode op;
  std::size_t arity;
};

constexpr Function kFunctions[] = {
    {"min", OpCode::min, 2},           {"max", OpCode::max, 2},       {"uniform", OpCode::uniform, 2},
    {"triangular", OpCode::triangular, 3}, {"normal", OpCode::normal, 2}, {"lognormal", OpCode::lognormal, 2},
};

const char* literal_word(ast::LiteralKind kind) {
  switch (kind) {
    case ast::LiteralKind::string: return "a string";
    case ast::LiteralKind::date: return "a date";
    case ast::LiteralKind::date_range: return "a date range";
    case ast::LiteralKind::date_time: return "a date-time";
    case ast::LiteralKind::time_of_day: return "a time of day";
    case ast::LiteralKind::weekly_rule: return "a weekly rule";
    default: return "this";
  }
}

struct SpanVisitor {
  dsl::Span operator()(const ast::Nil&) const { return {}; }
  dsl::Span operator()(const ast::Literal& l) const { return l.span; }
  dsl::Span operator()(const ast::ListExpr& l) const { return l.span; }
  dsl::Span operator()(const ast::CallExpr& c) const { return c.span; }
  dsl::Span operator()(const ast::Parens& p) const { return p.span; }
  dsl::Span operator()(const ast::Negation& n) const { return n.span; }
  dsl::Span operator()(const ast::Expression& e) const { return e.span; }
};

}  // namespace

dsl::Span span_of(const ast::Operand& operand) { return boost::apply_visitor(SpanVisitor{}, operand); }

bool CompiledValue::is_constant() const {
  return std::none_of(program.code().begin(), program.code().end(),
                      [](const plan::Instruction& i) { return i.op == OpCode::variable || i.op >= OpCode::uniform; });
}

void ExpressionCompiler::error(dsl::Span span, std::string message) { diagnostics_.error(source_, span, std::move(message)); }

std::optional<CompiledValue> ExpressionCompiler::compile(const ast::Expression& e, Scope scope) {
  CompiledValue value;
  auto dimension = expression(e, scope, value.program);
  if (!dimension) return std::nullopt;
  value.dimension = *dimension;
  return value;
}

std::optional<Dimension> ExpressionCompiler::expression(const ast::Expression& e, Scope scope, Duration& out) {
  auto left = operand(e.first, scope, out);
  bool ok = left.has_value();
  for (const ast::Operation& operation : e.rest) {
    Duration right_program;
    auto right = operand(operation.operand, scope, right_program);
    if (!right || !ok) {
      ok = false;
      continue;
    }
    for (const auto& i : right_program.code())
      if (i.op == OpCode::constant) out.push_constant(right_program.constants()[i.operand]);
      else out.push_back_instruction(i);
    switch (operation.op) {
      case '+':
      case '-':
        if (!(*left == *right)) {
          error(span_of(operation.operand), std::string("cannot ") + (operation.op == '+' ? "add " : "subtract ") +
                                                describe(*right) + (operation.op == '+' ? " to " : " from ") +
                                                describe(*left));
          ok = false;
          continue;
        }
        out.push(operation.op == '+' ? OpCode::add : OpCode::subtract);
        break;
      case '*':
        left = *left * *right;
        out.push(OpCode::multiply);
        break;
      case '/': {
        CompiledValue divisor{right_program, *right};
        if (divisor.is_constant() && divisor.program.mean({}).is_zero()) {
          error(span_of(operation.operand), "division by zero");
          ok = false;
          continue;
        }
        left = *left / *right;
        out.push(OpCode::divide);
        break;
      }
    }
  }
  if (!ok) return std::nullopt;
  return left;
}

std::optional<Dimension> ExpressionCompiler::operand(const ast::Operand& o, Scope scope, Duration& out) {
  if (auto* l = boost::get<ast::Literal>(&o)) return literal(*l, scope, out);
  if (auto* e = boost::get<boost::spirit::x3::forward_ast<ast::Expression>>(&o)) return expression(e->get(), scope, out);
  if (auto* p = boost::get<boost::spirit::x3::forward_ast<ast::Parens>>(&o)) return expression(p->get().inner, scope, out);
  if (auto* n = boost::get<boost::spirit::x3::forward_ast<ast::Negation>>(&o)) {
    auto d = operand(n->get().operand, scope, out);
    if (d) out.push(OpCode::negate);
    return d;
  }
  if (auto* c = boost::get<boost::spirit::x3::forward_ast<ast::CallExpr>>(&o)) return call(c->get(), scope, out);
  if (auto* l = boost::get<boost::spirit::x3::forward_ast<ast::ListExpr>>(&o)) {
    error(l->get().span, "a list cannot be used in an expression");
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Dimension> ExpressionCompiler::literal(const ast::Literal& l, Scope scope, Duration& out) {
  switch (l.kind) {
    case ast::LiteralKind::number:
    case ast::LiteralKind::quantity: {
      auto value = l.kind == ast::LiteralKind::number ? number_value(l.text) : quantity_value(l.text, currency_);
      if (value) {
        out.push_constant(value->scale);
        return value->dimension;
      }
      if (l.kind == ast::LiteralKind::number) {
        error(l.span, "malformed number '" + l.text + "'");
        return std::nullopt;
      }
      unknown_unit(l);
      return std::nullopt;
    }
    case ast::LiteralKind::name: {
      static const std::vector<std::string> account_names = {"databases", "files", "mail", "size"};
      static const std::vector<std::string> server_names = {"databases", "files", "mail", "size", "accounts"};
      const auto& known = scope == Scope::server ? server_names : account_names;
      if (l.text == "accounts" && scope == Scope::account) {
        error(l.span, "'accounts' is a server-only name; it cannot be used in a per-account value");
        return std::nullopt;
      }
      auto found = std::find(server_names.begin(), server_names.end(), l.text);
      if (found == server_names.end() || scope == Scope::constant) {
        if (scope == Scope::constant)
          error(l.span, found == server_names.end() ? "'" + l.text + "' is not a value here; expected a number or a quantity"
                                                   : "'" + l.text + "' cannot be used here; this setting takes a constant");
        else
          error(l.span, "unknown name '" + l.text + "'" + did_you_mean(l.text, known) +
                            (did_you_mean(l.text, known).empty() ? "; names here are " + std::string(scope == Scope::server ? "databases, files, mail, size, accounts" : "databases, files, mail, size") : ""));
        return std::nullopt;
      }
      out.push_variable(static_cast<plan::Variable>(found - server_names.begin()));
      return l.text == "accounts" ? Dimension::none() : Dimension::size();
    }
    default:
      error(l.span, std::string(literal_word(l.kind)) + " cannot be used in an expression");
      return std::nullopt;
  }
}

// Names the part of a compound unit that is unknown (`mois` in
// `EUR/mois`, not the whole unit), with the caret under that part.
void ExpressionCompiler::unknown_unit(const ast::Literal& l) {
  std::string unit(split_quantity(l.text).unit);
  std::size_t slash = unit.find('/');
  std::vector<std::string> parts = {unit.substr(0, slash)};
  if (slash != std::string::npos) parts.push_back(unit.substr(slash + 1));
  for (const std::string& part : parts) {
    if (find_unit(part, currency_)) continue;
    // The part as written sits at the end of the token's text, or before '/'.
    std::size_t at = l.text.rfind(part);
    if (slash != std::string::npos && part == parts[0]) at = l.text.rfind(part, l.text.find('/'));
    dsl::Span span = at == std::string::npos ? l.span
                                             : dsl::Span{l.span.begin + static_cast<std::uint32_t>(at),
                                                         l.span.begin + static_cast<std::uint32_t>(at + part.size())};
    bool currency_like = part.size() == 3 && std::all_of(part.begin(), part.end(), ::isupper);
    if (currency_like) {
      error(span, "unknown currency '" + part + "'; the fleet's currency is " + currency_);
    } else {
      std::string meant = suggest_unit(part, currency_);
      error(span, "unknown unit '" + part + "'" + (meant.empty() ? "" : "; did you mean '" + meant + "'?"));
    }
    return;
  }
  error(l.span, "unknown unit '" + unit + "'");
}

std::optional<Dimension> ExpressionCompiler::call(const ast::CallExpr& c, Scope scope, Duration& out) {
  const Function* function = nullptr;
  for (const Function& f : kFunctions)
    if (c.function.text == f.name) function = &f;
  if (!function) {
    std::vector<std::string> names;
    for (const Function& f : kFunctions) names.emplace_back(f.name);
    error(c.function.span, "unknown function '" + c.function.text + "'" + did_you_mean(c.function.text, names));
    return std::nullopt;
  }
  if (c.args.size() != function->arity) {
    error(c.span, std::string(function->name) + "() takes " + std::to_string(function->arity) + " arguments, not " +
                      std::to_string(c.args.size()));
    return std::nullopt;
  }
  std::optional<Dimension> first;
  bool ok = true;
  std::vector<Duration> arguments(c.args.size());
  for (std::size_t k = 0; k < c.args.size(); ++k) {
    const ast::Expression& arg = c.args[k];
    auto d = expression(arg, scope, arguments[k]);
    if (!d) {
      ok = false;
      continue;
    }
    if (!first) first = d;
    else if (!(*first == *d)) {
      error(arg.span, std::string("the arguments of ") + function->name + "() must have one dimension: this is " +
                          describe(*d) + ", the first is " + describe(*first));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  // Constant arguments are checked here, pointing at the wrong one; the
  // others per subject, once the accounts are known.
  std::array<Exact, 3> values;
  bool constant = true;
  for (std::size_t k = 0; k < arguments.size(); ++k) {
    constant = constant && CompiledValue{arguments[k], *first}.is_constant();
    if (constant) values[k] = arguments[k].mean({});
  }
  if (constant)
    if (auto bad = plan::distribution_problem(function->op, values)) {
      static const std::map<std::string, std::vector<const char*>> kArgumentNames = {
          {"uniform", {"lo", "hi"}}, {"triangular", {"lo", "mode", "hi"}}, {"normal", {"mean", "sd"}},
          {"lognormal", {"median", "p90"}}};
      const char* name = kArgumentNames.at(function->name)[bad->argument];
      error(c.args[bad->argument].span, std::string("invalid ") + name + " of " + function->name + "(): " + bad->rule);
      return std::nullopt;
    }
  for (const Duration& argument : arguments)
    for (const auto& i : argument.code())
      if (i.op == OpCode::constant) out.push_constant(argument.constants()[i.operand]);
      else out.push_back_instruction(i);
  out.push(function->op);
  return first;
}

}  // namespace ferry::compiler
