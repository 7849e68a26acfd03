#include "dsl/source_file.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

namespace ferry::dsl {

SourceFile SourceFile::from_text(std::string path, std::string text) {
  SourceFile file;
  file.path_ = std::move(path);
  file.text_ = std::move(text);
  file.line_starts_.push_back(0);
  const char* begin = file.text_.data();
  const char* end = begin + file.text_.size();
  for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p))));)
    file.line_starts_.push_back(static_cast<std::uint32_t>(++p - begin));
  if (file.text_.rfind("\xEF\xBB\xBF", 0) == 0) file.content_begin_ = 3;
  return file;
}

std::optional<SourceFile> SourceFile::read(const std::string& path, std::string& error) {
  auto text = read_text(path, error);
  if (!text) return std::nullopt;
  return from_text(path, std::move(*text));
}

std::optional<std::string> SourceFile::read_text(const std::string& path, std::string& error) {
  // A folder opens as a stream whose size is huge: say what it is instead.
  struct stat status;
  if (::stat(path.c_str(), &status) == 0 && S_ISDIR(status.st_mode)) {
    error = "cannot read '" + path + "': it is a directory";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open '" + path + "'";
    return std::nullopt;
  }
  std::string text;
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size > 0) {  // a regular file: read it in one go
    text.resize(static_cast<std::size_t>(size));
    in.read(text.data(), size);
    text.resize(static_cast<std::size_t>(in.gcount()));
  } else {  // a pipe or a device: read what comes
    in.clear();
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  }
  if (in.bad()) {
    error = "cannot read '" + path + "'";
    return std::nullopt;
  }
  // Offsets are 32-bit: refuse what they cannot address instead of wrapping.
  if (text.size() > 0x7fffffffu) {
    error = "'" + path + "' is larger than 2 GiB";
    return std::nullopt;
  }
  return text;
}

Location SourceFile::location(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  return {line, offset - line_starts_[line - 1] + 1};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  std::uint32_t begin = line_starts_[line - 1];
  std::uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1 : static_cast<std::uint32_t>(text_.size());
  std::string_view view(text_.data() + begin, end - begin);
  if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
  return view;
}

}  // namespace ferry::dsl
