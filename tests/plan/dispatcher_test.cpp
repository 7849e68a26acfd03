// The dispatcher alone, with a scripted executor: actions may end later or
// earlier than planned (the runtime's and Monte Carlo's case), and every
// decision must follow from what really happened, by the rules of §4.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <tuple>

#include "compiler/lower.hpp"
#include "plan/dispatch_loop.hpp"
#include "plan/dispatcher.hpp"
#include "plan/time_zone.hpp"
#include "tests/support/fleet_from_text.hpp"

using namespace ferry;
using plan::ActionVertex;
using plan::Instant;
using plan::Seconds;

namespace {

// Ends each action at its start plus a scripted duration (by action id), or
// its planned one. Ties at an instant are returned newest first, so a test
// passing with it does not depend on the order finishes are reported in.
class ScriptedExecutor final : public plan::Executor {
 public:
  ScriptedExecutor(const plan::Plan& plan, const plan::RunDurations& planned, std::map<std::string, Seconds> script)
      : plan_(plan), planned_(planned), script_(std::move(script)) {}

  void start(ActionVertex v, Instant now) override {
    auto scripted = script_.find(plan_.id(v));
    Seconds d = scripted != script_.end() ? scripted->second : planned_.of(plan_.graph[v]);
    ends_.insert({now + d, -static_cast<std::int64_t>(sequence_++), v});
  }
  std::optional<plan::Finished> wait(std::optional<Instant> until) override {
    if (ends_.empty() || (until && std::get<0>(*ends_.begin()) > *until)) return std::nullopt;
    auto [at, order, v] = *ends_.begin();
    ends_.erase(ends_.begin());
    return plan::Finished{v, at};
  }
  bool busy() const override { return !ends_.empty(); }

 private:
  const plan::Plan& plan_;
  const plan::RunDurations& planned_;
  std::map<std::string, Seconds> script_;
  std::set<std::tuple<Instant, std::int64_t, ActionVertex>> ends_;
  std::uint64_t sequence_ = 0;
};

// A clock that refuses to go back in time.
class MonotonicClock final : public plan::Clock {
 public:
  explicit MonotonicClock(Instant start) : now_(start) {}
  Instant now() const override { return now_; }
  void advance_to(Instant t) override {
    CHECK(t >= now_);
    now_ = t;
  }

 private:
  Instant now_;
};

const plan::ActionRecord& record_of(const plan::Plan& plan, const plan::Dispatcher& dispatcher, const std::string& id) {
  for (ActionVertex v : boost::make_iterator_range(boost::vertices(plan.graph)))
    if (plan.id(v) == id) return dispatcher.record(v);
  FAIL("no action " << id);
  return dispatcher.record(0);
}

struct Run {
  Run(const std::string& text, std::map<std::string, Seconds> script = {})
      : plan(compiler::lower(testing::fleet_from_text(text), {})),
        planned(plan::RunDurations::means(plan.fleet)),
        zone(*plan::TimeZone::locate(plan.fleet.timezone)),
        dispatcher(plan, planned) {
    ScriptedExecutor executor(plan, planned, std::move(script));
    MonotonicClock clock(plan.fleet.start);
    plan::LoopOutcome outcome = plan::run_dispatch_loop(dispatcher, executor, clock);
    INFO(outcome.why);
    REQUIRE(outcome.ok());
  }
  const plan::ActionRecord& of(const std::string& id) const { return record_of(plan, dispatcher, id); }
  std::string start(const std::string& id) const { return zone.iso(of(id).start).substr(11, 8); }
  std::string end(const std::string& id) const { return zone.iso(of(id).end).substr(11, 8); }
  std::string start_day(const std::string& id) const { return zone.iso(of(id).start).substr(0, 19); }

  plan::Plan plan;
  plan::RunDurations planned;
  plan::TimeZone zone;
  plan::Dispatcher dispatcher;
};

// Monday 2026-12-07, UTC; always open unless a test says otherwise.
constexpr const char* kThreeAccounts = R"(
fleet "f" { start = 2026-12-07 00:00 }
policy "default" { install = 1h  reinstall = 1h  downtime = 10min }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month
  account "a1" { } account "a2" { } account "a3" { } }
)";

}  // namespace

