// Durations and dates as the text reports write them.
#include <catch2/catch.hpp>

#include "simulator/time_text.hpp"

using namespace ferry;

TEST_CASE("durations read 1h 02m 30s, with days from 24 h on") {
  CHECK(simulator::clock_duration(0) == "0s");
  CHECK(simulator::clock_duration(45) == "45s");
  CHECK(simulator::clock_duration(60) == "1m 00s");
  CHECK(simulator::clock_duration(125) == "2m 05s");
  CHECK(simulator::clock_duration(3599) == "59m 59s");
  CHECK(simulator::clock_duration(3600) == "1h 00m 00s");
  CHECK(simulator::clock_duration(3750) == "1h 02m 30s");
  CHECK(simulator::clock_duration(86399) == "23h 59m 59s");
  CHECK(simulator::clock_duration(86400) == "1d 00h 00m 00s");
  CHECK(simulator::clock_duration(53 * 3600) == "2d 05h 00m 00s");
  CHECK(simulator::clock_duration(-90) == "-1m 30s");
  CHECK(simulator::signed_duration(90) == "+1m 30s");
  CHECK(simulator::signed_duration(-90) == "-1m 30s");
  CHECK(simulator::signed_duration(0) == "0s");
}

TEST_CASE("dates carry their weekday in the fleet's zone") {
  plan::TimeZone paris = *plan::TimeZone::locate("Europe/Paris");
  plan::TimeZone auckland = *plan::TimeZone::locate("Pacific/Auckland");
  const plan::Instant tuesday_9h_paris = 1796112000;  // 2026-12-01T08:00:00Z
  CHECK(simulator::day_time(paris, tuesday_9h_paris) == "Tue 2026-12-01 09:00:00");
  // The same instant is already Tuesday evening in Auckland (UTC+13).
  CHECK(simulator::day_time(auckland, tuesday_9h_paris) == "Tue 2026-12-01 21:00:00");
  CHECK(simulator::day_time(paris, tuesday_9h_paris + 4 * 86400) == "Sat 2026-12-05 09:00:00");
  CHECK(simulator::day_time(paris, tuesday_9h_paris - 2 * 86400) == "Sun 2026-11-29 09:00:00");
  CHECK(simulator::day_time(paris, 0) == "Thu 1970-01-01 01:00:00");
  CHECK(simulator::day_time(paris, -86400) == "Wed 1969-12-31 01:00:00");
  // Each field at its width, leading zeros kept, UTC read in UTC.
  plan::TimeZone utc = *plan::TimeZone::locate("UTC");
  CHECK(simulator::day_time(utc, 1799132589) == "Tue 2027-01-05 07:03:09");
  CHECK(simulator::day_time(utc, 253402300799) == "Fri 9999-12-31 23:59:59");
  CHECK(simulator::day_time(utc, -62135596800) == "Mon 0001-01-01 00:00:00");
  // Outside four digits (not a migration's dates, but a plan file's may be):
  // the year whole, its sign written.
  CHECK(simulator::day_time(utc, 253402300800) == "Sat 10000-01-01 00:00:00");
  CHECK(simulator::day_time(utc, -62167219200) == "Sat 0000-01-01 00:00:00");
  CHECK(simulator::day_time(utc, -62198755200) == "Fri -0001-01-01 00:00:00");
  // The end of an interval: the time only when it is on the start's day.
  CHECK(simulator::day_time_after(paris, tuesday_9h_paris, tuesday_9h_paris + 3600) == "10:00:00");
  CHECK(simulator::day_time_after(paris, tuesday_9h_paris, tuesday_9h_paris + 86400) == "Wed 2026-12-02 09:00:00");
}
