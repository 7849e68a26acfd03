// Duration programs: exact means for the deterministic run, and samples
// (for the Monte Carlo runs to come) that are reproducible by seed and
// centred on the same means.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <vector>

#include "plan/duration.hpp"

using namespace ferry::plan;

namespace {

Duration distribution(OpCode op, const std::vector<std::int64_t>& args) {
  Duration d;
  for (std::int64_t a : args) d.push_constant(a);
  d.push(op);
  return d;
}

double sample_mean(const Duration& d, int n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  double sum = 0;
  for (int i = 0; i < n; ++i) sum += d.sample({}, rng);
  return sum / n;
}

}  // namespace

TEST_CASE("means of the distributions, as DESIGN 2.2 fixes them") {
  CHECK(distribution(OpCode::uniform, {60, 180}).mean_seconds({}) == 120);
  CHECK(distribution(OpCode::triangular, {60, 120, 360}).mean_seconds({}) == 180);
  CHECK(distribution(OpCode::normal, {300, 60}).mean_seconds({}) == 300);
  // lognormal(100, 200): sigma = ln 2 / 1.2816, mean = 100 exp(sigma^2 / 2) = 115.7...
  CHECK(distribution(OpCode::lognormal, {100, 200}).mean_seconds({}) == 116);
}

TEST_CASE("samples are reproducible by seed and centred on the means") {
  struct Case {
    OpCode op;
    std::vector<std::int64_t> args;
    double mean;
  };
  const std::vector<Case> cases = {{OpCode::uniform, {60, 180}, 120.0},
                                   {OpCode::triangular, {60, 120, 360}, 180.0},
                                   {OpCode::normal, {300, 60}, 300.0},
                                   {OpCode::lognormal, {100, 200}, 115.7}};
  for (const Case& c : cases) {
    Duration d = distribution(c.op, c.args);
    double mean = c.mean;
    INFO(static_cast<int>(c.op));
    CHECK(sample_mean(d, 20000, 7) == sample_mean(d, 20000, 7));
    CHECK(sample_mean(d, 20000, 7) == Approx(mean).epsilon(0.03));
  }
}

TEST_CASE("a normal sample is truncated at 0") {
  Duration d = distribution(OpCode::normal, {10, 1000});
  std::mt19937_64 rng(1);
  for (int i = 0; i < 1000; ++i) CHECK(d.sample({}, rng) >= 0);
}

TEST_CASE("variables feed the program: 30s + 1min/GB * databases") {
  Duration d;
  d.push_constant(30);
  d.push_constant(Exact::fraction(60, 1000000000));
  d.push_variable(Variable::databases);
  d.push(OpCode::multiply);
  d.push(OpCode::add);
  Variables v;
  v[static_cast<int>(Variable::databases)] = Exact(12000000000);
  CHECK(d.mean_seconds(v) == 750);
  std::mt19937_64 rng(3);
  CHECK(d.sample(v, rng) == Approx(750));
  CHECK(d.uses(Variable::databases));
  CHECK_FALSE(d.uses(Variable::mail));
  CHECK_FALSE(d.is_random());
}

namespace {

std::vector<double> sorted_samples(const Duration& d, int n, std::uint64_t seed, const Variables& v = {}) {
  std::mt19937_64 rng(seed);
  std::vector<double> x;
  for (int i = 0; i < n; ++i) x.push_back(d.sample(v, rng));
  std::sort(x.begin(), x.end());
  return x;
}
double quantile(const std::vector<double>& sorted, double p) { return sorted[static_cast<std::size_t>(p * (sorted.size() - 1))]; }

}  // namespace

TEST_CASE("samples: quantiles of each distribution within statistical tolerance") {
  const int n = 40000;
  // uniform(60, 180): quartiles 90 and 150.
  auto u = sorted_samples(distribution(OpCode::uniform, {60, 180}), n, 11);
  CHECK(u.front() >= 60);
  CHECK(u.back() <= 180);
  CHECK(quantile(u, 0.25) == Approx(90).margin(2));
  CHECK(quantile(u, 0.75) == Approx(150).margin(2));
  // triangular(60, 120, 360): P(X <= 120) = 60/300 = 0.2; the median solves
  // (360 - m)^2 = 0.5 * 300 * 240: m = 360 - 189.74 = 170.26.
  auto t = sorted_samples(distribution(OpCode::triangular, {60, 120, 360}), n, 12);
  CHECK(quantile(t, 0.2) == Approx(120).margin(3));
  CHECK(quantile(t, 0.5) == Approx(170.26).margin(3));
  // lognormal(median 600, p90 1800): the sample median and P90 are those.
  auto l = sorted_samples(distribution(OpCode::lognormal, {600, 1800}), n, 13);
  CHECK(quantile(l, 0.5) == Approx(600).epsilon(0.03));
  CHECK(quantile(l, 0.9) == Approx(1800).epsilon(0.04));
  // normal(300, 60): quartiles 300 -/+ 0.6745 * 60.
  auto g = sorted_samples(distribution(OpCode::normal, {300, 60}), n, 14);
  CHECK(quantile(g, 0.25) == Approx(259.5).margin(2));
  CHECK(quantile(g, 0.75) == Approx(340.5).margin(2));
}

TEST_CASE("samples: a normal truncated at 0 is redrawn, not clamped") {
  // normal(60, 120) truncated at 0: mean = 60 + 120 * phi(0.5) / Phi(0.5)
  // = 60 + 120 * 0.35207 / 0.69146 = 121.1; clamping would pile mass at 0.
  auto x = sorted_samples(distribution(OpCode::normal, {60, 120}), 40000, 15);
  CHECK(x.front() >= 0);
  double mean = 0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(x.size());
  CHECK(mean == Approx(121.1).margin(2));
  CHECK(quantile(x, 0.01) > 1);  // no pile of zeros
}