TEST_CASE("dispatcher: as planned, every action starts when the plan says") {
  Run run(kThreeAccounts);
  CHECK(run.start("a/install_transit") == "00:00:00");
  CHECK(run.start("a/migrate/a1") == "01:00:00");
  CHECK(run.start("a/migrate/a2") == "01:10:00");
  CHECK(run.start("a/migrate/a3") == "01:20:00");
  CHECK(run.start("a/reinstall") == "01:30:00");
  CHECK(run.end("a/release_transit") == "03:00:00");
  CHECK(run.dispatcher.events() == 2 * boost::num_vertices(run.plan.graph));
}

TEST_CASE("dispatcher: a move ending later delays the next; one ending earlier lets it start earlier") {
  Run run(kThreeAccounts, {{"a/migrate/a1", 30 * 60}, {"a/migrate/a2", 2 * 60}});
  CHECK(run.end("a/migrate/a1") == "01:30:00");
  CHECK(run.start("a/migrate/a2") == "01:30:00");
  CHECK(run.start("a/migrate/a3") == "01:32:00");
  CHECK(run.start("a/reinstall") == "01:42:00");  // all migrated: the real last end
  // Move backs follow the real reinstall end and the planned order.
  CHECK(run.start("a/move_back/a1") == "02:42:00");
}

TEST_CASE("dispatcher: a move ending after its window closed overruns it; the next waits for the next opening") {
  Run run(R"(
fleet "f" { start = 2026-12-07 00:00 }
calendar "night" { open = mon-sun 22:00-06:00 }
policy "default" { install = 1h  reinstall = 1h  downtime = 1h  migrate_window = "night" }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month account "a1" { } account "a2" { } }
)",
          {{"a/migrate/a1", 6 * 3600}});
  // Planned 1 h at 01:00 fits before 06:00; it really takes 6 h.
  CHECK(run.start("a/migrate/a1") == "01:00:00");
  CHECK(run.end("a/migrate/a1") == "07:00:00");
  CHECK(run.of("a/migrate/a1").overrun() == 3600);
  CHECK(run.of("a/migrate/a2").overrun() == 0);
  CHECK(run.start_day("a/migrate/a2") == "2026-12-07T22:00:00");
}

TEST_CASE("dispatcher: the next move takes the lane that really frees first") {
  std::string text = kThreeAccounts;
  text.replace(text.find("downtime = 10min"), 16, "downtime = 10min  parallel = 2");
  SECTION("as planned: both lanes free at 01:10, the lowest is taken") {
    Run run(text);
    CHECK(run.start("a/migrate/a3") == "01:10:00");
    CHECK(run.of("a/migrate/a3").lane == 0);
  }
  SECTION("lane 1 frees early, lane 0 late") {
    Run run(text, {{"a/migrate/a1", 60 * 60}, {"a/migrate/a2", 5 * 60}});
    CHECK(run.of("a/migrate/a1").lane == 0);
    CHECK(run.of("a/migrate/a2").lane == 1);
    CHECK(run.start("a/migrate/a3") == "01:05:00");
    CHECK(run.of("a/migrate/a3").lane == 1);
    CHECK(run.start("a/reinstall") == "02:00:00");  // waits for a1, which ends last
  }
}

TEST_CASE("dispatcher: two servers' actions ending at the same instant: the crew goes by declaration order") {
  // Two members; a and b install at 00:00, c waits. At 01:00 both installs
  // end: c takes a member. At 01:10 the migrates of a and b end together:
  // both reinstalls are ready, one member is free, a (written first) gets it.
  Run run(R"(
fleet "f" { start = 2026-12-07 00:00  support_capacity = 2 }
policy "default" { install = 1h  reinstall = 1h  downtime = 10min }
policy "slow" { install = 3h  reinstall = 1h  downtime = 10min }
transit "t1" { cpu = 8 ram = 8GB disk = 100GB }
transit "t2" { cpu = 8 ram = 8GB disk = 100GB }
transit "t3" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month account "a1" { } }
server "b" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month account "b1" { } }
server "c" { policy = "slow" cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month account "c1" { } }
)");
  CHECK(run.start("c/install_transit") == "01:00:00");
  CHECK(run.end("a/migrate/a1") == "01:10:00");
  CHECK(run.end("b/migrate/b1") == "01:10:00");
  CHECK(run.start("a/reinstall") == "01:10:00");
  CHECK(run.start("b/reinstall") == "02:10:00");
}

