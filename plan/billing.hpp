// Billing of a transit server (DESIGN §4 rule 8, §4.2): up to two billed
// periods, each free for its first part; every started day beyond costs
// price / days in the month of that day's local date. A server's cost is
// exact until it is rounded half-up to cents, once, over both periods.
//   BilledPeriod migration{install_end, all_migrated, policy.free_transit};
//   Bill bill = bill_server(price, {migration}, zone);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plan/fleet.hpp"
#include "plan/time.hpp"
#include "plan/time_zone.hpp"

namespace ferry::plan {

// Money is exact (DESIGN §4.2): at most 6 decimals, and prices small enough
// that any bill of a ten-year run is exact in cents.
namespace limits {
inline constexpr int kMaxPriceDecimals = 6;
inline constexpr std::int64_t kMaxPricePerMonth = 1000000000;
}  // namespace limits

// A price per month, or why it cannot be billed exactly.
enum class PriceProblem { none, negative, too_many_decimals, too_large, malformed };
struct PriceReading {
  PriceProblem problem = PriceProblem::none;
  Price price;
  bool ok() const { return problem == PriceProblem::none; }
};
[[nodiscard]] PriceReading price_per_month(const Exact& value);
// The plan file's form: "149", "31.15" (no sign, no trailing zero after the point).
[[nodiscard]] PriceReading price_from_text(std::string_view text);
std::string price_text(const Price& price);
// "has more than 6 decimals; money has at most 6" and the like, for messages.
std::string price_problem_words(PriceProblem problem, const std::string& currency);

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
