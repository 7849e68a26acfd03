#include "plan/exact.hpp"

#include <cmath>
#include <limits>

namespace ferry::plan {

namespace {

__int128 gcd128(__int128 a, __int128 b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    __int128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

// Products and sums are kept well inside 128 bits so that one more step can
// still be checked without overflowing.
constexpr __int128 kLimit = static_cast<__int128>(1) << 120;

bool too_big(__int128 v) { return v > kLimit || v < -kLimit; }

bool mul_overflows(__int128 a, __int128 b, __int128& out) { return __builtin_mul_overflow(a, b, &out) || too_big(out); }
bool add_overflows(__int128 a, __int128 b, __int128& out) { return __builtin_add_overflow(a, b, &out) || too_big(out); }

}  // namespace

Exact Exact::fraction(std::int64_t num, std::int64_t den) {
  Exact e;
  e.num_ = num;
  e.den_ = den;
  e.normalize();
  return e;
}

Exact Exact::integer(__int128 value) {
  Exact e;
  e.num_ = value;
  return e;
}

Exact Exact::approximate(long double value) {
  Exact e;
  e.exact_ = false;
  e.approx_ = value;
  return e;
}

std::optional<Exact> Exact::decimal(std::string_view text) {
  if (text.empty()) return std::nullopt;
  __int128 num = 0, den = 1;
  bool dot = false, digits = false;
  // Eighteen characters cannot overflow anything: the checks per digit are
  // for longer numbers (a large fleet reads 300,000 short ones).
  const bool short_text = text.size() <= 18;
  for (char c : text) {
    if (c == '.' && !dot) {
      dot = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    digits = true;
    if (short_text) {
      num = num * 10 + (c - '0');
      if (dot) den *= 10;
      continue;
    }
    if (mul_overflows(num, 10, num) || add_overflows(num, c - '0', num)) return approximate(std::strtold(std::string(text).c_str(), nullptr));
    if (dot && mul_overflows(den, 10, den)) return approximate(std::strtold(std::string(text).c_str(), nullptr));
  }
  if (!digits) return std::nullopt;
  Exact e;
  e.num_ = num;
  e.den_ = den;
  e.normalize();
  return e;
}

void Exact::normalize() {
  if (!exact_ || den_ == 1) return;
  if (den_ < 0) {
    den_ = -den_;
    num_ = -num_;
  }
  __int128 g = gcd128(num_, den_);
  if (g > 1) {
    num_ /= g;
    den_ /= g;
  }
}

long double Exact::value() const {
  return exact_ ? static_cast<long double>(num_) / static_cast<long double>(den_) : approx_;
}

std::int64_t Exact::floor() const {
  if (!exact_) {
    long double f = std::floor(approx_);
    if (f >= 9.2e18L) return std::numeric_limits<std::int64_t>::max();
    if (f <= -9.2e18L) return std::numeric_limits<std::int64_t>::min();
    return static_cast<std::int64_t>(f);
  }
  __int128 q = num_ / den_;
  if (num_ % den_ != 0 && num_ < 0) --q;
  if (q > std::numeric_limits<std::int64_t>::max()) return std::numeric_limits<std::int64_t>::max();
  if (q < std::numeric_limits<std::int64_t>::min()) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(q);
}

std::int64_t Exact::round_half_up() const {
  if (!exact_) return Exact::approximate(approx_ + 0.5L).floor();
  if (den_ == 1) return floor();  // an integer: itself, saturated as floor() does
  return (*this + Exact::fraction(1, 2)).floor();
}

std::string Exact::to_string() const {
  if (!exact_) return std::to_string(static_cast<double>(approx_));
  auto str = [](__int128 v) {
    bool negative = v < 0;
    if (negative) v = -v;
    std::string s;
    do {
      s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
      v /= 10;
    } while (v != 0);
    return negative ? "-" + s : s;
  };
  return den_ == 1 ? str(num_) : str(num_) + "/" + str(den_);
}

Exact operator+(const Exact& a, const Exact& b) {
  if (a.exact_ && b.exact_ && a.den_ == 1 && b.den_ == 1) {
    // Integers (sizes in bytes, the usual case): the general rule below
    // without its multiplications by 1, so the same limits.
    __int128 n;
    if (!too_big(a.num_) && !too_big(b.num_) && !add_overflows(a.num_, b.num_, n)) return Exact::integer(n);
  } else if (a.exact_ && b.exact_) {
    __int128 x, y, n, d;
    if (!mul_overflows(a.num_, b.den_, x) && !mul_overflows(b.num_, a.den_, y) && !add_overflows(x, y, n) &&
        !mul_overflows(a.den_, b.den_, d)) {
      Exact e;
      e.num_ = n;
      e.den_ = d;
      e.normalize();
      return e;
    }
  }
  return Exact::approximate(a.value() + b.value());
}

Exact operator-(const Exact& a, const Exact& b) { return a + (-b); }

Exact Exact::operator-() const {
  Exact e = *this;
  e.num_ = -e.num_;
  e.approx_ = -e.approx_;
  return e;
}

Exact operator*(const Exact& a, const Exact& b) {
  if (a.exact_ && b.exact_) {
    // Cross-reduce first: keeps unit conversions (1e9 / 60) small. A
    // denominator of 1 has gcd 1 with anything, and a division by 1 is
    // skipped: 128-bit divisions are library calls, and the checks multiply
    // integers (sizes in bytes) hundreds of thousands of times.
    __int128 g1 = b.den_ == 1 ? 1 : gcd128(a.num_, b.den_), g2 = a.den_ == 1 ? 1 : gcd128(b.num_, a.den_);
    if (g1 == 0) g1 = 1;
    if (g2 == 0) g2 = 1;
    auto divided = [](__int128 x, __int128 g) { return g == 1 ? x : x / g; };
    __int128 n, d;
    if (!mul_overflows(divided(a.num_, g1), divided(b.num_, g2), n) &&
        !mul_overflows(divided(a.den_, g2), divided(b.den_, g1), d)) {
      Exact e;
      e.num_ = n;
      e.den_ = d;
      e.normalize();
      return e;
    }
  }
  return Exact::approximate(a.value() * b.value());
}

Exact operator/(const Exact& a, const Exact& b) {
  if (b.exact_ && b.num_ != 0) {
    Exact inverse;
    inverse.num_ = b.den_;
    inverse.den_ = b.num_;
    inverse.normalize();
    return a * inverse;
  }
  return Exact::approximate(a.value() / b.value());
}

bool operator<(const Exact& a, const Exact& b) {
  if (a.exact_ && b.exact_ && a.den_ == 1 && b.den_ == 1) return a.num_ < b.num_;  // sizes in bytes: the usual case
  if (a.exact_ && b.exact_) {
    __int128 x, y;
    if (!mul_overflows(a.num_, b.den_, x) && !mul_overflows(b.num_, a.den_, y)) return x < y;
  }
  return a.value() < b.value();
}

bool operator==(const Exact& a, const Exact& b) {
  if (a.exact_ && b.exact_) return a.num_ == b.num_ && a.den_ == b.den_;
  return a.value() == b.value();
}

}  // namespace ferry::plan
