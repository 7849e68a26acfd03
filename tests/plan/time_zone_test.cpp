// Local readings to instants (DESIGN §4 rule 5, §4.2): a reading in a DST
// gap becomes the gap's end; an ambiguous one (it happens twice in autumn)
// takes the earlier instant, in readings of the file and in calendars alike.
#include <catch2/catch.hpp>

#include "plan/calendar.hpp"
#include "plan/time_zone.hpp"

using namespace ferry::plan;

namespace {

LocalSeconds local(int y, unsigned m, unsigned d, int h, int min) {
  return days_from_civil(y, m, d) * kDay + h * kHour + min * kMinute;
}
Instant utc(int y, unsigned m, unsigned d, int h, int min) { return local(y, m, d, h, min); }

}  // namespace

TEST_CASE("time zone: an ambiguous reading takes the earlier instant") {
  TimeZone paris = *TimeZone::locate("Europe/Paris");
  // 2027-10-31 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET).
  TimeZone::Resolved r = paris.resolve(local(2027, 10, 31, 2, 30));
  CHECK(r.kind == TimeZone::LocalKind::ambiguous);
  CHECK(r.instant == utc(2027, 10, 31, 0, 30));
  CHECK(paris.iso(r.instant) == "2027-10-31T02:30:00+02:00");
  CHECK(paris.iso(r.instant + kHour) == "2027-10-31T02:30:00+01:00");
}

TEST_CASE("time zone: a reading in the spring gap is the end of the gap") {
  TimeZone paris = *TimeZone::locate("Europe/Paris");
  TimeZone::Resolved r = paris.resolve(local(2027, 3, 28, 2, 30));
  CHECK(r.kind == TimeZone::LocalKind::gap);
  CHECK(r.instant == utc(2027, 3, 28, 1, 0));
  CHECK(paris.iso(r.instant) == "2027-03-28T03:00:00+02:00");
  CHECK(paris.resolve(local(2027, 3, 28, 1, 59)).kind == TimeZone::LocalKind::unique);
}

TEST_CASE("calendar: an opening starting at an ambiguous reading starts at the earlier instant") {
  // Sundays 02:30-04:00; on 2027-10-31 that is 00:30Z to 03:00Z: 2 h 30 of real time.
  Calendar sunday({"c", {{1 << 6, 2 * kHour + 30 * kMinute, 4 * kHour}}, {}}, *TimeZone::locate("Europe/Paris"),
                  utc(2027, 10, 25, 0, 0));
  CHECK(sunday.next_open(utc(2027, 10, 30, 12, 0)) == utc(2027, 10, 31, 0, 30));
  CHECK(sunday.next_fit(utc(2027, 10, 30, 12, 0), 2 * kHour + 30 * kMinute).start == utc(2027, 10, 31, 0, 30));
  CHECK(sunday.opening_end(utc(2027, 10, 31, 1, 0)) == utc(2027, 10, 31, 3, 0));
}

TEST_CASE("time zone: a zone that remembers its last period resolves like a fresh one") {
  // resolve() answers from the period it looked up last when the reading is
  // a day or more inside it; walking readings forward and backward through
  // the changes must give what a zone with nothing remembered gives.
  struct Walk {
    const char* zone;
    LocalSeconds from, to;
  };
  const Walk walks[] = {
      {"Europe/Paris", local(2026, 12, 1, 0, 0), local(2028, 12, 1, 0, 0)},
      {"Australia/Lord_Howe", local(2026, 12, 1, 0, 0), local(2028, 12, 1, 0, 0)},
      {"America/St_Johns", local(2026, 12, 1, 0, 0), local(2028, 12, 1, 0, 0)},
      {"Asia/Kolkata", local(2026, 12, 1, 0, 0), local(2027, 12, 1, 0, 0)},
      {"UTC", local(2026, 12, 1, 0, 0), local(2027, 12, 1, 0, 0)},
      // a whole day skipped (2011-12-30 never happened in Samoa), and a
      // day-long jump the other way (Kwajalein, 1993)
      {"Pacific/Apia", local(2011, 6, 1, 0, 0), local(2012, 6, 1, 0, 0)},
      {"Pacific/Kwajalein", local(1993, 6, 1, 0, 0), local(1993, 12, 1, 0, 0)},
  };
  for (const Walk& walk : walks) {
    const char* name = walk.zone;
    INFO(name);
    TimeZone walker = *TimeZone::locate(name);
    LocalSeconds from = walk.from, to = walk.to;
    std::size_t mismatches = 0;
    auto same = [&](LocalSeconds at) {
      TimeZone fresh = *TimeZone::locate(name);
      TimeZone::Resolved a = walker.resolve(at), b = fresh.resolve(at);
      if (a.instant != b.instant || a.kind != b.kind) ++mismatches;
    };
    for (LocalSeconds at = from; at < to; at += 15 * kMinute) same(at);
    for (LocalSeconds at = to; at > from; at -= 7 * kHour + 15 * kMinute) same(at);
    CHECK(mismatches == 0);
  }
}
