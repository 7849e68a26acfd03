// RunDurations: means for the deterministic run; samples within the
// distribution's range and reproducible by seed.
#include <catch2/catch.hpp>

#include "plan/run_durations.hpp"
#include "tests/support/fleet_from_text.hpp"

using namespace ferry;

TEST_CASE("run durations: means, and seeded samples within their range") {
  plan::Fleet fleet = testing::fleet_from_text(R"(
fleet "f" { start = 2026-12-07 00:00 }
policy "default" { downtime = uniform(1min, 3min)  install = 2h  prepare = 10min }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "s" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month
  account "a" { }
  account "b" { prepared = true }
}
)");
  auto means = plan::RunDurations::means(fleet);
  CHECK(means.downtime[0] == std::vector<plan::Seconds>{120, 120});
  CHECK(means.prepare[0] == std::vector<plan::Seconds>{600, 0});
  CHECK(means.install[0] == 7200);
  std::mt19937_64 rng1(42), rng2(42);
  auto first = plan::RunDurations::sample(fleet, rng1);
  auto again = plan::RunDurations::sample(fleet, rng2);
  CHECK(first.downtime == again.downtime);
  for (plan::Seconds d : first.downtime[0]) CHECK((d >= 60 && d <= 180));
  CHECK(first.install[0] == 7200);  // constants are not sampled
}
