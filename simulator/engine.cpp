// Account moves do not compete across servers, so a server's whole batch of
// migrates (or move backs) is placed when it becomes ready: lanes and fit
// windows decide every start. Only transits and the crew are contended and
// need events. A support job waiting for its window gets a wake-up event at
// the window's next opening.
#include "simulator/engine.hpp"

#include <algorithm>
#include <queue>
#include <set>

#include "plan/move_lanes.hpp"
#include "plan/move_order.hpp"
#include "plan/support_crew.hpp"
#include "plan/time_zone.hpp"
#include "plan/transit_pool.hpp"
#include "plan/windows.hpp"

namespace ferry::simulator {

namespace {

using plan::Instant;
using plan::Seconds;

enum class EventKind { request_transit, transit_free, install_end, reinstall_ready, reinstall_end, wake };

struct Event {
  Instant at;
  std::uint64_t sequence;
  EventKind kind;
  std::size_t subject;
  bool operator>(const Event& other) const {
    return at != other.at ? at > other.at : sequence > other.sequence;
  }
};

class Run {
 public:
  Run(const plan::Fleet& fleet, const RunDurations& durations)
      : fleet_(fleet),
        durations_(durations),
        zone_(*plan::TimeZone::locate(fleet.timezone)),
        windows_(fleet.calendars, zone_, fleet.start),
        pool_(fleet.transits, fleet.servers),
        crew_(fleet.support_capacity),
        results_(fleet.servers.size()) {}

  SimulationResult run() {
    for (std::size_t t = 0; t < fleet_.transits.size(); ++t) {
      const auto& busy = fleet_.transits[t].busy_until;
      if (busy && *busy > fleet_.start) push(*busy, EventKind::transit_free, t);
      else pool_.make_free(t);
    }
    for (std::size_t s = 0; s < fleet_.servers.size(); ++s) {
      const plan::Server& server = fleet_.servers[s];
      if (server.accounts.empty()) continue;
      ServerResult& r = results_[s];
      r.server = s;
      r.start = std::max(fleet_.start, server.ready.value_or(fleet_.start));
      r.requested = r.start;
      for (Seconds d : durations_.prepare[s]) r.requested += d;
      push(r.requested, EventKind::request_transit, s);
    }
    while (!events_.empty()) {
      Instant now = events_.top().at;
      if (now - fleet_.start > kHorizon) return stopped("it would still run 100 years after the fleet's start");
      do {
        while (!events_.empty() && events_.top().at == now) {
          Event e = events_.top();
          events_.pop();
          apply(e, now);
        }
        hand_out(now);
      } while (!events_.empty() && events_.top().at == now);
      schedule_wakes(now);
    }
    return finish();
  }

 private:
  const plan::Policy& policy(std::size_t s) const {
    return fleet_.policies[static_cast<std::size_t>(fleet_.servers[s].policy)];
  }

  void push(Instant at, EventKind kind, std::size_t subject) { events_.push({at, sequence_++, kind, subject}); }

  void apply(const Event& e, Instant now) {
    ++event_count_;
    std::size_t s = e.subject;
    switch (e.kind) {
      case EventKind::request_transit: pool_.request(s, now); break;
      case EventKind::transit_free: pool_.make_free(s); break;
      case EventKind::install_end:
        crew_.release();
        results_[s].install.end = now;
        place_moves(s, now, /*back=*/false);
        push(results_[s].all_migrated, EventKind::reinstall_ready, s);
        break;
      case EventKind::reinstall_ready:
        crew_.wait({s, plan::SupportKind::reinstall, now, policy(s).support_window});
        break;
      case EventKind::reinstall_end:
        crew_.release();
        results_[s].reinstall.end = now;
        place_moves(s, now, /*back=*/true);
        released_[s] = true;
        push(results_[s].released + fleet_.transit_recycle, EventKind::transit_free, results_[s].transit);
        break;
      case EventKind::wake: wakes_.erase(now); break;
    }
  }

  void hand_out(Instant now) {
    for (auto [s, t] : pool_.hand_out()) {
      results_[s].transit = t;
      results_[s].acquired = now;
      crew_.wait({s, plan::SupportKind::install_transit, now, policy(s).support_window});
    }
    auto open = [this](int window, Instant t) { return windows_.is_open(window, t); };
    while (auto job = crew_.take(now, open)) {
      ServerResult& r = results_[job->server];
      if (job->kind == plan::SupportKind::install_transit) {
        r.install.start = now;
        push(now + durations_.install[job->server], EventKind::install_end, job->server);
      } else {
        r.reinstall.start = now;
        push(now + durations_.reinstall[job->server], EventKind::reinstall_end, job->server);
      }
    }
  }

