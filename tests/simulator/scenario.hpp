// Scenario: a .ferry text compiled and simulated deterministically, with
// lookups by name and ISO times in the fleet's zone, so that each test reads
// as the planner's question and the hand-computed answer.
#pragma once

#include <string>

#include "compiler/lower.hpp"
#include "plan/fleet.hpp"
#include "plan/time_zone.hpp"
#include "simulator/engine.hpp"
#include "tests/support/fleet_from_text.hpp"

namespace ferry::testing {

struct Scenario {
  explicit Scenario(const std::string& text)
      : plan(compiler::lower(fleet_from_text(text), {})),
        fleet(plan.fleet),
        result(simulator::simulate(plan)),
        zone(*plan::TimeZone::locate(fleet.timezone)) {}

  const simulator::ServerResult& server(const std::string& name) const {
    for (const auto& r : result.servers)
      if (fleet.servers[r.server].name == name) return r;
    FAIL("no server " << name);
    return result.servers.front();
  }
  const simulator::AccountResult& account(const std::string& server_name, const std::string& name) const {
    const auto& r = server(server_name);
    for (const auto& a : r.accounts)
      if (fleet.servers[r.server].accounts[a.account].name == name) return a;
    FAIL("no account " << name);
    return r.accounts.front();
  }
  std::string transit_of(const std::string& server_name) const { return fleet.transits[server(server_name).transit].name; }
  std::string iso(plan::Instant t) const { return zone.iso(t); }

  plan::Plan plan;
  const plan::Fleet& fleet;
  simulator::SimulationResult result;
  plan::TimeZone zone;
};

}  // namespace ferry::testing
