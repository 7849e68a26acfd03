// Dispatcher: the rules of DESIGN §4 and §4.2, written once, for the
// simulator and the runtime alike. It reads the plan — the action graph's
// edges, each action's window and mode, each server's move order — owns the
// state of every action, and, told which actions finished when, decides
// which start when: transit hand-out, crew, windows, lanes in order,
// wake-ups at window openings. Decisions use the planned durations; an
// action ends whenever its driver says it did.
//   Dispatcher d(plan, RunDurations::means(plan.fleet));
//   for (ActionVertex v : d.dispatch(now)) executor.start(v, now);
//   d.finished(v, end);  ...  d.next_wake();
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <queue>
#include <set>
#include <string>
#include <vector>

#include "plan/dispatch_layout.hpp"
#include "plan/move_lanes.hpp"
#include "plan/plan.hpp"
#include "plan/run_durations.hpp"
#include "plan/support_crew.hpp"
#include "plan/time_zone.hpp"
#include "plan/transit_pool.hpp"
#include "plan/windows.hpp"

namespace ferry::plan {

enum class ActionState : std::uint8_t { pending, waiting, scheduled, running, done, failed };
// What a waiting action waits for (the runtime's `status` shows it).
enum class WaitingFor : std::uint8_t { nothing, predecessors, transit, crew, window, lane };

const char* state_name(ActionState state);
const char* waiting_name(WaitingFor what);

struct ActionRecord {
  ActionState state = ActionState::pending;
  WaitingFor waiting_for = WaitingFor::predecessors;
  int lane = -1;  // account moves: the lane taken
  int attempts = 0;  // starts so far (a rolled-back migrate is tried again)
  Instant ready = 0;  // every predecessor done (acquire_transit: the request; a retry: rollback end + retry_after)
  Instant start = 0;
  Instant end = 0;
  // Fit-mode actions: the end of the opening they started in; an action
  // ending after it overran its window (Monte Carlo draws, real commands).
  std::optional<Instant> opening_end;
  // How long it waited for its window alone once nothing else held it (a
  // move that fits only on a rare night waits months).
  Seconds window_wait = 0;
  Seconds overrun() const { return opening_end && end > *opening_end ? end - *opening_end : 0; }
};

// The owner's pace (DESIGN §2.4 `migrate_delay`): how long the owner lets
// pass before a migrate attempt that could start. The deterministic run and
// the runtime use the planned mean; Monte Carlo draws one per attempt.
class OwnerPace {
 public:
  virtual ~OwnerPace() = default;
  virtual Seconds migrate_delay(ActionVertex migrate, int attempt) = 0;
};

class Dispatcher {
 public:
  // `planned`: the durations decisions are taken with (the means); `pace`:
  // migrate delays, the planned means when null. All must outlive the
  // dispatcher.
  // `layout`: the plan's layout shared by several runs; built here if null.
  Dispatcher(const Plan& plan, const RunDurations& planned, OwnerPace* pace = nullptr,
             const DispatchLayout* layout = nullptr);

  // The actions that start at `now`. Report every finish at `now` first,
  // and call again until nothing starts: each call is one stage of the
  // instant — what needs no contended resource, then transit hand-outs, then
  // crew members — so that everything happening at an instant is applied
  // before transits and crew are handed out (§4.2 "order of work").
  const std::vector<ActionVertex>& dispatch(Instant now);
  // `action`, started earlier, ended at `at` (>= its start, >= any instant
  // already dispatched).
  void finished(ActionVertex action, Instant at);
  // A migrate attempt, started earlier, was rolled back, the rollback ending
  // at `at`: its lane is free, and the migrate is tried again from `at` +
  // the policy's `retry_after`, taking the lane that frees first and its
  // window like any move, but not held to the order (§4.4).
  void rolled_back(ActionVertex action, Instant at);

