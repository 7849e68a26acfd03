// Billing of a transit server (DESIGN §4 rule 8, §4.2): up to two billed
// periods, each free for its first part; every started day beyond costs
// price / days in the month of that day's local date. A server's cost is
// exact until it is rounded half-up to cents, once, over both periods.
//   BilledPeriod migration{install_end, all_migrated, policy.free_transit};
//   Bill bill = bill_server(price, {migration}, zone);
#pragma once

#include <cstdint>
#include <vector>

#include "plan/fleet.hpp"
#include "plan/time.hpp"
#include "plan/time_zone.hpp"

namespace ferry::plan {

struct BilledPeriod {
  Instant start = 0;
  Instant end = 0;
  Seconds free = 0;
  Seconds billable() const { return end - start - free; }
  std::int64_t billed_days() const;  // ceil(billable / 1 day) if positive, else 0
};

struct Bill {
  std::int64_t billed_days = 0;
  std::int64_t cost_cents = 0;
  double cost() const { return static_cast<double>(cost_cents) / 100.0; }
};

Bill bill_server(const Price& price, const std::vector<BilledPeriod>& periods, const TimeZone& zone);

}  // namespace ferry::plan
