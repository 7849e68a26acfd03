// Fleet: the checked, typed content of a .ferry file, in the units both
// engines use (seconds, bytes, instants). The compiler builds it; the plan
// graph, the simulator and the runtime read it. Policies are resolved per
// server (named, `default`, or the built-in defaults of DESIGN §2.4).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plan/calendar.hpp"
#include "plan/duration.hpp"
#include "plan/exact.hpp"
#include "plan/time.hpp"

namespace ferry::plan {

enum class MoveOrder { as_written, largest_first, smallest_first, priority };
enum class MoveBackBy { support, user };
enum class Dns { provider, external };

inline constexpr int kAlwaysOpen = -1;  // a window that names no calendar

// What a fleet may hold, checked by the compiler on .ferry files and by the
// reader on plan files: a plan spans weeks or months, and the calendars are
// built up to the last instant a run reaches.
namespace limits {
inline constexpr Seconds kMaxDuration = 10 * 366 * kDay;  // ten years
inline constexpr int kFirstYear = 1970, kLastYear = 2999;
inline constexpr int kMaxParallel = 10000;
inline constexpr int kMaxSupportCapacity = 1000000;
inline constexpr int kMaxCpu = 1000000;
inline constexpr std::size_t kMaxWeeklyRules = 100;
// A run stops this long after the fleet's start; no action lasts longer, so
// instant arithmetic stays far from overflow whatever a plan file says.
inline constexpr Seconds kRunHorizon = 100LL * 366 * kDay;
}  // namespace limits

struct Policy {
  std::string name;  // "" for the built-in defaults
  Duration prepare;
  Duration downtime;
  Duration install;
  Duration reinstall;
  Seconds ip_reroute = 60;
  int migrate_window = kAlwaysOpen;  // index into Fleet::calendars
  int move_back_window = kAlwaysOpen;
  int support_window = kAlwaysOpen;
  MoveOrder order = MoveOrder::as_written;
  int parallel = 1;
  Seconds free_transit = 14 * kDay;
  MoveBackBy move_back_by = MoveBackBy::support;
  Seconds free_move_back = 7 * kDay;
  Seconds rollback_window = 7 * kDay;
  double rollback_rate = 0;  // 0..1
  Seconds rollback_time = 5 * kMinute;
  Seconds retry_after = kDay;
  std::optional<Seconds> max_downtime;
  std::optional<Instant> deadline;

  // The window of account moves back: a move back by the user ignores it.
  int effective_move_back_window() const { return move_back_by == MoveBackBy::user ? kAlwaysOpen : move_back_window; }
};

// The built-in defaults of DESIGN §2.4.
Policy default_policy();

struct Account {
  std::string name;
  Exact databases, files, mail;  // bytes
  Dns dns = Dns::external;
  std::int64_t priority = 0;
  bool prepared = false;
  Variables variables() const;
};

// A price per month, kept as an exact decimal for cent-exact billing.
struct Price {
  std::int64_t mantissa = 0;  // price = mantissa / 10^scale
  int scale = 0;
  double value() const;
};

struct Server {
  std::string name;
  std::int64_t cpu = 0;
  Exact ram, disk;
  Price price;
  int policy = 0;  // index into Fleet::policies
  std::optional<Instant> ready;
  std::vector<Account> accounts;
  Variables variables() const;  // sums over accounts, and their count
};

struct Transit {
  std::string name;
  std::int64_t cpu = 0;
  Exact ram, disk;
  std::optional<Instant> busy_until;
  bool matches(const Server& server) const { return cpu >= server.cpu && ram >= server.ram && disk >= server.disk; }
};

struct RuntimeSettings {
  std::string journal;
  std::string migrate, move_back, rollback;
  std::string install_transit, reinstall;  // "" = manual
  Seconds timeout = 4 * kHour;
  int retries = 1;
  bool ask_on_interrupt = false;
};

struct Fleet {
  std::string name;
  Instant start = 0;
  std::string timezone = "UTC";
  std::string currency = "EUR";
  int support_capacity = 1;
  Seconds transit_recycle = 0;
  std::vector<CalendarSpec> calendars;
  std::vector<Transit> transits;
  std::vector<Policy> policies;  // each server's resolved policy
  std::vector<Server> servers;   // in written order; empty ones included
  std::optional<RuntimeSettings> runtime;
};

}  // namespace ferry::plan
