#include "cli/runtime_access.hpp"

#include <iostream>

#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "compiler/plan_file_check.hpp"
#include "dsl/source_file.hpp"
#include "runtime/approval.hpp"
#include "runtime/sqlite_journal.hpp"

namespace ferry::cli {

std::optional<ApprovablePlan> read_approvable_plan(const std::string& path) {
  std::string error;
  std::optional<std::string> text = dsl::SourceFile::read_text(path, error);
  if (!text) {
    std::cerr << "ferry: error: " << error << "\n";
    return std::nullopt;
  }
  if (input_kind(*text) != InputKind::plan) {
    std::cerr << path << ": error: not a plan file: what is approved and applied is a plan (`ferry plan FILE -o "
                         "P.json`)\n";
    return std::nullopt;
  }
  plan::PlanFile file = text->rfind("\xEF\xBB\xBF", 0) == 0
                            ? plan::PlanFile{std::nullopt, "malformed plan file: it starts with a byte-order mark; ferry writes none", ""}
                            : compiler::read_plan_file(*text);
  if (!file.plan) {
    std::cerr << path << ": error: " << file.error << "\n";
    return std::nullopt;
  }
  return ApprovablePlan{std::move(*file.plan), file.plan_sha256};
}

std::unique_ptr<runtime::Journal> open_journal_for(const plan::Plan* plan, const std::optional<std::string>& named,
                                                   bool create) {
  if (!plan && !named) {
    std::cerr << "ferry: error: which journal? give --journal J or --plan P.json\n";
    return nullptr;
  }
  std::filesystem::path path;
  if (plan) {
    StatusOr<std::filesystem::path> found = runtime::journal_path(*plan, named);
    if (!found.ok()) {
      print_refusal(found.status());
      return nullptr;
    }
    path = *found;
  } else {
    path = *named;
  }
  if (!create && !std::filesystem::exists(path)) {
    std::cerr << "ferry: error: no journal at " << path.string() << " (nothing was approved with it)\n";
    return nullptr;
  }
  StatusOr<std::unique_ptr<runtime::Journal>> journal = runtime::SqliteJournal::open(path);
  if (!journal.ok()) {
    print_refusal(journal.status());
    return nullptr;
  }
  return std::move(*journal);
}

int print_refusal(const Status& status) {
  std::cerr << "ferry: error: " << status.message() << "\n";
  return kInputError;
}

}  // namespace ferry::cli
