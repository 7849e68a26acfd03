// Writing a file the operator named (fmt --write, plan -o, graph -o) so that
// the file is never lost: an output that is one of the command's inputs is
// refused (same device and inode, whatever the path says), and the bytes go
// to a temporary file in the same folder, synced, then renamed over the
// target: a full disk or a crash leaves the old file whole.
//   if (auto clash = output_is_input("s.ferry", {"s.ferry"})) print(clash->message);
//   if (auto failed = write_atomically("plan.json", text)) print(failed->message);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ferry::dsl {

struct FileError {
  std::string message;  // says which file and why
};

// Set when `output` is the same file as one of `inputs`.
[[nodiscard]] std::optional<FileError> output_is_input(const std::string& output, const std::vector<std::string>& inputs);

// Set when the file could not be written; the target is then unchanged.
[[nodiscard]] std::optional<FileError> write_atomically(const std::string& path, std::string_view bytes);

}  // namespace ferry::dsl
