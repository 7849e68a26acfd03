// suggest(): the closest known word to a misspelt one ("dwontime" ->
// "downtime"), by edit distance, or "" when nothing is close enough.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ferry::compiler {

std::string suggest(std::string_view word, const std::vector<std::string>& known);
// "; did you mean 'x'?" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& known);

}  // namespace ferry::compiler
