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
#include <limits>

namespace ferry::plan {

namespace {

constexpr const char* kStateNames[] = {"pending", "waiting", "scheduled", "running", "done", "failed"};
constexpr const char* kWaitingNames[] = {"nothing", "predecessors", "transit", "crew", "window", "lane"};

}  // namespace

const char* state_name(ActionState state) { return kStateNames[static_cast<int>(state)]; }
const char* waiting_name(WaitingFor what) { return kWaitingNames[static_cast<int>(what)]; }

Dispatcher::Dispatcher(const Plan& plan, const RunDurations& planned, OwnerPace* pace, const DispatchLayout* layout)
    : plan_(plan),
      planned_(planned),
      pace_(pace),
      layout_(layout),
      zone_(*TimeZone::locate(plan.fleet.timezone)),
      windows_(plan.fleet.calendars, zone_, plan.fleet.start),
      pool_(plan.fleet.transits, plan.fleet.servers),
      crew_(plan.fleet.support_capacity),
      records_(boost::num_vertices(plan.graph)),
      servers_(plan.fleet.servers.size()),
      crew_wake_at_(plan.fleet.calendars.size(), std::numeric_limits<Instant>::min()) {
  const Fleet& fleet = plan.fleet;
  if (!layout_) {
    own_layout_ = std::make_unique<DispatchLayout>(plan);
    layout_ = own_layout_.get();
  }
  unfinished_predecessors_ = layout_->predecessors;
  for (std::size_t s = 0; s < fleet.servers.size(); ++s) {
    int parallel = fleet.policies[static_cast<std::size_t>(fleet.servers[s].policy)].parallel;
    servers_[s].phases.reserve(2);
    for (int k = 0; k < 2; ++k)
      servers_[s].phases.push_back(MovePhase{&layout_->servers[s].moves[static_cast<std::size_t>(k)], 0, {},
                                             MoveLanes(parallel), false, &servers_[s].paused});
  }
  for (std::size_t t = 0; t < fleet.transits.size(); ++t) {
    const auto& busy = fleet.transits[t].busy_until;
    if (busy && *busy > fleet.start) add_timer(*busy, TimerKind::transit_back, t);
    else pool_.make_free(t);
  }
  for (std::size_t s = 0; s < fleet.servers.size(); ++s) {
    if (layout_->servers[s].sources.empty()) continue;
    add_timer(std::max(fleet.start, fleet.servers[s].ready.value_or(fleet.start)), TimerKind::server_start, s);
  }
}

Dispatcher::MovePhase* Dispatcher::phase_of(const Step& action) {
  return &servers_[action.server].phases[action.kind == ActionKind::migrate ? 0 : 1];
}

Seconds Dispatcher::planned_length(const Step& action) const {
  return planned_.of(action.kind, action.server, action.account_index());
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
        for (ActionVertex v : layout_->servers[timer.subject].sources) become_ready(v, now);
        break;
      case TimerKind::transit_back: pool_.make_free(timer.subject); break;
      case TimerKind::start_action: {
        ServerState& server = servers_[layout_->steps[timer.subject].server];
        if (server.paused) server.held.push_back(timer.subject);
        else uncontended_.push_back(timer.subject);
        break;
      }
      case TimerKind::window_opens: window_wakes_.erase(timer.at); break;
      case TimerKind::retry_ready: {
        const Step& action = layout_->steps[timer.subject];
        records_[timer.subject].waiting_for = WaitingFor::lane;
        MovePhase* phase = phase_of(action);
        phase->retries.push_back(timer.subject);
        mark_for_placing(*phase);
        break;
      }
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
    start(*layout_->servers[server].acquire, now);
  }
  if (!starts_.empty()) return starts_;
  auto open = [this](int window, Instant t) { return windows_.is_open(window, t); };
  while (auto job = crew_.take(now, open)) start(job->action, now);
  if (starts_.empty()) schedule_crew_wakes(now);
  return starts_;
}

void Dispatcher::start(ActionVertex v, Instant now) {
  ActionRecord& record = records_[v];
  const Step& action = layout_->steps[v];
  record.state = ActionState::running;
  record.waiting_for = WaitingFor::nothing;
  record.start = now;
  ++record.attempts;
  if (action.kind == ActionKind::install_transit || action.kind == ActionKind::reinstall) {
    // A support job's own wait for its window: from ready to the window's
    // first opening (waiting for a crew member after that is not counted).
    Calendar* calendar = action.mode == WindowMode::none ? nullptr : windows_.find(action.window);
    record.window_wait = calendar ? std::min(calendar->next_open(record.ready), now) - record.ready : 0;
  }
  if (action.mode == WindowMode::fit) record.opening_end = windows_.opening_end(action.window, now);
  starts_.push_back(v);
  ++events_;
}

void Dispatcher::finished(ActionVertex v, Instant at) {
  ActionRecord& record = records_[v];
  const Step& action = layout_->steps[v];
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
  for (ActionVertex next : layout_->successors_of(v))
    if (--unfinished_predecessors_[next] == 0) become_ready(next, at);
}

