#include "plan/time_zone.hpp"

#include <date/tz.h>

#include <cstdio>
#include <stdexcept>

namespace ferry::plan {

namespace {

using date::local_seconds;
using date::sys_seconds;
using std::chrono::seconds;

local_seconds as_local(LocalSeconds s) { return local_seconds{seconds{s}}; }

}  // namespace

std::optional<TimeZone> TimeZone::locate(const std::string& name) {
  try {
    TimeZone zone;
    zone.zone_ = date::locate_zone(name);
    zone.name_ = name;
    return zone;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

TimeZone::Resolved TimeZone::resolve(LocalSeconds local) const {
  date::local_info info = zone_->get_info(as_local(local));
  switch (info.result) {
    case date::local_info::unique: return {local - info.first.offset.count(), LocalKind::unique};
    case date::local_info::nonexistent: return {info.second.begin.time_since_epoch().count(), LocalKind::gap};
    case date::local_info::ambiguous: return {local - info.first.offset.count(), LocalKind::ambiguous};
  }
  return {local - info.first.offset.count(), LocalKind::unique};
}

LocalSeconds TimeZone::to_local(Instant instant) const {
  date::sys_info info = zone_->get_info(sys_seconds{seconds{instant}});
  return instant + info.offset.count();
}

std::string TimeZone::iso(Instant instant) const {
  date::sys_info info = zone_->get_info(sys_seconds{seconds{instant}});
  LocalSeconds local = instant + info.offset.count();
  std::int64_t day = local_day(local);
  date::year_month_day ymd{date::sys_days{date::days{day}}};
  Seconds in_day = local - day * kDay;
  long offset = static_cast<long>(info.offset.count());
  char sign = offset < 0 ? '-' : '+';
  if (offset < 0) offset = -offset;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02ld%c%02ld:%02ld", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<long>(in_day / 3600),
                static_cast<long>(in_day / 60 % 60), static_cast<long>(in_day % 60), sign, offset / 3600, offset / 60 % 60);
  return buffer;
}

std::int64_t days_from_civil(int year, unsigned month, unsigned day) {
  date::year_month_day ymd{date::year{year}, date::month{month}, date::day{day}};
  return date::sys_days{ymd}.time_since_epoch().count();
}

bool valid_civil(int year, unsigned month, unsigned day) {
  return date::year_month_day{date::year{year}, date::month{month}, date::day{day}}.ok();
}

int days_in_month_of(std::int64_t day) {
  date::year_month_day ymd{date::sys_days{date::days{day}}};
  date::year_month_day_last last{ymd.year(), date::month_day_last{ymd.month()}};
  return static_cast<int>(static_cast<unsigned>(last.day()));
}

std::string local_text(LocalSeconds local) {
  std::int64_t day = local_day(local);
  date::year_month_day ymd{date::sys_days{date::days{day}}};
  Seconds in_day = local - day * kDay;
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u %02ld:%02ld", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<long>(in_day / 3600),
                static_cast<long>(in_day / 60 % 60));
  return buffer;
}

}  // namespace ferry::plan
