#include "runtime/apply.hpp"

#include "plan/dispatch_loop.hpp"
#include "plan/dispatcher.hpp"
#include "plan/run_durations.hpp"
#include "runtime/action_drivers.hpp"
#include "runtime/approval.hpp"
#include "runtime/process_runner.hpp"
#include "runtime/real_clock.hpp"
#include "runtime/runtime_executor.hpp"

namespace ferry::runtime {

Status check_runnable(const plan::Plan& plan, const std::string& plan_sha256, Journal& journal) {
  if (Status s = check_approved(journal, plan_sha256); !s.ok()) return s;
  if (Status s = check_source_unchanged(plan.source); !s.ok()) return s;
  StatusOr<ActionDrivers> drivers = ActionDrivers::from(plan.fleet.runtime);
  return drivers.ok() ? Status::success() : drivers.status();
}

namespace {

ApplyOutcome refused_by(Status status) {
  ApplyOutcome outcome;
  outcome.status = std::move(status);
  return outcome;
}

// Binds a fresh journal to the plan, or checks that it holds this one.
Status bind_run(const plan::Plan& plan, const std::string& sha, Journal& journal, const ApplySettings& settings) {
  std::string clock = settings.virtual_clock ? "virtual" : "real";
  StatusOr<std::optional<RunHeader>> run = journal.run();
  if (!run.ok()) return run.status();
  if (*run) {
    if ((*run)->plan_sha256 != sha)
      return Status::refused("this journal runs another plan (sha256 " + (*run)->plan_sha256.substr(0, 12) +
                             "...): apply a new plan with a new journal (--journal)");
    if ((*run)->clock != clock)
      return Status::refused("this journal holds a run with the " + (*run)->clock + " clock, not the " + clock +
                             " one: a rehearsal and the real run keep separate journals (--journal)");
    return Status::success();
  }
  std::vector<ActionRow> rows;
  rows.reserve(boost::num_vertices(plan.graph));
  for (plan::ActionVertex v = 0; v < boost::num_vertices(plan.graph); ++v) {
    ActionRow row;
    row.id = plan.id(v);
    if (v < settings.planned.size()) {
      row.planned_start = settings.planned[v].first;
      row.planned_end = settings.planned[v].second;
    }
    rows.push_back(std::move(row));
  }
  return journal.begin_run({sha, clock, plan.fleet.timezone}, rows);
}

}  // namespace

ApplyOutcome apply(const plan::Plan& plan, const std::string& sha, Journal& journal, const ApplySettings& settings) {
  if (Status s = check_runnable(plan, sha, journal); !s.ok()) return refused_by(s);
  StatusOr<ActionDrivers> drivers = ActionDrivers::from(plan.fleet.runtime);
  if (Status s = journal.lock_for_apply(); !s.ok()) return refused_by(s);
  if (Status s = bind_run(plan, sha, journal, settings); !s.ok()) return refused_by(s);
  StatusOr<std::vector<ActionRow>> rows = journal.actions();
  if (!rows.ok()) return refused_by(rows.status());
  StatusOr<std::vector<JournalEvent>> events = journal.events();
  if (!events.ok()) return refused_by(events.status());
  if (rows->size() != boost::num_vertices(plan.graph))
    return refused_by(Status::stop("the journal's actions are not the plan's: it was not written by this plan"));

  plan::RunDurations planned = plan::RunDurations::means(plan.fleet);
  plan::Dispatcher dispatcher(plan, planned);
  ProcessRunner runner;
  plan::VirtualClock virtual_clock(plan.fleet.start);
  RealClock real_clock;
  plan::Clock& clock = settings.virtual_clock ? static_cast<plan::Clock&>(virtual_clock) : real_clock;
  RuntimeOptions options{settings.virtual_clock, settings.manual_wait, settings.log_dir,
                         std::filesystem::path(plan.source.path).parent_path(), settings.poll};
  RuntimeExecutor executor(plan, dispatcher, planned, *drivers, journal, runner, clock, options, std::move(*rows),
                           *events);
  plan::LoopOutcome outcome = plan::run_dispatch_loop(dispatcher, executor, clock);
  executor.note_waiting(/*now=*/true);
  ApplyOutcome result;
  result.failed = executor.failed();
  if (outcome.kind == plan::LoopOutcome::Kind::stopped) result.status = Status::stop(outcome.why);
  else if (!outcome.ok() && result.failed == 0) result.why_not_done = outcome.why;
  return result;
}

}  // namespace ferry::runtime
