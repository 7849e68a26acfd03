// draw_plan(): the plan's dependency graph drawn in-process with Graphviz
// (cgraph builds the graph, gvc lays it out with dot and renders it): one
// cluster per server labelled with its transit candidates, support actions
// and account moves drawn apart, resources as a note. The format comes from
// the output's extension: .dot, .svg, .png or .pdf.
//   std::string error = draw_plan(plan, "plan.svg", std::nullopt);
#pragma once

#include <optional>
#include <string>

#include "plan/plan.hpp"

namespace ferry::compiler {

// Past this many actions dot's layout takes minutes: ferry says so instead.
inline constexpr std::size_t kMaxLaidOutActions = 3000;

// "" on success, else why nothing was drawn.
std::string draw_plan(const plan::Plan& plan, const std::string& output, const std::optional<std::string>& server);

}  // namespace ferry::compiler
