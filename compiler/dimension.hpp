// Dimension: the exponents of time, data, money and month that every value
// carries (DESIGN §2.2), and how a message names one ("a duration", "a data
// size"). `+ - min max` need equal dimensions; `* /` combine them.
#pragma once

#include <string>

namespace ferry::compiler {

struct Dimension {
  int time = 0;
  int data = 0;
  int money = 0;
  int month = 0;  // only in a price: money per month

  friend bool operator==(const Dimension&, const Dimension&) = default;
  Dimension operator*(const Dimension& o) const { return {time + o.time, data + o.data, money + o.money, month + o.month}; }
  Dimension operator/(const Dimension& o) const { return {time - o.time, data - o.data, money - o.money, month - o.month}; }

  static constexpr Dimension none() { return {}; }
  static constexpr Dimension duration() { return {1, 0, 0, 0}; }
  static constexpr Dimension size() { return {0, 1, 0, 0}; }
  static constexpr Dimension money_amount() { return {0, 0, 1, 0}; }
  static constexpr Dimension price() { return {0, 0, 1, -1}; }
};

// "a duration", "a data size", "a plain number", "a rate (data per time)"...
std::string describe(const Dimension& dimension);

}  // namespace ferry::compiler
