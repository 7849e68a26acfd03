// Lowering to the plan (DESIGN §3), the plan file (round trip, hashes,
// refusals) and the Graphviz drawing read back with cgraph.
#include <catch2/catch.hpp>
#include <graphviz/cgraph.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "compiler/graphviz_writer.hpp"
#include "compiler/lower.hpp"
#include "plan/plan_json.hpp"
#include "plan/sha256.hpp"
#include "tests/support/fleet_from_text.hpp"

using namespace ferry;

namespace {

plan::Plan plan_of(const std::string& path) {
  std::string text = testing::read_repository_file(path);
  return compiler::lower(testing::fleet_from_text(text), {path, plan::sha256_hex(text)});
}

}  // namespace

TEST_CASE("lowering the seed: one action of each kind per server, per account for the rest") {
  plan::Plan p = plan_of("examples/seed.ferry");
  CHECK(p.count(plan::ActionKind::prepare) == 2);
  CHECK(p.count(plan::ActionKind::acquire_transit) == 1);
  CHECK(p.count(plan::ActionKind::migrate) == 2);
  CHECK(p.count(plan::ActionKind::move_back) == 2);
  CHECK(boost::num_vertices(p.graph) == 10);
  // 1 prepare chain + acquire + install + 2*(install->m, m->r, r->b, b->release) = 1+1+1+8
  CHECK(boost::num_edges(p.graph) == 11);
  // largest_first: shop (12GB) before blog.
  CHECK(p.fleet.servers[0].accounts[p.move_order[0][0]].name == "shop");
  auto order = p.topological_order();
  CHECK(p.graph[order.front()].id == "prepare/web-01/shop");
  CHECK(p.graph[order.back()].id == "release_transit/web-01");
}

TEST_CASE("lowering: windows and modes per kind, prepared accounts skip prepare, empty servers get nothing") {
  plan::Fleet fleet = testing::fleet_from_text(R"(
fleet "f" { start = 2026-12-07 00:00 }
calendar "night" { open = mon-sun 22:00-06:00 }
calendar "office" { open = mon-fri 09:00-18:00 }
policy "p" { migrate_window = "night"  move_back_window = "office"  support_window = "office"  move_back_by = user }
transit "t" { cpu = 8 ram = 8GB disk = 100GB }
server "a" { policy = "p" cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month
  account "x" { prepared = true }
  account "y" { }
}
server "empty" { cpu = 8 ram = 8GB disk = 100GB price = 1 EUR/month }
)");
  plan::Plan p = compiler::lower(std::move(fleet), {"t.ferry", ""});
  CHECK(p.count(plan::ActionKind::prepare) == 1);
  CHECK(p.count(plan::ActionKind::acquire_transit) == 1);
  for (auto v : boost::make_iterator_range(boost::vertices(p.graph))) {
    const plan::Action& a = p.graph[v];
    INFO(a.id);
    if (a.kind == plan::ActionKind::migrate) CHECK((a.window == 0 && a.mode == plan::WindowMode::fit));
    // A move back by the user ignores its window.
    if (a.kind == plan::ActionKind::move_back) CHECK((a.window == plan::kAlwaysOpen && a.mode == plan::WindowMode::fit));
    if (a.kind == plan::ActionKind::install_transit) CHECK((a.window == 1 && a.mode == plan::WindowMode::start));
  }
}

TEST_CASE("plan file: write -> read -> write is byte-identical, and deterministic") {
  for (const char* path : {"examples/seed.ferry", "examples/fleet.ferry"}) {
    INFO(path);
    std::string first = plan::write_plan_json(plan_of(path));
    CHECK(plan::write_plan_json(plan_of(path)) == first);
    plan::PlanFile read = plan::read_plan_json(first);
    INFO(read.error);
    REQUIRE(read.plan.has_value());
    CHECK(plan::write_plan_json(*read.plan) == first);
  }
}

TEST_CASE("plan file: stamps the source and the content") {
  std::string text = testing::read_repository_file("examples/seed.ferry");
  auto j = nlohmann::json::parse(plan::write_plan_json(plan_of("examples/seed.ferry")));
  CHECK(j["source"]["sha256"] == plan::sha256_hex(text));
  CHECK(j["version"] == plan::kPlanFormatVersion);
  std::string hash = j["plan_sha256"];
  j.erase("plan_sha256");
  CHECK(hash == plan::sha256_hex(j.dump()));
}

