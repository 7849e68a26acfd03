// Billing rules (DESIGN §4 rule 8, §4.2) on single periods.
#include <catch2/catch.hpp>

#include "plan/billing.hpp"

using namespace ferry::plan;

namespace {

Instant utc(int y, unsigned m, unsigned d, int h = 0) { return days_from_civil(y, m, d) * kDay + h * 3600; }
Price price(std::int64_t mantissa, int scale) { return {mantissa, scale}; }
const TimeZone& utc_zone() {
  static TimeZone zone = *TimeZone::locate("UTC");
  return zone;
}

}  // namespace

TEST_CASE("billed days: ceil of the billable time, never negative") {
  CHECK(BilledPeriod{0, 14 * kDay, 14 * kDay}.billed_days() == 0);
  CHECK(BilledPeriod{0, 14 * kDay + 1, 14 * kDay}.billed_days() == 1);
  CHECK(BilledPeriod{0, 16 * kDay, 14 * kDay}.billed_days() == 2);
  CHECK(BilledPeriod{0, kDay, 14 * kDay}.billed_days() == 0);
}

TEST_CASE("a day costs price / days in the month of its own local date") {
  // Free until 2027-02-27 00:00, then 3 days: Feb 27, Feb 28 (28-day month)
  // and Mar 1 (31): 2*28/28 + 28/31 = 2.9032... of a 28 EUR price.
  Instant start = utc(2027, 2, 13);
  Bill bill = bill_server(price(28, 0), {{start, start + 16 * kDay + 1, 14 * kDay}}, utc_zone());
  CHECK(bill.billed_days == 3);
  CHECK(bill.cost_cents == 290);  // 2 + 0.9032 = 2.9032 -> 2.90
}

TEST_CASE("cents are rounded half-up once, over both periods") {
  // 0.155 EUR/month in December: one day costs exactly 0.005.
  Instant start = utc(2026, 12, 1);
  BilledPeriod one_day{start, start + kDay, 0};
  CHECK(bill_server(price(155, 3), {one_day}, utc_zone()).cost_cents == 1);  // 0.005 -> 0.01
  // Two periods of 0.005 each: 0.01 exactly, not 0.01 + 0.01.
  CHECK(bill_server(price(155, 3), {one_day, one_day}, utc_zone()).cost_cents == 1);
}

TEST_CASE("billing days use the fleet's local date") {
  // 2027-01-31 23:30 UTC is already February 1st in Paris.
  Instant start = utc(2027, 1, 31, 23) + 1800;
  Bill paris = bill_server(price(2800, 0), {{start, start + 1, 0}}, *TimeZone::locate("Europe/Paris"));
  Bill utc_bill = bill_server(price(2800, 0), {{start, start + 1, 0}}, utc_zone());
  CHECK(paris.cost_cents == 10000);    // 2800 / 28
  CHECK(utc_bill.cost_cents == 9032);  // 2800 / 31 = 90.32
}

TEST_CASE("prices: at most 6 decimals and at most the limit, or a reason") {
  PriceReading exact = price_per_month(*Exact::decimal("31.154999"));
  REQUIRE(exact.ok());
  CHECK((exact.price.mantissa == 31154999 && exact.price.scale == 6));
  CHECK(price_text(exact.price) == "31.154999");
  CHECK(price_per_month(*Exact::decimal("31.1549999")).problem == PriceProblem::too_many_decimals);
  CHECK(price_per_month(*Exact::decimal("0." + std::string(39, '0') + "1")).problem == PriceProblem::too_many_decimals);
  CHECK(price_per_month(Exact(limits::kMaxPricePerMonth)).ok());
  CHECK(price_per_month(Exact(limits::kMaxPricePerMonth) + Exact::fraction(1, 1000000)).problem == PriceProblem::too_large);
  CHECK(price_per_month(-Exact(1)).problem == PriceProblem::negative);
  // The plan file's form, exactly as price_text writes it.
  CHECK(price_from_text("149").ok());
  CHECK(price_from_text("0.5").ok());
  for (const char* bad : {"", "12abc", "1.2.3", "-1", "1.", ".5", "1.50", "012", "1e3", " 1"})
    CHECK(price_from_text(bad).problem == PriceProblem::malformed);
  CHECK(price_from_text("31.1549999").problem == PriceProblem::too_many_decimals);
  CHECK(price_from_text("999999999999999999").problem == PriceProblem::too_large);
}

TEST_CASE("the dearest price over the longest run is billed exactly, without overflow") {
  // Two periods of ten years each at the highest price: every day billed.
  Instant start = utc(2026, 1, 1);
  Seconds ten_years = limits::kMaxDuration;
  Price dearest = price_per_month(Exact(limits::kMaxPricePerMonth) - Exact::fraction(1, 1000000)).price;
  Bill bill = bill_server(dearest, {{start, start + ten_years, 0}, {start, start + ten_years, 0}}, utc_zone());
  CHECK(bill.billed_days == 2 * ten_years / kDay);
  CHECK(bill.cost_cents > 0);
  CHECK(bill.cost_cents < 2 * 121 * limits::kMaxPricePerMonth * 100);  // about 120 months each
}