  void schedule_wakes(Instant now) {
    for (int window : crew_.waiting_windows()) {
      plan::Calendar* c = windows_.find(window);
      if (!c || c->is_open(now)) continue;
      Instant at = c->next_open(now);
      if (at > now && wakes_.insert(at).second) push(at, EventKind::wake, 0);
    }
  }

  void place_moves(std::size_t s, Instant ready, bool back) {
    const plan::Server& server = fleet_.servers[s];
    const plan::Policy& p = policy(s);
    ServerResult& r = results_[s];
    if (r.accounts.empty()) {
      r.accounts.resize(server.accounts.size());
      for (std::size_t a = 0; a < server.accounts.size(); ++a) r.accounts[a].account = a;
    }
    plan::Calendar* window = windows_.find(back ? p.effective_move_back_window() : p.migrate_window);
    plan::MoveLanes lanes(p.parallel, ready);
    Instant last_end = ready;
    for (std::size_t a : move_order(server, p.order)) {
      plan::MovePlacement m = lanes.place(durations_.downtime[s][a], window);
      AccountResult& ar = r.accounts[a];
      (back ? ar.move_back : ar.migrate) = {m.start, m.end};
      (back ? ar.move_back_overrun : ar.migrate_overrun) = m.overrun;
      last_end = std::max(last_end, m.end);
    }
    (back ? r.released : r.all_migrated) = last_end;
  }

  static SimulationResult stopped(std::string why) {
    SimulationResult result;
    result.runaway = true;
    result.stuck = std::move(why);
    return result;
  }

  SimulationResult finish() {
    for (std::size_t s = 0; s < fleet_.servers.size(); ++s)
      if (!fleet_.servers[s].accounts.empty() && !released_[s])
        return stopped("server \"" + fleet_.servers[s].name + "\" waits for something that never comes (a window that never opens, or no matching transit)");
    SimulationResult out;
    out.events = event_count_;
    for (std::size_t s = 0; s < fleet_.servers.size(); ++s) {
      const plan::Server& server = fleet_.servers[s];
      if (server.accounts.empty()) continue;
      const plan::Policy& p = policy(s);
      ServerResult r = std::move(results_[s]);
      for (AccountResult& a : r.accounts) {
        const plan::Account& account = server.accounts[a.account];
        a.migrate_downtime = durations_.downtime[s][a.account];
        a.move_back_downtime = a.migrate_downtime;
        a.reroute_downtime = account.dns == plan::Dns::external ? p.ip_reroute : 0;
        out.total_downtime += a.total_downtime();
        if (p.max_downtime && a.total_downtime() > *p.max_downtime)
          out.violations.push_back({"max_downtime", account.name,
                                    "account \"" + account.name + "\" is down " + std::to_string(a.total_downtime()) +
                                        " s, more than max_downtime " + std::to_string(*p.max_downtime) + " s"});
        if (a.migrate_overrun || a.move_back_overrun)
          out.violations.push_back({"window_overrun", account.name,
                                    "a move of account \"" + account.name + "\" is longer than every opening of its window"});
      }
      std::vector<plan::BilledPeriod> periods{{r.install.end, r.all_migrated, p.free_transit}};
      if (p.move_back_by == plan::MoveBackBy::user) periods.push_back({r.reinstall.end, r.released, p.free_move_back});
      r.bill = plan::bill_server(server.price, periods, zone_);
      r.held_days = static_cast<double>(r.all_migrated - r.install.end) / plan::kDay;
      if (p.deadline && r.released > *p.deadline)
        out.violations.push_back({"deadline", server.name,
                                  "server \"" + server.name + "\" is released at " + zone_.iso(r.released) +
                                      ", after its deadline " + zone_.iso(*p.deadline)});
      out.total_cost_cents += r.bill.cost_cents;
      out.max_transit_wait = std::max(out.max_transit_wait, r.transit_wait());
      out.end = out.servers.empty() ? r.released : std::max(out.end, r.released);
      out.servers.push_back(std::move(r));
    }
    if (out.servers.empty()) out.end = fleet_.start;
    return out;
  }

  const plan::Fleet& fleet_;
  const RunDurations& durations_;
  plan::TimeZone zone_;
  plan::Windows windows_;
  plan::TransitPool pool_;
  plan::SupportCrew crew_;
  std::vector<ServerResult> results_;
  std::vector<bool> released_ = std::vector<bool>(fleet_.servers.size(), false);
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> events_;
  std::set<Instant> wakes_;
  std::uint64_t sequence_ = 0;
  std::uint64_t event_count_ = 0;
};

}  // namespace

SimulationResult simulate(const plan::Fleet& fleet, const RunDurations& durations) {
  return Run(fleet, durations).run();
}

}  // namespace ferry::simulator
