// argv_dump: a test helper run by the ProcessRunner's tests as the command
// under test. `argv_dump OUTPUT ARG...` writes what it received to OUTPUT,
// one NUL-terminated record each: pid=, pgid=, arg= (ARG... as they came),
// env= (FERRY_* variables), fd=N TARGET (its open descriptors).
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <string_view>

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  std::string out;
  auto record = [&out](std::string_view r) {
    out += r;
    out += '\0';
  };
  record("pid=" + std::to_string(getpid()));
  record("pgid=" + std::to_string(getpgrp()));
  for (int i = 2; i < argc; ++i) record(std::string("arg=") + argv[i]);
  for (char** e = environ; *e != nullptr; ++e)
    if (std::string_view(*e).starts_with("FERRY_")) record(std::string("env=") + *e);
  // Descriptors, before OUTPUT is opened; the listing's own one left out.
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return 3;
  while (dirent* entry = readdir(dir)) {
    const std::string name = entry->d_name;
    if (name == "." || name == ".." || std::atoi(name.c_str()) == dirfd(dir)) continue;
    char target[4096];
    const ssize_t n = readlink(("/proc/self/fd/" + name).c_str(), target, sizeof target);
    record("fd=" + name + " " + std::string(target, n > 0 ? static_cast<std::size_t>(n) : 0));
  }
  closedir(dir);
  const int fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return 4;
  for (std::size_t done = 0; done < out.size();) {
    const ssize_t n = write(fd, out.data() + done, out.size() - done);
    if (n <= 0) return 5;
    done += static_cast<std::size_t>(n);
  }
  return close(fd) == 0 ? 0 : 6;
}
