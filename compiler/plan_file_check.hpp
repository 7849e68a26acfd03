// read_plan_file(): a plan file read back, and refused unless it is exactly
// what ferry compiles: each duration's program is its text compiled again,
// each duration can be computed for every subject, and the whole file is
// byte for byte what lower() and the writer make of its fleet (actions,
// move orders, lanes, the canonical form). Every command that takes a plan
// file reads it through here; plan::read_plan_json checks the values alone.
//   plan::PlanFile file = read_plan_file(text);  if (!file.plan) print(file.error);
#pragma once

#include <string>

#include "plan/plan_json.hpp"

namespace ferry::compiler {

[[nodiscard]] plan::PlanFile read_plan_file(const std::string& text);

}  // namespace ferry::compiler
