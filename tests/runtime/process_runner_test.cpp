// ProcessRunner: what a command receives (argv as is, FERRY_* environment,
// stdin /dev/null, a log on 1 and 2, no other descriptor, its own process
// group), how it ends (exit, signal, timeout with its whole group, spawn
// failure, the operator's kill) and that waiting neither spins nor hangs.
// The command under test is often /bin/sh -c: here it IS the program run.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/command_template.hpp"
#include "runtime/process_runner.hpp"
#include "tests/support/temp_dir.hpp"

using ferry::Status;
using ferry::runtime::ActionAttributes;
using ferry::runtime::CommandTemplate;
using ferry::runtime::Exit;
using ferry::runtime::ProcessRunner;
using ferry::runtime::Spawn;
using ferry::testing::TempDir;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

const ActionAttributes web01{"web-01", "shop", "t-1", "web-01/migrate/shop", "1"};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// What argv_dump saw: its records by kind, in order.
struct Dump {
  std::map<std::string, std::vector<std::string>> records;
  explicit Dump(const fs::path& p) {
    const std::string text = read_file(p);
    std::size_t start = 0;
    for (std::size_t end; (end = text.find('\0', start)) != std::string::npos; start = end + 1) {
      const std::string r = text.substr(start, end - start);
      const std::size_t eq = r.find('=');
      records[r.substr(0, eq)].push_back(r.substr(eq + 1));
    }
  }
  const std::vector<std::string>& operator[](const std::string& kind) { return records[kind]; }
};

// The one Exit expected within `limit`; fails the test rather than hang.
Exit wait_one(ProcessRunner& runner, std::chrono::seconds limit = 20s) {
  std::optional<Exit> e = runner.wait(Clock::now() + limit);
  REQUIRE(e.has_value());
  return *e;
}

Spawn shell(const std::string& script, const fs::path& log, std::uint64_t tag = 1) {
  return Spawn{{"/bin/sh", "-c", script}, web01, log, 0ms, tag};
}

// A FIFO a command writes a line into, read here with a bounded wait (no
// race with the command's start, no sleep). Opened read-write so neither
// side blocks on open.
struct Fifo {
  fs::path path;
  int fd = -1;
  explicit Fifo(fs::path p) : path(std::move(p)) {
    REQUIRE(mkfifo(path.c_str(), 0600) == 0);
    fd = open(path.c_str(), O_RDWR | O_CLOEXEC);
    REQUIRE(fd >= 0);
  }
  ~Fifo() { close(fd); }
  // The first line written, or "" after `limit`.
  std::string line(std::chrono::milliseconds limit = 10s) {
    std::string text;
    const auto until = Clock::now() + limit;
    while (text.find('\n') == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
      pollfd p{fd, POLLIN, 0};
      if (left <= 0 || poll(&p, 1, static_cast<int>(left)) <= 0) return "";
      char buffer[64];
      const ssize_t n = read(fd, buffer, sizeof buffer);
      if (n <= 0) return "";
      text.append(buffer, static_cast<std::size_t>(n));
    }
    return text.substr(0, text.find('\n'));
  }
};

// Whether process `pid`, a child of this process, ends within `limit`
// (then reaped here).
bool ends_within(pid_t pid, std::chrono::milliseconds limit) {
  const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  if (pidfd < 0) return errno == ESRCH;
  pollfd p{pidfd, POLLIN, 0};
  const bool ended = poll(&p, 1, static_cast<int>(limit.count())) == 1;
  close(pidfd);
  if (ended) waitpid(pid, nullptr, 0);
  return ended;
}

// Sets an environment variable for one test.
struct EnvVar {
  std::string name;
  EnvVar(std::string n, const char* value) : name(std::move(n)) { setenv(name.c_str(), value, 1); }
  ~EnvVar() { unsetenv(name.c_str()); }
};

}  // namespace

