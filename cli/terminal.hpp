// What the CLI prints on a terminal: colour only on a TTY and only when
// NO_COLOR (https://no-color.org) is unset or empty; diagnostics coloured
// clang's way (error red, warning magenta, note cyan, caret green).
//   std::cerr << colour_diagnostics(text, colour_on(STDERR_FILENO));
#pragma once

#include <string>

namespace ferry::cli {

bool colour_on(int fd);
// `text` is rendered diagnostics (dsl::render_all); unchanged when !colour.
std::string colour_diagnostics(const std::string& text, bool colour);

}  // namespace ferry::cli
