// Journal: where a run's every state change is committed before it takes
// effect (DESIGN §5.3), and what `status`, `confirm`, `retry` and `rollback`
// read and write from other processes. One interface, so that a shared
// backend (PostgreSQL, §5.4) can follow without touching the executor;
// SqliteJournal is the first.
//   auto journal = SqliteJournal::open(path);     // StatusOr<unique_ptr<Journal>>
//   Status s = (*journal)->record(event, row);     // committed and fsynced
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plan/status.hpp"
#include "plan/time.hpp"

namespace ferry::runtime {

struct Approval {
  std::string plan_sha256;
  std::string by;
  std::string at;  // wall time, ISO 8601 UTC
};

// The plan a journal runs: bound by the first `apply`.
struct RunHeader {
  std::string plan_sha256;
  std::string clock;  // "real" | "virtual"
  std::string zone;   // the fleet's time zone: `status` writes times in it
};

// An action's current state, one row per plan action, in plan order.
struct ActionRow {
  std::string id;
  std::string state = "pending";  // pending, waiting, running, done, failed, rolled_back
  std::string waiting_for;         // "" or predecessors, window, crew, transit, lane, confirmation, operator
  int attempts = 0;
  std::optional<plan::Instant> planned_start, planned_end, actual_start, actual_end;
  std::string log;      // the last attempt's log file
  std::string message;  // why it failed, who confirmed it
};

// One state change, appended in the order it happened; `apply` replays them
// to resume after a crash.
struct JournalEvent {
  enum class What {
    started,     // an attempt began (journalled before its command is spawned)
    waiting,     // a manual action, or an interrupted one under on_interrupt = ask, waits for the operator
    done,        // the attempt succeeded (or was confirmed)
    failed,      // the attempt failed for good: its server pauses
    reopened,    // the operator retried a failed action, or rolled back a migrated account
  };
  std::int64_t sequence = 0;  // set by the journal
  std::string action;         // action id
  What what = What::started;
  plan::Instant at = 0;  // in the run's clock
  int attempt = 0;
  std::string detail;
};

const char* what_name(JournalEvent::What what);
std::optional<JournalEvent::What> what_from_name(const std::string& name);

// Asked from another process; taken by the running `apply` (or the next).
struct Request {
  enum class Kind { confirm, retry, rollback };
  std::int64_t id = 0;
  Kind kind = Kind::confirm;
  std::string action;
  std::string by;
  std::string at;  // wall time, ISO 8601 UTC
};

// How `apply` answered a request: "" until taken.
struct Answer {
  std::int64_t request = 0;
  std::string text;  // "confirmed", "refused: its migrate is not done", ...
};

class Journal {
 public:
  virtual ~Journal() = default;

  // Refused while another `apply` holds it; a crash frees it.
  virtual Status lock_for_apply() = 0;
  // Whether an `apply` holds the lock now (status, confirm: will it answer?).
  virtual bool apply_running() = 0;

  virtual Status approve(const Approval& approval) = 0;
  virtual StatusOr<std::vector<Approval>> approvals() = 0;

  // The run this journal holds, if any.
  virtual StatusOr<std::optional<RunHeader>> run() = 0;
  // Binds the journal to a plan and writes its rows, in one transaction.
  virtual Status begin_run(const RunHeader& header, const std::vector<ActionRow>& rows) = 0;

  virtual StatusOr<std::vector<ActionRow>> actions() = 0;
  virtual StatusOr<std::vector<JournalEvent>> events() = 0;

  // State changes, committed (fsynced) together before this returns: each
  // event appended, each row written, and the requests they answer marked
  // taken (in the same transaction: a crash loses neither).
  virtual Status record(const std::vector<JournalEvent>& events, const std::vector<ActionRow>& rows,
                        const std::vector<Answer>& answers = {}) = 0;
  // What waiting actions wait for: shown by `status`, not needed to resume.
  virtual Status note_waiting(const std::vector<ActionRow>& rows) = 0;

  // The request's id.
  virtual StatusOr<std::int64_t> request(const Request& request) = 0;
  // Its answer once `apply` took it; nullopt before.
  virtual StatusOr<std::optional<std::string>> answer(std::int64_t request) = 0;
  // Requests not taken yet, oldest first.
  virtual StatusOr<std::vector<Request>> pending_requests() = 0;
  // Whether another process wrote since the last call (cheap: polled).
  virtual bool changed_elsewhere() = 0;
};

}  // namespace ferry::runtime
