// Building over days [first, last): each rule gives one opening per matching
// day; closed dates cut out every instant whose own local date is closed;
// what touches is merged. An opening near the last day may still merge with
// one of the next day, so only openings ending before `trusted_until_` are
// taken as final; queries past that rebuild over twice the span.
#include "plan/calendar.hpp"

#include <algorithm>

namespace ferry::plan {

namespace {

constexpr std::int64_t kInitialDays = 64;
constexpr std::int64_t kYearDays = 366;
// A fit is searched this far past its ready time; beyond it the move is
// treated as longer than every opening.
constexpr Seconds kSearchLimit = 4 * 366 * kDay;

void subtract(std::vector<Opening>& openings, const std::vector<Opening>& holes) {
  if (holes.empty()) return;
  std::vector<Opening> out;
  std::size_t h = 0;
  for (Opening o : openings) {
    while (h < holes.size() && holes[h].end <= o.start) ++h;
    std::size_t k = h;
    Instant cursor = o.start;
    while (k < holes.size() && holes[k].start < o.end) {
      if (holes[k].start > cursor) out.push_back({cursor, holes[k].start});
      cursor = std::max(cursor, holes[k].end);
      ++k;
    }
    if (cursor < o.end) out.push_back({cursor, o.end});
  }
  openings = std::move(out);
}

void merge(std::vector<Opening>& openings) {
  auto by_start = [](const Opening& a, const Opening& b) { return a.start < b.start; };
  // Built day by day, openings are nearly always in order already.
  if (!std::is_sorted(openings.begin(), openings.end(), by_start))
    std::sort(openings.begin(), openings.end(), by_start);
  std::vector<Opening> out;
  for (const Opening& o : openings) {
    if (o.end <= o.start) continue;
    if (!out.empty() && o.start <= out.back().end) out.back().end = std::max(out.back().end, o.end);
    else out.push_back(o);
  }
  openings = std::move(out);
}

}  // namespace

Calendar::Calendar(CalendarSpec spec, TimeZone zone, Instant origin) : spec_(std::move(spec)), zone_(std::move(zone)) {
  std::int64_t day = local_day(zone_.to_local(origin)) - 2;
  build(day, day + kInitialDays);
}

void Calendar::build(std::int64_t first_day, std::int64_t last_day) {
  first_day_ = first_day;
  last_day_ = last_day;
  openings_.clear();
  for (std::int64_t day = first_day - 1; day < last_day; ++day) {
    int wd = weekday(day);
    for (const WeeklyRule& rule : spec_.rules) {
      if (!(rule.days & (1u << wd)) || rule.start == rule.end) continue;
      LocalSeconds start = day * kDay + rule.start;
      LocalSeconds end = rule.end > rule.start ? day * kDay + rule.end : (day + 1) * kDay + rule.end;
      Instant s = zone_.resolve(start).instant, e = zone_.resolve(end).instant;
      if (e > s) openings_.push_back({s, e});
    }
  }
  merge(openings_);
  std::vector<Opening> holes;
  auto closed = std::lower_bound(spec_.closed_days.begin(), spec_.closed_days.end(), first_day - 1);
  for (; closed != spec_.closed_days.end() && *closed <= last_day; ++closed)
    holes.push_back({zone_.resolve(*closed * kDay).instant, zone_.resolve((*closed + 1) * kDay).instant});
  merge(holes);
  subtract(openings_, holes);
  merge(openings_);
  trusted_until_ = zone_.resolve((last_day - 1) * kDay).instant;
}

void Calendar::extend_past(Instant t) {
  std::int64_t span = last_day_ - first_day_;
  std::int64_t needed = local_day(zone_.to_local(t)) + 3;
  std::int64_t last = first_day_ + 2 * span;
  while (last < needed) last = first_day_ + 2 * (last - first_day_);
  build(first_day_, last);
}

std::size_t Calendar::first_ending_after(Instant t) {
  for (;;) {
    // A run asks about instants that mostly move forward slowly: the answer
    // of the last query, or the opening after it, saves the binary search.
    auto ends_after = [&](std::size_t i) {
      return i < openings_.size() && t < openings_[i].end && (i == 0 || !(t < openings_[i - 1].end));
    };
    auto it = ends_after(last_answer_)       ? openings_.begin() + static_cast<std::ptrdiff_t>(last_answer_)
              : ends_after(last_answer_ + 1) ? openings_.begin() + static_cast<std::ptrdiff_t>(last_answer_ + 1)
                                             : std::upper_bound(openings_.begin(), openings_.end(), t,
                                                                [](Instant value, const Opening& o) { return value < o.end; });
    last_answer_ = static_cast<std::size_t>(it - openings_.begin());
    if (it != openings_.end() && it->end < trusted_until_) return static_cast<std::size_t>(it - openings_.begin());
    // Unknown yet: the opening may grow, or the next one lies past the span.
    if (trusted_until_ - t > kSearchLimit + kYearDays * kDay) {
      return it == openings_.end() ? openings_.size() : static_cast<std::size_t>(it - openings_.begin());
    }
    extend_past(std::max(t, it == openings_.end() ? t : it->end) + kDay);
  }
}

Instant Calendar::next_open(Instant t) {
  std::size_t i = first_ending_after(t);
  if (i == openings_.size()) return t;  // never open: checked statically, harmless here
  return std::max(t, openings_[i].start);
}

bool Calendar::is_open(Instant t) {
  std::size_t i = first_ending_after(t);
  return i < openings_.size() && openings_[i].start <= t;
}

std::optional<Instant> Calendar::opening_end(Instant t) {
  std::size_t i = first_ending_after(t);
  if (i == openings_.size() || openings_[i].start > t) return std::nullopt;
  return openings_[i].end;
}

Fit Calendar::next_fit(Instant t, Seconds length) {
  if (length > longest_opening()) return {next_open(t), true};
  for (Instant from = t;;) {
    std::size_t i = first_ending_after(from);
    if (i == openings_.size()) return {next_open(t), true};
    const Opening& o = openings_[i];
    Instant s = std::max(t, o.start);
    if (s + length <= o.end) return {s, false};
    if (o.start - t > kSearchLimit) return {next_open(t), true};
    from = o.end;
  }
}

Seconds Calendar::longest_opening() {
  if (longest_ >= 0) return longest_;
  Instant origin = zone_.resolve((first_day_ + 2) * kDay).instant;
  Instant year_end = zone_.resolve((first_day_ + 2 + kYearDays) * kDay).instant;
  if (trusted_until_ <= year_end) extend_past(year_end + kDay);
  longest_ = 0;
  for (const Opening& o : openings_) {
    if (o.start >= year_end) break;
    if (o.end < origin) continue;
    // Still open where the built span ends: open for good (always open).
    if (o.end >= trusted_until_) return longest_ = kForever;
    longest_ = std::max(longest_, o.length());
  }
  return longest_;
}

bool Calendar::ever_open() { return longest_opening() > 0; }

}  // namespace ferry::plan
