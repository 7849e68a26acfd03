// The shared dispatch rules on their own: transit pool, support crew, lanes.
#include <catch2/catch.hpp>

#include "plan/move_lanes.hpp"
#include "plan/support_crew.hpp"
#include "plan/transit_pool.hpp"

using namespace ferry::plan;

namespace {

Transit transit(const char* name, std::int64_t cpu) { return {name, cpu, Exact(8), Exact(100), std::nullopt}; }
Server server(const char* name, std::int64_t cpu) {
  Server s;
  s.name = name;
  s.cpu = cpu;
  s.ram = Exact(8);
  s.disk = Exact(100);
  return s;
}

}  // namespace

TEST_CASE("transit pool: FIFO by request time, then declaration order -- skips instead of blocking") {
  std::vector<Transit> transits{transit("t4", 4), transit("t16", 16)};
  std::vector<Server> servers{server("big", 16), server("small", 4), server("late", 4)};
  TransitPool pool(transits, servers);
  pool.request(2, 10);  // late, asks at t=10
  pool.request(0, 5);
  pool.request(1, 5);
  pool.make_free(0);  // only t4
  auto given = pool.hand_out();
  REQUIRE(given.size() == 1);
  CHECK(given[0] == std::pair<std::size_t, std::size_t>{1, 0});  // small, not late
  pool.make_free(1);
  given = pool.hand_out();
  REQUIRE(given.size() == 1);
  CHECK(given[0] == std::pair<std::size_t, std::size_t>{0, 1});
  CHECK(pool.has_waiting());
}

TEST_CASE("support crew: capacity, open window, earliest ready then declaration order") {
  SupportCrew crew(1);
  crew.wait({2, SupportKind::reinstall, 50, 0});
  crew.wait({1, SupportKind::install_transit, 50, 1});
  crew.wait({0, SupportKind::install_transit, 60, 0});
  auto only_window_0 = [](int window, Instant) { return window == 0; };
  auto job = crew.take(100, only_window_0);
  REQUIRE(job);
  CHECK(job->server == 2);  // server 1 is earlier in declaration but its window is closed
  CHECK_FALSE(crew.take(100, only_window_0));  // the one member is busy
  crew.release();
  auto all_open = [](int, Instant) { return true; };
  CHECK(crew.take(100, all_open)->server == 1);  // ready 50 before 60
}

TEST_CASE("lanes: strict order, the lane that frees first, lowest lane on ties") {
  MoveLanes lanes(2, 0);
  CHECK(lanes.place(100, nullptr).lane == 0);
  MovePlacement second = lanes.place(30, nullptr);
  CHECK(second.lane == 1);
  CHECK(second.start == 0);
  MovePlacement third = lanes.place(10, nullptr);  // lane 1 frees at 30
  CHECK(third.lane == 1);
  CHECK(third.start == 30);
  MovePlacement fourth = lanes.place(10, nullptr);  // lane 1 again at 40; never before 30
  CHECK(fourth.lane == 1);
  CHECK(fourth.start == 40);
}
