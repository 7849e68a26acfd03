// RuntimeExecutor: the runtime's side of plan/executor.hpp. It carries out
// what the shared dispatcher starts — commands through the ProcessRunner,
// manual actions through `ferry confirm`, bookkeeping at once — and
// journals every state change before it takes effect (DESIGN §5.3): an
// attempt is journalled as started before its command is spawned and as
// finished before the dispatcher hears of it. Resuming, it replays the
// journal's events to the dispatcher instead of running again what ended.
// Real clock: an action ends when its command exits or is confirmed;
// virtual: at its start plus its planned duration, the command still run.
//   RuntimeExecutor executor(plan, dispatcher, planned, drivers, journal, runner, clock, options, rows, events);
//   LoopOutcome o = run_dispatch_loop(dispatcher, executor, clock);
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "plan/clock.hpp"
#include "plan/dispatcher.hpp"
#include "plan/executor.hpp"
#include "plan/run_durations.hpp"
#include "runtime/action_drivers.hpp"
#include "runtime/journal.hpp"
#include "runtime/process_runner.hpp"

namespace ferry::runtime {

struct RuntimeOptions {
  bool virtual_clock = false;
  bool manual_wait = false;          // virtual clock: wait for `ferry confirm` rather than confirming at once
  std::filesystem::path log_dir;     // one log per action attempt under it
  std::filesystem::path command_dir;  // a relative program path (scripts/migrate) is relative to it
  std::chrono::milliseconds poll{200};  // how often the journal is read for the operator's requests
};

class RuntimeExecutor final : public plan::Executor {
 public:
  RuntimeExecutor(const plan::Plan& plan, const plan::Dispatcher& dispatcher, const plan::RunDurations& planned,
                  const ActionDrivers& drivers, Journal& journal, ProcessRunner& runner, plan::Clock& clock,
                  RuntimeOptions options, std::vector<ActionRow> rows, const std::vector<JournalEvent>& history);

  void start(plan::ActionVertex action, plan::Instant now) override;
  std::optional<plan::Finished> wait(std::optional<plan::Instant> until) override;
  bool busy() const override;
  std::optional<std::string> stop_reason() const override;

  // Actions that failed for good (their servers are paused).
  std::size_t failed() const;
  // What waiting actions wait for, written for `status`; `now` also
  // writes every staged change (the end of a run).
  void note_waiting(bool now = false);

 private:
  enum class Phase : std::uint8_t {
    idle,
    running,     // its command runs
    confirming,  // waits for the operator: `ferry confirm` (manual), or `retry`/`confirm` (interrupted, ask)
    timed,       // virtual clock or bookkeeping: ends at `ends`
  };
  struct Attempt {
    Phase phase = Phase::idle;
    plan::Instant start = 0;
    plan::Instant ends = 0;        // virtual clock: start + planned duration
    bool released = false;         // virtual clock: its command exited (or it was confirmed)
    std::optional<Exit> exit;      // virtual clock: how its command ended, kept until `ends` is due
    bool operator_wait = false;    // confirming an interrupted attempt (on_interrupt = ask)
    std::vector<Answer> answered;  // confirmations to mark taken when it ends
    std::string confirmed_by;      // virtual clock, --manual wait: said when it ends
  };
  using Due = std::tuple<plan::Instant, std::uint64_t, plan::ActionVertex>;

  void flush_starts();
  void begin(plan::ActionVertex v, plan::Instant now, std::vector<JournalEvent>& events);
  void replay(plan::ActionVertex v, plan::Instant now, std::vector<JournalEvent>& events);
  void spawn(plan::ActionVertex v);
  void resolve_program(std::vector<std::string>& argv) const;
  std::optional<plan::Finished> exited(plan::ActionVertex v, const Exit& exit, plan::Instant at);
  std::optional<plan::Finished> end(plan::ActionVertex v, plan::Instant at, bool done, const std::string& message,
                                    std::vector<Answer> answers = {});
  void queue(plan::ActionVertex v, plan::Instant at, plan::Finished::Outcome outcome, bool replayed = false);
  void handle_requests(bool force);
  void confirm(plan::ActionVertex v, const Request& r);
  void retry(plan::ActionVertex v, const Request& r);
  void roll_back(const Request& r);
  void handle_exit(const Exit& exit);
  void flush();
  std::optional<plan::Finished> flushed_nothing();
  bool commit(const std::vector<JournalEvent>& events, const std::vector<plan::ActionVertex>& changed,
              const std::vector<Answer>& answers = {});
  plan::Instant now() const;
  ActionAttributes attributes(plan::ActionVertex v) const;
  std::optional<plan::ActionVertex> find(const std::string& id) const;

  const plan::Plan& plan_;
  const plan::Dispatcher& dispatcher_;
  const plan::RunDurations& planned_;
  const ActionDrivers& drivers_;
  Journal& journal_;
  ProcessRunner& runner_;
  plan::Clock& clock_;
  RuntimeOptions options_;
  std::vector<ActionRow> rows_;
  std::vector<Attempt> attempts_;
  std::vector<std::deque<JournalEvent>> history_;  // per action, not replayed yet
  std::unordered_map<std::string, plan::ActionVertex> by_id_;
  std::vector<std::pair<plan::ActionVertex, plan::Instant>> starting_;
  std::vector<plan::ActionVertex> to_spawn_;  // once their start is journalled
  std::map<std::pair<plan::Instant, std::uint64_t>, plan::Finished> ready_;  // journalled finishes, earliest first
  // Journal events not replayed to the dispatcher yet: the operator's
  // requests wait until the dispatcher knows what the journal knows.
  std::size_t replay_left_ = 0;
  bool requests_read_ = false;
  std::set<Due> timed_;  // virtual ends and bookkeeping, earliest first
  std::uint64_t sequence_ = 0;
  std::optional<std::string> stop_;
  // Staged by commit(), written together by flush().
  std::vector<JournalEvent> staged_events_;
  std::vector<ActionRow> staged_rows_;
  std::vector<Answer> staged_answers_;
  std::chrono::steady_clock::time_point next_poll_{};
  std::chrono::steady_clock::time_point next_note_{};
};

}  // namespace ferry::runtime
