#include "runtime/approval.hpp"

#include <date/date.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "plan/sha256.hpp"

namespace ferry::runtime {

StatusOr<std::filesystem::path> journal_path(const plan::Plan& plan, const std::optional<std::string>& named) {
  if (named) return std::filesystem::path(*named);
  const auto& runtime = plan.fleet.runtime;
  if (!runtime || runtime->journal.empty())
    return Status::refused("the plan's runtime block names no journal: give one with --journal");
  std::filesystem::path journal(runtime->journal);
  if (journal.is_relative()) journal = std::filesystem::path(plan.source.path).parent_path() / journal;
  return journal;
}

Status check_approved(Journal& journal, const std::string& plan_sha256) {
  StatusOr<std::vector<Approval>> approvals = journal.approvals();
  if (!approvals.ok()) return approvals.status();
  for (const Approval& a : *approvals)
    if (a.plan_sha256 == plan_sha256) return Status::success();
  if (approvals->empty())
    return Status::refused("this plan is not approved in this journal: run `ferry approve PLAN --by NAME` first");
  const Approval& last = approvals->back();
  return Status::refused("this plan's content changed since it was approved: " + last.by + " approved sha256 " +
                         last.plan_sha256.substr(0, 12) + "... at " + last.at + ", this file is sha256 " +
                         plan_sha256.substr(0, 12) + "... (approve the new plan, or apply the approved one)");
}

Status check_source_unchanged(const plan::SourceStamp& source) {
  std::ifstream in(source.path, std::ios::binary);
  if (!in)
    return Status::refused("cannot read the plan's source " + source.path +
                           " to check that the plan is not stale (run ferry from where `ferry plan` ran)");
  std::ostringstream text;
  text << in.rdbuf();
  std::string now = plan::sha256_hex(text.str());
  if (now != source.sha256)
    return Status::refused("the plan is stale: " + source.path + " changed since `ferry plan` wrote it (sha256 now " +
                           now.substr(0, 12) + "..., the plan has " + source.sha256.substr(0, 12) +
                           "...): plan and approve again");
  return Status::success();
}

std::string wall_time_now() {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return date::format("%FT%TZ", now);
}

}  // namespace ferry::runtime
