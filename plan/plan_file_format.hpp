// The vocabulary the plan file's writer (plan_json_write.cpp) and reader
// (plan_json_read.cpp) share: operation and order names, and the member
// that carries the hash. Internal to plan/.
#pragma once

#include <string_view>

namespace ferry::plan::plan_file {

inline constexpr const char* kOpNames[] = {"constant", "variable", "add",        "subtract", "multiply",
                                           "divide",   "negate",   "min",        "max",      "uniform",
                                           "triangular", "normal", "lognormal"};
inline constexpr const char* kOrderNames[] = {"as_written", "largest_first", "smallest_first", "priority"};

// The file is the canonical dump with the hash appended as the last member:
// a reader can check it on the text itself, without a second dump.
inline constexpr std::string_view kHashKey = ",\"plan_sha256\":\"";

}  // namespace ferry::plan::plan_file
