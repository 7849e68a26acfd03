#include "runtime/sqlite_journal.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ferry::runtime {

namespace {

// A prepared statement, finalized on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return stmt_ != nullptr; }

  Statement& bind(int i, const std::string& text) {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int i, long long value) {
    sqlite3_bind_int64(stmt_, i, value);
    return *this;
  }
  Statement& bind(int i, const std::optional<plan::Instant>& value) {
    if (value) sqlite3_bind_int64(stmt_, i, *value);
    else sqlite3_bind_null(stmt_, i);
    return *this;
  }
  int step() { return sqlite3_step(stmt_); }
  // Ready for the next bind and step.
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string text(int column) const {
    const unsigned char* s = sqlite3_column_text(stmt_, column);
    return s ? std::string(reinterpret_cast<const char*>(s), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
             : std::string();
  }
  long long integer(int column) const { return sqlite3_column_int64(stmt_, column); }
  std::optional<plan::Instant> instant(int column) const {
    if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
    return sqlite3_column_int64(stmt_, column);
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

constexpr const char* kSchema = R"sql(
CREATE TABLE approvals(plan_sha256 TEXT NOT NULL, by TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE run(plan_sha256 TEXT NOT NULL, clock TEXT NOT NULL, zone TEXT NOT NULL);
CREATE TABLE actions(
  position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, state TEXT NOT NULL, waiting_for TEXT NOT NULL,
  attempts INTEGER NOT NULL, planned_start INTEGER, planned_end INTEGER, actual_start INTEGER,
  actual_end INTEGER, log TEXT NOT NULL, message TEXT NOT NULL);
CREATE TABLE events(
  sequence INTEGER PRIMARY KEY, action TEXT NOT NULL, what TEXT NOT NULL, at INTEGER NOT NULL,
  attempt INTEGER NOT NULL, detail TEXT NOT NULL);
CREATE TABLE requests(
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, action TEXT NOT NULL, by TEXT NOT NULL, at TEXT NOT NULL,
  taken INTEGER NOT NULL DEFAULT 0, answer TEXT NOT NULL DEFAULT '');
)sql";

const char* request_kind_name(Request::Kind kind) {
  switch (kind) {
    case Request::Kind::confirm: return "confirm";
    case Request::Kind::retry: return "retry";
    case Request::Kind::rollback: return "rollback";
  }
  return "confirm";
}

}  // namespace

const char* what_name(JournalEvent::What what) {
  switch (what) {
    case JournalEvent::What::started: return "started";
    case JournalEvent::What::waiting: return "waiting";
    case JournalEvent::What::done: return "done";
    case JournalEvent::What::failed: return "failed";
    case JournalEvent::What::reopened: return "reopened";
  }
  return "started";
}

std::optional<JournalEvent::What> what_from_name(const std::string& name) {
  for (auto what : {JournalEvent::What::started, JournalEvent::What::waiting, JournalEvent::What::done,
                    JournalEvent::What::failed, JournalEvent::What::reopened})
    if (name == what_name(what)) return what;
  return std::nullopt;
}

StatusOr<std::unique_ptr<Journal>> SqliteJournal::open(const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status::stop("cannot open the journal " + path.string() + ": " + why);
  }
  std::unique_ptr<SqliteJournal> journal(new SqliteJournal(db, path));
  sqlite3_busy_timeout(db, 10000);
  // A file that is not a database fails at the first statement.
  if (Status s = journal->exec("PRAGMA journal_mode = WAL"); !s.ok())
    return Status::stop("cannot use " + path.string() + " as a journal: " + s.message());
  if (Status s = journal->exec("PRAGMA synchronous = FULL"); !s.ok()) return s;
  Statement version(db, "PRAGMA user_version");
  if (!version.ok() || version.step() != SQLITE_ROW) return journal->error("reading the schema version");
  long long found = version.integer(0);
  if (found > kSchemaVersion)
    return Status::refused(path.string() + " was written by a newer ferry (journal schema " + std::to_string(found) +
                           ", this ferry knows " + std::to_string(kSchemaVersion) + "): use that ferry");
  if (found == 0) {
    if (Status s = journal->exec("BEGIN IMMEDIATE"); !s.ok()) return s;
    Statement again(db, "PRAGMA user_version");
    if (again.ok() && again.step() == SQLITE_ROW && again.integer(0) == 0) {  // nobody created it meanwhile
      if (Status s = journal->exec(kSchema); !s.ok()) return s;
      if (Status s = journal->exec("PRAGMA user_version = 1"); !s.ok()) return s;
    }
    if (Status s = journal->exec("COMMIT"); !s.ok()) return s;
  }
  journal->changed_elsewhere();
  return std::unique_ptr<Journal>(std::move(journal));
}

SqliteJournal::~SqliteJournal() {
  sqlite3_close(db_);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

Status SqliteJournal::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) == SQLITE_OK) return Status::success();
  std::string why = message ? message : sqlite3_errmsg(db_);
  sqlite3_free(message);
  sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  return Status::stop("journal " + path_.string() + ": " + why);
}

