// Each billed day costs price/28, /29, /30 or /31. Summing those as a
// multiple of 1/377580 (the lcm of 28..31) keeps the sum exact in integers.
#include "plan/billing.hpp"

namespace ferry::plan {

namespace {

constexpr std::int64_t kMonthLcm = 377580;

}  // namespace

std::int64_t BilledPeriod::billed_days() const {
  Seconds b = billable();
  return b > 0 ? (b + kDay - 1) / kDay : 0;
}

Bill bill_server(const Price& price, const std::vector<BilledPeriod>& periods, const TimeZone& zone) {
  Bill bill;
  __int128 parts = 0;  // sum of kMonthLcm / days_in_month over billed days
  for (const BilledPeriod& period : periods) {
    std::int64_t days = period.billed_days();
    bill.billed_days += days;
    for (std::int64_t i = 0; i < days; ++i) {
      Instant day_start = period.start + period.free + i * kDay;
      parts += kMonthLcm / days_in_month_of(local_day(zone.to_local(day_start)));
    }
  }
  // cents = round_half_up(mantissa * parts * 100 / (kMonthLcm * 10^scale))
  __int128 numerator = static_cast<__int128>(price.mantissa) * parts * 100;
  __int128 denominator = kMonthLcm;
  for (int i = 0; i < price.scale; ++i) denominator *= 10;
  bill.cost_cents = static_cast<std::int64_t>((2 * numerator + denominator) / (2 * denominator));
  return bill;
}

}  // namespace ferry::plan
