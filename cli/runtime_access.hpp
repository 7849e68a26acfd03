// What the runtime commands (approve, apply, status, confirm, retry,
// rollback) share: reading a plan file as an approval artifact, finding and
// opening its journal, printing a refusal. Errors are printed here; the
// callers only return the exit code.
//   auto file = read_approvable_plan(path);  auto journal = open_journal_for(&file->plan, o.journal);
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "plan/plan.hpp"
#include "plan/status.hpp"
#include "runtime/journal.hpp"

namespace ferry::cli {

struct ApprovablePlan {
  plan::Plan plan;
  std::string sha256;
};

// A plan file (not a .ferry file: what is approved is the plan), read
// through the strict reader.
std::optional<ApprovablePlan> read_approvable_plan(const std::string& path);

// The journal named by --journal, else the plan's runtime block's; needs
// one of the two. Created by approve and apply; other commands need it to
// exist (`create` false).
std::unique_ptr<runtime::Journal> open_journal_for(const plan::Plan* plan, const std::optional<std::string>& named,
                                                   bool create);

// "ferry: error: MESSAGE" (refused, stop) and the exit code: 1.
int print_refusal(const Status& status);

}  // namespace ferry::cli
