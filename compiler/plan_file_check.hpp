// read_plan_file(): a plan file read back, and refused unless the compiler
// could have made it: each duration's program is its text compiled again,
// each duration can be computed for every subject, the actions and their
// dependencies are lower()'s for its fleet (move order and windows may be
// edited: the plan is what runs), and the file is byte for byte what the
// writer makes of the plan it holds. Every command that takes a plan file
// reads it through here; plan::read_plan_json checks the values alone.
//   plan::PlanFile file = read_plan_file(text);  if (!file.plan) print(file.error);
#pragma once

#include <string>

#include "plan/plan_json.hpp"

namespace ferry::compiler {

[[nodiscard]] plan::PlanFile read_plan_file(const std::string& text);

}  // namespace ferry::compiler
