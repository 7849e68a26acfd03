// `ferry apply PLAN [--clock real|virtual] [--manual auto|wait] [--journal J]`:
// runs an approved plan through the shared dispatcher, journalling every
// state change; run again after a crash, it resumes (DESIGN §5.2, §5.3).
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/runtime_access.hpp"
#include "runtime/apply.hpp"
#include "runtime/approval.hpp"
#include "simulator/engine.hpp"

namespace ferry::cli {

namespace {

constexpr int kActionFailed = 3;

struct ApplyOptions {
  std::string plan, clock = "real", manual = "auto";
  std::optional<std::string> journal;
};

int apply(const ApplyOptions& o) {
  std::optional<ApprovablePlan> file = read_approvable_plan(o.plan);
  if (!file) return kInputError;
  StatusOr<std::filesystem::path> journal_path = runtime::journal_path(file->plan, o.journal);
  if (!journal_path.ok()) return print_refusal(journal_path.status());
  auto journal = open_journal_for(&file->plan, o.journal, /*create=*/true);
  if (!journal) return kInputError;
  runtime::ApplySettings settings;
  settings.virtual_clock = o.clock == "virtual";
  settings.manual_wait = o.manual == "wait";
  settings.log_dir = journal_path->string() + ".logs";
  if (auto times = simulator::planned_action_times(file->plan))
    for (const simulator::Interval& t : *times) settings.planned.emplace_back(t.start, t.end);
  runtime::ApplyOutcome outcome = runtime::apply(file->plan, file->sha256, *journal, settings);
  if (!outcome.status.ok()) {
    print_refusal(outcome.status);
    return kInputError;
  }
  if (outcome.failed > 0) {
    std::cerr << "ferry: " << outcome.failed << (outcome.failed == 1 ? " action" : " actions")
              << " failed; their servers are paused, the others went on (`ferry status`, then `ferry retry ID` "
                 "and `ferry apply` again)\n";
    return kActionFailed;
  }
  if (!outcome.why_not_done.empty()) {
    std::cerr << "ferry: error: the plan cannot go on: " << outcome.why_not_done << "\n";
    return kInputError;
  }
  std::cout << "done: every action of " << o.plan << " finished (journal " << journal_path->string() << ")\n";
  return kOk;
}

}  // namespace

void add_apply_command(CLI::App& app, Action& chosen) {
  auto o = std::make_shared<ApplyOptions>();
  auto* cmd = app.add_subcommand("apply", "Run an approved plan, journalled; run it again to resume after a crash");
  cmd->add_option("plan", o->plan, "The approved plan file")->required()->check(not_empty());
  cmd->add_option("--clock", o->clock, "real, or virtual: a rehearsal whose times are the plan's")
      ->check(CLI::IsMember({"real", "virtual"}));
  cmd->add_option("--manual", o->manual, "virtual clock: confirm manual actions at once (auto) or wait for `ferry confirm`")
      ->check(CLI::IsMember({"auto", "wait"}));
  cmd->add_option("--journal", o->journal, "The journal (default: the runtime block's)")->check(not_empty());
  cmd->callback([o, &chosen] { chosen = [o] { return apply(*o); }; });
}

}  // namespace ferry::cli
