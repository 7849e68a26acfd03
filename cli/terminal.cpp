#include "cli/terminal.hpp"

#include <cstdlib>
#include <unistd.h>

namespace ferry::cli {

namespace {

constexpr const char* kBold = "\033[1m";
constexpr const char* kReset = "\033[0m";

// A header line is "place: severity: message"; the excerpt and caret lines
// below it start with a space, so a source line quoting ": error: " is left alone.
std::string colour_header(const std::string& line) {
  struct Word {
    const char* text;
    const char* colour;
  };
  for (Word w : {Word{": error: ", "\033[1;31m"}, Word{": warning: ", "\033[1;35m"}, Word{": note: ", "\033[1;36m"}}) {
    auto at = line.find(w.text);
    if (at == std::string::npos) continue;
    std::string word = std::string(w.text).substr(2);  // "error: "
    return kBold + line.substr(0, at + 1) + kReset + " " + w.colour + word.substr(0, word.size() - 1) + kReset +
           " " + kBold + line.substr(at + std::string(w.text).size()) + kReset;
  }
  return line;
}

bool is_caret_line(const std::string& line) {
  return line.find('^') != std::string::npos && line.find_first_not_of(" ^~") == std::string::npos;
}

}  // namespace

bool colour_on(int fd) {
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour && *no_colour) return false;
  return isatty(fd) == 1;
}

std::string colour_diagnostics(const std::string& text, bool colour) {
  if (!colour) return text;
  std::string out;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(begin, end - begin);
    if (is_caret_line(line))
      out += "\033[1;32m" + line + kReset;
    else if (!line.empty() && line[0] != ' ')
      out += colour_header(line);
    else
      out += line;
    if (end < text.size()) out += '\n';
    begin = end + 1;
  }
  return out;
}

}  // namespace ferry::cli
