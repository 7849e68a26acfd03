// Exact: a rational number for evaluating durations "exactly, then rounded
// half-up to a whole second" (DESIGN §4.2). Falls back to long double when a
// value leaves the 128-bit range (or takes an irrational step such as
// lognormal's mean); then `exact` is false and rounding is the nearest.
//   Exact a = Exact::decimal("0.5"); Exact b = a * Exact(60);
//   std::int64_t s = b.round_half_up();
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ferry::plan {

class Exact {
 public:
  Exact() = default;
  Exact(std::int64_t integer) : num_(integer) {}  // NOLINT: numbers convert
  static Exact fraction(std::int64_t num, std::int64_t den);
  static Exact approximate(long double value);
  // Parses "12", "0.5", "1.25"; nullopt if it is not such a number.
  static std::optional<Exact> decimal(std::string_view text);

  bool is_exact() const { return exact_; }
  long double value() const;
  bool is_zero() const { return exact_ ? num_ == 0 : approx_ == 0; }
  bool is_negative() const { return exact_ ? num_ < 0 : approx_ < 0; }
  // An approximate value may lie far outside int64: no conversion to test it.
  bool is_integer() const { return exact_ ? den_ == 1 : std::isfinite(approx_) && std::floor(approx_) == approx_; }
  // floor(x + 1/2); saturates at the int64 range.
  std::int64_t round_half_up() const;
  std::int64_t floor() const;
  std::string to_string() const;  // "3/2" or a decimal when approximate

  friend Exact operator+(const Exact& a, const Exact& b);
  friend Exact operator-(const Exact& a, const Exact& b);
  friend Exact operator*(const Exact& a, const Exact& b);
  friend Exact operator/(const Exact& a, const Exact& b);  // b must not be zero
  Exact operator-() const;
  friend bool operator<(const Exact& a, const Exact& b);
  friend bool operator==(const Exact& a, const Exact& b);
  friend bool operator<=(const Exact& a, const Exact& b) { return !(b < a); }
  friend bool operator>(const Exact& a, const Exact& b) { return b < a; }
  friend bool operator>=(const Exact& a, const Exact& b) { return !(a < b); }

 private:
  void normalize();
  static Exact integer(__int128 value);
  __int128 num_ = 0;
  __int128 den_ = 1;
  bool exact_ = true;
  long double approx_ = 0;
};

}  // namespace ferry::plan
