// Every state change is staged by commit() and written by flush() in one
// transaction before anything acts on it outside this process: before a
// command is spawned, before waiting, before the loop moves on. A finish
// reaches the dispatcher before its `done` is on disk, but whatever the
// dispatcher then starts is committed in the same transaction as that
// `done`: a crash loses both or neither, and an action whose `done` was
// lost runs again, as any interrupted action does. One fsync then serves an
// instant's finishes and the starts they allow.
#include "runtime/runtime_executor.hpp"

#include <cctype>
#include <iostream>
#include <thread>

namespace ferry::runtime {

using plan::ActionKind;
using plan::ActionVertex;
using plan::Finished;
using plan::Instant;
using What = JournalEvent::What;

namespace {

// A log file name from an action id: readable, and never a path of its own
// ("web-01/migrate/shop" -> "web-01__migrate__shop").
std::string log_name(const std::string& id, int attempt) {
  std::string out;
  for (char c : id) {
    if (c == '/') out += "__";
    else if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') out += c;
    else out += '_';
  }
  if (!out.empty() && out[0] == '.') out[0] = '_';
  return out + "." + std::to_string(attempt) + ".log";
}

const char* waiting_text(plan::WaitingFor w) {
  return w == plan::WaitingFor::predecessors ? "" : plan::waiting_name(w);
}

}  // namespace

RuntimeExecutor::RuntimeExecutor(const plan::Plan& plan, const plan::Dispatcher& dispatcher,
                                 const plan::RunDurations& planned, const ActionDrivers& drivers, Journal& journal,
                                 ProcessRunner& runner, plan::Clock& clock, RuntimeOptions options,
                                 std::vector<ActionRow> rows, const std::vector<JournalEvent>& history)
    : plan_(plan),
      dispatcher_(dispatcher),
      planned_(planned),
      drivers_(drivers),
      journal_(journal),
      runner_(runner),
      clock_(clock),
      options_(std::move(options)),
      rows_(std::move(rows)),
      attempts_(rows_.size()),
      history_(rows_.size()) {
  for (ActionVertex v = 0; v < rows_.size(); ++v) by_id_.emplace(plan.id(v), v);
  for (const JournalEvent& e : history)
    if (auto v = find(e.action)) {
      history_[*v].push_back(e);
      replay_left_ += e.what == What::done || e.what == What::failed || e.what == What::reopened;
    }
}

std::optional<ActionVertex> RuntimeExecutor::find(const std::string& id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

Instant RuntimeExecutor::now() const { return clock_.now(); }

ActionAttributes RuntimeExecutor::attributes(ActionVertex v) const {
  const plan::Action& action = plan_.graph[v];
  const plan::Server& server = plan_.fleet.servers[action.server];
  ActionAttributes a;
  a.server = server.name;
  if (action.account) a.account = server.accounts[*action.account].name;
  if (auto t = dispatcher_.transit_of(action.server)) a.transit = plan_.fleet.transits[*t].name;
  a.action = plan_.id(v);
  a.attempt = std::to_string(rows_[v].attempts);
  return a;
}

std::optional<std::string> RuntimeExecutor::stop_reason() const { return stop_; }

bool RuntimeExecutor::busy() const {
  if (!starting_.empty() || !ready_.empty() || !timed_.empty()) return true;
  for (const Attempt& a : attempts_)
    if (a.phase != Phase::idle) return true;
  return false;
}

std::size_t RuntimeExecutor::failed() const {
  std::size_t n = 0;
  for (const ActionRow& r : rows_) n += r.state == "failed";
  return n;
}

bool RuntimeExecutor::commit(const std::vector<JournalEvent>& events, const std::vector<ActionVertex>& changed,
                             const std::vector<Answer>& answers) {
  if (stop_) return false;
  staged_events_.insert(staged_events_.end(), events.begin(), events.end());
  for (ActionVertex v : changed) staged_rows_.push_back(rows_[v]);
  staged_answers_.insert(staged_answers_.end(), answers.begin(), answers.end());
  return true;
}

void RuntimeExecutor::flush() {
  if (stop_ || (staged_events_.empty() && staged_rows_.empty() && staged_answers_.empty())) return;
  Status s = journal_.record(staged_events_, staged_rows_, staged_answers_);
  staged_events_.clear();
  staged_rows_.clear();
  staged_answers_.clear();
  if (!s.ok()) stop_ = s.message();
}

void RuntimeExecutor::start(ActionVertex v, Instant now) { starting_.emplace_back(v, now); }

void RuntimeExecutor::flush_starts() {
  if (starting_.empty() || stop_) return;
  std::vector<JournalEvent> events;
  std::vector<ActionVertex> changed;
  std::vector<std::pair<ActionVertex, Instant>> starting;
  starting.swap(starting_);
  for (auto [v, at] : starting) {
    std::size_t before = events.size();
    if (!history_[v].empty()) replay(v, at, events);
    else begin(v, at, events);
    if (events.size() != before) changed.push_back(v);
  }
  if (!events.empty() && !commit(events, changed)) return;
  std::vector<ActionVertex> spawns;
  spawns.swap(to_spawn_);
  for (ActionVertex v : spawns) spawn(v);
}

void RuntimeExecutor::begin(ActionVertex v, Instant at, std::vector<JournalEvent>& events) {
  const plan::Action& action = plan_.graph[v];
  ActionRow& row = rows_[v];
  Attempt& attempt = attempts_[v];
  attempt = Attempt{};
  attempt.start = at;
  attempt.ends = at + planned_.of(action);
  row.attempts += 1;
  row.actual_start = at;
  row.actual_end.reset();
  row.state = "running";
  row.waiting_for.clear();
  row.message.clear();
  events.push_back({0, plan_.id(v), What::started, at, row.attempts, ""});
  switch (drivers_.of(action.kind)) {
    case Driver::command:
      row.log = (options_.log_dir / log_name(plan_.id(v), row.attempts)).string();
      attempt.phase = options_.virtual_clock ? Phase::timed : Phase::running;
      to_spawn_.push_back(v);
      break;
    case Driver::manual:
      row.state = "waiting";
      row.waiting_for = "confirmation";
      events.push_back({0, plan_.id(v), What::waiting, at, row.attempts, "confirmation"});
      attempt.phase = options_.virtual_clock ? Phase::timed : Phase::confirming;
      attempt.released = options_.virtual_clock && !options_.manual_wait;
      break;
    case Driver::bookkeeping:
      if (options_.virtual_clock) {
        attempt.phase = Phase::timed;
        attempt.released = true;
      } else {
        row.state = "done";
        row.actual_end = at;
        events.push_back({0, plan_.id(v), What::done, at, row.attempts, ""});
        queue(v, at, Finished::Outcome::done);
      }
      break;
  }
  if (attempt.phase == Phase::timed) timed_.insert({attempt.ends, sequence_++, v});
}

void RuntimeExecutor::replay(ActionVertex v, Instant at, std::vector<JournalEvent>& events) {
  std::deque<JournalEvent>& h = history_[v];
  // One dispatch of this action: started, its retries, waiting, an end,
  // then perhaps the operator's reopening.
  std::vector<JournalEvent> group;
  bool ended = false;
  while (!h.empty()) {
    if (ended && h.front().what != What::reopened) break;
    group.push_back(h.front());
    h.pop_front();
    if (group.back().what == What::done || group.back().what == What::failed) ended = true;
    if (group.back().what == What::reopened) break;
  }
  const plan::Action& action = plan_.graph[v];
  Attempt& attempt = attempts_[v];
  attempt = Attempt{};
  Instant started = group.empty() ? at : group.front().at;
  attempt.start = started;
  attempt.ends = started + planned_.of(action);
  for (const JournalEvent& e : group) {
    if (e.what == What::done) queue(v, e.at, Finished::Outcome::done, true);
    else if (e.what == What::failed) queue(v, e.at, Finished::Outcome::failed, true);
    else if (e.what == What::reopened) queue(v, e.at, Finished::Outcome::reopened, true);
  }
  if (ended) return;
  // Interrupted: the journal says it began and nothing more.
  ActionRow& row = rows_[v];
  const JournalEvent& last = group.empty() ? JournalEvent{} : group.back();
  Driver driver = drivers_.of(action.kind);
  if (last.what == What::waiting) {
    attempt.operator_wait = last.detail == "operator";
    if (options_.virtual_clock && !attempt.operator_wait) {
      attempt.phase = Phase::timed;
      attempt.released = !options_.manual_wait;
      timed_.insert({attempt.ends, sequence_++, v});
    } else {
      attempt.phase = Phase::confirming;
    }
    return;
  }
  if (driver != Driver::command) {  // bookkeeping journalled as started only (virtual clock)
    attempt.phase = Phase::timed;
    attempt.released = true;
    timed_.insert({attempt.ends, sequence_++, v});
    return;
  }
  if (drivers_.settings().ask_on_interrupt) {
    row.state = "waiting";
    row.waiting_for = "operator";
    events.push_back({0, plan_.id(v), What::waiting, options_.virtual_clock ? started : now(), row.attempts, "operator"});
    attempt.phase = Phase::confirming;
    attempt.operator_wait = true;
    return;
  }
  row.attempts += 1;
  row.state = "running";
  row.log = (options_.log_dir / log_name(plan_.id(v), row.attempts)).string();
  Instant restart = options_.virtual_clock ? started : now();
  if (!options_.virtual_clock) row.actual_start = restart;
  events.push_back({0, plan_.id(v), What::started, restart, row.attempts, "run again: interrupted"});
  if (options_.virtual_clock) {
    attempt.phase = Phase::timed;
    timed_.insert({attempt.ends, sequence_++, v});
  } else {
    attempt.phase = Phase::running;
  }
  to_spawn_.push_back(v);
}

void RuntimeExecutor::resolve_program(std::vector<std::string>& argv) const {
  // "scripts/migrate" lives beside the .ferry file, like the journal; a bare
  // name ("rsync") is searched in PATH, an absolute path is as written.
  if (argv.empty() || argv[0].find('/') == std::string::npos || argv[0][0] == '/') return;
  argv[0] = (options_.command_dir / argv[0]).string();
}

void RuntimeExecutor::spawn(ActionVertex v) {
  flush();
  if (stop_) return;
  const plan::Action& action = plan_.graph[v];
  Spawn s;
  s.attributes = attributes(v);
  s.argv = drivers_.command(action.kind).fill(s.attributes);
  resolve_program(s.argv);
  s.log = rows_[v].log;
  s.timeout = std::chrono::seconds(drivers_.settings().timeout);
  s.tag = v;
  Status started = runner_.start(s);
  if (!started.ok()) stop_ = started.message();
}

void RuntimeExecutor::queue(ActionVertex v, Instant at, Finished::Outcome outcome, bool replayed) {
  // A replayed finish is numbered below every live one: at one instant the
  // journal's past comes first.
  std::uint64_t order = replayed ? sequence_++ : (std::uint64_t{1} << 62) + sequence_++;
  ready_.emplace(std::pair{at, order}, Finished{v, at, outcome});
}

std::optional<Finished> RuntimeExecutor::end(ActionVertex v, Instant at, bool done, const std::string& message,
                                             std::vector<Answer> answers) {
  ActionRow& row = rows_[v];
  Attempt& attempt = attempts_[v];
  row.state = done ? "done" : "failed";
  row.waiting_for.clear();
  row.actual_end = at;
  row.message = message.empty() && !attempt.confirmed_by.empty() ? "confirmed by " + attempt.confirmed_by : message;
  answers.insert(answers.end(), attempt.answered.begin(), attempt.answered.end());
  attempt = Attempt{};
  if (!commit({{0, plan_.id(v), done ? What::done : What::failed, at, row.attempts, row.message}}, {v}, answers))
    return std::nullopt;
  return Finished{v, at, done ? Finished::Outcome::done : Finished::Outcome::failed};
}

std::optional<Finished> RuntimeExecutor::exited(ActionVertex v, const Exit& exit, Instant at) {
  Status status = exit.status();
  if (status.ok()) return end(v, at, true, "");
  ActionRow& row = rows_[v];
  if (row.attempts <= drivers_.settings().retries) {  // a retry: the same dispatch, another attempt
    row.attempts += 1;
    row.log = (options_.log_dir / log_name(plan_.id(v), row.attempts)).string();
    row.message = exit.message;
    Attempt& attempt = attempts_[v];
    Instant when = options_.virtual_clock ? attempt.start : at;
    if (!commit({{0, plan_.id(v), What::started, when, row.attempts, "retry: " + exit.message}}, {v}))
      return std::nullopt;
    attempt.exit.reset();
    attempt.released = false;
    if (options_.virtual_clock) timed_.insert({attempt.ends, sequence_++, v});
    spawn(v);
    return std::nullopt;
  }
  return end(v, at, false, exit.message);
}

void RuntimeExecutor::handle_exit(const Exit& exit) {
  auto v = static_cast<ActionVertex>(exit.tag);
  if (v >= attempts_.size()) return;
  Attempt& attempt = attempts_[v];
  if (options_.virtual_clock) {
    attempt.exit = exit;
    attempt.released = true;
    return;
  }
  if (auto f = exited(v, exit, now())) queue(f->action, f->at, f->outcome);
}

std::optional<Finished> RuntimeExecutor::wait(std::optional<Instant> until) {
  using Steady = std::chrono::steady_clock;
  for (;;) {
    flush_starts();
    if (stop_) return std::nullopt;
    handle_requests(false);
    if (stop_) return std::nullopt;
    std::optional<Instant> ready_at = ready_.empty() ? std::nullopt : std::optional(ready_.begin()->first.first);
    std::optional<Instant> timed_at = timed_.empty() ? std::nullopt : std::optional(std::get<0>(*timed_.begin()));
    if (ready_at && (!timed_at || *ready_at <= *timed_at)) {
      if (until && *ready_at > *until) return std::nullopt;
      Finished f = ready_.begin()->second;
      if (ready_.begin()->first.second < (std::uint64_t{1} << 62)) --replay_left_;
      ready_.erase(ready_.begin());
      return f;
    }
    if (timed_at) {  // the virtual clock (and its bookkeeping)
      if (until && *timed_at > *until) return std::nullopt;
      ActionVertex v = std::get<2>(*timed_.begin());
      Attempt& attempt = attempts_[v];
      if (attempt.released) {
        timed_.erase(timed_.begin());
        std::optional<Finished> f = attempt.exit ? exited(v, *attempt.exit, *timed_at) : end(v, *timed_at, true, "");
        if (f) return f;
        continue;
      }
      // Its command still runs (or its confirmation is awaited): the
      // virtual clock waits for the real one. A command's wait is short:
      // what is staged goes with the next spawn (an operator's wait is not).
      if (runner_.running() == 0) flush();
      if (runner_.running() > 0) {
        if (auto e = runner_.wait(Steady::now() + options_.poll)) handle_exit(*e);
      } else {
        std::this_thread::sleep_for(options_.poll);
        handle_requests(true);
      }
      continue;
    }
    // The real clock: wait for a command, the operator or `until`.
    bool waiting_on_someone = runner_.running() > 0;
    for (const Attempt& a : attempts_) waiting_on_someone = waiting_on_someone || a.phase == Phase::confirming;
    if (options_.virtual_clock) {
      // Only the operator can help; with a wake-up due, time moves on first.
      if (!waiting_on_someone || until) return std::nullopt;
    } else if (until && now() >= *until) {
      return std::nullopt;
    } else if (!waiting_on_someone && !until) {
      return flushed_nothing();  // nothing more will happen: the run stops here
    }
    flush();
    note_waiting();
    auto deadline = Steady::now() + options_.poll;
    if (until && !options_.virtual_clock)
      deadline = std::min(deadline, Steady::now() + std::chrono::seconds(std::max<Instant>(0, *until - now())));
    if (runner_.running() > 0) {
      if (auto e = runner_.wait(deadline)) handle_exit(*e);
    } else {
      std::this_thread::sleep_until(deadline);
      handle_requests(true);
    }
  }
}

void RuntimeExecutor::handle_requests(bool force) {
  if (replay_left_ > 0) return;
  auto t = std::chrono::steady_clock::now();
  if (!force && t < next_poll_) return;
  next_poll_ = t + options_.poll;
  if (!journal_.changed_elsewhere() && !force && requests_read_) return;
  requests_read_ = true;
  StatusOr<std::vector<Request>> requests = journal_.pending_requests();
  if (!requests.ok()) {
    stop_ = requests.status().message();
    return;
  }
  for (const Request& r : *requests) {
    if (r.kind == Request::Kind::rollback) {
      roll_back(r);
      continue;
    }
    auto v = find(r.action);
    if (!v) {
      commit({}, {}, {{r.id, "refused: no action " + r.action + " in this plan"}});
      continue;
    }
    if (r.kind == Request::Kind::confirm) confirm(*v, r);
    else retry(*v, r);
  }
  // The operator waits for the answers.
  if (!requests->empty()) flush();
}

void RuntimeExecutor::confirm(ActionVertex v, const Request& r) {
  Attempt& attempt = attempts_[v];
  bool awaited = attempt.phase == Phase::confirming ||
                 (attempt.phase == Phase::timed && !attempt.released && drivers_.of(plan_.graph[v].kind) == Driver::manual);
  if (!awaited) {
    commit({}, {}, {{r.id, "refused: " + r.action + " does not wait for a confirmation"}});
    return;
  }
  if (attempt.phase == Phase::timed) {  // virtual clock, --manual wait: it ends at its planned end
    attempt.released = true;
    attempt.answered.push_back({r.id, "confirmed"});
    attempt.confirmed_by = r.by;
    return;
  }
  if (auto f = end(v, now(), true, "confirmed by " + r.by, {{r.id, "confirmed"}}))
    queue(f->action, f->at, f->outcome);
}

void RuntimeExecutor::retry(ActionVertex v, const Request& r) {
  Attempt& attempt = attempts_[v];
  ActionRow& row = rows_[v];
  const std::string id = plan_.id(v);
  if (attempt.phase == Phase::confirming && attempt.operator_wait) {  // interrupted, on_interrupt = ask
    row.attempts += 1;
    row.state = "running";
    row.waiting_for.clear();
    row.log = (options_.log_dir / log_name(id, row.attempts)).string();
    Instant at = options_.virtual_clock ? attempt.start : now();
    if (!options_.virtual_clock) row.actual_start = at;
    if (!commit({{0, id, What::started, at, row.attempts, "run again by " + r.by}}, {v}, {{r.id, "running again"}})) return;
    attempt.operator_wait = false;
    attempt.phase = options_.virtual_clock ? Phase::timed : Phase::running;
    if (options_.virtual_clock) timed_.insert({attempt.ends, sequence_++, v});
    spawn(v);
    return;
  }
  if (dispatcher_.record(v).state != plan::ActionState::failed) {
    commit({}, {}, {{r.id, "refused: " + id + " has not failed"}});
    return;
  }
  Instant at = std::max(now(), row.actual_end.value_or(now()));
  row.state = "waiting";
  row.waiting_for = "lane";
  if (!commit({{0, id, What::reopened, at, row.attempts, "retried by " + r.by}}, {v}, {{r.id, "retrying"}})) return;
  queue(v, at, Finished::Outcome::reopened);
}

void RuntimeExecutor::roll_back(const Request& r) {
  auto slash = r.action.find('/');
  auto v = slash == std::string::npos
               ? std::nullopt
               : find(r.action.substr(0, slash) + "/migrate/" + r.action.substr(slash + 1));
  auto refuse = [&](const std::string& why) { commit({}, {}, {{r.id, "refused: " + why}}); };
  if (!v) return refuse("no such account");
  if (!drivers_.rollback()) return refuse("the runtime block has no `rollback` command");
  const plan::Action& migrate = plan_.graph[*v];
  if (dispatcher_.record(*v).state != plan::ActionState::done) return refuse("its migrate is not done");
  const plan::Server& server = plan_.fleet.servers[migrate.server];
  if (auto reinstall = find(server.name + "/reinstall")) {
    plan::ActionState state = dispatcher_.record(*reinstall).state;
    if (state == plan::ActionState::running || state == plan::ActionState::done)
      return refuse("the server's reinstall has started");
  }
  Instant at = options_.virtual_clock ? dispatcher_.record(*v).end : now();
  plan::Seconds window = plan_.fleet.policies[static_cast<std::size_t>(server.policy)].rollback_window;
  if (at - dispatcher_.record(*v).end > window) return refuse("its rollback_window has passed");
  Spawn s;
  s.attributes = attributes(*v);
  s.argv = drivers_.rollback()->fill(s.attributes);
  resolve_program(s.argv);
  ActionRow& row = rows_[*v];
  s.log = options_.log_dir / ("rollback__" + log_name(plan_.id(*v), row.attempts));
  s.timeout = std::chrono::seconds(drivers_.settings().timeout);
  s.tag = rows_.size() + 1;  // never an action's
  flush();
  if (Status started = runner_.start(s); !started.ok()) {
    stop_ = started.message();
    return;
  }
  for (;;) {
    std::optional<Exit> e = runner_.wait(std::nullopt);
    if (!e) return refuse("the rollback command did not run");
    if (e->tag != s.tag) {
      handle_exit(*e);
      continue;
    }
    if (!e->status().ok()) return refuse("the rollback command failed: " + e->message + " (log " + s.log.string() + ")");
    break;
  }
  row.state = "rolled_back";
  row.message = "rolled back by " + r.by;
  if (!commit({{0, plan_.id(*v), What::reopened, at, row.attempts, "rolled back by " + r.by}}, {*v}, {{r.id, "rolled back"}})) return;
  queue(*v, at, Finished::Outcome::reopened);
}

std::optional<Finished> RuntimeExecutor::flushed_nothing() {
  flush();
  return std::nullopt;
}

void RuntimeExecutor::note_waiting(bool now) {
  if (now) flush();
  auto t = std::chrono::steady_clock::now();
  if (!now && t < next_note_) return;
  next_note_ = t + std::chrono::seconds(1);
  std::vector<ActionRow> changed;
  for (ActionVertex v = 0; v < rows_.size(); ++v) {
    const plan::ActionRecord& record = dispatcher_.record(v);
    if (record.state != plan::ActionState::waiting && record.state != plan::ActionState::scheduled) continue;
    ActionRow& row = rows_[v];
    if (row.state == "rolled_back" || row.state == "failed") continue;
    std::string waiting_for = dispatcher_.paused(plan_.graph[v].server) ? "operator" : waiting_text(record.waiting_for);
    std::string state = waiting_for.empty() ? "pending" : "waiting";
    if (row.state == state && row.waiting_for == waiting_for) continue;
    row.state = state;
    row.waiting_for = waiting_for;
    changed.push_back(row);
  }
  if (Status s = journal_.note_waiting(changed); !s.ok()) stop_ = s.message();
}

}  // namespace ferry::runtime