TEST_CASE("dispatcher: a support action waits for its window, then for the crew") {
  Run run(R"(
fleet "f" { start = 2026-12-05 10:00 }
calendar "office" { open = mon-fri 09:00-18:00 }
policy "default" { install = 2h  reinstall = 1h  downtime = 10min  support_window = "office" }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month account "a1" { } }
)",
          {{"a/install_transit", 10 * 3600}});
  // Saturday: the install waits for Monday 09:00, then really takes 10 h
  // (start mode: it runs on past 18:00); the reinstall waits for Tuesday.
  CHECK(run.start_day("a/install_transit") == "2026-12-07T09:00:00");
  CHECK(run.end("a/install_transit") == "19:00:00");
  CHECK(run.start_day("a/reinstall") == "2026-12-08T09:00:00");
  CHECK(run.of("a/install_transit").overrun() == 0);  // start mode never overruns
}

TEST_CASE("dispatcher: reads the plan, not the policy: move order and windows as written in the plan") {
  plan::Plan plan = compiler::lower(testing::fleet_from_text(R"(
fleet "f" { start = 2026-12-07 06:00 }
calendar "night" { open = mon-sun 22:00-06:00 }
policy "default" { install = 1h  reinstall = 1h  downtime = 10min  migrate_window = "night"  order = as_written }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month account "a1" { } account "a2" { } }
)"),
                                    {});
  std::reverse(plan.move_order[0].begin(), plan.move_order[0].end());
  std::map<std::string, plan::ActionVertex> by_id;
  for (plan::ActionVertex v : boost::make_iterator_range(boost::vertices(plan.graph))) by_id[plan.id(v)] = v;
  plan.graph[by_id.at("a/migrate/a2")].window = plan::kAlwaysOpen;
  plan::RunDurations planned = plan::RunDurations::means(plan.fleet);
  plan::Dispatcher dispatcher(plan, planned);
  ScriptedExecutor executor(plan, planned, {});
  plan::VirtualClock clock(plan.fleet.start);
  REQUIRE(plan::run_dispatch_loop(dispatcher, executor, clock).ok());
  auto zone = *plan::TimeZone::locate("UTC");
  auto start = [&](const char* id) { return zone.iso(dispatcher.record(by_id.at(id)).start); };
  // As compiled: a1 then a2, both at night (22:00, 22:10). As edited: a2
  // first, right after the install (its window removed), a1 at night.
  CHECK(start("a/migrate/a2") == "2026-12-07T07:00:00+00:00");
  CHECK(start("a/migrate/a1") == "2026-12-07T22:00:00+00:00");
  CHECK(start("a/move_back/a2") < start("a/move_back/a1"));
}

TEST_CASE("dispatcher: a plan whose transit never comes free says so") {
  plan::Plan plan = compiler::lower(testing::fleet_from_text(kThreeAccounts), {});
  plan.fleet.transits[0].cpu = 1;  // edited: no transit matches any more
  plan::RunDurations planned = plan::RunDurations::means(plan.fleet);
  plan::Dispatcher dispatcher(plan, planned);
  ScriptedExecutor executor(plan, planned, {});
  plan::VirtualClock clock(plan.fleet.start);
  plan::LoopOutcome outcome = plan::run_dispatch_loop(dispatcher, executor, clock);
  CHECK(outcome.kind == plan::LoopOutcome::Kind::stuck);
  CHECK(outcome.why == "server \"a\": acquire_transit waits for a matching transit that never comes free");
  CHECK(dispatcher.record(0).state == plan::ActionState::done);  // the prepare ran
}

namespace {

// The runtime's case: one move fails for good at its planned end; the
// operator reopens it at `reopen_at`. Everything else ends as planned.
class FailingExecutor final : public plan::Executor {
 public:
  // `failing`'s first attempt fails (or, with `done_first`, ends done: an
  // operator rolls it back), and the operator reopens it at `reopen_at`.
  FailingExecutor(const plan::Plan& plan, const plan::RunDurations& planned, std::string failing, Instant reopen_at,
                  bool done_first = false)
      : plan_(plan), planned_(planned), failing_(std::move(failing)), reopen_at_(reopen_at), done_first_(done_first) {}

