// How the text reports (simulate, compare) write time for a reader:
// durations as "1h 02m 30s" (days from 24 h on: "2d 05h 00m 00s") and
// instants with their weekday in the fleet's zone ("Thu 2026-12-03 14:00:00").
// JSON and CSV keep seconds and ISO 8601.
//   clock_duration(3750) == "1h 02m 30s"
#pragma once

#include <string>

#include "plan/time.hpp"
#include "plan/time_zone.hpp"

namespace ferry::simulator {

// "0s", "45s", "2m 05s", "1h 02m 30s", "2d 05h 00m 00s"; negative with "-".
std::string clock_duration(plan::Seconds seconds);
// "+1h 02m 30s", "-45s" or "0s": a change.
std::string signed_duration(plan::Seconds seconds);
// "Thu 2026-12-03 14:00:00".
std::string day_time(const plan::TimeZone& zone, plan::Instant instant);
// The end of an interval: only "14:00:00" when it is on the start's day.
std::string day_time_after(const plan::TimeZone& zone, plan::Instant start, plan::Instant end);
// The same two, appended to `out` (reports write hundreds of thousands).
void append_day_time(std::string& out, const plan::TimeZone& zone, plan::Instant instant);
void append_day_time_after(std::string& out, const plan::TimeZone& zone, plan::Instant start, plan::Instant end);

}  // namespace ferry::simulator
