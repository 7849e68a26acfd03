// spawn_bench: the cost of the runtime's ProcessRunner per command against
// a bare posix_spawn + waitpid, N sequential /bin/true each (the runner
// with a log file per attempt, its own process group, a pidfd and poll),
// the variants taking turns in rounds so a shared machine loads them alike.
//   build/release/bench/spawn_bench [N]     (default 2000)
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "runtime/process_runner.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double micros_per(Clock::duration d, int n) { return std::chrono::duration<double, std::micro>(d).count() / n; }

// posix_spawn + waitpid of /bin/true; with `like_runner`, the same file
// actions and attributes as the runner (log, /dev/null, closefrom, group).
bool bare(int n, const std::filesystem::path& dir, bool like_runner) {
  char* argv[] = {const_cast<char*>("/bin/true"), nullptr};
  for (int i = 0; i < n; ++i) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
    const std::string log = (dir / ("bare." + std::to_string(i) + ".log")).string();
    if (like_runner) {
      posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
      posix_spawnattr_setpgroup(&attributes, 0);
      posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      posix_spawn_file_actions_adddup2(&actions, 1, 2);
      posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
      posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    }
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, argv[0], &actions, &attributes, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    int status = 0;
    if (rc != 0 || waitpid(pid, &status, 0) != pid || status != 0) return false;
  }
  return true;
}

bool runner(int n, const std::filesystem::path& dir) {
  ferry::runtime::ProcessRunner r;
  ferry::runtime::Spawn s;
  s.argv = {"/bin/true"};
  s.attributes = {"web-01", "shop", "t-1", "web-01/migrate/shop", "1"};
  for (int i = 0; i < n; ++i) {
    s.log = dir / ("runner." + std::to_string(i) + ".log");
    s.tag = static_cast<std::uint64_t>(i);
    if (!r.start(s).ok()) return false;
    auto e = r.wait(std::nullopt);
    if (!e || !e->status().ok()) return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 2000;
  if (n <= 0) {
    std::fprintf(stderr, "usage: spawn_bench [N]\n");
    return 2;
  }
  std::string pattern = (std::filesystem::temp_directory_path() / "ferry-spawn-bench-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return 1;
  const std::filesystem::path dir = pattern;

  // The variants take turns, in rounds of n / rounds commands, so that a
  // machine shared with others loads them alike; the best round counts.
  const int rounds = 10;
  const int per_round = std::max(1, n / rounds);
  auto time = [&](auto&& f) {
    const auto start = Clock::now();
    const bool ok = f();
    return ok ? micros_per(Clock::now() - start, per_round) : -1.0;
  };
  bare(per_round, dir, false);  // warm-up: page cache, /bin/true mapped
  std::vector<double> plains, likes, rans;
  for (int r = 0; r < rounds; ++r) {
    plains.push_back(time([&] { return bare(per_round, dir, false); }));
    likes.push_back(time([&] { return bare(per_round, dir, true); }));
    rans.push_back(time([&] { return runner(per_round, dir); }));
  }
  auto best = [](const std::vector<double>& v) {
    return std::any_of(v.begin(), v.end(), [](double x) { return x < 0; }) ? -1.0 : *std::min_element(v.begin(), v.end());
  };
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  const double plain = best(plains), like = best(likes), ran = best(rans);
  std::filesystem::remove_all(dir);
  if (plain < 0 || like < 0 || ran < 0) {
    std::fprintf(stderr, "spawn_bench: a command failed\n");
    return 1;
  }
  std::printf("%d sequential /bin/true per variant, %d rounds taking turns; us/command, best (median) round\n",
              per_round * rounds, rounds);
  std::printf("  posix_spawn + waitpid                         %8.1f (%.1f)\n", plain, median(plains));
  std::printf("  same, with the runner's log/fd/group actions  %8.1f (%.1f)\n", like, median(likes));
  std::printf("  ProcessRunner start + wait (log per attempt)  %8.1f (%.1f)\n", ran, median(rans));
  std::printf("  runner overhead over bare posix_spawn         %8.1f (%.1f) us/command, %+.0f%% of the best\n",
              ran - plain, median(rans) - median(plains), 100.0 * (ran - plain) / plain);
  return 0;
}