Status SqliteJournal::error(const std::string& doing) {
  std::string why = sqlite3_errmsg(db_);
  if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  return Status::stop("journal " + path_.string() + ": " + doing + ": " + why);
}

Status SqliteJournal::lock_for_apply() {
  std::string lock_path = path_.string() + ".lock";
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Status::stop("cannot open " + lock_path + ": " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int e = errno;
    ::close(fd);
    if (e == EWOULDBLOCK)
      return Status::refused("another `ferry apply` is running on " + path_.string() + " (it holds " + lock_path + ")");
    return Status::stop("cannot lock " + lock_path + ": " + std::strerror(e));
  }
  lock_fd_ = fd;
  return Status::success();
}

bool SqliteJournal::apply_running() {
  if (lock_fd_ >= 0) return true;
  std::string lock_path = path_.string() + ".lock";
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return false;
  bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0;
  ::close(fd);  // also lets the shared lock go
  return held;
}

Status SqliteJournal::approve(const Approval& a) {
  Statement insert(db_, "INSERT INTO approvals(plan_sha256, by, at) VALUES(?, ?, ?)");
  if (!insert.ok() || insert.bind(1, a.plan_sha256).bind(2, a.by).bind(3, a.at).step() != SQLITE_DONE)
    return error("recording the approval");
  return Status::success();
}

StatusOr<std::vector<Approval>> SqliteJournal::approvals() {
  Statement select(db_, "SELECT plan_sha256, by, at FROM approvals ORDER BY rowid");
  if (!select.ok()) return error("reading approvals");
  std::vector<Approval> out;
  int rc;
  while ((rc = select.step()) == SQLITE_ROW) out.push_back({select.text(0), select.text(1), select.text(2)});
  if (rc != SQLITE_DONE) return error("reading approvals");
  return out;
}

StatusOr<std::optional<RunHeader>> SqliteJournal::run() {
  Statement select(db_, "SELECT plan_sha256, clock, zone FROM run");
  if (!select.ok()) return error("reading the run");
  int rc = select.step();
  if (rc == SQLITE_DONE) return std::optional<RunHeader>();
  if (rc != SQLITE_ROW) return error("reading the run");
  return std::optional<RunHeader>(RunHeader{select.text(0), select.text(1), select.text(2)});
}

