// apply(): runs an approved plan to its end (DESIGN §5.2, §5.3). It checks
// the plan may run (approved, not stale, a runtime block that says how),
// takes the journal's apply lock, binds the journal to the plan on the
// first run, and drives the shared dispatcher with the RuntimeExecutor:
// resuming after a crash is the same call.
//   ApplyOutcome o = apply(plan, sha, journal, settings);  return o.exit_code();
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "plan/plan.hpp"
#include "plan/status.hpp"
#include "runtime/journal.hpp"

namespace ferry::runtime {

struct ApplySettings {
  bool virtual_clock = false;
  bool manual_wait = false;
  std::filesystem::path log_dir;
  // The deterministic run's times, by action vertex (`status` compares).
  std::vector<std::pair<plan::Instant, plan::Instant>> planned;
  std::chrono::milliseconds poll{200};
};

struct [[nodiscard]] ApplyOutcome {
  Status status;           // refused or stop: why; ok otherwise
  std::size_t failed = 0;  // actions that failed for good (their servers paused)
  std::string why_not_done;
  // DESIGN §6: 0 all done, 3 an action failed, 1 refused or stopped.
  int exit_code() const { return !status.ok() ? 1 : failed > 0 ? 3 : why_not_done.empty() ? 0 : 1; }
};

// The checks alone, in the order the operator is told about them.
Status check_runnable(const plan::Plan& plan, const std::string& plan_sha256, Journal& journal);

ApplyOutcome apply(const plan::Plan& plan, const std::string& plan_sha256, Journal& journal,
                   const ApplySettings& settings);

}  // namespace ferry::runtime
