// SqliteJournal: what it keeps survives reopening, in order; a newer
// schema is refused; the apply lock excludes a second holder and is freed
// with its holder; requests are answered in the same commit as the state
// change they cause.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "runtime/sqlite_journal.hpp"
#include "tests/support/temp_dir.hpp"

using ferry::Status;
using ferry::runtime::ActionRow;
using ferry::runtime::Answer;
using ferry::runtime::Approval;
using ferry::runtime::Journal;
using ferry::runtime::JournalEvent;
using ferry::runtime::Request;
using ferry::runtime::SqliteJournal;
using ferry::testing::TempDir;

namespace {

std::unique_ptr<Journal> open(const std::filesystem::path& path) {
  auto journal = SqliteJournal::open(path);
  REQUIRE(journal.ok());
  return std::move(*journal);
}

ActionRow row(std::string id) {
  ActionRow r;
  r.id = std::move(id);
  r.planned_start = 100;
  r.planned_end = 200;
  return r;
}

}  // namespace

TEST_CASE("a journal keeps approvals, the run, rows and events across reopening") {
  TempDir s;
  {
    auto j = open((s / "j.journal"));
    REQUIRE(j->approve({"abc", "alice", "2026-11-26T03:00:00Z"}).ok());
    REQUIRE(j->begin_run({"abc", "virtual", "Europe/Paris"}, {row("a/prepare/x"), row("a/migrate/x")}).ok());
    ActionRow done = row("a/migrate/x");
    done.state = "done";
    done.attempts = 2;
    done.actual_start = 150;
    done.actual_end = 180;
    done.log = "a__migrate__x.2.log";
    REQUIRE(j->record({{0, "a/migrate/x", JournalEvent::What::started, 150, 1, ""},
                       {0, "a/migrate/x", JournalEvent::What::done, 180, 2, ""}},
                      {done})
                .ok());
  }
  auto j = open((s / "j.journal"));
  auto approvals = j->approvals();
  REQUIRE(approvals.ok());
  REQUIRE(approvals->size() == 1);
  CHECK((*approvals)[0].by == "alice");
  auto run = j->run();
  REQUIRE((run.ok() && *run));
  CHECK((*run)->clock == "virtual");
  CHECK((*run)->zone == "Europe/Paris");
  auto rows = j->actions();
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 2);
  CHECK((*rows)[0].id == "a/prepare/x");  // plan order
  CHECK((*rows)[0].state == "pending");
  CHECK(!(*rows)[0].actual_start);
  CHECK((*rows)[1].state == "done");
  CHECK((*rows)[1].attempts == 2);
  CHECK(*(*rows)[1].actual_end == 180);
  CHECK(*(*rows)[1].planned_end == 200);
  auto events = j->events();
  REQUIRE(events.ok());
  REQUIRE(events->size() == 2);
  CHECK((*events)[0].what == JournalEvent::What::started);
  CHECK((*events)[1].what == JournalEvent::What::done);
  CHECK((*events)[1].at == 180);
  CHECK((*events)[0].sequence < (*events)[1].sequence);
}

TEST_CASE("a journal from a newer ferry is refused, not misread") {
  TempDir s;
  { auto j = open((s / "j.journal")); }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((s / "j.journal").c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "PRAGMA user_version = 2", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  auto j = SqliteJournal::open((s / "j.journal"));
  REQUIRE(!j.ok());
  CHECK(j.status().kind() == Status::Kind::refused);
  CHECK_THAT(j.status().message(), Catch::Contains("newer ferry"));
}

TEST_CASE("a file that is not a journal is refused") {
  TempDir s;
  {
    std::FILE* f = std::fopen((s / "j.journal").c_str(), "w");
    std::fputs("this is not a database, it is a note of 64 bytes or more........", f);
    std::fclose(f);
  }
  auto j = SqliteJournal::open((s / "j.journal"));
  CHECK(!j.ok());
}

TEST_CASE("one apply at a time: the lock excludes a second holder and dies with the first") {
  TempDir s;
  auto first = open((s / "j.journal"));
  auto second = open((s / "j.journal"));
  CHECK(!second->apply_running());
  REQUIRE(first->lock_for_apply().ok());
  CHECK(second->apply_running());
  Status refused = second->lock_for_apply();
  CHECK(refused.kind() == Status::Kind::refused);
  CHECK_THAT(refused.message(), Catch::Contains("another `ferry apply`"));
  first.reset();  // its process ends: the kernel lets the lock go
  CHECK(!second->apply_running());
  CHECK(second->lock_for_apply().ok());
}

TEST_CASE("a request is answered in the commit of what it caused") {
  TempDir s;
  auto apply = open((s / "j.journal"));
  auto operator_side = open((s / "j.journal"));
  REQUIRE(apply->begin_run({"abc", "real", "UTC"}, {row("a/install_transit")}).ok());
  apply->changed_elsewhere();
  auto id = operator_side->request({0, Request::Kind::confirm, "a/install_transit", "bob", "now"});
  REQUIRE(id.ok());
  CHECK(apply->changed_elsewhere());
  CHECK(!apply->changed_elsewhere());  // nothing new since
  auto pending = apply->pending_requests();
  REQUIRE(pending.ok());
  REQUIRE(pending->size() == 1);
  CHECK((*pending)[0].by == "bob");
  auto before = operator_side->answer(*id);
  REQUIRE(before.ok());
  CHECK(!*before);
  ActionRow done = row("a/install_transit");
  done.state = "done";
  REQUIRE(apply->record({{0, "a/install_transit", JournalEvent::What::done, 5, 1, "confirmed by bob"}}, {done},
                        {Answer{*id, "confirmed"}})
              .ok());
  auto after = operator_side->answer(*id);
  REQUIRE((after.ok() && *after));
  CHECK(**after == "confirmed");
  auto left = apply->pending_requests();
  REQUIRE(left.ok());
  CHECK(left->empty());
}
