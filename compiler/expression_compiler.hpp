// ExpressionCompiler: turns a value's syntax into a plan::Duration program
// and its Dimension, reporting what is wrong where it is written: unknown
// units, names and functions (with suggestions), mismatched dimensions,
// division by a constant zero, a server-only name in a per-account value.
//   ExpressionCompiler compiler(source, diagnostics, "EUR");
//   auto value = compiler.compile(attribute.value, Scope::account);
#pragma once

#include <optional>
#include <string>

#include "compiler/dimension.hpp"
#include "dsl/ast.hpp"
#include "dsl/diagnostic.hpp"
#include "plan/duration.hpp"

namespace ferry::compiler {

enum class Scope {
  constant,  // no names at all
  account,   // databases, files, mail, size
  server,    // the same as sums, and accounts
};

struct CompiledValue {
  plan::Duration program;
  Dimension dimension;
  bool is_constant() const;  // no names, no distributions
};

class ExpressionCompiler {
 public:
  ExpressionCompiler(const dsl::SourceFile& source, dsl::Diagnostics& diagnostics, std::string currency)
      : source_(source), diagnostics_(diagnostics), currency_(std::move(currency)) {}

  // nullopt after reporting an error.
  std::optional<CompiledValue> compile(const dsl::ast::Expression& expression, Scope scope);

 private:
  std::optional<Dimension> expression(const dsl::ast::Expression& e, Scope scope, plan::Duration& out);
  std::optional<Dimension> operand(const dsl::ast::Operand& o, Scope scope, plan::Duration& out);
  std::optional<Dimension> literal(const dsl::ast::Literal& l, Scope scope, plan::Duration& out);
  std::optional<Dimension> call(const dsl::ast::CallExpr& c, Scope scope, plan::Duration& out);
  void unknown_unit(const dsl::ast::Literal& l);
  void error(dsl::Span span, std::string message);

  const dsl::SourceFile& source_;
  dsl::Diagnostics& diagnostics_;
  std::string currency_;
};

// Span of any operand, for diagnostics.
dsl::Span span_of(const dsl::ast::Operand& operand);

}  // namespace ferry::compiler
