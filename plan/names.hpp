// The rules for what a fleet may call things, shared by the compiler (on
// .ferry files) and the plan reader (on plan files): names of the fleet,
// calendars, transits, policies, servers and accounts; currency codes; and
// text that is safe to print on a terminal.
#pragma once

#include <algorithm>
#include <string_view>

namespace ferry::plan {

inline constexpr std::size_t kMaxNameLength = 63;
inline constexpr const char* kNameRule = "names are 1 to 63 letters, digits, '.', '_' or '-'";

inline bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameLength) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
}

// Three capital letters, such as EUR.
inline bool valid_currency(std::string_view code) {
  return code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// No control characters (escape sequences would reach the operator's
// terminal): a .ferry string cannot hold one either.
inline bool printable(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) {
    auto b = static_cast<unsigned char>(c);
    return b < 0x20 || b == 0x7f;
  });
}

}  // namespace ferry::plan
