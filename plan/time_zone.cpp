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
  // Two days or more inside the cached period, a reading is unique: UTC
  // offsets, the local mean times of old zones included, lie within +-16 h,
  // so another period could hold the same reading only within 32 hours of
  // this instant, and every other period is two days away. Calendars
  // resolve every opening of every day; the database lookup was a sixth of
  // a run.
  constexpr Seconds kMargin = 2 * kDay;
  Instant guess = local - cached_offset_;
  if (cached_end_ - cached_begin_ > 2 * kMargin && guess >= cached_begin_ + kMargin && guess < cached_end_ - kMargin)
    return {guess, LocalKind::unique};
  date::local_info info = zone_->get_info(as_local(local));
  if (info.result == date::local_info::unique) remember(info.first);
  switch (info.result) {
    case date::local_info::unique: return {local - info.first.offset.count(), LocalKind::unique};
    case date::local_info::nonexistent: return {info.second.begin.time_since_epoch().count(), LocalKind::gap};
    case date::local_info::ambiguous: return {local - info.first.offset.count(), LocalKind::ambiguous};
  }
  return {local - info.first.offset.count(), LocalKind::unique};
}

void TimeZone::remember(const date::sys_info& period) const {
  cached_begin_ = period.begin.time_since_epoch().count();
  cached_end_ = period.end.time_since_epoch().count();
  cached_offset_ = period.offset.count();
}

Seconds TimeZone::offset_at(Instant instant) const {
  if (instant < cached_begin_ || instant >= cached_end_) remember(zone_->get_info(sys_seconds{seconds{instant}}));
  return cached_offset_;
}

LocalSeconds TimeZone::to_local(Instant instant) const { return instant + offset_at(instant); }

std::string TimeZone::iso(Instant instant) const {
  Seconds offset = offset_at(instant);
  LocalSeconds local = instant + offset;
  std::int64_t day = local_day(local);
  date::year_month_day ymd{date::sys_days{date::days{day}}};
  Seconds in_day = local - day * kDay;
  std::string out = "0000-00-00T00:00:00+00:00";
  auto put = [&out](std::size_t at, long value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
  };
  put(0, static_cast<int>(ymd.year()), 4);
  put(5, static_cast<unsigned>(ymd.month()), 2);
  put(8, static_cast<unsigned>(ymd.day()), 2);
  put(11, static_cast<long>(in_day / 3600), 2);
  put(14, static_cast<long>(in_day / 60 % 60), 2);
  put(17, static_cast<long>(in_day % 60), 2);
  if (offset < 0) {
    out[19] = '-';
    offset = -offset;
  }
  put(20, static_cast<long>(offset / 3600), 2);
  put(23, static_cast<long>(offset / 60 % 60), 2);
  return out;
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
