// TimeZone: the fleet's IANA zone through Howard Hinnant's date/tz (the
// system tz database). It turns wall-clock readings into instants with the
// DST rules of DESIGN §4 rule 5 and writes ISO 8601 with a numeric offset.
//   auto zone = TimeZone::locate("Europe/Paris");
//   Instant t = zone->resolve(local).instant;  std::string s = zone->iso(t);
#pragma once

#include <optional>
#include <string>

#include "plan/time.hpp"

namespace date {
class time_zone;
struct sys_info;
}

namespace ferry::plan {

class TimeZone {
 public:
  // nullopt when the name is not in the tz database.
  static std::optional<TimeZone> locate(const std::string& name);

  enum class LocalKind { unique, gap, ambiguous };
  struct Resolved {
    Instant instant;
    LocalKind kind;
  };
  // A reading in a DST gap becomes the end of the gap; an ambiguous one
  // takes the earlier instant.
  Resolved resolve(LocalSeconds local) const;
  LocalSeconds to_local(Instant instant) const;
  std::string iso(Instant instant) const;  // 2026-12-01T09:00:00+01:00
  const std::string& name() const { return name_; }

 private:
  // UTC offset of `instant`, from a one-entry cache of the last period
  // looked up: reports ask for thousands of instants in the same period,
  // calendars resolve thousands of readings in it (resolve() uses it too).
  // Each engine's run owns its zone: the cache is never shared by threads.
  Seconds offset_at(Instant instant) const;
  void remember(const date::sys_info& period) const;

  const date::time_zone* zone_ = nullptr;
  std::string name_;
  mutable Instant cached_begin_ = 1, cached_end_ = 0;  // empty
  mutable Seconds cached_offset_ = 0;
};

// Civil calendar helpers on local days (days since 1970-01-01).
std::int64_t days_from_civil(int year, unsigned month, unsigned day);
bool valid_civil(int year, unsigned month, unsigned day);
int days_in_month_of(std::int64_t local_day);
// "2026-12-01 09:00" style text of a local reading, for messages.
std::string local_text(LocalSeconds local);

}  // namespace ferry::plan