void Dispatcher::rolled_back(ActionVertex v, Instant at) {
  ActionRecord& record = records_[v];
  const Step& action = layout_->steps[v];
  const Policy& policy = plan_.fleet.policies[static_cast<std::size_t>(plan_.fleet.servers[action.server].policy)];
  MovePhase* phase = phase_of(action);
  phase->lanes.release(record.lane, at);
  mark_for_placing(*phase);
  ++events_;
  record.state = ActionState::waiting;
  record.waiting_for = WaitingFor::window;  // the retry's earliest time, then a lane
  record.end = at;
  record.ready = at + policy.retry_after;
  add_timer(record.ready, TimerKind::retry_ready, v);
}

void Dispatcher::failed(ActionVertex v, Instant at) {
  ActionRecord& record = records_[v];
  const Step& action = layout_->steps[v];
  record.state = ActionState::failed;
  record.waiting_for = WaitingFor::nothing;
  record.end = at;
  ++events_;
  servers_[action.server].paused = true;
  switch (action.kind) {
    case ActionKind::install_transit:
    case ActionKind::reinstall: crew_.release(); break;
    case ActionKind::migrate:
    case ActionKind::move_back: phase_of(action)->lanes.release(record.lane, at); break;
    default: break;
  }
}

void Dispatcher::reopen(ActionVertex v, Instant at) {
  ActionRecord& record = records_[v];
  const Step& action = layout_->steps[v];
  if (record.state == ActionState::done) {
    // Undone: what waited for it waits again (the caller checked that none
    // of it has started: a migrate is reopened only before the reinstall).
    --done_;
    for (ActionVertex next : layout_->successors_of(v)) {
      const Step& waiting = layout_->steps[next];
      if (unfinished_predecessors_[next]++ == 0 && records_[next].state == ActionState::waiting &&
          records_[next].waiting_for == WaitingFor::crew) {
        crew_.withdraw({next, waiting.server, records_[next].ready,
                        waiting.mode == WindowMode::none ? kAlwaysOpen : waiting.window});
        records_[next].state = ActionState::pending;
        records_[next].waiting_for = WaitingFor::predecessors;
      }
    }
  } else if (record.state == ActionState::failed) {
    ServerState& server = servers_[action.server];
    server.paused = false;
    for (MovePhase& phase : server.phases) mark_for_placing(phase);
    uncontended_.insert(uncontended_.end(), server.held.begin(), server.held.end());
    server.held.clear();
  }
  if (action.kind == ActionKind::migrate || action.kind == ActionKind::move_back) {
    record.state = ActionState::waiting;
    record.waiting_for = WaitingFor::lane;
    record.ready = at;
    MovePhase* phase = phase_of(action);
    phase->retries.push_back(v);
    mark_for_placing(*phase);
  } else {
    become_ready(v, at);
  }
}

void Dispatcher::become_ready(ActionVertex v, Instant now) {
  ActionRecord& record = records_[v];
  const Step& action = layout_->steps[v];
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
    default: {
      Instant at = windows_.earliest_start(action.window, action.mode, now, planned_length(action)).start;
      record.window_wait = at - now;
      start_at(v, at, now);
      break;
    }
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
  if (*phase.paused) return;
  for (;;) {
    auto lane = phase.lanes.free_lane();
    if (!lane) return;
    std::optional<ActionVertex> next;
    if (phase.next < phase.in_order->size()) {
      ActionVertex v = (*phase.in_order)[phase.next];
      if (v < records_.size() && records_[v].state == ActionState::waiting) next = v;
    }
    // A retry ready before the next move in order goes first; it is not held
    // to the order, so it never waits for the moves ahead of it either.
    if (!phase.retries.empty() && (!next || records_[phase.retries.front()].ready < records_[*next].ready)) {
      ActionVertex retry = phase.retries.front();
      phase.retries.erase(phase.retries.begin());
      place_move(phase, retry, *lane, /*in_order=*/false, now);
    } else if (next) {
      ++phase.next;
      place_move(phase, *next, *lane, /*in_order=*/true, now);
    } else {
      return;
    }
  }
}

void Dispatcher::place_move(MovePhase& phase, ActionVertex v, int lane, bool in_order, Instant now) {
  const Step& action = layout_->steps[v];
  ActionRecord& record = records_[v];
  Instant earliest = std::max(phase.lanes.earliest_start(lane, record.ready, in_order), now);
  if (action.kind == ActionKind::migrate && action.has_account())
    earliest += pace_ ? pace_->migrate_delay(v, record.attempts)
                      : planned_.migrate_delay[action.server][action.account];
  Fit fit = windows_.earliest_start(action.window, action.mode, earliest, planned_length(action));
  record.window_wait = fit.start - earliest;
  phase.lanes.take(lane, fit.start, in_order);
  record.lane = lane;
  start_at(v, fit.start, now);
}

void Dispatcher::schedule_crew_wakes(Instant now) {
  crew_.for_each_waiting_window([&](int window) {
    Calendar* calendar = windows_.find(window);
    if (!calendar) return;
    // Between a closed instant and the next opening the answer stays that
    // opening, whose wake-up is already set: this runs at every instant a
    // support window is closed, so skip the calendar queries.
    Instant& next = crew_wake_at_[static_cast<std::size_t>(window)];
    if (next > now) return;
    if (calendar->is_open(now)) return;
    Instant at = calendar->next_open(now);
    next = at;
    if (at > now && window_wakes_.insert(at).second) add_timer(at, TimerKind::window_opens, 0);
  });
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
