// SqliteJournal: the journal in one SQLite file (WAL, synchronous = FULL:
// a commit is on disk when it returns). The schema version is SQLite's
// user_version; a journal written by a newer ferry is refused. The apply
// lock is an flock on "<journal>.lock", which the kernel frees when the
// process dies, even by kill -9.
//   StatusOr<std::unique_ptr<Journal>> j = SqliteJournal::open("acme.journal");
#pragma once

#include <filesystem>
#include <memory>

#include "runtime/journal.hpp"

struct sqlite3;

namespace ferry::runtime {

class SqliteJournal final : public Journal {
 public:
  static constexpr int kSchemaVersion = 1;
  // Creates the file (and its schema) when it does not exist.
  static StatusOr<std::unique_ptr<Journal>> open(const std::filesystem::path& path);
  ~SqliteJournal() override;

  Status lock_for_apply() override;
  bool apply_running() override;
  Status approve(const Approval& approval) override;
  StatusOr<std::vector<Approval>> approvals() override;
  StatusOr<std::optional<RunHeader>> run() override;
  Status begin_run(const RunHeader& header, const std::vector<ActionRow>& rows) override;
  StatusOr<std::vector<ActionRow>> actions() override;
  StatusOr<std::vector<JournalEvent>> events() override;
  Status record(const std::vector<JournalEvent>& events, const std::vector<ActionRow>& rows,
                const std::vector<Answer>& answers = {}) override;
  Status note_waiting(const std::vector<ActionRow>& rows) override;
  StatusOr<std::int64_t> request(const Request& request) override;
  StatusOr<std::optional<std::string>> answer(std::int64_t request) override;
  StatusOr<std::vector<Request>> pending_requests() override;
  bool changed_elsewhere() override;

 private:
  SqliteJournal(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
  Status exec(const char* sql);
  Status error(const std::string& doing);

  sqlite3* db_;
  std::filesystem::path path_;
  int lock_fd_ = -1;
  long long data_version_ = -1;
};

}  // namespace ferry::runtime
