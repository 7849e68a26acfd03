#include "plan/duration.hpp"

#include <algorithm>
#include <cmath>

namespace ferry::plan {

namespace {

constexpr double kZ90 = 1.2816;  // standard normal quantile at 0.9, as DESIGN §2.2 fixes it

template <typename T>
T pop(std::vector<T>& stack) {
  T value = stack.back();
  stack.pop_back();
  return value;
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

Exact Duration::mean(const Variables& variables) const {
  std::vector<Exact> stack;
  stack.reserve(code_.size());
  for (const Instruction& i : code_) {
    switch (i.op) {
      case OpCode::constant: stack.push_back(constants_[i.operand]); break;
      case OpCode::variable: stack.push_back(variables[i.operand]); break;
      case OpCode::negate: stack.back() = -stack.back(); break;
      case OpCode::normal: {
        pop(stack);  // the standard deviation does not move the mean
        break;       // (the truncation at 0 is ignored in the mean, DESIGN §4.2)
      }
      case OpCode::lognormal: {
        Exact p90 = pop(stack), median = pop(stack);
        long double sigma = std::log(p90.value() / median.value()) / kZ90;
        stack.push_back(Exact::approximate(median.value() * std::exp(sigma * sigma / 2)));
        break;
      }
      case OpCode::triangular: {
        Exact hi = pop(stack), mode = pop(stack), lo = pop(stack);
        stack.push_back((lo + mode + hi) / Exact(3));
        break;
      }
      default: {
        Exact b = pop(stack), a = pop(stack);
        switch (i.op) {
          case OpCode::add: stack.push_back(a + b); break;
          case OpCode::subtract: stack.push_back(a - b); break;
          case OpCode::multiply: stack.push_back(a * b); break;
          case OpCode::divide: stack.push_back(b.is_zero() ? Exact(0) : a / b); break;
          case OpCode::min: stack.push_back(b < a ? b : a); break;
          case OpCode::max: stack.push_back(a < b ? b : a); break;
          case OpCode::uniform: stack.push_back((a + b) / Exact(2)); break;
          default: break;
        }
      }
    }
  }
  return stack.empty() ? Exact(0) : stack.back();
}

Seconds Duration::mean_seconds(const Variables& variables) const {
  return std::max<Seconds>(0, mean(variables).round_half_up());
}

double Duration::sample(const Variables& variables, std::mt19937_64& rng) const {
  std::vector<double> stack;
  stack.reserve(code_.size());
  for (const Instruction& i : code_) {
    switch (i.op) {
      case OpCode::constant: stack.push_back(static_cast<double>(constants_[i.operand].value())); break;
      case OpCode::variable: stack.push_back(static_cast<double>(variables[i.operand].value())); break;
      case OpCode::negate: stack.back() = -stack.back(); break;
      case OpCode::normal: {
        double sd = pop(stack), mean = pop(stack);
        double x = sd > 0 ? std::normal_distribution<double>(mean, sd)(rng) : mean;
        stack.push_back(std::max(0.0, x));
        break;
      }
      case OpCode::lognormal: {
        double p90 = pop(stack), median = pop(stack);
        double sigma = median > 0 && p90 > median ? std::log(p90 / median) / kZ90 : 0;
        stack.push_back(median > 0 ? std::lognormal_distribution<double>(std::log(median), sigma)(rng) : 0);
        break;
      }
      case OpCode::triangular: {
        double hi = pop(stack), mode = pop(stack), lo = pop(stack);
        double u = std::uniform_real_distribution<double>(0, 1)(rng);
        double cut = hi > lo ? (mode - lo) / (hi - lo) : 0;
        stack.push_back(hi <= lo ? lo
                        : u < cut ? lo + std::sqrt(u * (hi - lo) * (mode - lo))
                                  : hi - std::sqrt((1 - u) * (hi - lo) * (hi - mode)));
        break;
      }
      default: {
        double b = pop(stack), a = pop(stack);
        switch (i.op) {
          case OpCode::add: stack.push_back(a + b); break;
          case OpCode::subtract: stack.push_back(a - b); break;
          case OpCode::multiply: stack.push_back(a * b); break;
          case OpCode::divide: stack.push_back(b == 0 ? 0 : a / b); break;
          case OpCode::min: stack.push_back(std::min(a, b)); break;
          case OpCode::max: stack.push_back(std::max(a, b)); break;
          case OpCode::uniform: stack.push_back(b > a ? std::uniform_real_distribution<double>(a, b)(rng) : a); break;
          default: break;
        }
      }
    }
  }
  return stack.empty() ? 0 : stack.back();
}

}  // namespace ferry::plan
