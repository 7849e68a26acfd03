// Duration programs: exact means for the deterministic run, and samples
// (for the Monte Carlo runs to come) that are reproducible by seed and
// centred on the same means.
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
