// The two ways `ferry compare` prints a simulator::Comparison: a text table
// a planner reads (changed fields only, largest change first) and JSON with
// both sides and the change of every figure, in seconds and currency units.
//   std::cout << compare_text(sides, comparison);
#pragma once

#include <string>

#include "plan/fleet.hpp"
#include "simulator/compare.hpp"

namespace ferry::cli {

// What was compared: a label per side ("seed.ferry", "seed.ferry --set ...").
struct CompareSides {
  std::string label_a, label_b;
  const plan::Fleet* fleet_a = nullptr;
  const plan::Fleet* fleet_b = nullptr;
};

std::string compare_text(const CompareSides& sides, const simulator::Comparison& c);
std::string compare_json(const CompareSides& sides, const simulator::Comparison& c);

}  // namespace ferry::cli