TEST_CASE("plan file: a bad or tampered plan is refused with a reason, never a crash") {
  std::string good = plan::write_plan_json(plan_of("examples/seed.ferry"));
  // Mutations that keep a valid hash, so that the reader sees the damage.
  auto rehash = [](nlohmann::json j) {
    j.erase("plan_sha256");
    j["plan_sha256"] = plan::sha256_hex(j.dump());
    return j.dump();
  };
  auto with = [&](auto change) {
    auto j = nlohmann::json::parse(good);
    change(j);
    return rehash(j);
  };
  struct Case {
    const char* name;
    std::string text;
    const char* reason;
  };
  std::vector<Case> cases = {
      {"empty", "", "not valid JSON"},
      {"truncated", good.substr(0, good.size() / 2), "not valid JSON"},
      {"an array", "[1, 2]", "not valid JSON"},
      {"another format", R"({"format": "other"})", "is not \"ferry-plan\""},
      {"another version", with([](auto& j) { j["version"] = 99; }), "version 99 is not supported"},
      {"tampered", [&] { auto j = nlohmann::json::parse(good); j["fleet"]["name"] = "x"; return j.dump(); }(),
       "does not match its plan_sha256"},
      {"missing field", with([](auto& j) { j["fleet"].erase("start"); }), "malformed plan file"},
      {"wrong type", with([](auto& j) { j["servers"][0]["cpu"] = "eight"; }), "malformed plan file"},
      {"unknown calendar", with([](auto& j) { j["policies"][0]["migrate_window"] = "nope"; }), "unknown calendar"},
      {"cycle", with([](auto& j) { j["actions"][0][6].push_back(j["actions"].size() - 1); }), "cycle"},
      {"unknown predecessor", with([](auto& j) { j["actions"][0][6].push_back(999999); }), "unknown action"},
      {"unknown server", with([](auto& j) { j["actions"][0][2] = 42; }), "unknown server"},
      {"row of wrong types", with([](auto& j) { j["actions"][0][2] = "web-01"; }), "malformed action row"},
      {"short row", with([](auto& j) { j["actions"][0].erase(6); }), "malformed action row"},
      {"object for a row", with([](auto& j) { j["actions"][0] = {{"id", "x"}}; }), "malformed action row"},
      {"negative index", with([](auto& j) { j["actions"][1][6][0] = -1; }), "malformed action row"},
      {"no actions", with([](auto& j) { j.erase("actions"); }), "no actions"},
      {"huge parallel", with([](auto& j) { j["policies"][0]["parallel"] = 2147483647; }), "parallel is out of range"},
      {"huge recycle", with([](auto& j) { j["fleet"]["transit_recycle_seconds"] = 9223372036854775807LL; }),
       "transit_recycle is out of range"},
      {"rule past midnight", with([](auto& j) { j["calendars"][0]["rules"][0]["start_seconds"] = 90000; }),
       "a rule's start is out of range"},
      {"account row of wrong types", with([](auto& j) { j["servers"][0]["accounts"][0][5] = "high"; }),
       "malformed account row"},
      {"short account row", with([](auto& j) { j["servers"][0]["accounts"][0].erase(6); }), "malformed account row"},
      {"object for an account", with([](auto& j) { j["servers"][0]["accounts"][0] = {{"name", "x"}}; }),
       "malformed account row"},
      {"server without accounts member", with([](auto& j) { j["servers"][0].erase("accounts"); }), "malformed plan file"},
      {"bad program", with([](auto& j) { j["policies"][0]["downtime"]["code"] = nlohmann::json::array({{"add"}}); }),
       "malformed duration program"},
      {"bad time", with([](auto& j) { j["fleet"]["start"] = "yesterday"; }), "bad time"},
  };
  for (const Case& c : cases) {
    INFO("case: " << c.name);
    plan::PlanFile read = plan::read_plan_json(c.text);
    CHECK_FALSE(read.plan.has_value());
    CHECK_THAT(read.error, Catch::Contains(c.reason));
  }
}

