// ProcessRunner: posix_spawnp (no shell; PATH only for a bare name) with
// POSIX_SPAWN_SETPGROUP, the log opened by the spawn's file actions on 1
// and duplicated on 2, stdin from /dev/null, descriptors from 3 closed in
// the child whatever the parent leaked. Each child is watched by a pidfd;
// wait() is one poll(2) over them up to the nearest deadline, then waitpid.
// A group being stopped gets SIGKILL before its leader is reaped: the
// zombie leader keeps the group's id from being reused meanwhile.
#include "runtime/process_runner.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <string_view>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace ferry::runtime {

namespace {

std::string error_text(int error) { return std::system_category().message(error); }

std::string signal_name(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return abbrev != nullptr ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

bool out_of_resources(int error) { return error == EAGAIN || error == ENOMEM || error == EMFILE || error == ENFILE; }

// The spawn's attribute and file-action objects, destroyed on every path.
struct SpawnSetup {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;

  // 0 or the error number of the first call that failed.
  int prepare(const char* log) {
    // Signals the caller ignores or blocks are not the command's business:
    // a script must see SIGPIPE, SIGINT, SIGTERM... as a fresh process does.
    sigset_t empty, defaults;
    sigemptyset(&empty);
    sigemptyset(&defaults);
    for (int sig : {SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGALRM, SIGTERM, SIGUSR1, SIGUSR2, SIGCHLD, SIGTSTP, SIGTTIN,
                    SIGTTOU})
      sigaddset(&defaults, sig);
    const int calls[] = {
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF),
        posix_spawnattr_setpgroup(&attributes, 0),
        posix_spawnattr_setsigmask(&attributes, &empty),
        posix_spawnattr_setsigdefault(&attributes, &defaults),
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log, O_WRONLY | O_CREAT | O_APPEND, 0644),
        posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO),
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0),
        posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1),
    };
    for (int rc : calls)
      if (rc != 0) return rc;
    return 0;
  }
};

int pidfd_open(pid_t pid) { return static_cast<int>(syscall(SYS_pidfd_open, pid, 0)); }

}  // namespace

Status Exit::status() const {
  if (how == How::exited && code == 0) return Status::success();
  return Status::retry(message);
}

std::string duration_text(std::chrono::milliseconds d) {
  const long long ms = d.count();
  if (ms % 1000 != 0) return std::to_string(ms) + "ms";
  const long long s = ms / 1000;
  if (s == 0) return "0s";
  std::string text;
  if (s >= 3600) text += std::to_string(s / 3600) + "h";
  if (s % 3600 >= 60) text += std::to_string(s % 3600 / 60) + "m";
  if (s % 60 != 0) text += std::to_string(s % 60) + "s";
  return text;
}

ProcessRunner::ProcessRunner(std::chrono::milliseconds kill_grace) : kill_grace_(kill_grace) {}

ProcessRunner::~ProcessRunner() {
  for (Child& child : children_) {
    ::killpg(child.pid, SIGKILL);
    int status = 0;
    while (::waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
    }
    ::close(child.pidfd);
  }
}

void ProcessRunner::spawn_failed(const Spawn& spawn, std::string message) {
  ended_.push_back(Exit{spawn.tag, Exit::How::spawn_failed, 0, std::move(message)});
}

Status ProcessRunner::start(const Spawn& spawn) {
  if (spawn.argv.empty()) {
    spawn_failed(spawn, "cannot run an empty command");
    return Status::success();
  }
  const std::string& program = spawn.argv[0];
  for (std::size_t i = 0; i < spawn.argv.size(); ++i)
    if (spawn.argv[i].find('\0') != std::string::npos) {
      spawn_failed(spawn, "cannot run " + program + ": argument " + std::to_string(i) + " contains a NUL character");
      return Status::success();
    }

  // The environment: the parent's, with FERRY_* of this action in place of
  // any inherited ones.
  const std::pair<std::string_view, const std::string*> ferry_variables[] = {
      {"FERRY_SERVER", &spawn.attributes.server},   {"FERRY_ACCOUNT", &spawn.attributes.account},
      {"FERRY_TRANSIT", &spawn.attributes.transit}, {"FERRY_ACTION", &spawn.attributes.action},
      {"FERRY_ATTEMPT", &spawn.attributes.attempt}};
  std::vector<std::string> own;
  for (const auto& [name, value] : ferry_variables) {
    if (value->find('\0') != std::string::npos) {
      spawn_failed(spawn, "cannot run " + program + ": " + std::string(name) + " contains a NUL character");
      return Status::success();
    }
    own.push_back(std::string(name) + "=" + *value);
  }
  std::vector<char*> envp;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view entry(*e);
    const bool replaced = std::any_of(std::begin(ferry_variables), std::end(ferry_variables), [&](const auto& v) {
      return entry.size() > v.first.size() && entry.starts_with(v.first) && entry[v.first.size()] == '=';
    });
    if (!replaced) envp.push_back(*e);
  }
  for (std::string& s : own) envp.push_back(s.data());
  envp.push_back(nullptr);

  std::vector<char*> argv;
  argv.reserve(spawn.argv.size() + 1);
  for (const std::string& a : spawn.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);

  const std::filesystem::path folder = spawn.log.parent_path();
  if (!folder.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) {
      spawn_failed(spawn, "cannot create the log folder " + folder.string() + ": " + ec.message());
      return Status::success();
    }
  }

  SpawnSetup setup;
  if (int rc = setup.prepare(spawn.log.c_str()); rc != 0)
    return Status::stop("cannot start " + program + ": " + error_text(rc));
  pid_t pid = -1;
  if (int rc = posix_spawnp(&pid, program.c_str(), &setup.actions, &setup.attributes, argv.data(), envp.data());
      rc != 0) {
    if (out_of_resources(rc)) return Status::stop("cannot start " + program + ": " + error_text(rc));
    // The child reports one error for its file actions and its exec alike:
    // try the log here to tell which it was.
    const int log = ::open(spawn.log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log < 0) {
      spawn_failed(spawn, "cannot write the log " + spawn.log.string() + ": " + error_text(errno));
    } else {
      ::close(log);
      spawn_failed(spawn, "cannot run " + program + ": " + error_text(rc));
    }
    return Status::success();
  }

  const int pidfd = pidfd_open(pid);
  if (pidfd < 0) {
    const int error = errno;
    ::killpg(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return Status::stop("cannot watch " + program + ": " + error_text(error));
  }
  Child child;
  child.tag = spawn.tag;
  child.pid = pid;
  child.pidfd = pidfd;
  child.program = program;
  child.timeout = spawn.timeout;
  if (spawn.timeout.count() > 0) child.timeout_at = Clock::now() + spawn.timeout;
  children_.push_back(std::move(child));
  return Status::success();
}

