#include "simulator/time_text.hpp"

#include <cstdio>

namespace ferry::simulator {

std::string clock_duration(plan::Seconds seconds) {
  if (seconds < 0) return "-" + clock_duration(-seconds);
  long long d = seconds / plan::kDay, h = seconds % plan::kDay / plan::kHour, m = seconds % plan::kHour / 60,
            s = seconds % 60;
  char buffer[64];
  if (d > 0)
    std::snprintf(buffer, sizeof buffer, "%lldd %02lldh %02lldm %02llds", d, h, m, s);
  else if (h > 0)
    std::snprintf(buffer, sizeof buffer, "%lldh %02lldm %02llds", h, m, s);
  else if (m > 0)
    std::snprintf(buffer, sizeof buffer, "%lldm %02llds", m, s);
  else
    std::snprintf(buffer, sizeof buffer, "%llds", s);
  return buffer;
}

std::string signed_duration(plan::Seconds seconds) {
  return seconds > 0 ? "+" + clock_duration(seconds) : clock_duration(seconds);
}

std::string day_time(const plan::TimeZone& zone, plan::Instant instant) {
  static const char* const kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  std::string iso = zone.iso(instant);  // 2026-12-01T09:00:00+01:00
  std::int64_t day = plan::local_day(zone.to_local(instant));
  std::int64_t weekday = ((day + 4) % 7 + 7) % 7;  // 1970-01-01 was a Thursday
  return std::string(kWeekdays[weekday]) + " " + iso.substr(0, 10) + " " + iso.substr(11, 8);
}

std::string day_time_after(const plan::TimeZone& zone, plan::Instant start, plan::Instant end) {
  std::string from = day_time(zone, start), to = day_time(zone, end);
  return from.substr(0, 14) == to.substr(0, 14) ? to.substr(15) : to;
}

}  // namespace ferry::simulator
