// lower(): a checked fleet to its plan (DESIGN §3): per server with accounts
// prepare(S,a)... -> acquire_transit(S) -> install_transit(S) -> migrate(S,a)
// -> reinstall(S) -> move_back(S,a) -> release_transit(S), with the order of
// moves computed from the policy. Servers without accounts get no actions.
#pragma once

#include "plan/plan.hpp"

namespace ferry::compiler {

plan::Plan lower(plan::Fleet fleet, plan::SourceStamp source);

}  // namespace ferry::compiler
