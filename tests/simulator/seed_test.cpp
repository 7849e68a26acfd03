// The worked example of DESIGN §4.3, number by number.
#include <catch2/catch.hpp>

#include "tests/simulator/scenario.hpp"

using ferry::testing::Scenario;

TEST_CASE("seed example: every figure of DESIGN 4.3") {
  Scenario s(ferry::testing::read_repository_file("examples/seed.ferry"));
  const auto& web = s.server("web-01");
  // tr-1 matches but is busy until Thu 14:00: 53 h of transit wait.
  CHECK(s.transit_of("web-01") == "tr-1");
  CHECK(s.iso(web.requested) == "2026-12-01T09:00:00+01:00");
  CHECK(s.iso(web.acquired) == "2026-12-03T14:00:00+01:00");
  CHECK(web.transit_wait() == 53 * 3600);
  // install = 4h + 45GB / 100MB/s = 4h + 450 s, started in office hours.
  CHECK(s.iso(web.install.start) == "2026-12-03T14:00:00+01:00");
  CHECK(s.iso(web.install.end) == "2026-12-03T18:07:30+01:00");
  // largest_first: shop (750 s) then blog (54 s) from 22:00.
  CHECK(s.iso(s.account("web-01", "shop").migrate.start) == "2026-12-03T22:00:00+01:00");
  CHECK(s.iso(s.account("web-01", "shop").migrate.end) == "2026-12-03T22:12:30+01:00");
  CHECK(s.iso(s.account("web-01", "blog").migrate.end) == "2026-12-03T22:13:24+01:00");
  CHECK(s.iso(web.all_migrated) == "2026-12-03T22:13:24+01:00");
  CHECK(s.iso(web.reinstall.start) == "2026-12-04T09:00:00+01:00");
  CHECK(s.iso(web.reinstall.end) == "2026-12-04T15:07:30+01:00");
  CHECK(s.iso(s.account("web-01", "shop").move_back.start) == "2026-12-04T15:07:30+01:00");
  CHECK(s.iso(web.released) == "2026-12-04T15:20:54+01:00");
  // Downtime: shop 750 + 0 + 750, blog 54 + 60 + 54.
  CHECK(s.account("web-01", "shop").total_downtime() == 1500);
  CHECK(s.account("web-01", "blog").reroute_downtime == 60);
  CHECK(s.account("web-01", "blog").total_downtime() == 168);
  CHECK(s.result.total_downtime == 1668);
  // Billing: 14,754 s held, far below 14 days.
  CHECK(web.bill.billed_days == 0);
  CHECK(web.bill.cost_cents == 0);
  CHECK(web.held_days == Approx(14754.0 / 86400));
  CHECK(s.result.end - s.fleet.start == 282054);  // makespan 78.348 h
}
