// Calendar openings (DESIGN §4 rule 5, §4.2): wraps, 24:00, merging,
// closed dates cut by each instant's own date, DST gaps and overlaps.
#include <catch2/catch.hpp>
#include <random>

#include "plan/calendar.hpp"
#include "plan/time_zone.hpp"

using namespace ferry::plan;

namespace {

// 2026-12-07 is a Monday.
std::int64_t day(int y, unsigned m, unsigned d) { return days_from_civil(y, m, d); }
Instant utc(int y, unsigned m, unsigned d, int h, int min = 0) { return day(y, m, d) * kDay + h * 3600 + min * 60; }
WeeklyRule rule(std::uint8_t days, int from_h, int to_h) { return {days, from_h * 3600, to_h * 3600}; }
constexpr std::uint8_t kEveryDay = 0x7f, kMonFri = 0x1f;

Calendar make(std::vector<WeeklyRule> rules, std::vector<std::int64_t> closed = {}, const char* zone = "UTC",
              Instant origin = utc(2026, 12, 7, 0)) {
  return Calendar({"c", std::move(rules), std::move(closed)}, *TimeZone::locate(zone), origin);
}

}  // namespace

TEST_CASE("a wrapped rule belongs to the day it starts on") {
  Calendar night = make({rule(1 << 0, 22, 6)});  // mondays 22:00-06:00
  CHECK(night.next_open(utc(2026, 12, 7, 12)) == utc(2026, 12, 7, 22));
  CHECK(night.is_open(utc(2026, 12, 8, 5)));
  CHECK_FALSE(night.is_open(utc(2026, 12, 8, 6)));  // half-open: the end is closed
  CHECK(night.next_open(utc(2026, 12, 8, 6)) == utc(2026, 12, 14, 22));
}

TEST_CASE("touching openings merge: mon-sun 00:00-24:00 is always open") {
  Calendar always = make({rule(kEveryDay, 0, 24)});
  CHECK(always.next_fit(utc(2026, 12, 9, 13), 30 * kDay).start == utc(2026, 12, 9, 13));
  CHECK(always.longest_opening() == Calendar::kForever);
}

TEST_CASE("a rule whose end equals its start is empty -- a calendar of only that is never open") {
  Calendar empty = make({rule(kEveryDay, 9, 9)});
  CHECK_FALSE(empty.ever_open());
}

TEST_CASE("day ranges may wrap: fri-mon") {
  // fri, sat, sun, mon = bits 4, 5, 6, 0
  Calendar weekend = make({rule(0x71, 10, 12)});
  CHECK(weekend.next_open(utc(2026, 12, 8, 0)) == utc(2026, 12, 11, 10));  // Tuesday -> Friday
}

TEST_CASE("closed dates cut a night at midnight and keep what runs past one") {
  // Night 22:00-06:00 every day; 2026-12-25 closed.
  Calendar night = make({rule(kEveryDay, 22, 6)}, {day(2026, 12, 25)});
  // The night of the 24th stops at midnight.
  CHECK(night.next_fit(utc(2026, 12, 24, 22), 2 * kHour).start == utc(2026, 12, 24, 22));
  CHECK(night.next_fit(utc(2026, 12, 24, 22), 3 * kHour).start == utc(2026, 12, 26, 0));
  // The night starting on the 25th keeps its part after midnight: 26th 00:00-06:00.
  CHECK_FALSE(night.is_open(utc(2026, 12, 25, 23)));
  CHECK(night.is_open(utc(2026, 12, 26, 1)));
}

TEST_CASE("next_fit: a move that ends exactly at the end of its opening fits -- zero length needs an open instant") {
  Calendar office = make({rule(kMonFri, 9, 18)});
  CHECK(office.next_fit(utc(2026, 12, 7, 17), kHour).start == utc(2026, 12, 7, 17));
  CHECK(office.next_fit(utc(2026, 12, 7, 17, 1), kHour).start == utc(2026, 12, 8, 9));
  CHECK(office.next_fit(utc(2026, 12, 7, 18), 0).start == utc(2026, 12, 8, 9));
  CHECK(office.next_fit(utc(2026, 12, 11, 17), 2 * kHour).start == utc(2026, 12, 14, 9));  // Friday -> Monday
}

TEST_CASE("a move longer than every opening starts at the next opening and overruns") {
  Calendar office = make({rule(kMonFri, 9, 18)});
  Fit fit = office.next_fit(utc(2026, 12, 7, 20), 10 * kHour);
  CHECK(fit.overrun);
  CHECK(fit.start == utc(2026, 12, 8, 9));
}

TEST_CASE("DST: an opening starting in the spring gap begins at the gap's end") {
  // Europe/Paris, 2027-03-28: 02:00 CET jumps to 03:00 CEST (01:00Z).
  Calendar c = make({rule(1 << 6, 2, 4)}, {}, "Europe/Paris", utc(2027, 3, 22, 0));  // sundays 02:30
  CHECK(c.next_open(utc(2027, 3, 27, 0)) == utc(2027, 3, 28, 1));
  // 02:00-04:00 local that day is 03:00-04:00 CEST: one hour of real time.
  CHECK(c.next_fit(utc(2027, 3, 27, 0), kHour).start == utc(2027, 3, 28, 1));
  CHECK(c.next_fit(utc(2027, 3, 27, 0), kHour + 1).start > utc(2027, 3, 29, 0));
}

TEST_CASE("DST: the longest opening is measured on real, DST-aware openings") {
  Calendar night = make({rule(kEveryDay, 22, 6)}, {}, "Europe/Paris", utc(2027, 10, 1, 0));
  CHECK(night.longest_opening() == 9 * kHour);  // the fall-back night
}

TEST_CASE("openings are extended on demand far beyond the first span") {
  Calendar office = make({rule(kMonFri, 9, 18)});
  CHECK(office.next_open(utc(2029, 6, 2, 12)) == utc(2029, 6, 4, 9));  // Saturday -> Monday
}

TEST_CASE("a calendar asked back and forth answers as a fresh one") {
  // first_ending_after() tries its last answer and the one after first: a
  // query that goes backwards, or jumps, must still find the right opening.
  std::vector<Instant> queries;
  std::mt19937 rng(5);
  Instant t = utc(2026, 12, 7, 0);
  for (int k = 0; k < 2000; ++k) {
    t += static_cast<Instant>(rng() % (3 * kDay)) - kDay;  // back up to a day, forward up to two
    if (t < utc(2026, 12, 7, 0)) t = utc(2026, 12, 7, 0);
    queries.push_back(t);
  }
  std::vector<WeeklyRule> rules{rule(kMonFri, 9, 18), rule(1 << 5, 22, 2)};  // office hours, saturday nights
  std::vector<std::int64_t> closed{day(2026, 12, 25), day(2027, 1, 1)};
  Calendar walked = make(rules, closed, "Europe/Paris");
  std::size_t wrong = 0;
  for (Instant q : queries) {
    Calendar fresh = make(rules, closed, "Europe/Paris");
    if (walked.is_open(q) != fresh.is_open(q) || walked.next_open(q) != fresh.next_open(q) ||
        walked.opening_end(q) != fresh.opening_end(q))
      ++wrong;
  }
  CHECK(wrong == 0);
}
