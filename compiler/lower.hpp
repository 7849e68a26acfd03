// lower(): a checked fleet to its plan (DESIGN §3): per server with accounts
// prepare(S,a)... -> acquire_transit(S) -> install_transit(S) -> migrate(S,a)
// -> reinstall(S) -> move_back(S,a) -> release_transit(S), with the order of
// moves computed from the policy. Servers without accounts get no actions.
// A large fleet's two halves are lowered on two threads when `threads` and
// a second CPU allow; the plan is the same either way.
#pragma once

#include "plan/plan.hpp"

namespace ferry::compiler {

plan::Plan lower(plan::Fleet fleet, plan::SourceStamp source, bool threads = true);

// How many of lower()'s passes (two per plan) ran in two halves on two
// threads so far, for the tests.
std::size_t passes_lowered_in_two();

}  // namespace ferry::compiler
