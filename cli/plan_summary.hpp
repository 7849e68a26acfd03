// The human summary of a plan printed by `ferry plan` without -o and by
// `ferry plan --show`: servers, accounts, actions per kind, the transit
// pool, and any server no transit could ever serve.
#pragma once

#include <string>

#include "plan/plan.hpp"

namespace ferry::cli {

std::string plan_summary(const plan::Plan& plan);

}  // namespace ferry::cli
