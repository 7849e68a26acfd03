// Approval (DESIGN §5.1): the checks that stand between a plan file and its
// execution. A plan runs only if this journal holds an approval of exactly
// its content (its SHA-256), and its source file has not changed since the
// plan was written. Where the journal is: the runtime block's, relative to
// the source file, unless the operator names one.
//   Status s = check_approved(journal, plan_sha256);
//   if (s.ok()) s = check_source_unchanged(plan.source);
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "plan/plan.hpp"
#include "plan/status.hpp"
#include "runtime/journal.hpp"

namespace ferry::runtime {

// The journal a command uses: `named` (--journal) as given, otherwise the
// runtime block's `journal`, relative to the source file's folder.
StatusOr<std::filesystem::path> journal_path(const plan::Plan& plan, const std::optional<std::string>& named);

Status check_approved(Journal& journal, const std::string& plan_sha256);
Status check_source_unchanged(const plan::SourceStamp& source);

// Now, as ISO 8601 UTC, for approvals and requests.
std::string wall_time_now();

}  // namespace ferry::runtime