void ProcessRunner::terminate(Child& child, Ending why, Clock::time_point now) {
  child.ending = why;
  ::killpg(child.pid, SIGTERM);
  child.signal_sent = SIGTERM;
  if (kill_grace_.count() <= 0) {
    ::killpg(child.pid, SIGKILL);
    child.signal_sent = SIGKILL;
  } else {
    child.kill_at = now + kill_grace_;
  }
}

void ProcessRunner::fire_timers(Clock::time_point now) {
  for (Child& child : children_) {
    if (child.ending == Ending::none && child.timeout_at && now >= *child.timeout_at)
      terminate(child, Ending::timed_out, now);
    if (child.kill_at && now >= *child.kill_at) {
      ::killpg(child.pid, SIGKILL);
      child.signal_sent = SIGKILL;
      child.kill_at.reset();
    }
  }
}

void ProcessRunner::kill(std::uint64_t tag) {
  for (Child& child : children_)
    if (child.tag == tag && child.ending == Ending::none) {
      terminate(child, Ending::killed, Clock::now());
      return;
    }
}

Exit ProcessRunner::reap(Child& child) {
  // A group being stopped: whatever of it outlived its leader goes now,
  // while the unreaped leader still holds the group's id.
  if (child.ending != Ending::none) ::killpg(child.pid, SIGKILL);
  int status = 0;
  pid_t got = -1;
  while ((got = ::waitpid(child.pid, &status, 0)) < 0 && errno == EINTR) {
  }
  ::close(child.pidfd);
  child.pidfd = -1;

  Exit exit;
  exit.tag = child.tag;
  if (got < 0) {
    exit.how = Exit::How::exited;
    exit.code = -1;
    exit.message = child.program + " ended, but its status was taken elsewhere (" + error_text(errno) + ")";
    return exit;
  }
  const bool signalled = WIFSIGNALED(status);
  const int signal = signalled ? WTERMSIG(status) : 0;
  switch (child.ending) {
    case Ending::timed_out:
      exit.how = Exit::How::timed_out;
      exit.code = signalled ? signal : WEXITSTATUS(status);
      exit.message = "killed after timeout " + duration_text(child.timeout);
      break;
    case Ending::killed:
      exit.how = Exit::How::signalled;
      exit.code = signalled ? signal : child.signal_sent;
      exit.message = "stopped by the operator (" + signal_name(exit.code) + ")";
      break;
    case Ending::none:
      if (signalled) {
        exit.how = Exit::How::signalled;
        exit.code = signal;
        exit.message = "killed by " + signal_name(signal);
      } else {
        exit.how = Exit::How::exited;
        exit.code = WEXITSTATUS(status);
        exit.message = "exited with status " + std::to_string(exit.code);
      }
      break;
  }
  return exit;
}

std::optional<Exit> ProcessRunner::wait(std::optional<Clock::time_point> deadline) {
  std::vector<pollfd> fds;
  while (true) {
    if (!ended_.empty()) {
      Exit exit = std::move(ended_.front());
      ended_.pop_front();
      return exit;
    }
    if (children_.empty()) return std::nullopt;

    const Clock::time_point now = Clock::now();
    fire_timers(now);
    std::optional<Clock::time_point> wake = deadline;
    auto earlier = [&wake](std::optional<Clock::time_point> t) {
      if (t && (!wake || *t < *wake)) wake = t;
    };
    for (const Child& child : children_) {
      if (child.ending == Ending::none) earlier(child.timeout_at);
      earlier(child.kill_at);
    }
    int timeout_ms = -1;
    if (wake) {
      // Rounded up: waking before a deadline would only poll again.
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(*wake - now).count();
      timeout_ms = static_cast<int>(std::clamp<long long>(left, 0, INT_MAX));
    }

    fds.clear();
    for (const Child& child : children_) fds.push_back(pollfd{child.pidfd, POLLIN, 0});
    const int ready = ::poll(fds.data(), fds.size(), timeout_ms);
    if (ready < 0) {
      if (errno == EINTR) continue;
      return std::nullopt;  // ENOMEM: nothing ended that we could see
    }
    if (ready > 0) {
      // Reap every child that ended, in start order; the loop returns the first.
      std::vector<Child> still;
      still.reserve(children_.size());
      for (std::size_t i = 0; i < children_.size(); ++i) {
        if (fds[i].revents != 0)
          ended_.push_back(reap(children_[i]));
        else
          still.push_back(std::move(children_[i]));
      }
      children_ = std::move(still);
      continue;
    }
    if (deadline && Clock::now() >= *deadline) return std::nullopt;
  }
}

}  // namespace ferry::runtime