TEST_CASE("samples: a distribution's arguments are the means of what they hold") {
  // uniform(uniform(0, 120), 240): the inner one is its mean, 60, so the
  // outer draws in [60, 240], mean 150.
  Duration d;
  d.push_constant(0);
  d.push_constant(120);
  d.push(OpCode::uniform);
  d.push_constant(240);
  d.push(OpCode::uniform);
  auto x = sorted_samples(d, 40000, 16);
  CHECK(x.front() >= 60);
  CHECK(x.back() <= 240);
  CHECK(quantile(x, 0.5) == Approx(150).margin(3));
  // Arguments from the subject's variables: uniform(databases, 2 * databases).
  Duration v;
  v.push_variable(Variable::databases);
  v.push_variable(Variable::databases);
  v.push_constant(2);
  v.push(OpCode::multiply);
  v.push(OpCode::uniform);
  Variables vars{};
  vars[static_cast<int>(Variable::databases)] = Exact(100);
  auto y = sorted_samples(v, 40000, 17, vars);
  CHECK(y.front() >= 100);
  CHECK(y.back() <= 200);
  CHECK(quantile(y, 0.5) == Approx(150).margin(2));
}

TEST_CASE("a program that cannot be computed for a subject says why and where") {
  // 1h / (databases / 1GB - 12): zero for 12 GB only.
  Duration d;
  d.push_constant(3600);
  d.push_variable(Variable::databases);
  d.push_constant(1000000000);
  d.push(OpCode::divide);
  d.push_constant(12);
  d.push(OpCode::subtract);
  d.push(OpCode::divide);
  Variables twelve{Exact(12000000000), 0, 0, 0, 0}, eleven{Exact(11000000000), 0, 0, 0, 0};
  auto problem = d.problem(twelve);
  REQUIRE(problem.has_value());
  CHECK(problem->instruction == 6);
  CHECK(problem->what == "division by zero");
  CHECK_FALSE(d.problem(eleven).has_value());
}

TEST_CASE("a program without division or distribution is checked for its shape only") {
  Variables any{Exact(1), Exact(2), Exact(3), Exact(4), Exact(5)};
  Duration fine;  // 30 s + 60 * databases
  fine.push_constant(30);
  fine.push_constant(60);
  fine.push_variable(Variable::databases);
  fine.push(OpCode::multiply);
  fine.push(OpCode::add);
  CHECK_FALSE(fine.problem(any).has_value());
  // Malformed programs (a tampered plan file) are still found, at the same
  // instruction, though no value could make them fail.
  Duration short_of_operands;  // 30 s + (nothing)
  short_of_operands.push_constant(30);
  short_of_operands.push(OpCode::add);
  auto problem = short_of_operands.problem(any);
  REQUIRE(problem.has_value());
  CHECK(problem->instruction == 1);
  CHECK(problem->what == "a malformed program");
  Duration unknown_constant;
  unknown_constant.push_constant(30);
  unknown_constant.push_back_instruction({OpCode::constant, 7});
  unknown_constant.push(OpCode::add);
  problem = unknown_constant.problem(any);
  REQUIRE(problem.has_value());
  CHECK(problem->instruction == 1);
  Duration unknown_variable;
  unknown_variable.push_back_instruction({OpCode::variable, static_cast<std::uint32_t>(kVariableCount)});
  problem = unknown_variable.problem(any);
  REQUIRE(problem.has_value());
  CHECK(problem->instruction == 0);
}

TEST_CASE("the first problem in the program's order is the one reported") {
  Variables any{Exact(1), Exact(2), Exact(3), Exact(4), Exact(5)};
  Duration divide_then_malformed;  // 1 / 0, then an add short of an operand
  divide_then_malformed.push_constant(1);
  divide_then_malformed.push_constant(0);
  divide_then_malformed.push(OpCode::divide);
  divide_then_malformed.push(OpCode::add);
  auto problem = divide_then_malformed.problem(any);
  REQUIRE(problem.has_value());
  CHECK(problem->instruction == 2);
  CHECK(problem->what == "division by zero");
  Duration malformed_then_divide;  // an add short of an operand, then 1 / 0
  malformed_then_divide.push_constant(1);
  malformed_then_divide.push(OpCode::add);
  malformed_then_divide.push_constant(1);
  malformed_then_divide.push_constant(0);
  malformed_then_divide.push(OpCode::divide);
  problem = malformed_then_divide.problem(any);
  REQUIRE(problem.has_value());
  CHECK(problem->instruction == 1);
  CHECK(problem->what == "a malformed program");
}

TEST_CASE("distribution arguments: the rule and the argument that breaks it") {
  auto check = [](OpCode op, std::array<Exact, 3> x) { return distribution_problem(op, x); };
  CHECK(check(OpCode::uniform, {600, 60, 0})->argument == 1);
  CHECK_FALSE(check(OpCode::uniform, {60, 60, 0}).has_value());
  CHECK(check(OpCode::triangular, {60, 3600, 600})->argument == 1);
  CHECK(check(OpCode::triangular, {600, 60, 60})->argument == 2);
  CHECK_FALSE(check(OpCode::triangular, {60, 60, 120}).has_value());
  CHECK(check(OpCode::normal, {600, -300, 0})->argument == 1);
  CHECK_FALSE(check(OpCode::normal, {600, 0, 0}).has_value());
  CHECK(check(OpCode::lognormal, {600, 60, 0})->argument == 1);
  CHECK(check(OpCode::lognormal, {0, 60, 0})->argument == 0);
  CHECK_FALSE(check(OpCode::lognormal, {60, 60, 0}).has_value());
  CHECK_FALSE(check(OpCode::min, {600, 60, 0}).has_value());
}