TEST_CASE("names and template words reach the command unchanged, never through a shell") {
  TempDir dir;
  const fs::path out = dir / "argv";
  const std::string helper = FERRY_ARGV_DUMP;
  REQUIRE(helper.find_first_of("'\" ") == std::string::npos);
  ferry::StatusOr<CommandTemplate> t = CommandTemplate::parse(
      "'" + helper + "' '" + out.string() +
      "' {server} {account} --to={transit} \"a; rm -rf /\" '$(touch pwned)' `touch pwned` * {action} {attempt}");
  REQUIRE(t.ok());
  const ActionAttributes hostile{"web-01; rm -rf /", "$(touch pwned)`touch pwned`", "a b\nc *",
                                 "it's \"x\" 'y'", "1; touch pwned"};
  ProcessRunner runner;
  REQUIRE(runner.start({t->fill(hostile), hostile, dir / "log", 0ms, 7}).ok());
  const Exit e = wait_one(runner);
  CHECK(e.tag == 7);
  CHECK(e.how == Exit::How::exited);
  CHECK(e.code == 0);
  CHECK(e.status().ok());
  Dump dump(out);
  CHECK(dump["arg"] == std::vector<std::string>{"web-01; rm -rf /", "$(touch pwned)`touch pwned`", "--to=a b\nc *",
                                                 "a; rm -rf /", "$(touch pwned)", "`touch", "pwned`", "*",
                                                 "it's \"x\" 'y'", "1; touch pwned"});
  std::vector<std::string> env = dump["env"];
  std::sort(env.begin(), env.end());
  CHECK(env == std::vector<std::string>{"FERRY_ACCOUNT=$(touch pwned)`touch pwned`", "FERRY_ACTION=it's \"x\" 'y'",
                                        "FERRY_ATTEMPT=1; touch pwned", "FERRY_SERVER=web-01; rm -rf /",
                                        "FERRY_TRANSIT=a b\nc *"});
  CHECK_FALSE(fs::exists("pwned"));
  CHECK_FALSE(fs::exists(dir / "pwned"));
  CHECK(read_file(dir / "log").empty());
}

TEST_CASE("FERRY_* describe the action and override inherited values, the rest is inherited") {
  TempDir dir;
  EnvVar inherited_server("FERRY_SERVER", "inherited");
  EnvVar inherited_attempt("FERRY_ATTEMPT", "99");
  EnvVar other("FERRY_UNRELATED", "kept");
  ProcessRunner runner;
  REQUIRE(runner.start({{FERRY_ARGV_DUMP, (dir / "out").string()}, {"web-02", "blog", "t-2", "web-02/move_back/blog", "2"},
                        dir / "log", 0ms, 1})
              .ok());
  REQUIRE(wait_one(runner).status().ok());
  std::vector<std::string> env = Dump(dir / "out")["env"];
  std::sort(env.begin(), env.end());
  CHECK(env == std::vector<std::string>{"FERRY_ACCOUNT=blog", "FERRY_ACTION=web-02/move_back/blog",
                                        "FERRY_ATTEMPT=2", "FERRY_SERVER=web-02", "FERRY_TRANSIT=t-2",
                                        "FERRY_UNRELATED=kept"});
}

TEST_CASE("a command runs in its own process group") {
  TempDir dir;
  ProcessRunner runner;
  REQUIRE(runner.start({{FERRY_ARGV_DUMP, (dir / "out").string()}, web01, dir / "log", 0ms, 1}).ok());
  REQUIRE(wait_one(runner).status().ok());
  Dump dump(dir / "out");
  REQUIRE(dump["pid"].size() == 1);
  CHECK(dump["pgid"] == dump["pid"]);
  CHECK(dump["pgid"] != std::vector<std::string>{std::to_string(getpgrp())});
}

TEST_CASE("a command inherits no descriptor but stdin from /dev/null and its log on 1 and 2") {
  TempDir dir;
  // What a careless library could leave open without O_CLOEXEC, as a
  // journal's database file would be.
  const int leaked = open((dir / "acme.journal").c_str(), O_RDWR | O_CREAT, 0600);
  REQUIRE(leaked > 2);
  // This process's stdin, whatever the test runner gave, is a pipe meanwhile:
  // the command must not read it.
  int pipe_fds[2];
  REQUIRE(pipe2(pipe_fds, O_CLOEXEC) == 0);
  const int saved_stdin = dup(STDIN_FILENO);
  REQUIRE(dup2(pipe_fds[0], STDIN_FILENO) == STDIN_FILENO);
  ProcessRunner runner;
  REQUIRE(runner.start({{FERRY_ARGV_DUMP, (dir / "out").string()}, web01, dir / "attempt.log", 0ms, 1}).ok());
  // Another command running meanwhile: its pidfd must not leak either.
  REQUIRE(runner.start({{FERRY_ARGV_DUMP, (dir / "out2").string()}, web01, dir / "attempt2.log", 0ms, 2}).ok());
  REQUIRE(wait_one(runner).status().ok());
  REQUIRE(wait_one(runner).status().ok());
  close(leaked);
  dup2(saved_stdin, STDIN_FILENO);
  close(saved_stdin);
  close(pipe_fds[0]);
  close(pipe_fds[1]);
  const std::string log = fs::canonical(dir / "attempt.log").string();
  CHECK(Dump(dir / "out")["fd"] == std::vector<std::string>{"0 /dev/null", "1 " + log, "2 " + log});
  CHECK(Dump(dir / "out2")["fd"].size() == 3);
}

