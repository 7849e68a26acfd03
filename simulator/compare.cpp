#include "simulator/compare.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <tuple>

namespace ferry::simulator {

namespace {

// The server a violation is about: its subject is a server or an account name.
std::string server_of(const plan::Fleet& fleet, const Violation& v) {
  for (const plan::Server& s : fleet.servers) {
    if (s.name == v.subject) return s.name;
    for (const plan::Account& a : s.accounts)
      if (a.name == v.subject) return s.name;
  }
  return "";
}

std::map<std::string, ServerFigures> figures(const plan::Fleet& fleet, const SimulationResult& result) {
  std::map<std::string, ServerFigures> out;
  for (const ServerResult& r : result.servers) {
    ServerFigures f;
    f.transit = fleet.transits[r.transit].name;
    f.wait = r.transit_wait();
    f.released = r.released;
    for (const AccountResult& a : r.accounts) f.downtime += a.total_downtime();
    f.cost_cents = r.bill.cost_cents;
    out[fleet.servers[r.server].name] = f;
  }
  for (const Violation& v : result.violations) {
    auto it = out.find(server_of(fleet, v));
    if (it != out.end()) ++it->second.violations;
  }
  return out;
}

TotalFigures totals(const plan::Fleet& fleet, const SimulationResult& result) {
  TotalFigures t;
  t.start = fleet.start;
  t.end = result.end;
  t.downtime = result.total_downtime;
  t.cost_cents = result.total_cost_cents;
  t.violations = result.violations.size();
  for (const ServerResult& r : result.servers)
    if (r.transit_wait() > t.longest_wait) {
      t.longest_wait = r.transit_wait();
      t.longest_wait_server = fleet.servers[r.server].name;
    }
  return t;
}

bool same(const Violation& x, const Violation& y) {
  return x.kind == y.kind && x.subject == y.subject && x.message == y.message;
}

std::vector<Violation> only_in(const std::vector<Violation>& these, const std::vector<Violation>& those) {
  std::vector<Violation> out;
  for (const Violation& v : these)
    if (std::none_of(those.begin(), those.end(), [&](const Violation& w) { return same(v, w); })) out.push_back(v);
  return out;
}

}  // namespace

plan::Seconds ServerChange::time_effect() const {
  if (!before || !after) return kHorizon;
  return std::max({std::llabs(after->wait - before->wait), std::llabs(after->released - before->released),
                   std::llabs(after->downtime - before->downtime)});
}

std::int64_t ServerChange::cost_effect() const {
  if (!before || !after) return 0;
  return std::llabs(after->cost_cents - before->cost_cents);
}

bool ServerChange::changed() const {
  if (!before || !after) return true;
  return time_effect() != 0 || cost_effect() != 0 || before->transit != after->transit ||
         before->violations != after->violations;
}

Comparison compare(const plan::Fleet& fleet_a, const SimulationResult& a, const plan::Fleet& fleet_b,
                   const SimulationResult& b) {
  Comparison c;
  c.before = totals(fleet_a, a);
  c.after = totals(fleet_b, b);
  std::map<std::string, ServerFigures> before = figures(fleet_a, a), after = figures(fleet_b, b);
  // Written order: the first fleet's servers, then those only in the second.
  for (const ServerResult& r : a.servers) c.servers.push_back({fleet_a.servers[r.server].name, {}, {}});
  for (const ServerResult& r : b.servers)
    if (!before.count(fleet_b.servers[r.server].name)) c.servers.push_back({fleet_b.servers[r.server].name, {}, {}});
  for (ServerChange& s : c.servers) {
    if (auto it = before.find(s.server); it != before.end()) s.before = it->second;
    if (auto it = after.find(s.server); it != after.end()) s.after = it->second;
  }
  std::stable_sort(c.servers.begin(), c.servers.end(), [](const ServerChange& x, const ServerChange& y) {
    return std::tuple(x.changed(), x.time_effect(), x.cost_effect()) >
           std::tuple(y.changed(), y.time_effect(), y.cost_effect());
  });
  c.resolved = only_in(a.violations, b.violations);
  c.introduced = only_in(b.violations, a.violations);
  return c;
}

}  // namespace ferry::simulator
