// POSIX calls, because the guarantees are POSIX ones: mkstemp in the
// target's folder (rename is atomic only within one file system), fsync of
// the file before the rename and of the folder after it.
#include "dsl/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

namespace ferry::dsl {

namespace {

std::string folder_of(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

FileError failure(const std::string& path, const char* what, int error) {
  return {"cannot write '" + path + "': " + what + ": " + std::strerror(error)};
}

}  // namespace

std::optional<FileError> output_is_input(const std::string& output, const std::vector<std::string>& inputs) {
  struct stat out;
  if (::stat(output.c_str(), &out) != 0) return std::nullopt;  // a new file is no input
  for (const std::string& input : inputs) {
    struct stat in;
    if (::stat(input.c_str(), &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino)
      return FileError{"the output '" + output + "' is the input '" + input + "'; ferry does not overwrite its input"};
  }
  return std::nullopt;
}

std::optional<FileError> write_atomically(const std::string& path, std::string_view bytes) {
  // Through a symbolic link, the file it points to is replaced, not the link.
  std::string target = path;
  if (char* resolved = ::realpath(path.c_str(), nullptr)) {
    target = resolved;
    std::free(resolved);
  }
  struct stat existing;
  bool exists = ::stat(target.c_str(), &existing) == 0;
  if (exists && !S_ISREG(existing.st_mode)) return FileError{"cannot write '" + path + "': it is not a regular file"};
  std::string temporary = folder_of(target) + "/.ferry-XXXXXX";
  int fd = ::mkstemp(temporary.data());
  if (fd < 0) return failure(path, "cannot create a temporary file in its folder", errno);
  auto fail = [&](const char* what) {
    int error = errno;
    ::close(fd);
    ::unlink(temporary.c_str());
    return failure(path, what, error);
  };
  // The mode of the file it replaces, or what a new file would get.
  mode_t mode = 0666;
  if (exists) mode = existing.st_mode & 07777;
  else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode &= ~mask;
  }
  if (::fchmod(fd, mode) != 0) return fail("cannot set its mode");
  for (std::size_t done = 0; done < bytes.size();) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail("cannot write the data");
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return fail("cannot sync the data to disk");
  if (::close(fd) != 0) {
    int error = errno;
    ::unlink(temporary.c_str());
    return failure(path, "cannot close the file", error);
  }
  if (::rename(temporary.c_str(), target.c_str()) != 0) {
    int error = errno;
    ::unlink(temporary.c_str());
    return failure(path, "cannot replace it", error);
  }
  int folder = ::open(folder_of(target).c_str(), O_RDONLY | O_DIRECTORY);
  if (folder >= 0) {
    ::fsync(folder);  // the rename itself; a folder that cannot be synced does not undo the write
    ::close(folder);
  }
  return std::nullopt;
}

}  // namespace ferry::dsl
