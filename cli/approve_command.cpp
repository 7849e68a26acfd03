// `ferry approve PLAN --by NAME [--journal J]`: records in the journal who
// approved which plan content (its SHA-256), and when (DESIGN §5.1).
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/runtime_access.hpp"
#include "runtime/approval.hpp"

namespace ferry::cli {

namespace {

struct ApproveOptions {
  std::string plan, by;
  std::optional<std::string> journal;
};

int approve(const ApproveOptions& o) {
  std::optional<ApprovablePlan> file = read_approvable_plan(o.plan);
  if (!file) return kInputError;
  auto journal = open_journal_for(&file->plan, o.journal, /*create=*/true);
  if (!journal) return kInputError;
  runtime::Approval approval{file->sha256, o.by, runtime::wall_time_now()};
  if (Status s = journal->approve(approval); !s.ok()) return print_refusal(s);
  std::cout << "approved " << o.plan << " (sha256 " << file->sha256 << ") by " << o.by << " at " << approval.at
            << "\n";
  return kOk;
}

}  // namespace

void add_approve_command(CLI::App& app, Action& chosen) {
  auto o = std::make_shared<ApproveOptions>();
  auto* cmd = app.add_subcommand("approve", "Record in the journal that a plan file may be applied");
  cmd->add_option("plan", o->plan, "The plan file (ferry plan FILE -o P.json)")->required()->check(not_empty());
  cmd->add_option("--by", o->by, "Who approves")->required()->check(not_empty());
  cmd->add_option("--journal", o->journal, "The journal (default: the runtime block's)")->check(not_empty());
  cmd->callback([o, &chosen] { chosen = [o] { return approve(*o); }; });
}

}  // namespace ferry::cli
