// unified_diff(): the changes from one text to another as a unified diff
// (`diff -u` style, three lines of context), for `ferry fmt --diff` and
// `fmt --check`. Empty when the texts are equal.
//   std::cout << unified_diff(source, formatted, "a.ferry", "a.ferry (formatted)");
#pragma once

#include <string>
#include <string_view>

namespace ferry::cli {

[[nodiscard]] std::string unified_diff(std::string_view before, std::string_view after, const std::string& before_name,
                                       const std::string& after_name);

}  // namespace ferry::cli
