// Windows: the fleet's calendars by index, as both engines consult them;
// kAlwaysOpen (a policy that names no calendar) is a window always open.
// The one place that rule is written, and the one place an action's window
// mode (DESIGN §3: fit, start, none) turns into its earliest start.
// A Windows is one run's: calendars build their openings lazily, so each
// run (each Monte Carlo thread) keeps its own.
//   Windows windows(fleet.calendars, zone, fleet.start);
//   Fit f = windows.earliest_start(action.window, action.mode, ready, 750);
#pragma once

#include <optional>
#include <vector>

#include "plan/calendar.hpp"
#include "plan/fleet.hpp"
#include "plan/plan.hpp"

namespace ferry::plan {

class Windows {
 public:
  Windows(const std::vector<CalendarSpec>& specs, const TimeZone& zone, Instant origin);

  // The calendar of a window, or null for one always open.
  Calendar* find(int window);
  bool is_open(int window, Instant t);
  // The earliest instant >= t at which an action of `length` seconds may
  // start: fit = the whole action inside one opening, start = the window
  // open at its start, none = t. `overrun` when no opening is long enough.
  Fit earliest_start(int window, WindowMode mode, Instant t, Seconds length);
  // End of the window's opening holding t; nullopt when always open (or t
  // is not open).
  std::optional<Instant> opening_end(int window, Instant t);
  Calendar& at(std::size_t index) { return calendars_[index]; }
  std::size_t size() const { return calendars_.size(); }

 private:
  std::vector<Calendar> calendars_;
};

}  // namespace ferry::plan
