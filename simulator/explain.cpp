// The timeline is rebuilt from the run's instants: every second from the
// server's start to its release falls in exactly one segment, so the
// segments add up to the server's total time.
#include <algorithm>
#include <cstdio>

#include "plan/windows.hpp"
#include "plan/time_zone.hpp"
#include "simulator/report.hpp"

namespace ferry::simulator {

namespace {

struct Segment {
  plan::Instant start, end;
  std::string what;
};

class Timeline {
 public:
  void add(plan::Instant start, plan::Instant end, std::string what) {
    if (end <= start) return;
    if (!segments_.empty() && segments_.back().what == what && segments_.back().end == start) segments_.back().end = end;
    else segments_.push_back({start, end, std::move(what)});
  }
  // Waiting for a support job: closed-window time and crew time apart.
  void add_support_wait(plan::Instant from, plan::Instant to, plan::Calendar* window) {
    for (plan::Instant t = from; t < to;) {
      if (!window || window->is_open(t)) {
        plan::Instant next = to;
        if (window) {
          plan::Instant probe = t;
          while (probe < to && window->is_open(probe)) probe = next_change(*window, probe, to);
          next = probe;
        }
        add(t, next, "waiting for a support crew member");
        t = next;
      } else {
        plan::Instant open = std::min(window->next_open(t), to);
        add(t, open, "waiting for the support window");
        t = open;
      }
    }
  }
  void add_moves(plan::Instant from, plan::Instant to, std::vector<Interval> moves, const std::string& running,
                 const std::string& waiting) {
    std::sort(moves.begin(), moves.end(), [](const Interval& a, const Interval& b) { return a.start < b.start; });
    plan::Instant cursor = from;
    for (const Interval& m : moves) {
      if (m.start > cursor) add(cursor, m.start, waiting);
      if (m.end > cursor) add(std::max(cursor, m.start), m.end, running);
      cursor = std::max(cursor, m.end);
    }
    if (cursor < to) add(cursor, to, waiting);
  }
  const std::vector<Segment>& segments() const { return segments_; }

 private:
  static plan::Instant next_change(plan::Calendar& window, plan::Instant t, plan::Instant limit) {
    for (const plan::Opening& o : window.openings())
      if (o.start <= t && t < o.end) return std::min(o.end, limit);
    return limit;
  }
  std::vector<Segment> segments_;
};

}  // namespace

std::string explain(const plan::Fleet& fleet, const SimulationResult& result, const std::string& name) {
  auto it = std::find_if(result.servers.begin(), result.servers.end(),
                         [&](const ServerResult& r) { return fleet.servers[r.server].name == name; });
  if (it == result.servers.end()) return "";
  const ServerResult& r = *it;
  const plan::Server& server = fleet.servers[r.server];
  const plan::Policy& policy = fleet.policies[static_cast<std::size_t>(server.policy)];
  plan::TimeZone zone = *plan::TimeZone::locate(fleet.timezone);
  plan::Windows windows(fleet.calendars, zone, fleet.start);

  std::string behind;
  for (const ServerResult& other : result.servers) {
    if (&other == &r || !fleet.transits[other.transit].matches(server)) continue;
    plan::Instant held_until = other.released + fleet.transit_recycle;
    if (other.acquired < r.acquired && held_until > r.requested)
      behind += (behind.empty() ? "" : ", ") + fleet.servers[other.server].name + " (held " +
                fleet.transits[other.transit].name + ")";
  }
  Timeline timeline;
  timeline.add(r.start, r.requested, "preparing (database tests)");
  timeline.add(r.requested, r.acquired, "waiting for a transit" + (behind.empty() ? std::string(" (busy until its busy_until)") : " behind " + behind));
  timeline.add_support_wait(r.acquired, r.install.start, windows.find(policy.support_window));
  timeline.add(r.install.start, r.install.end, "installing the transit");
  std::vector<Interval> migrates, backs;
  for (const AccountResult& a : r.accounts) {
    migrates.push_back(a.migrate);
    backs.push_back(a.move_back);
  }
  timeline.add_moves(r.install.end, r.all_migrated, migrates, "migrating accounts", "waiting for the migrate window or a lane");
  timeline.add_support_wait(r.all_migrated, r.reinstall.start, windows.find(policy.support_window));
  timeline.add(r.reinstall.start, r.reinstall.end, "reinstalling the server");
  timeline.add_moves(r.reinstall.end, r.released, backs, "moving accounts back", "waiting for the move-back window or a lane");

  std::string out = "server " + server.name + ": " + zone.iso(r.start) + " → " + zone.iso(r.released) + "\n";
  char line[512];
  for (const Segment& s : timeline.segments()) {
    std::snprintf(line, sizeof line, "  %s  %9.2f h  %s\n", zone.iso(s.start).c_str(),
                  static_cast<double>(s.end - s.start) / plan::kHour, s.what.c_str());
    out += line;
  }
  std::snprintf(line, sizeof line, "  total %.2f h\n", static_cast<double>(r.released - r.start) / plan::kHour);
  return out + line;
}

}  // namespace ferry::simulator