  void start(ActionVertex v, Instant now) override {
    bool fails = plan_.id(v) == failing_ && !failed_once_;
    failed_once_ = failed_once_ || fails;
    Instant end = now + planned_.of(plan_.graph[v]);
    bool done = !fails || done_first_;
    ends_.insert({end, sequence_++, v, done ? plan::Finished::Outcome::done : plan::Finished::Outcome::failed});
    if (fails) ends_.insert({reopen_at_, sequence_++, v, plan::Finished::Outcome::reopened});
  }
  std::optional<plan::Finished> wait(std::optional<Instant> until) override {
    if (ends_.empty() || (until && std::get<0>(*ends_.begin()) > *until)) return std::nullopt;
    auto [at, order, v, outcome] = *ends_.begin();
    ends_.erase(ends_.begin());
    return plan::Finished{v, at, outcome};
  }
  bool busy() const override { return !ends_.empty(); }

 private:
  const plan::Plan& plan_;
  const plan::RunDurations& planned_;
  std::string failing_;
  Instant reopen_at_;
  bool done_first_;
  bool failed_once_ = false;
  std::set<std::tuple<Instant, std::uint64_t, ActionVertex, plan::Finished::Outcome>> ends_;
  std::uint64_t sequence_ = 0;
};

}  // namespace

TEST_CASE("dispatcher: a failed move pauses its server, even a free lane; reopened, the server goes on") {
  std::string text = kThreeAccounts;
  text.replace(text.find("downtime = 10min"), 16, "downtime = 10min  parallel = 2");
  plan::Plan plan = compiler::lower(testing::fleet_from_text(text), {});
  plan::RunDurations planned = plan::RunDurations::means(plan.fleet);
  plan::Dispatcher dispatcher(plan, planned);
  plan::TimeZone zone = *plan::TimeZone::locate(plan.fleet.timezone);
  Instant reopen = plan.fleet.start + 3 * plan::kHour;
  FailingExecutor executor(plan, planned, "a/migrate/a1", reopen);
  MonotonicClock clock(plan.fleet.start);
  plan::LoopOutcome outcome = plan::run_dispatch_loop(dispatcher, executor, clock);
  REQUIRE(outcome.ok());
  auto record = [&](const std::string& id) -> const plan::ActionRecord& { return record_of(plan, dispatcher, id); };
  auto hour = [&](const std::string& id) { return zone.iso(record(id).start).substr(11, 8); };
  CHECK(hour("a/migrate/a2") == "01:00:00");  // started beside a1, not stopped
  CHECK(hour("a/migrate/a3") == "03:00:00");  // a1's lane was free at 01:10, the server was not
  CHECK(hour("a/migrate/a1") == "03:00:00");  // reopened: placed again at once
  CHECK(record("a/migrate/a1").attempts == 2);
  CHECK(hour("a/reinstall") == "03:10:00");
  CHECK(!dispatcher.paused(0));
}

TEST_CASE("dispatcher: a done migrate reopened while the reinstall waits for the crew: the reinstall waits for it again") {
  // The support window closes at 10:25, so the reinstall, ready at 10:30,
  // waits for the crew and its window; a1's migrate is rolled back at 11:00.
  constexpr const char* kText = R"(
fleet "f" { start = 2026-12-07 09:00 }
calendar "office" { open = mon-fri 09:00-10:25 }
policy "default" { install = 1h  reinstall = 1h  downtime = 10min  support_window = "office" }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month
  account "a1" { } account "a2" { } account "a3" { } }
)";
  plan::Plan plan = compiler::lower(testing::fleet_from_text(kText), {});
  plan::RunDurations planned = plan::RunDurations::means(plan.fleet);
  plan::Dispatcher dispatcher(plan, planned);
  plan::TimeZone zone = *plan::TimeZone::locate(plan.fleet.timezone);
  FailingExecutor executor(plan, planned, "a/migrate/a1", plan.fleet.start + 2 * plan::kHour, /*done_first=*/true);
  MonotonicClock clock(plan.fleet.start);
  plan::LoopOutcome outcome = plan::run_dispatch_loop(dispatcher, executor, clock);
  REQUIRE(outcome.ok());
  auto record = [&](const std::string& id) -> const plan::ActionRecord& { return record_of(plan, dispatcher, id); };
  CHECK(record("a/migrate/a1").attempts == 2);
  CHECK(zone.iso(record("a/migrate/a1").start) == "2026-12-07T11:00:00+00:00");
  // Ready again only once a1 is migrated again, and started once.
  CHECK(zone.iso(record("a/reinstall").ready) == "2026-12-07T11:10:00+00:00");
  CHECK(record("a/reinstall").attempts == 1);
  CHECK(zone.iso(record("a/reinstall").start) == "2026-12-08T09:00:00+00:00");
}
