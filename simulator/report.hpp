// Reports of a simulation run: the terminal summary a planner reads in one
// screen, the stable JSON of DESIGN §4.1, one CSV row per account, and the
// --explain timeline of one server. They only format a SimulationResult.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "plan/fleet.hpp"
#include "simulator/monte_carlo.hpp"
#include "simulator/result.hpp"

namespace ferry::simulator {

std::string report_text(const plan::Fleet& fleet, const SimulationResult& result, bool color);
// With `mc`, the `monte_carlo` object of §4.4 is added after the
// deterministic run's fields.
std::string report_json(const plan::Fleet& fleet, const SimulationResult& result, const MonteCarloResult* mc = nullptr);
nlohmann::ordered_json monte_carlo_json(const plan::Fleet& fleet, const MonteCarloResult& mc);
std::string report_monte_carlo_text(const plan::Fleet& fleet, const MonteCarloResult& mc, bool color);
std::string report_csv(const plan::Fleet& fleet, const SimulationResult& result);
// Where the server's time went, segment by segment; "" if no such server.
std::string explain(const plan::Fleet& fleet, const SimulationResult& result, const std::string& server);

}  // namespace ferry::simulator
