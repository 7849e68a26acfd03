// Time as both engines count it: whole seconds. An Instant is a point in
// real time (seconds since 1970-01-01T00:00Z); LocalSeconds is a wall-clock
// reading in the fleet's time zone (seconds since 1970-01-01 00:00 local).
#pragma once

#include <cstdint>

namespace ferry::plan {

using Instant = std::int64_t;
using Seconds = std::int64_t;
using LocalSeconds = std::int64_t;

inline constexpr Seconds kMinute = 60;
inline constexpr Seconds kHour = 3600;
inline constexpr Seconds kDay = 86400;  // exactly, across DST changes too

// Days since 1970-01-01 of a local reading, rounding towards the past.
constexpr std::int64_t local_day(LocalSeconds local) { return (local >= 0 ? local : local - (kDay - 1)) / kDay; }
// 0 = Monday ... 6 = Sunday.
constexpr int weekday(std::int64_t day) { return static_cast<int>(((day % 7) + 7 + 3) % 7); }

}  // namespace ferry::plan
