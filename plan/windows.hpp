// Windows: the fleet's calendars by index, as both engines consult them;
// kAlwaysOpen (a policy that names no calendar) is a window always open.
// The one place that rule is written.
//   Windows windows(fleet.calendars, zone, fleet.start);
//   if (windows.is_open(policy.support_window, now)) ...
#pragma once

#include <vector>

#include "plan/calendar.hpp"
#include "plan/fleet.hpp"

namespace ferry::plan {

class Windows {
 public:
  Windows(const std::vector<CalendarSpec>& specs, const TimeZone& zone, Instant origin);

  // The calendar of a window, or null for one always open.
  Calendar* find(int window);
  bool is_open(int window, Instant t);
  Calendar& at(std::size_t index) { return calendars_[index]; }
  std::size_t size() const { return calendars_.size(); }

 private:
  std::vector<Calendar> calendars_;
};

}  // namespace ferry::plan