TEST_CASE("stdout and stderr of an attempt are appended to its own log, in order of writes") {
  TempDir dir;
  ProcessRunner runner;
  const fs::path first = dir / "logs/web-01/migrate/shop.1.log";  // folders created
  REQUIRE(runner.start(shell("echo one; echo two >&2; echo three; echo four >&2", first)).ok());
  REQUIRE(wait_one(runner).status().ok());
  const fs::path second = dir / "logs/web-01/migrate/shop.2.log";
  REQUIRE(runner.start(shell("echo again >&2; exit 3", second)).ok());
  const Exit e = wait_one(runner);
  CHECK(e.how == Exit::How::exited);
  CHECK(e.code == 3);
  CHECK(e.message == "exited with status 3");
  CHECK(e.status().kind() == Status::Kind::retry);
  CHECK(e.status().message() == "exited with status 3");
  CHECK(read_file(first) == "one\ntwo\nthree\nfour\n");
  CHECK(read_file(second) == "again\n");
  // An existing log is appended to, not replaced.
  REQUIRE(runner.start(shell("echo after", second)).ok());
  REQUIRE(wait_one(runner).status().ok());
  CHECK(read_file(second) == "again\nafter\n");
}

TEST_CASE("a timeout kills the command's whole process group, grandchildren included") {
  // Orphaned grandchildren become this process's children, so their end
  // can be waited for and reaped here (PID 1 may not reap them).
  REQUIRE(prctl(PR_SET_CHILD_SUBREAPER, 1) == 0);
  TempDir dir;
  Fifo fifo(dir / "grandchild");
  ProcessRunner runner(0ms);
  const auto started = Clock::now();
  Spawn s = shell("sleep 30 & echo $! > '" + fifo.path.string() + "'; sleep 5", dir / "log", 3);
  s.timeout = 200ms;
  REQUIRE(runner.start(s).ok());
  const std::string grandchild = fifo.line();
  REQUIRE_FALSE(grandchild.empty());
  const pid_t pid = std::stoi(grandchild);
  const Exit e = wait_one(runner);
  const bool ended = ends_within(pid, 5s);
  if (!ended) {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }
  CHECK(ended);
  CHECK(kill(pid, 0) == -1);
  CHECK(errno == ESRCH);
  CHECK(e.tag == 3);
  CHECK(e.how == Exit::How::timed_out);
  CHECK(e.message == "killed after timeout 200ms");
  CHECK(e.status().kind() == Status::Kind::retry);
  CHECK(Clock::now() - started < 4s);  // not the command's own end after 5 s
}

