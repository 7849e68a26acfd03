// Each billed day costs price/28, /29, /30 or /31. Summing those as a
// multiple of 1/377580 (the lcm of 28..31) keeps the sum exact in integers.
#include "plan/billing.hpp"

#include <algorithm>

namespace ferry::plan {

namespace {

constexpr std::int64_t kMonthLcm = 377580;

}  // namespace

PriceReading price_per_month(const Exact& value) {
  PriceReading reading;
  if (value.is_negative()) return {PriceProblem::negative, {}};
  if (value > Exact(limits::kMaxPricePerMonth)) return {PriceProblem::too_large, {}};
  // Past 128 bits a value is approximate: too many digits after the point.
  if (!value.is_exact()) return {PriceProblem::too_many_decimals, {}};
  Exact micro = value * Exact(1000000);
  if (!micro.is_exact() || !micro.is_integer()) return {PriceProblem::too_many_decimals, {}};
  reading.price.scale = limits::kMaxPriceDecimals;
  reading.price.mantissa = micro.floor();
  while (reading.price.scale > 0 && reading.price.mantissa % 10 == 0) {
    reading.price.mantissa /= 10;
    --reading.price.scale;
  }
  return reading;
}

PriceReading price_from_text(std::string_view text) {
  auto dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view decimals = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  auto digits = [](std::string_view part) {
    return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || !digits(whole) || !digits(decimals) || (whole.size() > 1 && whole[0] == '0') ||
      (dot != std::string_view::npos && (decimals.empty() || decimals.back() == '0')))
    return {PriceProblem::malformed, {}};
  if (decimals.size() > static_cast<std::size_t>(limits::kMaxPriceDecimals)) return {PriceProblem::too_many_decimals, {}};
  if (whole.size() > 10) return {PriceProblem::too_large, {}};
  auto value = Exact::decimal(text);
  if (!value) return {PriceProblem::malformed, {}};
  return price_per_month(*value);
}

std::string price_text(const Price& p) {
  std::string digits = std::to_string(p.mantissa);
  if (p.scale == 0) return digits;
  while (static_cast<int>(digits.size()) <= p.scale) digits.insert(0, "0");
  return digits.substr(0, digits.size() - static_cast<std::size_t>(p.scale)) + "." +
         digits.substr(digits.size() - static_cast<std::size_t>(p.scale));
}

std::string price_problem_words(PriceProblem problem, const std::string& currency) {
  switch (problem) {
    case PriceProblem::none: return "";
    case PriceProblem::negative: return "a price cannot be below 0";
    case PriceProblem::too_many_decimals:
      return "money has at most " + std::to_string(limits::kMaxPriceDecimals) + " decimals, so that every cost is exact";
    case PriceProblem::too_large:
      return "a price is at most " + std::to_string(limits::kMaxPricePerMonth) + " " + currency +
             "/month, so that every bill is exact";
    case PriceProblem::malformed: return "a price is written as digits with an optional decimal point, such as 31.15";
  }
  return "";
}

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