  // `action`'s attempt failed for good at `at` (the runtime, retries spent):
  // its lane or crew member is free, and its server pauses — none of its
  // moves is placed until the operator reopens the action.
  void failed(ActionVertex action, Instant at);
  // The operator reopened `action` at `at`: a failed action is tried again
  // (its server goes on); a done migrate was rolled back (the server's
  // reinstall, not started, waits for it again). Ready at once, a move not
  // held to the order.
  void reopen(ActionVertex action, Instant at);
  bool paused(std::size_t server) const { return servers_[server].paused; }

  // The next instant at which something may start without an action
  // finishing (a server's start, a transit back in the pool, a move due, a
  // window opening for the crew); nullopt when only finishes can help.
  std::optional<Instant> next_wake() const;
  bool all_done() const { return done_ == records_.size(); }
  // Why a run that has nothing left to wait for is not done.
  std::string why_stuck() const;

  const Plan& plan() const { return plan_; }
  const DispatchLayout& layout() const { return *layout_; }
  const ActionRecord& record(ActionVertex action) const { return records_[action]; }
  // The transit a server acquired, once it has one.
  std::optional<std::size_t> transit_of(std::size_t server) const;
  // Action starts and ends so far.
  std::uint64_t events() const { return events_; }

 private:
  enum class TimerKind : std::uint8_t { server_start, transit_back, start_action, window_opens, retry_ready };
  struct Timer {
    Instant at;
    std::uint64_t sequence;
    TimerKind kind;
    std::size_t subject;
    bool operator>(const Timer& other) const {
      return at != other.at ? at > other.at : sequence > other.sequence;
    }
  };
  // One phase of a server's account moves (migrates, or move backs): its
  // actions in the plan's move order, the next one to place, its lanes.
  struct MovePhase {
    const std::vector<ActionVertex>* in_order;  // the layout's
    std::size_t next = 0;
    std::vector<ActionVertex> retries;  // ready to be tried again, earliest ready first
    MoveLanes lanes;
    bool marked = false;  // in to_place_
    const bool* paused = nullptr;  // its server's
  };
  struct ServerState {
    std::optional<std::size_t> transit;
    bool paused = false;  // an action failed: nothing more of it starts
    std::vector<ActionVertex> held;  // due to start while paused
    std::vector<MovePhase> phases;  // [0] migrates, [1] move backs
  };

  void add_timer(Instant at, TimerKind kind, std::size_t subject);
  void fire_timers(Instant now);
  void become_ready(ActionVertex action, Instant now);
  void start_at(ActionVertex action, Instant at, Instant now);
  void start(ActionVertex action, Instant now);
  void mark_for_placing(MovePhase& phase);
  void place_moves(MovePhase& phase, Instant now);
  void place_move(MovePhase& phase, ActionVertex v, int lane, bool in_order, Instant now);
  using Step = DispatchLayout::Step;
  MovePhase* phase_of(const Step& action);
  // An action's duration in the plan, which its window fit is decided with.
  Seconds planned_length(const Step& action) const;
  void schedule_crew_wakes(Instant now);

  const Plan& plan_;
  const RunDurations& planned_;
  OwnerPace* pace_;
  const DispatchLayout* layout_;
  std::unique_ptr<DispatchLayout> own_layout_;
  TimeZone zone_;
  Windows windows_;
  TransitPool pool_;
  SupportCrew crew_;
  std::vector<ActionRecord> records_;
  std::vector<std::uint32_t> unfinished_predecessors_;
  std::vector<ServerState> servers_;  // sized once: phases point into it
  std::vector<MovePhase*> to_place_;  // phases with a move ready or a lane freed at this instant
  std::vector<ActionVertex> uncontended_;  // due to start at the current instant
  std::vector<ActionVertex> starts_;
  std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> timers_;
  std::set<Instant> window_wakes_;
  std::vector<Instant> crew_wake_at_;  // per calendar: the opening a crew wake-up was last set for
  std::uint64_t sequence_ = 0;
  std::uint64_t events_ = 0;
  std::size_t done_ = 0;
};

}  // namespace ferry::plan