TEST_CASE("after a timeout, SIGTERM lets the command clean up, SIGKILL ends one that ignores it") {
  TempDir dir;
  SECTION("the command traps SIGTERM and exits: no need to wait out the grace") {
    ProcessRunner runner(10s);
    const auto started = Clock::now();
    Spawn s = shell("trap 'echo cleaned up; exit 7' TERM; sleep 5 & wait", dir / "log");
    s.timeout = 200ms;
    REQUIRE(runner.start(s).ok());
    const Exit e = wait_one(runner);
    CHECK(e.how == Exit::How::timed_out);
    CHECK(e.code == 7);
    CHECK(read_file(dir / "log") == "cleaned up\n");
    CHECK(Clock::now() - started < 4s);
  }
  SECTION("what of the group ignores SIGTERM is killed when the command ends, not left running") {
    REQUIRE(prctl(PR_SET_CHILD_SUBREAPER, 1) == 0);
    Fifo fifo(dir / "straggler");
    ProcessRunner runner(10s);
    Spawn s = shell("(trap '' TERM; exec sleep 30) & echo $! > '" + fifo.path.string() + "'; sleep 5", dir / "log");
    s.timeout = 200ms;
    REQUIRE(runner.start(s).ok());
    const std::string line = fifo.line();
    REQUIRE_FALSE(line.empty());
    const pid_t straggler = std::stoi(line);
    const Exit e = wait_one(runner);
    CHECK(e.how == Exit::How::timed_out);
    CHECK(e.code == SIGTERM);
    const bool ended = ends_within(straggler, 5s);
    if (!ended) {
      kill(straggler, SIGKILL);
      waitpid(straggler, nullptr, 0);
    }
    CHECK(ended);
  }
  SECTION("the command ignores SIGTERM: SIGKILL after the grace") {
    ProcessRunner runner(300ms);
    const auto started = Clock::now();
    Spawn s = shell("trap '' TERM; sleep 5", dir / "log");
    s.timeout = 200ms;
    REQUIRE(runner.start(s).ok());
    const Exit e = wait_one(runner);
    CHECK(e.how == Exit::How::timed_out);
    CHECK(e.code == SIGKILL);
    CHECK(Clock::now() - started >= 500ms);  // the grace was given
    CHECK(Clock::now() - started < 4s);
  }
}

TEST_CASE("many commands at once: every tag comes back once, with its status") {
  TempDir dir;
  ProcessRunner runner;
  std::map<std::uint64_t, bool> expected_ok;
  for (std::uint64_t tag = 0; tag < 60; ++tag) {
    const bool ok = tag % 6 != 5;  // 50 /bin/true, 10 /bin/false
    expected_ok[tag] = ok;
    REQUIRE(runner.start({{ok ? "/bin/true" : "false"}, web01, dir / ("log." + std::to_string(tag)), 0ms, tag})
                .ok());
  }
  CHECK(runner.running() == 60);
  std::map<std::uint64_t, int> seen;
  const auto until = Clock::now() + 30s;
  while (runner.running() > 0) {
    std::optional<Exit> e = runner.wait(until);
    REQUIRE(e.has_value());
    INFO("tag " << e->tag << ": " << e->message);
    ++seen[e->tag];
    REQUIRE(expected_ok.count(e->tag) == 1);
    CHECK(e->status().ok() == expected_ok[e->tag]);
    CHECK(e->message == (expected_ok[e->tag] ? "exited with status 0" : "exited with status 1"));
  }
  CHECK(seen.size() == 60);
  CHECK(std::all_of(seen.begin(), seen.end(), [](const auto& s) { return s.second == 1; }));
  CHECK_FALSE(runner.wait(Clock::now()).has_value());
  CHECK_FALSE(runner.wait(std::nullopt).has_value());  // nothing running: no wait
}

TEST_CASE("a command that cannot run is reported as an Exit") {
  TempDir dir;
  fs::create_directory(dir / "a-folder");
  std::ofstream(dir / "a-file") << "x";
  std::ofstream(dir / "no-shebang") << "touch pwned\n";  // never handed to a shell
  fs::permissions(dir / "no-shebang", fs::perms::owner_all);
  struct Case {
    std::vector<std::string> argv;
    fs::path log;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"/nonexistent/scripts/migrate", "x"}, dir / "log",
       "cannot run /nonexistent/scripts/migrate: No such file or directory"},
      {{"ferry-test-no-such-program"}, dir / "log", "cannot run ferry-test-no-such-program: No such file or directory"},
      {{(dir / "a-folder").string()}, dir / "log", "cannot run " + (dir / "a-folder").string() + ": Permission denied"},
      {{(dir / "no-shebang").string()}, dir / "log", "cannot run " + (dir / "no-shebang").string() + ": Exec format error"},
      {{"/bin/true"}, dir / "a-folder", "cannot write the log " + (dir / "a-folder").string() + ": Is a directory"},
      {{"/bin/true"}, dir / "a-file/log", "cannot create the log folder " + (dir / "a-file").string() + ": "},
      {{}, dir / "log", "cannot run an empty command"},
      {{"/bin/echo", std::string("a\0b", 3)}, dir / "log", "cannot run /bin/echo: argument 1 contains a NUL character"},
  };
  ProcessRunner runner;
  std::uint64_t tag = 0;
  for (const Case& c : cases) REQUIRE(runner.start({c.argv, web01, c.log, 0ms, tag++}).ok());
  CHECK(runner.running() == cases.size());
  for (std::uint64_t i = 0; i < cases.size(); ++i) {
    const Exit e = wait_one(runner);
    INFO("case " << i << ": " << e.message);
    CHECK(e.tag == i);
    CHECK(e.how == Exit::How::spawn_failed);
    CHECK_THAT(e.message, Catch::StartsWith(cases[i].message));
    CHECK(e.status().kind() == Status::Kind::retry);
  }
  CHECK(runner.running() == 0);
  CHECK_FALSE(fs::exists("pwned"));
}

