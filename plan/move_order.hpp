// The order in which a server's accounts move (DESIGN §2.4 `order`, §4.2):
// a stable sort, so ties keep the written order. Migrates and move backs
// both follow it.
#pragma once

#include <cstddef>
#include <vector>

#include "plan/fleet.hpp"

namespace ferry::plan {

// Indices into server.accounts, first mover first.
std::vector<std::size_t> move_order(const Server& server, MoveOrder order);

}  // namespace ferry::plan
