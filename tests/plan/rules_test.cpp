// The shared dispatch rules on their own: transit pool, support crew, lanes.
#include <catch2/catch.hpp>

#include "plan/move_lanes.hpp"
#include "plan/support_crew.hpp"
#include "plan/transit_pool.hpp"

#include <optional>
#include <random>
#include <set>
#include <tuple>

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

TEST_CASE("transit pool: a higher priority goes first; a pinned server waits for its transit; an avoided one is never given") {
  std::vector<Transit> transits{transit("t4", 4), transit("t16", 16)};
  std::vector<Server> servers{server("a", 4), server("b", 4), server("c", 4)};
  servers[1].priority = 5;                  // b asked last but goes first
  servers[2].pinned_transit = 1;            // c only takes t16
  TransitPool pool(transits, servers);
  pool.request(0, 10);
  pool.request(2, 11);
  pool.request(1, 20);
  pool.make_free(0);
  auto given = pool.hand_out();
  REQUIRE(given.size() == 1);
  CHECK(given[0] == std::pair<std::size_t, std::size_t>{1, 0});  // b (priority 5) takes t4
  pool.make_free(1);
  given = pool.hand_out();
  REQUIRE(given.size() == 1);
  CHECK(given[0] == std::pair<std::size_t, std::size_t>{0, 1});  // a before c: c is pinned, but a asked first
  std::vector<Server> avoiding{server("d", 4)};
  avoiding[0].avoided_transits = {0};
  TransitPool other(transits, avoiding);
  other.request(0, 0);
  other.make_free(0);
  CHECK(other.hand_out().empty());  // t4 is free but avoided
  other.make_free(1);
  CHECK(other.hand_out().size() == 1);
}

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
  crew.wait({/*action=*/7, /*server=*/2, /*ready=*/50, /*window=*/0});
  crew.wait({8, 1, 50, 1});
  crew.wait({9, 0, 60, 0});
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
  MoveLanes lanes(2);
  CHECK(lanes.free_lane() == 0);  // both free: the lowest
  CHECK(lanes.earliest_start(0, 0) == 0);
  lanes.take(0, 0);
  REQUIRE(lanes.free_lane() == 1);
  CHECK(lanes.earliest_start(1, 0) == 0);
  lanes.take(1, 0);
  CHECK_FALSE(lanes.free_lane());  // both hold a move
  lanes.release(1, 30);
  REQUIRE(lanes.free_lane() == 1);
  CHECK(lanes.earliest_start(1, 0) == 30);  // the lane's last end
  lanes.take(1, 30);
  lanes.release(1, 40);
  lanes.release(0, 100);
  CHECK(lanes.free_lane() == 1);  // freed at 40, before lane 0 at 100
  CHECK(lanes.earliest_start(1, 35) == 40);
  lanes.release(0, 40);  // (a lane freed again at the same instant)
  CHECK(lanes.free_lane() == 0);  // a tie: the lowest lane
}

TEST_CASE("lanes: a move in order never starts before the one ahead of it; a retry may") {
  MoveLanes lanes(2);
  lanes.take(0, 500);  // the move ahead is placed at 500 (it waits for its window)
  CHECK(lanes.earliest_start(1, 100) == 500);
  CHECK(lanes.earliest_start(1, 100, /*in_order=*/false) == 100);
  lanes.take(1, 100, /*in_order=*/false);
  lanes.release(1, 200);
  CHECK(lanes.earliest_start(1, 0) == 500);  // a retry does not move the order's mark
}

namespace {

// DESIGN §4.2 literally, with issue 11's priority and transit choice: scan
// every waiting request in (priority descending, time, declaration) order;
// each takes the best free transit that matches it and that it may use.
struct NaivePool {
  const std::vector<Transit>& transits;
  const std::vector<Server>& servers;
  std::set<std::size_t> free;
  std::set<std::tuple<std::int64_t, Instant, std::size_t>> waiting;  // (-priority, time, server)
  std::vector<std::pair<std::size_t, std::size_t>> hand_out() {
    std::vector<std::pair<std::size_t, std::size_t>> given;
    for (auto it = waiting.begin(); it != waiting.end();) {
      std::optional<std::size_t> best;
      for (std::size_t t : free) {
        const Server& s = servers[std::get<2>(*it)];
        if (!transits[t].matches(s) || !s.may_use(t)) continue;
        auto key = [&](std::size_t x) { return std::tuple(transits[x].cpu, transits[x].ram.value(), transits[x].disk.value(), x); };
        if (!best || key(t) < key(*best)) best = t;
      }
      if (!best) {
        ++it;
        continue;
      }
      given.emplace_back(std::get<2>(*it), *best);
      free.erase(*best);
      it = waiting.erase(it);
    }
    return given;
  }
};

}  // namespace

TEST_CASE("transit pool: the same hand-outs as a literal full scan, on random histories") {
  std::mt19937 rng(11);
  for (int history = 0; history < 200; ++history) {
    INFO("history " << history);
    std::vector<Transit> transits;
    std::vector<Server> servers;
    // cpu, ram and disk each vary, so best fit is lexicographic for real;
    // some servers have a priority, a pinned transit or avoided ones.
    for (int t = 0; t < 1 + static_cast<int>(rng() % 6); ++t) {
      transits.push_back(transit("t", 1 << (rng() % 4)));
      transits.back().ram = Exact(1 << (rng() % 4));
      transits.back().disk = Exact(1 << (rng() % 4));
    }
    for (int s = 0; s < 2 + static_cast<int>(rng() % 12); ++s) {
      servers.push_back(server("s", 1 << (rng() % 3)));
      servers.back().ram = Exact(1 << (rng() % 3));
      servers.back().disk = Exact(1 << (rng() % 3));
      servers.back().priority = rng() % 4 == 0 ? static_cast<std::int64_t>(rng() % 3) : 0;
      if (rng() % 6 == 0) servers.back().pinned_transit = rng() % transits.size();
      else if (rng() % 6 == 0) servers.back().avoided_transits = {rng() % transits.size()};
    }
    TransitPool pool(transits, servers);
    NaivePool naive{transits, servers, {}, {}};
    std::vector<bool> asked(servers.size(), false);
    std::vector<std::size_t> held;  // transits given and not yet back
    for (std::size_t t = 0; t < transits.size(); ++t)
      if (rng() % 2) {
        pool.make_free(t);
        naive.free.insert(t);
      } else {
        held.push_back(t);
      }
    for (Instant now = 0; now < 40; ++now) {
      for (int k = static_cast<int>(rng() % 3); k > 0; --k) {
        std::size_t s = rng() % servers.size();
        if (asked[s]) continue;
        asked[s] = true;
        pool.request(s, now);
        naive.waiting.insert({-servers[s].priority, now, s});
      }
      if (!held.empty() && rng() % 2) {
        std::size_t i = rng() % held.size();
        pool.make_free(held[i]);
        naive.free.insert(held[i]);
        held.erase(held.begin() + static_cast<long>(i));
      }
      auto got = pool.hand_out();
      auto want = naive.hand_out();
      REQUIRE(got == want);
      for (auto [s, t] : got) held.push_back(t);
    }
  }
}
