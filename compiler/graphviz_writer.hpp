// draw_plan(): the plan's dependency graph drawn in-process with Graphviz
// (cgraph builds the graph, gvc lays it out with dot and renders it): one
// cluster per server labelled with its transit candidates and move order,
// mean durations in minutes, zero-length prepares left out, resources as a
// note. draw_overview(): one node per server, grouped by the transit it got,
// waits on the edges (for big fleets; the CLI feeds it a simulation). The
// format comes from the output's extension: .dot, .svg, .png or .pdf.
//   std::string error = draw_plan(plan, "plan.svg", std::nullopt);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "plan/plan.hpp"

namespace ferry::compiler {

// Past this many actions dot's layout takes minutes: ferry says so instead.
inline constexpr std::size_t kMaxLaidOutActions = 3000;

// "" on success, else why nothing was drawn.
std::string draw_plan(const plan::Plan& plan, const std::string& output, const std::optional<std::string>& server);

// One server's turn on a transit, in the order the transit served them.
struct TransitTurn {
  std::size_t server = 0;   // index in fleet.servers
  std::size_t transit = 0;  // index in fleet.transits
  plan::Seconds wait = 0;   // from its request to getting the transit
};
std::string draw_overview(const plan::Fleet& fleet, const std::vector<TransitTurn>& turns, const std::string& output);

}  // namespace ferry::compiler