TEST_CASE("a command killed by a signal, or stopped by the operator") {
  TempDir dir;
  ProcessRunner runner(0ms);
  REQUIRE(runner.start(shell("kill -9 $$", dir / "log", 1)).ok());
  Exit e = wait_one(runner);
  CHECK(e.how == Exit::How::signalled);
  CHECK(e.code == SIGKILL);
  CHECK(e.message == "killed by SIGKILL");
  CHECK(e.status().kind() == Status::Kind::retry);

  const auto started = Clock::now();
  REQUIRE(runner.start(shell("sleep 5", dir / "log", 2)).ok());
  REQUIRE(runner.start(shell("sleep 5", dir / "log", 3)).ok());
  runner.kill(2);
  runner.kill(99);  // not running: nothing happens
  e = wait_one(runner);
  CHECK(e.tag == 2);
  CHECK(e.how == Exit::How::signalled);
  CHECK_THAT(e.message, Catch::StartsWith("stopped by the operator (SIG"));
  CHECK(Clock::now() - started < 4s);
  CHECK(runner.running() == 1);
  CHECK_FALSE(runner.wait(Clock::now()).has_value());  // tag 3 still runs
}

TEST_CASE("waiting neither spins nor returns before its deadline") {
  TempDir dir;
  ProcessRunner runner;
  REQUIRE(runner.start(shell("sleep 5", dir / "log")).ok());
  rusage before{}, after{};
  getrusage(RUSAGE_SELF, &before);
  const auto started = Clock::now();
  CHECK_FALSE(runner.wait(started + 300ms).has_value());
  const auto waited = Clock::now() - started;
  getrusage(RUSAGE_SELF, &after);
  auto cpu = [](const rusage& r) {
    return std::chrono::seconds(r.ru_utime.tv_sec + r.ru_stime.tv_sec) +
           std::chrono::microseconds(r.ru_utime.tv_usec + r.ru_stime.tv_usec);
  };
  CHECK(waited >= 300ms);
  CHECK(cpu(after) - cpu(before) < 100ms);
  CHECK(runner.running() == 1);
}

TEST_CASE("the runner's end kills and reaps what still runs") {
  TempDir dir;
  Fifo fifo(dir / "pid");
  pid_t pid = -1;
  Clock::time_point started;
  {
    ProcessRunner runner;
    REQUIRE(runner.start(shell("echo $$ > '" + fifo.path.string() + "'; exec sleep 30", dir / "log")).ok());
    const std::string line = fifo.line();
    REQUIRE_FALSE(line.empty());
    pid = std::stoi(line);
    REQUIRE(kill(pid, 0) == 0);
    started = Clock::now();
  }
  CHECK(Clock::now() - started < 4s);  // killed, not waited for
  CHECK(kill(pid, 0) == -1);
  CHECK(errno == ESRCH);
}

TEST_CASE("timeouts are written as the operator writes them") {
  using ferry::runtime::duration_text;
  CHECK(duration_text(4h) == "4h");
  CHECK(duration_text(90min) == "1h30m");
  CHECK(duration_text(3725s) == "1h2m5s");
  CHECK(duration_text(45s) == "45s");
  CHECK(duration_text(200ms) == "200ms");
  CHECK(duration_text(1500ms) == "1500ms");
  CHECK(duration_text(0ms) == "0s");
}