Status SqliteJournal::begin_run(const RunHeader& header, const std::vector<ActionRow>& rows) {
  if (Status s = exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  Statement run(db_, "INSERT INTO run(plan_sha256, clock, zone) VALUES(?, ?, ?)");
  if (!run.ok() || run.bind(1, header.plan_sha256).bind(2, header.clock).bind(3, header.zone).step() != SQLITE_DONE)
    return error("recording the run");
  Statement insert(db_,
                   "INSERT INTO actions(position, id, state, waiting_for, attempts, planned_start, planned_end, "
                   "actual_start, actual_end, log, message) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!insert.ok()) return error("writing the actions");
  long long position = 0;
  for (const ActionRow& r : rows) {
    insert.bind(1, position++).bind(2, r.id).bind(3, r.state).bind(4, r.waiting_for).bind(5, r.attempts);
    insert.bind(6, r.planned_start).bind(7, r.planned_end).bind(8, r.actual_start).bind(9, r.actual_end);
    insert.bind(10, r.log).bind(11, r.message);
    if (insert.step() != SQLITE_DONE) return error("writing the actions");
    insert.reset();
  }
  return exec("COMMIT");
}

StatusOr<std::vector<ActionRow>> SqliteJournal::actions() {
  Statement select(db_,
                   "SELECT id, state, waiting_for, attempts, planned_start, planned_end, actual_start, actual_end, log, "
                   "message FROM actions ORDER BY position");
  if (!select.ok()) return error("reading the actions");
  std::vector<ActionRow> out;
  int rc;
  while ((rc = select.step()) == SQLITE_ROW)
    out.push_back({select.text(0), select.text(1), select.text(2), static_cast<int>(select.integer(3)),
                   select.instant(4), select.instant(5), select.instant(6), select.instant(7), select.text(8),
                   select.text(9)});
  if (rc != SQLITE_DONE) return error("reading the actions");
  return out;
}

StatusOr<std::vector<JournalEvent>> SqliteJournal::events() {
  Statement select(db_, "SELECT sequence, action, what, at, attempt, detail FROM events ORDER BY sequence");
  if (!select.ok()) return error("reading the events");
  std::vector<JournalEvent> out;
  int rc;
  while ((rc = select.step()) == SQLITE_ROW) {
    auto what = what_from_name(select.text(2));
    if (!what) return Status::stop("journal " + path_.string() + ": unknown event " + select.text(2));
    out.push_back({select.integer(0), select.text(1), *what, select.integer(3), static_cast<int>(select.integer(4)),
                   select.text(5)});
  }
  if (rc != SQLITE_DONE) return error("reading the events");
  return out;
}

Status SqliteJournal::record(const std::vector<JournalEvent>& events, const std::vector<ActionRow>& rows,
                             const std::vector<Answer>& answers) {
  if (Status s = exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  Statement insert(db_, "INSERT INTO events(action, what, at, attempt, detail) VALUES(?, ?, ?, ?, ?)");
  Statement update(db_,
                   "UPDATE actions SET state = ?, waiting_for = ?, attempts = ?, actual_start = ?, actual_end = ?, "
                   "log = ?, message = ? WHERE id = ?");
  if (!insert.ok() || !update.ok()) return error("recording a state change");
  for (const JournalEvent& e : events) {
    insert.bind(1, e.action).bind(2, std::string(what_name(e.what))).bind(3, e.at).bind(4, e.attempt).bind(5, e.detail);
    if (insert.step() != SQLITE_DONE) return error("recording a state change");
    insert.reset();
  }
  for (const ActionRow& r : rows) {
    update.bind(1, r.state).bind(2, r.waiting_for).bind(3, r.attempts).bind(4, r.actual_start).bind(5, r.actual_end);
    update.bind(6, r.log).bind(7, r.message).bind(8, r.id);
    if (update.step() != SQLITE_DONE) return error("recording a state change");
    update.reset();
  }
  Statement take(db_, "UPDATE requests SET taken = 1, answer = ? WHERE id = ?");
  if (!take.ok()) return error("taking a request");
  for (const Answer& a : answers) {
    if (take.bind(1, a.text).bind(2, static_cast<long long>(a.request)).step() != SQLITE_DONE)
      return error("taking a request");
    take.reset();
  }
  return exec("COMMIT");
}

Status SqliteJournal::note_waiting(const std::vector<ActionRow>& rows) {
  if (rows.empty()) return Status::success();
  if (Status s = exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  Statement update(db_, "UPDATE actions SET state = ?, waiting_for = ? WHERE id = ?");
  if (!update.ok()) return error("noting what actions wait for");
  for (const ActionRow& r : rows) {
    update.bind(1, r.state).bind(2, r.waiting_for).bind(3, r.id);
    if (update.step() != SQLITE_DONE) return error("noting what actions wait for");
    update.reset();
  }
  return exec("COMMIT");
}

StatusOr<std::int64_t> SqliteJournal::request(const Request& r) {
  Statement insert(db_, "INSERT INTO requests(kind, action, by, at) VALUES(?, ?, ?, ?)");
  if (!insert.ok() ||
      insert.bind(1, std::string(request_kind_name(r.kind))).bind(2, r.action).bind(3, r.by).bind(4, r.at).step() !=
          SQLITE_DONE)
    return error("recording the request");
  return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_));
}

StatusOr<std::optional<std::string>> SqliteJournal::answer(std::int64_t request) {
  Statement select(db_, "SELECT taken, answer FROM requests WHERE id = ?");
  if (!select.ok()) return error("reading a request");
  int rc = select.bind(1, static_cast<long long>(request)).step();
  if (rc != SQLITE_ROW) return error("reading a request");
  if (select.integer(0) == 0) return std::optional<std::string>();
  return std::optional<std::string>(select.text(1));
}

StatusOr<std::vector<Request>> SqliteJournal::pending_requests() {
  Statement select(db_, "SELECT id, kind, action, by, at FROM requests WHERE taken = 0 ORDER BY id");
  if (!select.ok()) return error("reading requests");
  std::vector<Request> out;
  int rc;
  while ((rc = select.step()) == SQLITE_ROW) {
    std::string kind = select.text(1);
    Request::Kind k = kind == "retry" ? Request::Kind::retry : kind == "rollback" ? Request::Kind::rollback
                                                                                  : Request::Kind::confirm;
    out.push_back({select.integer(0), k, select.text(2), select.text(3), select.text(4)});
  }
  if (rc != SQLITE_DONE) return error("reading requests");
  return out;
}

bool SqliteJournal::changed_elsewhere() {
  Statement select(db_, "PRAGMA data_version");
  if (!select.ok() || select.step() != SQLITE_ROW) return true;
  long long now = select.integer(0);
  bool changed = now != data_version_;
  data_version_ = now;
  return changed;
}

}  // namespace ferry::runtime
