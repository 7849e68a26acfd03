// Dates and instants are parsed with date/tz and then compared with the
// text ferry would write for the same value: a file that says the same
// instant another way (another offset, a leap second, 24:00) is not one
// ferry wrote, and is refused rather than reinterpreted.
#include "plan/plan_json_values.hpp"

#include <date/date.h>

#include <charconv>
#include <sstream>

#include "plan/fleet.hpp"
#include "plan/names.hpp"

namespace ferry::plan::plan_file {

std::string shown(const std::string& text) {
  std::string out = text.size() > 80 ? text.substr(0, 80) + "..." : text;
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  return out;
}

Members::Members(const json& object, std::string path) : object_(object), path_(std::move(path)) {
  if (!object_.is_object()) throw Refused((path_.empty() ? std::string("the plan") : path_) + " must be an object");
}

const json& Members::at(const char* key) {
  auto it = object_.find(key);
  if (it == object_.end()) throw Refused(path(key) + " is missing");
  read_.insert(key);
  return *it;
}

void Members::no_others() const {
  for (auto it = object_.begin(); it != object_.end(); ++it)
    if (!read_.count(it.key())) throw Refused("unknown member " + shown(path(it.key().c_str())) + ": the plan format has no such member");
}

const json& array(const json& j, const std::string& path) {
  if (!j.is_array()) throw Refused(path + " must be an array");
  return j;
}

std::string text(const json& j, const std::string& path) {
  if (!j.is_string()) throw Refused(path + " must be a string");
  const auto& s = j.get_ref<const std::string&>();
  if (!printable(s)) throw Refused(path + " holds a control character");
  return s;
}

std::string name(const json& j, const std::string& path) {
  std::string s = text(j, path);
  if (!valid_name(s)) throw Refused(path + " is the bad name \"" + shown(s) + "\": " + kNameRule);
  return s;
}

std::int64_t integer(const json& j, const std::string& path, std::int64_t min, std::int64_t max) {
  bool fits = j.is_number_integer() && !(j.is_number_unsigned() && j.get<std::uint64_t>() > static_cast<std::uint64_t>(max));
  std::int64_t v = fits ? j.get<std::int64_t>() : 0;
  if (!j.is_number_integer()) throw Refused(path + " must be a whole number");
  if (!fits || v < min || v > max)
    throw Refused(path + " is out of range: it must be between " + std::to_string(min) + " and " + std::to_string(max));
  return v;
}

Seconds seconds(const json& j, const std::string& path) { return integer(j, path, 0, limits::kMaxDuration); }

bool boolean(const json& j, const std::string& path) {
  if (!j.is_boolean()) throw Refused(path + " must be true or false");
  return j.get<bool>();
}

int word(const json& j, const std::string& path, std::initializer_list<const char*> words) {
  std::string s = j.is_string() ? j.get<std::string>() : std::string();
  int index = 0;
  std::string list;
  for (const char* w : words) {
    if (s == w) return index;
    list += (index++ ? ", " : "") + std::string(w);
  }
  throw Refused(path + " must be one of " + list);
}

namespace {

bool year_in_range(int year) { return year >= limits::kFirstYear && year <= limits::kLastYear; }

}  // namespace

// "2026-12-01T09:00:00+01:00": digits where ferry writes digits, before
// date::parse sees it (found by fuzz_plan: a sign in the seconds field,
// "14:00:+1000:00", made date/tz convert a NaN to an integer).
bool instant_shape(const std::string& s) {
  static const std::string shape = "dddd-dd-ddTdd:dd:dd+dd:dd";
  if (s.size() != shape.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool ok = shape[i] == 'd' ? s[i] >= '0' && s[i] <= '9' : shape[i] == '+' ? s[i] == '+' || s[i] == '-' : s[i] == shape[i];
    if (!ok) return false;
  }
  return true;
}

Instant instant(const json& j, const std::string& path, const TimeZone& zone) {
  std::string s = text(j, path);
  if (!instant_shape(s))
    throw Refused(path + ": '" + shown(s) + "' is not a date-time such as 2026-12-01T09:00:00+01:00");
  std::istringstream in(s);
  date::sys_seconds parsed;
  in >> date::parse("%Y-%m-%dT%H:%M:%S%Ez", parsed);
  if (in.fail() || in.peek() != std::char_traits<char>::eof())
    throw Refused(path + ": '" + shown(s) + "' is not a date-time such as 2026-12-01T09:00:00+01:00");
  Instant t = parsed.time_since_epoch().count();
  // Bounded before the zone is asked: its rules are built per year.
  static const Instant kEarliest = -2 * kDay, kLatest = days_from_civil(limits::kLastYear + 1, 1, 2) * kDay;
  if (t < kEarliest || t > kLatest) throw Refused(path + ": '" + shown(s) + "' is outside the years 1970 to 2999");
  date::year_month_day local{date::sys_days{date::days{local_day(zone.to_local(t))}}};
  if (!year_in_range(static_cast<int>(local.year())))
    throw Refused(path + ": '" + shown(s) + "' is outside the years 1970 to 2999");
  if (zone.iso(t) != s)
    throw Refused(path + ": '" + shown(s) + "' is not how ferry writes this instant in " + zone.name() + " (" +
                  zone.iso(t) + ")");
  return t;
}

std::optional<Instant> optional_instant(const json& j, const std::string& path, const TimeZone& zone) {
  if (j.is_null()) return std::nullopt;
  return instant(j, path, zone);
}

std::int64_t date(const json& j, const std::string& path) {
  std::string s = text(j, path);
  std::istringstream in(s);
  date::year_month_day day{};
  in >> date::parse("%Y-%m-%d", day);
  bool ok = !in.fail() && in.peek() == std::char_traits<char>::eof() && day.ok() && date::format("%F", day) == s;
  if (!ok || !year_in_range(static_cast<int>(day.year())))
    throw Refused(path + ": '" + shown(s) + "' is not a valid date such as 2026-12-25 (years 1970 to 2999)");
  return date::sys_days{day}.time_since_epoch().count();
}

Exact exact(const std::string& number, const std::string& path) {
  auto refuse = [&] {
    return Refused(path + ": '" + shown(number) + "' is not a non-negative number such as 12, 3/2 or 0.5");
  };
  auto slash = number.find('/');
  if (slash == std::string::npos) {
    if (number.empty() || number[0] == '.' || number.back() == '.') throw refuse();
    auto value = Exact::decimal(number);
    if (!value) throw refuse();
    return *value;
  }
  std::int64_t num = 0, den = 0;
  const char* begin = number.data();
  const char* end = begin + number.size();
  auto n = std::from_chars(begin, begin + slash, num);
  auto d = std::from_chars(begin + slash + 1, end, den);
  if (n.ec != std::errc() || n.ptr != begin + slash || d.ec != std::errc() || d.ptr != end || num < 0 || den <= 0 ||
      number[0] == '-' || number[slash + 1] == '-')
    throw refuse();
  return Exact::fraction(num, den);
}

Exact exact(const json& j, const std::string& path) { return exact(text(j, path), path); }

}  // namespace ferry::plan::plan_file
