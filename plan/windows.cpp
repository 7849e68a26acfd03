#include "plan/windows.hpp"

namespace ferry::plan {

Windows::Windows(const std::vector<CalendarSpec>& specs, const TimeZone& zone, Instant origin) {
  calendars_.reserve(specs.size());
  for (const CalendarSpec& spec : specs) calendars_.emplace_back(spec, zone, origin);
}

Calendar* Windows::find(int window) {
  return window == kAlwaysOpen ? nullptr : &calendars_[static_cast<std::size_t>(window)];
}

bool Windows::is_open(int window, Instant t) {
  Calendar* calendar = find(window);
  return !calendar || calendar->is_open(t);
}

Fit Windows::earliest_start(int window, WindowMode mode, Instant t, Seconds length) {
  Calendar* calendar = find(window);
  if (!calendar || mode == WindowMode::none) return {t, false};
  if (mode == WindowMode::start) return {calendar->next_open(t), false};
  return calendar->next_fit(t, length);
}

std::optional<Instant> Windows::opening_end(int window, Instant t) {
  Calendar* calendar = find(window);
  if (!calendar) return std::nullopt;
  return calendar->opening_end(t);
}

}  // namespace ferry::plan
