// Calendar: the real openings of a named calendar (weekly rules minus closed
// dates, DST-aware, touching openings merged; DESIGN §4 rule 5 and §4.2),
// and the two queries every window needs: the next open instant, and the
// earliest start at which a move of a given length fits in one opening.
// Openings are built for a span of days and rebuilt over a longer span when
// a query reaches past it, so a query never walks minute by minute.
//   Calendar night(spec, zone, fleet_start);
//   Instant s = night.next_fit(ready, 750).start;
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "plan/time.hpp"
#include "plan/time_zone.hpp"

namespace ferry::plan {

struct WeeklyRule {
  std::uint8_t days = 0;  // bit 0 = Monday ... bit 6 = Sunday
  Seconds start = 0;      // seconds into the local day
  Seconds end = 0;        // kDay for 24:00; end < start wraps past midnight
};

struct CalendarSpec {
  std::string name;
  std::vector<WeeklyRule> rules;
  std::vector<std::int64_t> closed_days;  // local days, sorted
};

struct Opening {
  Instant start;
  Instant end;  // exclusive
  Seconds length() const { return end - start; }
};

struct Fit {
  Instant start;
  bool overrun = false;  // longer than every opening: starts at the next open instant and overruns it
};

class Calendar {
 public:
  Calendar(CalendarSpec spec, TimeZone zone, Instant origin);

  const std::string& name() const { return spec_.name; }
  Instant next_open(Instant t);
  bool is_open(Instant t);
  // The end of the opening that holds t; nullopt when t is not open.
  std::optional<Instant> opening_end(Instant t);
  // Earliest s >= t with [s, s + length] inside one opening (a zero length
  // needs s open).
  Fit next_fit(Instant t, Seconds length);
  // Longest opening within a year from the origin; kForever when an opening
  // reaches the end of that year (always open).
  Seconds longest_opening();
  bool ever_open();
  static constexpr Seconds kForever = INT64_MAX;

  // The openings built so far, for tests and the plan drawing.
  const std::vector<Opening>& openings() const { return openings_; }

 private:
  void build(std::int64_t first_day, std::int64_t last_day);
  void extend_past(Instant t);
  // Index of the first opening that ends after t, building further if the
  // answer is not known yet; returns openings_.size() only if none exists.
  std::size_t first_ending_after(Instant t);

  CalendarSpec spec_;
  TimeZone zone_;
  std::int64_t first_day_ = 0;
  std::int64_t last_day_ = 0;  // exclusive
  Instant trusted_until_ = 0;  // openings ending before this are final
  std::vector<Opening> openings_;
  Seconds longest_ = -1;
  std::size_t last_answer_ = 0;  // of first_ending_after, a hint for the next query
};

}  // namespace ferry::plan
