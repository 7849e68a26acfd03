// Readiness comes from the graph: an action is ready when its last
// predecessor finishes (a count per action, decremented along out-edges);
// actions nothing precedes are ready at their server's start. A ready action
// then waits for what its kind needs: acquire_transit for the pool,
// install_transit and reinstall for a crew member and an open window, account
// moves for a lane in the server's order and a window they fit in; the rest
// (prepare, release_transit) only for its window, if any. Account moves and
// windowed actions are placed as soon as they are ready (nothing else
// competes for a server's lanes) and start from a timer.
#include "plan/dispatcher.hpp"

#include <algorithm>

namespace ferry::plan {

namespace {

constexpr const char* kStateNames[] = {"pending", "waiting", "scheduled", "running", "done"};
constexpr const char* kWaitingNames[] = {"nothing", "predecessors", "transit", "crew", "window", "lane"};

bool is_move(ActionKind kind) { return kind == ActionKind::migrate || kind == ActionKind::move_back; }

}  // namespace

const char* state_name(ActionState state) { return kStateNames[static_cast<int>(state)]; }
const char* waiting_name(WaitingFor what) { return kWaitingNames[static_cast<int>(what)]; }

Dispatcher::Dispatcher(const Plan& plan, const RunDurations& planned)
    : plan_(plan),
      planned_(planned),
      zone_(*TimeZone::locate(plan.fleet.timezone)),
      windows_(plan.fleet.calendars, zone_, plan.fleet.start),
      pool_(plan.fleet.transits, plan.fleet.servers),
      crew_(plan.fleet.support_capacity),
      records_(boost::num_vertices(plan.graph)),
      unfinished_predecessors_(records_.size()),
      servers_(plan.fleet.servers.size()) {
  const Fleet& fleet = plan.fleet;
  for (std::size_t s = 0; s < fleet.servers.size(); ++s) {
    int parallel = fleet.policies[static_cast<std::size_t>(fleet.servers[s].policy)].parallel;
    servers_[s].phases.assign(2, MovePhase{{}, 0, MoveLanes(parallel), false});
  }
  // A move's place in its phase is its account's place in the move order.
  std::vector<std::vector<std::size_t>> position(fleet.servers.size());
  for (std::size_t s = 0; s < plan.move_order.size() && s < position.size(); ++s) {
    position[s].assign(fleet.servers[s].accounts.size(), 0);
    for (std::size_t k = 0; k < plan.move_order[s].size(); ++k) position[s][plan.move_order[s][k]] = k;
    for (MovePhase& phase : servers_[s].phases) phase.in_order.assign(plan.move_order[s].size(), records_.size());
  }
  for (ActionVertex v = 0; v < records_.size(); ++v) {
    const Action& action = plan.graph[v];
    ServerState& server = servers_[action.server];
    unfinished_predecessors_[v] = static_cast<std::uint32_t>(boost::in_degree(v, plan.graph));
    if (unfinished_predecessors_[v] == 0) server.sources.push_back(v);
    if (action.kind == ActionKind::acquire_transit) server.acquire = v;
    if (is_move(action.kind) && action.account && !position[action.server].empty())
      phase_of(action)->in_order[position[action.server][*action.account]] = v;
  }
  for (std::size_t t = 0; t < fleet.transits.size(); ++t) {
    const auto& busy = fleet.transits[t].busy_until;
    if (busy && *busy > fleet.start) add_timer(*busy, TimerKind::transit_back, t);
    else pool_.make_free(t);
  }
  for (std::size_t s = 0; s < fleet.servers.size(); ++s) {
    if (servers_[s].sources.empty()) continue;
    add_timer(std::max(fleet.start, fleet.servers[s].ready.value_or(fleet.start)), TimerKind::server_start, s);
  }
}

Dispatcher::MovePhase* Dispatcher::phase_of(const Action& action) {
  return &servers_[action.server].phases[action.kind == ActionKind::migrate ? 0 : 1];
}

void Dispatcher::add_timer(Instant at, TimerKind kind, std::size_t subject) {
  timers_.push({at, sequence_++, kind, subject});
}

std::optional<Instant> Dispatcher::next_wake() const {
  if (timers_.empty()) return std::nullopt;
  return timers_.top().at;
}

std::optional<std::size_t> Dispatcher::transit_of(std::size_t server) const { return servers_[server].transit; }

void Dispatcher::fire_timers(Instant now) {
  while (!timers_.empty() && timers_.top().at <= now) {
    Timer timer = timers_.top();
    timers_.pop();
    switch (timer.kind) {
      case TimerKind::server_start:
        for (ActionVertex v : servers_[timer.subject].sources) become_ready(v, now);
        break;
      case TimerKind::transit_back: pool_.make_free(timer.subject); break;
      case TimerKind::start_action: uncontended_.push_back(timer.subject); break;
      case TimerKind::window_opens: window_wakes_.erase(timer.at); break;
    }
  }
}

const std::vector<ActionVertex>& Dispatcher::dispatch(Instant now) {
  starts_.clear();
  fire_timers(now);
  // Placed only now that every finish at this instant is known: two lanes
  // freeing at once must both be candidates (the lowest wins the tie).
  for (MovePhase* phase : to_place_) {
    phase->marked = false;
    place_moves(*phase, now);
  }
  to_place_.clear();
  if (!uncontended_.empty()) {
    for (ActionVertex v : uncontended_) start(v, now);
    uncontended_.clear();
    return starts_;
  }
  for (auto [server, transit] : pool_.hand_out()) {
    servers_[server].transit = transit;
    start(*servers_[server].acquire, now);
  }
  if (!starts_.empty()) return starts_;
  auto open = [this](int window, Instant t) { return windows_.is_open(window, t); };
  while (auto job = crew_.take(now, open)) start(job->action, now);
  if (starts_.empty()) schedule_crew_wakes(now);
  return starts_;
}

void Dispatcher::start(ActionVertex v, Instant now) {
  ActionRecord& record = records_[v];
  const Action& action = plan_.graph[v];
  record.state = ActionState::running;
  record.waiting_for = WaitingFor::nothing;
  record.start = now;
  if (action.mode == WindowMode::fit) record.opening_end = windows_.opening_end(action.window, now);
  starts_.push_back(v);
  ++events_;
}

void Dispatcher::finished(ActionVertex v, Instant at) {
  ActionRecord& record = records_[v];
  const Action& action = plan_.graph[v];
  record.state = ActionState::done;
  record.end = at;
  ++done_;
  ++events_;
  switch (action.kind) {
    case ActionKind::install_transit:
    case ActionKind::reinstall: crew_.release(); break;
    case ActionKind::migrate:
    case ActionKind::move_back: {
      MovePhase* phase = phase_of(action);
      phase->lanes.release(record.lane, at);
      mark_for_placing(*phase);
      break;
    }
    case ActionKind::release_transit:
      if (auto transit = servers_[action.server].transit) {
        if (plan_.fleet.transit_recycle == 0) pool_.make_free(*transit);
        else add_timer(at + plan_.fleet.transit_recycle, TimerKind::transit_back, *transit);
      }
      break;
    default: break;
  }
  for (auto edge : boost::make_iterator_range(boost::out_edges(v, plan_.graph))) {
    ActionVertex next = boost::target(edge, plan_.graph);
    if (--unfinished_predecessors_[next] == 0) become_ready(next, at);
  }
}

void Dispatcher::become_ready(ActionVertex v, Instant now) {
  ActionRecord& record = records_[v];
  const Action& action = plan_.graph[v];
  record.ready = now;
  record.state = ActionState::waiting;
  switch (action.kind) {
    case ActionKind::acquire_transit:
      record.waiting_for = WaitingFor::transit;
      pool_.request(action.server, now);
      break;
    case ActionKind::install_transit:
    case ActionKind::reinstall:
      record.waiting_for = WaitingFor::crew;
      crew_.wait({v, action.server, now, action.mode == WindowMode::none ? kAlwaysOpen : action.window});
      break;
    case ActionKind::migrate:
    case ActionKind::move_back:
      record.waiting_for = WaitingFor::lane;
      mark_for_placing(*phase_of(action));
      break;
    default:
      start_at(v, windows_.earliest_start(action.window, action.mode, now, planned_.of(action)).start, now);
      break;
  }
}

void Dispatcher::start_at(ActionVertex v, Instant at, Instant now) {
  ActionRecord& record = records_[v];
  record.state = ActionState::scheduled;
  if (at <= now) {
    uncontended_.push_back(v);
  } else {
    record.waiting_for = WaitingFor::window;
    add_timer(at, TimerKind::start_action, v);
  }
}

void Dispatcher::mark_for_placing(MovePhase& phase) {
  if (phase.marked) return;
  phase.marked = true;
  to_place_.push_back(&phase);
}

void Dispatcher::place_moves(MovePhase& phase, Instant now) {
  while (phase.next < phase.in_order.size()) {
    ActionVertex v = phase.in_order[phase.next];
    if (v >= records_.size() || records_[v].state != ActionState::waiting) return;
    auto lane = phase.lanes.free_lane();
    if (!lane) return;
    const Action& action = plan_.graph[v];
    Instant earliest = std::max(phase.lanes.earliest_start(*lane, records_[v].ready), now);
    Fit fit = windows_.earliest_start(action.window, action.mode, earliest, planned_.of(action));
    phase.lanes.take(*lane, fit.start);
    records_[v].lane = *lane;
    ++phase.next;
    start_at(v, fit.start, now);
  }
}

void Dispatcher::schedule_crew_wakes(Instant now) {
  for (int window : crew_.waiting_windows()) {
    Calendar* calendar = windows_.find(window);
    if (!calendar || calendar->is_open(now)) continue;
    Instant at = calendar->next_open(now);
    if (at > now && window_wakes_.insert(at).second) add_timer(at, TimerKind::window_opens, 0);
  }
}

std::string Dispatcher::why_stuck() const {
  for (ActionVertex v = 0; v < records_.size(); ++v) {
    const ActionRecord& record = records_[v];
    if (record.state == ActionState::done || record.state == ActionState::pending) continue;
    const Action& action = plan_.graph[v];
    std::string what = record.waiting_for == WaitingFor::transit ? "a matching transit that never comes free"
                       : record.waiting_for == WaitingFor::crew  ? "a support window that never opens"
                                                                 : std::string("its ") + waiting_name(record.waiting_for);
    return "server \"" + plan_.fleet.servers[action.server].name + "\": " + kind_name(action.kind) +
           " waits for " + what;
  }
  for (ActionVertex v = 0; v < records_.size(); ++v)
    if (records_[v].state != ActionState::done)
      return "server \"" + plan_.fleet.servers[plan_.graph[v].server].name + "\": " +
             kind_name(plan_.graph[v].kind) + " waits for an action that never ends";
  return "";
}

}  // namespace ferry::plan
