// Exact arithmetic: durations are evaluated exactly, then rounded half-up.
#include <catch2/catch.hpp>

#include <limits>

#include "plan/exact.hpp"

using ferry::plan::Exact;

TEST_CASE("1min/GB * 25MB is exactly 1.5 s and rounds up to 2") {
  Exact per_byte = Exact(60) / Exact(1000000000);
  Exact seconds = per_byte * Exact(25000000);
  CHECK(seconds == Exact::fraction(3, 2));
  CHECK(seconds.round_half_up() == 2);
}

TEST_CASE("decimal literals are exact") {
  CHECK(*Exact::decimal("0.1") * Exact(3) == Exact::fraction(3, 10));
  CHECK(Exact::decimal("1.25")->round_half_up() == 1);
  CHECK(Exact::decimal("2.5")->round_half_up() == 3);
  CHECK_FALSE(Exact::decimal("1.2.3").has_value());
  CHECK_FALSE(Exact::decimal("").has_value());
}

TEST_CASE("half-up rounds negative halves towards +infinity") {
  CHECK(Exact::fraction(-3, 2).round_half_up() == -1);
}

TEST_CASE("values beyond 128 bits fall back to an approximation instead of overflowing") {
  Exact big = Exact(1000000000000000000);
  Exact product = big * big * big;
  CHECK_FALSE(product.is_exact());
  CHECK(product.value() == Approx(1e54));
}

TEST_CASE("a number past 128 bits is approximate, and testing it for a whole number is defined") {
  // Found by fuzz_check: is_integer() converted such a value to int64 (UB).
  Exact huge = *Exact::decimal("44444444444444444444444444444444444444");
  CHECK_FALSE(huge.is_exact());
  CHECK(huge.is_integer());
  CHECK_FALSE(Exact::approximate(0.5L).is_integer());
  CHECK(huge.floor() == std::numeric_limits<std::int64_t>::max());
}
