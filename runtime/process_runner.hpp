// ProcessRunner: runs the commands of actions, many at once, without a
// shell, each in its own process group with its output in one log file per
// attempt, and reports each end once. The apply loop is its only caller
// (the runtime's side of plan/executor.hpp); tests drive it directly.
//   Status s = runner.start({argv, attributes, "logs/web-01/migrate/shop.1.log", 4h, tag});
//   while (std::optional<Exit> e = runner.wait(deadline)) finished(e->tag, e->status());
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

#include "plan/status.hpp"
#include "runtime/command_template.hpp"

namespace ferry::runtime {

// One attempt of one action's command.
struct Spawn {
  std::vector<std::string> argv;  // argv[0] is searched in PATH when it has no '/'
  ActionAttributes attributes;    // also the FERRY_* environment
  std::filesystem::path log;      // stdout and stderr, appended; parent folders created
  std::chrono::milliseconds timeout{0};  // 0 = none
  std::uint64_t tag = 0;                 // the caller's id, returned in Exit
};

// How an attempt ended.
struct Exit {
  std::uint64_t tag = 0;
  // signalled: killed by a signal, or stopped by kill(); timed_out: killed
  // because its timeout passed; spawn_failed: never ran (no program, no log).
  enum class How { exited, signalled, timed_out, spawn_failed } how = How::exited;
  int code = 0;          // exit code, or signal number (0 for spawn_failed)
  std::string message;   // for the operator: "exited with status 3", "killed after timeout 4h"
  // Success on exit 0; otherwise Status::retry(message): the caller decides
  // when retries are exhausted.
  Status status() const;
};

// One loop drives it (not thread-safe). It reaps its own children by pid:
// the process must not set SIGCHLD to SIG_IGN nor reap with wait(-1).
class ProcessRunner {
 public:
  // A command whose timeout passed (or that kill() stops) gets SIGTERM, its
  // whole group; SIGKILL follows when the command exits or `kill_grace`
  // ends, whichever comes first, so nothing of the group outlives it.
  explicit ProcessRunner(std::chrono::milliseconds kill_grace = std::chrono::seconds(2));
  // Kills (SIGKILL, whole group, no grace) and reaps whatever still runs.
  ~ProcessRunner();
  ProcessRunner(const ProcessRunner&) = delete;
  ProcessRunner& operator=(const ProcessRunner&) = delete;

  // Starts a command. A command that cannot run (no such program, log not
  // writable, an empty argv) is reported by wait() as spawn_failed, not
  // here. Status::stop when the system is out of resources (processes,
  // descriptors, memory): the command did not start and wait() will not
  // report it.
  Status start(const Spawn& spawn);

  // The next command to end, waiting at most until `deadline` (nullopt: no
  // limit; now: do not wait). nullopt when none ended by then, or none is
  // running. Never busy-waits: one poll(2) on pidfds up to the nearest
  // deadline (the caller's, a timeout, a kill grace).
  std::optional<Exit> wait(std::optional<std::chrono::steady_clock::time_point> deadline);

  // Commands started and not yet reported by wait() (a spawn failure counts
  // until reported).
  std::size_t running() const { return children_.size() + ended_.size(); }

  // Stops the command with this tag (the operator's abort): SIGTERM to its
  // group, then as for a timeout. wait() reports it as signalled. Nothing
  // happens for a tag that is not running.
  void kill(std::uint64_t tag);

 private:
  using Clock = std::chrono::steady_clock;
  enum class Ending { none, timed_out, killed };
  struct Child {
    std::uint64_t tag = 0;
    pid_t pid = -1;  // also its process group
    int pidfd = -1;
    std::string program;
    std::chrono::milliseconds timeout{0};
    std::optional<Clock::time_point> timeout_at;
    Ending ending = Ending::none;
    std::optional<Clock::time_point> kill_at;  // SIGKILL when the grace ends
    int signal_sent = 0;
  };

  void fire_timers(Clock::time_point now);
  void terminate(Child& child, Ending why, Clock::time_point now);
  Exit reap(Child& child);
  void spawn_failed(const Spawn& spawn, std::string message);

  std::chrono::milliseconds kill_grace_;
  std::vector<Child> children_;
  std::deque<Exit> ended_;  // reaped or never started, not yet reported
};

// "4h", "1h30m", "200ms": a timeout as the operator wrote it.
std::string duration_text(std::chrono::milliseconds d);

}  // namespace ferry::runtime
