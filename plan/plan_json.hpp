// The plan file (`ferry plan -o P.json`, docs/plan-format.md): the whole
// plan as JSON, stamped with the source's SHA-256 and `plan_sha256` over the
// canonical content. Writing is deterministic (same input, same bytes), and
// reading refuses what is not a valid plan of this format version, or whose
// content does not match its hash, with a message instead of a crash.
//   std::string text = write_plan_json(plan);
//   PlanFile file = read_plan_json(text);  if (!file.plan) print(file.error);
#pragma once

#include <optional>
#include <string>

#include "plan/plan.hpp"

namespace ferry::plan {

inline constexpr int kPlanFormatVersion = 1;

std::string write_plan_json(const Plan& plan);

struct PlanFile {
  std::optional<Plan> plan;
  std::string error;  // why it was refused
  std::string plan_sha256;
};
PlanFile read_plan_json(const std::string& text);

}  // namespace ferry::plan
