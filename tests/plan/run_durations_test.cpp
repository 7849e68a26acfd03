// RunDurations: means for the deterministic run; samples within the
// distribution's range and reproducible by seed.
#include <catch2/catch.hpp>

#include <thread>

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

TEST_CASE("run durations: means shared out between threads are each subject's own") {
  // Servers enough for several chunks; every account's downtime differs.
  std::string text = "fleet \"f\" { start = 2026-12-07 00:00 }\n"
                     "policy \"default\" { downtime = 1min + 10s/GB * databases  prepare = 2min  install = 1h + 1min * accounts }\n"
                     "transit \"t\" { cpu = 8 ram = 8GB disk = 900GB }\n";
  for (int s = 0; s < 300; ++s) {
    text += "server \"s" + std::to_string(s) + "\" { cpu = 8 ram = 8GB disk = 900GB price = 1 EUR/month\n";
    for (int a = 0; a <= s % 4; ++a)
      text += "  account \"a" + std::to_string(s) + "-" + std::to_string(a) + "\" { databases = " +
              std::to_string(s + a) + "GB prepared = " + (a == 1 ? "true" : "false") + " }\n";
    text += "}\n";
  }
  plan::Fleet fleet = testing::fleet_from_text(text);
  plan::SharedMeans shared(fleet);
  {
    std::jthread other([&] { shared.work(); });
    shared.work();
  }
  plan::RunDurations means = std::move(shared).take();
  REQUIRE(means.downtime.size() == 300);
  for (std::size_t s = 0; s < 300; ++s) {
    const plan::Server& server = fleet.servers[s];
    INFO("server " << s);
    CHECK(means.install[s] == 3600 + 60 * static_cast<plan::Seconds>(server.accounts.size()));
    REQUIRE(means.downtime[s].size() == server.accounts.size());
    for (std::size_t a = 0; a < server.accounts.size(); ++a) {
      CHECK(means.downtime[s][a] == 60 + 10 * static_cast<plan::Seconds>(s + a));
      CHECK(means.prepare[s][a] == (a == 1 ? 0 : 120));
    }
  }
  plan::RunDurations alone = plan::RunDurations::means(fleet);
  CHECK(alone.downtime == means.downtime);
  CHECK(alone.prepare == means.prepare);
  CHECK(alone.install == means.install);
  CHECK(alone.reinstall == means.reinstall);
  CHECK(alone.migrate_delay == means.migrate_delay);
}
