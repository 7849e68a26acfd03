// Duration: a duration expression compiled to a small stack program over
// the subject's attributes (databases, files, mail, size, accounts), ready
// to be evaluated once per action and run: exactly at the distributions'
// means for the deterministic run, or sampled for Monte Carlo.
//   Duration downtime = ...;                 // from the compiler
//   Seconds s = downtime.mean_seconds(vars); // rounded half-up
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "plan/exact.hpp"
#include "plan/time.hpp"

namespace ferry::plan {

enum class Variable : std::uint8_t { databases, files, mail, size, accounts };
inline constexpr std::size_t kVariableCount = 5;
const char* variable_name(Variable variable);

// Values of the variables for one subject, in bytes (accounts: a count).
using Variables = std::array<Exact, kVariableCount>;

enum class OpCode : std::uint8_t {
  constant, variable, add, subtract, multiply, divide, negate, min, max,
  uniform, triangular, normal, lognormal,
};

struct Instruction {
  OpCode op;
  std::uint32_t operand = 0;  // constant index or Variable
};

// Why a distribution cannot be drawn from its arguments (in written order,
// evaluated at their means): which argument is wrong, and the rule it breaks
// (uniform lo <= hi, triangular lo <= mode <= hi, normal sd >= 0,
// lognormal 0 < median <= p90).
struct ArgumentProblem {
  std::size_t argument;
  std::string rule;
};
[[nodiscard]] std::optional<ArgumentProblem> distribution_problem(OpCode op, const std::array<Exact, 3>& arguments);

// Why a program cannot be evaluated for one subject: a division by zero or
// a distribution's arguments; `instruction` indexes code().
struct EvaluationProblem {
  std::size_t instruction;
  std::string what;
};

class Duration {
 public:
  Duration() = default;
  static Duration constant(Exact seconds);

  // Builders, in postfix order.
  void push_constant(Exact value);
  void push_variable(Variable variable);
  void push(OpCode op);
  void push_back_instruction(Instruction instruction) { code_.push_back(instruction); }

  // Distributions at their means (lognormal: median * exp(sigma^2 / 2)).
  Exact mean(const Variables& variables) const;
  Seconds mean_seconds(const Variables& variables) const;
  double sample(const Variables& variables, std::mt19937_64& rng) const;
  [[nodiscard]] std::optional<EvaluationProblem> problem(const Variables& variables) const;
  bool uses(Variable variable) const;
  bool is_random() const;

  // The canonical source text, for the plan file and reports.
  std::string text;
  const std::vector<Instruction>& code() const { return code_; }
  const std::vector<Exact>& constants() const { return constants_; }

 private:
  std::vector<Instruction> code_;
  std::vector<Exact> constants_;
};

}  // namespace ferry::plan
