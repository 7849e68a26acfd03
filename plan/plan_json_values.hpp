// Typed, bounded reads of the members of a plan file, for the reader
// (plan_json_read.cpp): each refusal names the member ("servers[2].cpu")
// and the rule it breaks, the same rules the compiler applies to a .ferry
// file (plan::limits, names, words, dates in the fleet's time zone).
// Internal to plan/.
#pragma once

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>

#include "plan/exact.hpp"
#include "plan/time.hpp"
#include "plan/time_zone.hpp"

namespace ferry::plan::plan_file {

using json = nlohmann::json;

// A refusal of the plan file, with its reason.
struct Refused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Text from the file as a message may show it: control characters become
// '?', and a long text is cut.
std::string shown(const std::string& text);

// One JSON object of the file: each member is read once through at(), and
// no_others() refuses any member the format does not have.
class Members {
 public:
  Members(const json& object, std::string path);
  const json& at(const char* key);
  std::string path(const char* key) const { return path_.empty() ? key : path_ + "." + key; }
  void no_others() const;

 private:
  const json& object_;
  std::string path_;
  std::set<std::string> read_;
};

const json& array(const json& j, const std::string& path);
std::string text(const json& j, const std::string& path);  // printable
std::string name(const json& j, const std::string& path);  // the names rule
std::int64_t integer(const json& j, const std::string& path, std::int64_t min, std::int64_t max);
Seconds seconds(const json& j, const std::string& path);  // 0 .. limits::kMaxDuration
bool boolean(const json& j, const std::string& path);
// The index of the word in `words`.
int word(const json& j, const std::string& path, std::initializer_list<const char*> words);
// An instant as ferry writes it in the fleet's zone, in years 1970-2999.
Instant instant(const json& j, const std::string& path, const TimeZone& zone);
std::optional<Instant> optional_instant(const json& j, const std::string& path, const TimeZone& zone);
// A local day "2026-12-25", years 1970-2999.
std::int64_t date(const json& j, const std::string& path);
// "12", "3/2" or "0.5": a non-negative exact number (sizes, constants).
Exact exact(const std::string& number, const std::string& path);
Exact exact(const json& j, const std::string& path);

}  // namespace ferry::plan::plan_file