TEST_CASE("graph: the drawing, read back by cgraph, has every action and edge") {
  plan::Plan p = plan_of("examples/fleet.ferry");
  std::string path = (std::filesystem::temp_directory_path() / "ferry_plan_test.dot").string();
  REQUIRE(compiler::draw_plan(p, path, std::nullopt).empty());
  std::unique_ptr<FILE, decltype(&std::fclose)> in(std::fopen(path.c_str(), "r"), &std::fclose);
  REQUIRE(in);
  std::unique_ptr<Agraph_t, decltype(&agclose)> g(agread(in.get(), nullptr), &agclose);
  REQUIRE(g);
  // Prepares worth 0 s (policies without a prepare formula) are left out;
  // nothing precedes a prepare, so their edges simply go.
  std::vector<char> zero(boost::num_vertices(p.graph), 0);
  std::size_t zeros = 0, kept_edges = 0;
  for (auto v : boost::make_iterator_range(boost::vertices(p.graph))) {
    const plan::Action& a = p.graph[v];
    if (a.kind != plan::ActionKind::prepare) continue;
    const plan::Account& account = p.fleet.servers[a.server].accounts[*a.account];
    zero[v] = a.duration(p.fleet)->mean_seconds(account.variables()) == 0;
    zeros += zero[v];
  }
  for (auto e : boost::make_iterator_range(boost::edges(p.graph)))
    kept_edges += !zero[boost::source(e, p.graph)] && !zero[boost::target(e, p.graph)];
  CHECK(zeros > 0);
  CHECK(zeros < p.count(plan::ActionKind::prepare));
  CHECK(static_cast<std::size_t>(agnnodes(g.get())) == boost::num_vertices(p.graph) - zeros + 1);  // + the note
  // Solid edges are the plan's; dashed ones follow each server's move order,
  // for migrations and moves back.
  std::size_t solid = 0, dashed = 0, order_steps = 0;
  for (Agnode_t* n = agfstnode(g.get()); n; n = agnxtnode(g.get(), n))
    for (Agedge_t* e = agfstout(g.get(), n); e; e = agnxtout(g.get(), e))
      ++(std::string(agget(e, const_cast<char*>("style")) ? agget(e, const_cast<char*>("style")) : "") == "dashed"
             ? dashed
             : solid);
  for (const auto& order : p.move_order) order_steps += order.empty() ? 0 : 2 * (order.size() - 1);
  CHECK(solid == kept_edges);
  CHECK(dashed == order_steps);
  CHECK(order_steps > 0);
  std::filesystem::remove(path);
}

TEST_CASE("graph: a prepare that takes no time is left out, its edges bridged") {
  plan::Plan p = plan_of("examples/seed.ferry");  // no prepare formula: every prepare is 0 s
  std::string path = (std::filesystem::temp_directory_path() / "ferry_plan_test_zero.dot").string();
  REQUIRE(compiler::draw_plan(p, path, std::nullopt).empty());
  std::unique_ptr<FILE, decltype(&std::fclose)> in(std::fopen(path.c_str(), "r"), &std::fclose);
  std::unique_ptr<Agraph_t, decltype(&agclose)> g(agread(in.get(), nullptr), &agclose);
  REQUIRE(g);
  std::size_t prepares = p.count(plan::ActionKind::prepare);
  REQUIRE(prepares == 2);
  CHECK(static_cast<std::size_t>(agnnodes(g.get())) == boost::num_vertices(p.graph) - prepares + 1);
  CHECK_FALSE(agnode(g.get(), const_cast<char*>("prepare/web-01/shop"), 0));
  CHECK(agnode(g.get(), const_cast<char*>("acquire_transit/web-01"), 0));
  std::filesystem::remove(path);
}

TEST_CASE("graph: one server only, and a clear refusal for an unknown one or a format") {
  plan::Plan p = plan_of("examples/fleet.ferry");
  std::string path = (std::filesystem::temp_directory_path() / "ferry_plan_test_one.dot").string();
  REQUIRE(compiler::draw_plan(p, path, std::string("web-01")).empty());
  std::unique_ptr<FILE, decltype(&std::fclose)> in(std::fopen(path.c_str(), "r"), &std::fclose);
  std::unique_ptr<Agraph_t, decltype(&agclose)> g(agread(in.get(), nullptr), &agclose);
  REQUIRE(g);
  CHECK(agnnodes(g.get()) == 3 + 1 + 1 + 4 + 1 + 4 + 1 + 1);  // 3 prepares (garage is prepared) + note
  std::filesystem::remove(path);
  CHECK_THAT(compiler::draw_plan(p, path, std::string("nope")), Catch::Contains("no server \"nope\""));
  CHECK_THAT(compiler::draw_plan(p, "plan.gif", std::nullopt), Catch::Contains("use .dot, .svg, .png or .pdf"));
}

TEST_CASE("plan file: the fast reader of canonical rows and the general reader agree") {
  std::string canonical = plan::write_plan_json(plan_of("examples/fleet.ferry"));
  // Re-indented, the rows no longer have the canonical form: the SAX handler
  // reads them (the hash is then checked on the re-dumped content).
  std::string indented = nlohmann::json::parse(canonical).dump(1);
  plan::PlanFile fast = plan::read_plan_json(canonical);
  plan::PlanFile general = plan::read_plan_json(indented);
  INFO(fast.error << general.error);
  REQUIRE(fast.plan.has_value());
  REQUIRE(general.plan.has_value());
  CHECK(plan::write_plan_json(*general.plan) == plan::write_plan_json(*fast.plan));
  CHECK(boost::num_edges(general.plan->graph) == boost::num_edges(fast.plan->graph));
}
