// Reading a finished run back per server and account from the dispatcher's
// records and the executor's account outcomes; billing (§4 rule 8) and the
// violations (§4.2, server by server in written order) are computed here.
#include "simulator/run_reader.hpp"

#include <algorithm>

#include "plan/time_zone.hpp"
#include "simulator/time_text.hpp"

namespace ferry::simulator {

namespace {

using plan::ActionKind;
using plan::ActionVertex;
using plan::Instant;

// Where each server's actions are in the graph.
struct ServerActions {
  std::optional<ActionVertex> acquire, install, reinstall;
  std::vector<std::optional<ActionVertex>> migrate, move_back;  // by account
};

std::vector<ServerActions> index_actions(const plan::Plan& plan) {
  std::vector<ServerActions> index(plan.fleet.servers.size());
  for (std::size_t s = 0; s < index.size(); ++s) {
    index[s].migrate.resize(plan.fleet.servers[s].accounts.size());
    index[s].move_back.resize(plan.fleet.servers[s].accounts.size());
  }
  for (ActionVertex v : boost::make_iterator_range(boost::vertices(plan.graph))) {
    const plan::Action& a = plan.graph[v];
    ServerActions& server = index[a.server];
    switch (a.kind) {
      case ActionKind::acquire_transit: server.acquire = v; break;
      case ActionKind::install_transit: server.install = v; break;
      case ActionKind::reinstall: server.reinstall = v; break;
      case ActionKind::migrate:
        if (a.account) server.migrate[*a.account] = v;
        break;
      case ActionKind::move_back:
        if (a.account) server.move_back[*a.account] = v;
        break;
      default: break;
    }
  }
  return index;
}

class ResultBuilder {
 public:
  ResultBuilder(const plan::Plan& plan, const plan::Dispatcher& dispatcher, const AccountOutcomes& outcomes)
      : plan_(plan), fleet_(plan.fleet), dispatcher_(dispatcher), outcomes_(outcomes),
        zone_(*plan::TimeZone::locate(fleet_.timezone)) {}

  SimulationResult build() {
    std::vector<ServerActions> index = index_actions(plan_);
    out_.events = dispatcher_.events();
    warn_about_window_waits();
    for (std::size_t s = 0; s < fleet_.servers.size(); ++s)
      if (!fleet_.servers[s].accounts.empty()) add_server(s, index[s]);
    if (out_.servers.empty()) out_.end = fleet_.start;
    return std::move(out_);
  }

 private:
  Interval interval(std::optional<ActionVertex> v) const {
    if (!v) return {};
    const plan::ActionRecord& r = dispatcher_.record(*v);
    return {r.start, r.end};
  }
  void add_server(std::size_t s, const ServerActions& actions) {
    const plan::Server& server = fleet_.servers[s];
    const plan::Policy& p = fleet_.policies[static_cast<std::size_t>(server.policy)];
    ServerResult r;
    r.server = s;
    r.transit = dispatcher_.transit_of(s).value_or(0);
    r.start = std::max(fleet_.start, server.ready.value_or(fleet_.start));
    if (actions.acquire) {
      r.requested = dispatcher_.record(*actions.acquire).ready;
      r.acquired = dispatcher_.record(*actions.acquire).start;
    }
    r.install = interval(actions.install);
    r.reinstall = interval(actions.reinstall);
    r.all_migrated = r.install.end;
    r.released = r.reinstall.end;
    r.accounts.reserve(server.accounts.size());
    for (std::size_t a = 0; a < server.accounts.size(); ++a) {
      const plan::Account& account = server.accounts[a];
      AccountResult& ar = r.accounts.emplace_back();
      ar.account = a;
      ar.migrate = interval(actions.migrate[a]);
      ar.move_back = interval(actions.move_back[a]);
      r.all_migrated = std::max(r.all_migrated, ar.migrate.end);
      r.released = std::max(r.released, ar.move_back.end);
      const AccountOutcome& outcome = outcomes_[s][a];
      ar.migrate_downtime = outcome.downtime;
      ar.move_back_downtime = outcome.downtime;
      ar.rollbacks = outcome.rollbacks;
      ar.rollback_downtime = outcome.rollback_downtime;
      ar.overruns = outcome.overruns;
      ar.reroute_downtime = account.dns == plan::Dns::external ? p.ip_reroute : 0;
      out_.total_downtime += ar.total_downtime();
      if (p.max_downtime && ar.total_downtime() > *p.max_downtime)
        out_.violations.push_back({"max_downtime", account.name,
                                   "account \"" + account.name + "\" is down " + std::to_string(ar.total_downtime()) +
                                       " s, more than max_downtime " + std::to_string(*p.max_downtime) + " s"});
      if (ar.overruns > 0)
        out_.violations.push_back({"window_overrun", account.name,
                                   "a move of account \"" + account.name + "\" runs past the end of its window"});
    }
    std::vector<plan::BilledPeriod> periods{{r.install.end, r.all_migrated, p.free_transit}};
    if (p.move_back_by == plan::MoveBackBy::user) periods.push_back({r.reinstall.end, r.released, p.free_move_back});
    r.bill = plan::bill_server(server.price, periods, zone_);
    r.held_days = static_cast<double>(r.all_migrated - r.install.end) / plan::kDay;
    if (p.deadline && r.released > *p.deadline)
      out_.violations.push_back({"deadline", server.name,
                                 "server \"" + server.name + "\" is released at " + zone_.iso(r.released) +
                                     ", after its deadline " + zone_.iso(*p.deadline)});
    out_.total_cost_cents += r.bill.cost_cents;
    out_.max_transit_wait = std::max(out_.max_transit_wait, r.transit_wait());
    out_.end = out_.servers.empty() ? r.released : std::max(out_.end, r.released);
    out_.servers.push_back(std::move(r));
  }

  void warn_about_window_waits() {
    for (ActionVertex v : boost::make_iterator_range(boost::vertices(plan_.graph))) {
      const plan::ActionRecord& r = dispatcher_.record(v);
      if (r.window_wait <= kLongWindowWait) continue;
      const plan::Action& action = plan_.graph[v];
      const plan::Server& server = fleet_.servers[action.server];
      std::string what = server.name + "/" + plan::kind_name(action.kind);
      if (action.account) what += "/" + server.accounts[*action.account].name;
      std::string window = action.window == plan::kAlwaysOpen ? "its window"
                                                              : "window \"" + fleet_.calendars[static_cast<std::size_t>(action.window)].name + "\"";
      out_.warnings.push_back(what + " waits " + clock_duration(r.window_wait) + " for " + window + " (it starts " +
                              day_time(zone_, r.start) + "): is the window too short or closed too often?");
    }
  }
  static constexpr plan::Seconds kLongWindowWait = 7 * plan::kDay;

  const plan::Plan& plan_;
  const plan::Fleet& fleet_;
  const plan::Dispatcher& dispatcher_;
  const AccountOutcomes& outcomes_;
  plan::TimeZone zone_;
  SimulationResult out_;
};

}  // namespace

SimulationResult read_run(const plan::Plan& plan, const plan::Dispatcher& dispatcher, const AccountOutcomes& accounts) {
  return ResultBuilder(plan, dispatcher, accounts).build();
}

}  // namespace ferry::simulator
