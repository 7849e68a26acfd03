#include "plan/duration.hpp"

#include <algorithm>
#include <array>
#include <boost/container/small_vector.hpp>
#include <cmath>
#include <functional>

namespace ferry::plan {

namespace {

constexpr double kZ90 = 1.2816;  // standard normal quantile at 0.9, as DESIGN §2.2 fixes it

// An evaluation stack: a duration is evaluated for every subject of a
// fleet (and per run), and its programs are short, so the stack lives on
// the machine stack and no evaluation allocates.
template <typename T>
using Stack = boost::container::small_vector<T, 16>;

template <typename T>
T pop(Stack<T>& stack) {
  T value = stack.back();
  stack.pop_back();
  return value;
}

// A distribution's mean from its arguments (written order); normal: its
// mean parameter, the truncation at 0 ignored (DESIGN §4.2); lognormal:
// median * exp(sigma^2 / 2).
Exact distribution_mean(OpCode op, const std::array<Exact, 3>& x) {
  switch (op) {
    case OpCode::uniform: return (x[0] + x[1]) / Exact(2);
    case OpCode::triangular: return (x[0] + x[1] + x[2]) / Exact(3);
    case OpCode::lognormal: {
      long double sigma = std::log(x[1].value() / x[0].value()) / kZ90;
      return Exact::approximate(x[0].value() * std::exp(sigma * sigma / 2));
    }
    default: return x[0];
  }
}

}  // namespace

const char* variable_name(Variable variable) {
  switch (variable) {
    case Variable::databases: return "databases";
    case Variable::files: return "files";
    case Variable::mail: return "mail";
    case Variable::size: return "size";
    case Variable::accounts: return "accounts";
  }
  return "?";
}

Duration Duration::constant(Exact seconds) {
  Duration d;
  d.push_constant(seconds);
  return d;
}

void Duration::push_constant(Exact value) {
  constants_.push_back(value);
  code_.push_back({OpCode::constant, static_cast<std::uint32_t>(constants_.size() - 1)});
}

void Duration::push_variable(Variable variable) { code_.push_back({OpCode::variable, static_cast<std::uint32_t>(variable)}); }

void Duration::push(OpCode op) { code_.push_back({op, 0}); }

bool Duration::uses(Variable variable) const {
  return std::any_of(code_.begin(), code_.end(), [&](const Instruction& i) {
    return i.op == OpCode::variable && i.operand == static_cast<std::uint32_t>(variable);
  });
}

bool Duration::is_random() const {
  return std::any_of(code_.begin(), code_.end(), [](const Instruction& i) { return i.op >= OpCode::uniform; });
}

namespace {

// One operation on its evaluated arguments (written order); `draw` turns a
// distribution's arguments into a value.
template <typename T, typename Draw>
T apply(OpCode op, const std::array<T, 3>& x, Draw draw) {
  switch (op) {
    case OpCode::negate: return -x[0];
    case OpCode::add: return x[0] + x[1];
    case OpCode::subtract: return x[0] - x[1];
    case OpCode::multiply: return x[0] * x[1];
    case OpCode::divide: return x[1] == T(0) ? T(0) : x[0] / x[1];
    case OpCode::min: return std::min(x[0], x[1]);
    case OpCode::max: return std::max(x[0], x[1]);
    default: return draw(op, x);  // uniform, triangular, normal, lognormal
  }
}

int arity(OpCode op) {
  return op == OpCode::constant || op == OpCode::variable ? 0
         : op == OpCode::negate                            ? 1
         : op == OpCode::triangular                        ? 3
                                                           : 2;
}

// The stack machine both evaluations share; T is Exact (means) or double
// (samples). `leaf` reads a constant or variable.
template <typename T, typename Leaf, typename Draw>
T interpret(const std::vector<Instruction>& code, Leaf leaf, Draw draw) {
  Stack<T> stack;
  for (const Instruction& i : code) {
    int n = arity(i.op);
    if (n == 0) {
      stack.push_back(leaf(i));
      continue;
    }
    std::array<T, 3> x{T(0), T(0), T(0)};
    for (int a = n - 1; a >= 0; --a) x[static_cast<std::size_t>(a)] = pop(stack);
    stack.push_back(apply(i.op, x, draw));
  }
  return stack.empty() ? T(0) : stack.back();
}

}  // namespace

std::optional<ArgumentProblem> distribution_problem(OpCode op, const std::array<Exact, 3>& x) {
  switch (op) {
    case OpCode::uniform:
      if (x[1] < x[0]) return ArgumentProblem{1, "uniform(lo, hi) needs lo <= hi"};
      return std::nullopt;
    case OpCode::triangular:
      if (x[2] < x[0]) return ArgumentProblem{2, "triangular(lo, mode, hi) needs lo <= mode <= hi"};
      if (x[1] < x[0] || x[2] < x[1]) return ArgumentProblem{1, "triangular(lo, mode, hi) needs lo <= mode <= hi"};
      return std::nullopt;
    case OpCode::normal:
      if (x[1].is_negative()) return ArgumentProblem{1, "normal(mean, sd) needs sd >= 0"};
      return std::nullopt;
    case OpCode::lognormal:
      if (x[0].is_negative() || x[0].is_zero()) return ArgumentProblem{0, "lognormal(median, p90) needs 0 < median <= p90"};
      if (x[1] < x[0]) return ArgumentProblem{1, "lognormal(median, p90) needs 0 < median <= p90"};
      return std::nullopt;
    default: return std::nullopt;
  }
}

// The means' evaluation, stopping at the first step that cannot be taken.
std::optional<EvaluationProblem> Duration::problem(const Variables& variables) const {
  // The shape first, without arithmetic: the first malformed step (a
  // tampered program), and whether a step before it can fail on values (a
  // division, a distribution). The checks ask this for every account and
  // most programs have neither: exact arithmetic was a tenth of `ferry check`.
  std::size_t malformed = code_.size();
  bool values_matter = false;
  std::size_t depth = 0;
  for (std::size_t k = 0; k < code_.size(); ++k) {
    const Instruction& i = code_[k];
    auto n = static_cast<std::size_t>(arity(i.op));
    bool known_leaf = i.op == OpCode::constant   ? i.operand < constants_.size()
                      : i.op == OpCode::variable ? i.operand < kVariableCount
                                                 : true;
    if (depth < n || !known_leaf) {
      malformed = k;
      break;
    }
    depth = depth - n + 1;
    values_matter = values_matter || i.op == OpCode::divide || i.op >= OpCode::uniform;
  }
  // Then the values, in order, up to the malformed step: the first problem
  // in the program's order is the one reported.
  if (values_matter) {
    Stack<Exact> stack;
    for (std::size_t k = 0; k < malformed; ++k) {
      const Instruction& i = code_[k];
      std::array<Exact, 3> x;
      for (int a = arity(i.op) - 1; a >= 0; --a) x[static_cast<std::size_t>(a)] = pop(stack);
      if (i.op == OpCode::divide && x[1].is_zero()) return EvaluationProblem{k, "division by zero"};
      if (auto bad = distribution_problem(i.op, x)) return EvaluationProblem{k, bad->rule};
      if (i.op == OpCode::constant) stack.push_back(constants_[i.operand]);
      else if (i.op == OpCode::variable) stack.push_back(variables[i.operand]);
      else stack.push_back(apply(i.op, x, distribution_mean));
    }
  }
  if (malformed < code_.size()) return EvaluationProblem{malformed, "a malformed program"};
  return std::nullopt;
}

Exact Duration::mean(const Variables& variables) const {
  auto leaf = [&](const Instruction& i) { return i.op == OpCode::constant ? constants_[i.operand] : variables[i.operand]; };
  return interpret<Exact>(code_, leaf, distribution_mean);
}

Seconds Duration::mean_seconds(const Variables& variables) const {
  return std::max<Seconds>(0, mean(variables).round_half_up());
}

double Duration::sample(const Variables& variables, std::mt19937_64& rng) const {
  // Each value carries its draw and its mean: a distribution's arguments are
  // the means of whatever they contain (DESIGN §4.4), its result a draw.
  struct Value {
    double draw, mean;
    Value operator-() const { return {-draw, -mean}; }
  };
  auto both = [](Value a, Value b, auto op) { return Value{op(a.draw, b.draw), op(a.mean, b.mean)}; };
  Stack<Value> stack;
  auto take = [&] {
    Value v = stack.back();
    stack.pop_back();
    return v;
  };
  for (const Instruction& i : code_) {
    switch (i.op) {
      case OpCode::constant:
      case OpCode::variable: {
        double x = static_cast<double>((i.op == OpCode::constant ? constants_[i.operand] : variables[i.operand]).value());
        stack.push_back({x, x});
        break;
      }
      case OpCode::negate: stack.back() = -stack.back(); break;
      case OpCode::add: { Value b = take(), a = take(); stack.push_back(both(a, b, std::plus<>())); break; }
      case OpCode::subtract: { Value b = take(), a = take(); stack.push_back(both(a, b, std::minus<>())); break; }
      case OpCode::multiply: { Value b = take(), a = take(); stack.push_back(both(a, b, std::multiplies<>())); break; }
      case OpCode::divide: {
        Value b = take(), a = take();
        stack.push_back(both(a, b, [](double x, double y) { return y == 0 ? 0.0 : x / y; }));
        break;
      }
      case OpCode::min: { Value b = take(), a = take(); stack.push_back(both(a, b, [](double x, double y) { return std::min(x, y); })); break; }
      case OpCode::max: { Value b = take(), a = take(); stack.push_back(both(a, b, [](double x, double y) { return std::max(x, y); })); break; }
      case OpCode::uniform: {
        double hi = take().mean, lo = take().mean;
        double x = hi > lo ? std::uniform_real_distribution<double>(lo, hi)(rng) : lo;
        stack.push_back({x, (lo + hi) / 2});
        break;
      }
      case OpCode::triangular: {
        double hi = take().mean, mode = take().mean, lo = take().mean;
        double x = lo;
        if (hi > lo) {
          double u = std::uniform_real_distribution<double>(0, 1)(rng);
          x = u < (mode - lo) / (hi - lo) ? lo + std::sqrt(u * (hi - lo) * (mode - lo))
                                          : hi - std::sqrt((1 - u) * (hi - lo) * (hi - mode));
        }
        stack.push_back({x, (lo + mode + hi) / 3});
        break;
      }
      case OpCode::normal: {
        // Truncated at 0: redrawn while negative; after 100 tries, 0.
        double sd = take().mean, mean = take().mean;
        double x = mean;
        if (sd > 0) {
          std::normal_distribution<double> normal(mean, sd);
          x = 0;
          for (int tries = 0; tries < 100; ++tries) {
            double draw = normal(rng);
            if (draw >= 0) {
              x = draw;
              break;
            }
          }
        }
        stack.push_back({x, mean});
        break;
      }
      case OpCode::lognormal: {
        // median * exp(sigma * Z), sigma = ln(p90 / median) / z(0.9).
        double p90 = take().mean, median = take().mean;
        double sigma = median > 0 && p90 > median ? std::log(p90 / median) / kZ90 : 0;
        double x = median > 0 ? median * std::exp(sigma * std::normal_distribution<double>(0, 1)(rng)) : 0;
        stack.push_back({x, median > 0 ? median * std::exp(sigma * sigma / 2) : 0});
        break;
      }
    }
  }
  return stack.empty() ? 0 : stack.back().draw;
}

}  // namespace ferry::plan
