#include "compiler/dimension.hpp"

namespace ferry::compiler {

std::string describe(const Dimension& d) {
  if (d == Dimension::none()) return "a plain number";
  if (d == Dimension::duration()) return "a duration";
  if (d == Dimension::size()) return "a data size";
  if (d == Dimension::money_amount()) return "an amount of money";
  if (d == Dimension::price()) return "a price per month";
  if (d == Dimension{-1, 1, 0, 0}) return "a rate (data per time)";
  if (d == Dimension{1, -1, 0, 0}) return "a duration per data size";
  std::string out;
  auto part = [&](const char* name, int exponent) {
    if (exponent == 0) return;
    if (!out.empty()) out += "·";
    out += name;
    if (exponent != 1) out += "^" + std::to_string(exponent);
  };
  part("time", d.time);
  part("data", d.data);
  part("money", d.money);
  part("month", d.month);
  return "a quantity of " + out;
}

}  // namespace ferry::compiler
