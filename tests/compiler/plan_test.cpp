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
#include "compiler/plan_file_check.hpp"
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
  CHECK(p.id(order.front()) == "web-01/prepare/shop");
  CHECK(p.id(order.back()) == "web-01/release_transit");
}

TEST_CASE("the action graph: out-edges in the order given, in-edges by source, endpoints checked") {
  std::vector<plan::Action> actions(4);
  for (std::size_t v = 0; v < actions.size(); ++v) actions[v].server = v;  // tells the actions apart
  plan::ActionGraph g = plan::make_action_graph(actions, {{2, 3}, {0, 3}, {1, 3}, {0, 2}, {0, 1}});
  CHECK(boost::num_vertices(g) == 4);
  CHECK(boost::num_edges(g) == 5);
  CHECK(g[2].server == 2);
  std::vector<std::size_t> out, in;
  const plan::ActionVertex first = 0, last = 3;
  for (auto e : boost::make_iterator_range(boost::out_edges(first, g))) out.push_back(boost::target(e, g));
  for (auto e : boost::make_iterator_range(boost::in_edges(last, g))) in.push_back(boost::source(e, g));
  CHECK(out == std::vector<std::size_t>{3, 2, 1});
  CHECK(in == std::vector<std::size_t>{0, 1, 2});
  CHECK(boost::in_degree(last, g) == 3);
  CHECK_THROWS_AS(plan::make_action_graph(actions, {{0, 4}}), std::out_of_range);
  CHECK_THROWS_AS(plan::make_action_graph(actions, {{9, 1}}), std::out_of_range);
  CHECK(boost::num_vertices(plan::make_action_graph({}, {})) == 0);
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
    INFO(p.id(v));
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

// A JSON text without its hash, stamped as ferry stamps it: the hash
// member appended last, over the text before it.
std::string stamp(std::string text) {
  std::string hash = plan::sha256_hex(text);
  text.pop_back();  // the closing brace
  return text + ",\"plan_sha256\":\"" + hash + "\"}\n";
}

TEST_CASE("plan file: a bad or tampered plan is refused with a reason, never a crash") {
  std::string good = plan::write_plan_json(plan_of("examples/seed.ferry"));
  // Mutations that keep a valid hash, so that the reader sees the damage.
  auto with = [&](auto change) {
    auto j = nlohmann::json::parse(good);
    j.erase("plan_sha256");
    change(j);
    return stamp(j.dump());
  };
  std::string tampered = good;
  tampered.replace(tampered.find("Europe/Paris"), 12, "Europe/Rome.");
  struct Case {
    const char* name;
    std::string text;
    const char* reason;
  };
  std::vector<Case> cases = {
      {"empty", "", "not valid JSON"},
      {"truncated", good.substr(0, good.size() / 2), "not valid JSON"},
      {"an array", "[1, 2]", "not a plan file: it is not a JSON object"},
      {"another format", R"({"format": "other"})", "is not \"ferry-plan\""},
      {"another version", with([](auto& j) { j["version"] = 99; }), "version 99 is not supported"},
      {"a version past 32 bits", with([](auto& j) { j["version"] = 4294967297ULL; }), "version 4294967297 is not supported"},
      {"tampered", tampered, "does not match its plan_sha256"},
      {"text after the hash", good.substr(0, good.size() - 2) + ",\"fleet\":{}}\n", "appears twice"},
      {"a member after the hash", good.substr(0, good.size() - 2) + ",\"zzz\":1}\n", "must end with its plan_sha256"},
      {"a repeated key", with([](auto& j) { j["fleet"]["name"] = "acme"; }).replace(1, 0, "\"format\":\"ferry-plan\","),
       "\"format\" appears twice"},
      {"nested too deep", "{\"format\":" + std::string(100000, '[') + std::string(100000, ']') + "}", "nested deeper than 16"},
      {"unknown member", with([](auto& j) { j["fleet"]["owner"] = "x"; }), "unknown member fleet.owner"},
      {"missing field", with([](auto& j) { j["fleet"].erase("start"); }), "fleet.start is missing"},
      {"wrong type", with([](auto& j) { j["servers"][0]["cpu"] = "eight"; }), "servers[0].cpu must be a whole number"},
      {"cpu 2^64-1", with([](auto& j) { j["servers"][0]["cpu"] = 18446744073709551615ULL; }), "servers[0].cpu is out of range"},
      {"negative ram", with([](auto& j) { j["servers"][0]["ram_bytes"] = "-1"; }), "servers[0].ram_bytes: '-1' is not a non-negative number"},
      {"a zero denominator", with([](auto& j) { j["policies"][0]["downtime"]["code"][1][1] = "1/0"; }), "'1/0' is not a non-negative number"},
      {"price 12abc", with([](auto& j) { j["servers"][0]["price_per_month"] = "12abc"; }), "cannot be billed exactly: a price is written as digits"},
      {"price 1.2.3", with([](auto& j) { j["servers"][0]["price_per_month"] = "1.2.3"; }), "cannot be billed exactly"},
      {"price with 40 decimals", with([](auto& j) { j["servers"][0]["price_per_month"] = "0." + std::string(39, '0') + "1"; }),
       "money has at most 6 decimals"},
      {"huge price", with([](auto& j) { j["servers"][0]["price_per_month"] = "999999999999999999"; }), "a price is at most 1000000000 EUR/month"},
      {"policy index 0.5", with([](auto& j) { j["servers"][0]["policy"] = 0.5; }), "servers[0].policy must be a whole number"},
      {"unknown dns", with([](auto& j) { j["servers"][0]["accounts"][0][4] = "cloudflare"; }), "accounts[0].dns must be one of provider, external"},
      {"unknown move_back_by", with([](auto& j) { j["policies"][0]["move_back_by"] = "robot"; }), "move_back_by must be one of support, user"},
      {"unknown mode", with([](auto& j) { j["actions"][0][5] = "later"; }), "actions[0].mode must be one of none, fit, start"},
      {"an empty name", with([](auto& j) { j["servers"][0]["name"] = ""; }), "servers[0].name is the bad name"},
      {"a duplicate name", with([](auto& j) { j["servers"][0]["accounts"][1][0] = "shop"; }), "duplicate account name \"shop\""},
      {"an escape in a name", with([](auto& j) { j["fleet"]["name"] = "\x1b[31mred"; }), "fleet.name holds a control character"},
      {"an escape in a command", with([](auto& j) { j["source"]["path"] = "a\x1b]0;x\x07"; }), "source.path holds a control character"},
      {"a migrate without an account", with([](auto& j) { j["actions"][6][3] = nullptr; }), "actions[6] names no account"},
      {"a time of 99:99:99", with([](auto& j) { j["fleet"]["start"] = "2026-12-01T99:99:99+01:00"; }), "fleet.start: '2026-12-01T99:99:99+01:00' is not a date-time"},
      {"a negative hour", with([](auto& j) { j["fleet"]["start"] = "2026-12-01T-1:00:00+01:00"; }), "is not a date-time"},
      {"the year 1013", with([](auto& j) { j["servers"][0]["ready"] = "1013-12-01T09:00:00+01:00"; }), "outside the years 1970 to 2999"},
      {"another offset", with([](auto& j) { j["fleet"]["start"] = "2026-12-01T08:00:00+00:00"; }), "is not how ferry writes this instant in Europe/Paris (2026-12-01T09:00:00+01:00)"},
      {"a closed date in 3000", with([](auto& j) { j["calendars"][0]["closed"][1] = "3000-01-01"; }), "is not a valid date"},
      {"unknown calendar", with([](auto& j) { j["policies"][0]["migrate_window"] = "nope"; }), "migrate_window names no calendar"},
      {"cycle", with([](auto& j) { j["actions"][0][6].push_back(j["actions"].size() - 1); }), "cycle"},
      {"unknown predecessor", with([](auto& j) { j["actions"][0][6].push_back(999999); }), "unknown action"},
      {"unknown server", with([](auto& j) { j["actions"][0][2] = 42; }), "unknown server"},
      {"row of wrong types", with([](auto& j) { j["actions"][0][2] = "web-01"; }), "malformed action row"},
      {"short row", with([](auto& j) { j["actions"][0].erase(6); }), "malformed action row"},
      {"object for a row", with([](auto& j) { j["actions"][0] = {{"id", "x"}}; }), "malformed action row"},
      {"negative index", with([](auto& j) { j["actions"][1][6][0] = -1; }), "malformed action row"},
      {"no actions", with([](auto& j) { j.erase("actions"); }), "actions is missing"},
      {"huge parallel", with([](auto& j) { j["policies"][0]["parallel"] = 2147483647; }), "policies[0].parallel is out of range"},
      {"huge recycle", with([](auto& j) { j["fleet"]["transit_recycle_seconds"] = 9223372036854775807LL; }),
       "fleet.transit_recycle_seconds is out of range"},
      {"rule past midnight", with([](auto& j) { j["calendars"][0]["rules"][0]["start_seconds"] = 90000; }),
       "calendars[0].rules[0].start_seconds is out of range"},
      {"account row of wrong types", with([](auto& j) { j["servers"][0]["accounts"][0][5] = "high"; }),
       "malformed account row"},
      {"short account row", with([](auto& j) { j["servers"][0]["accounts"][0].erase(6); }), "malformed account row"},
      {"object for an account", with([](auto& j) { j["servers"][0]["accounts"][0] = {{"name", "x"}}; }),
       "malformed account row"},
      {"server without accounts member", with([](auto& j) { j["servers"][0].erase("accounts"); }), "servers[0].accounts is missing"},
      {"bad program", with([](auto& j) { j["policies"][0]["downtime"]["code"] = nlohmann::json::array({{"add"}}); }),
       "policies[0].downtime.code is not a well-formed program"},
      {"bad time", with([](auto& j) { j["fleet"]["start"] = "yesterday"; }), "is not a date-time"},
      // Found by fuzz_plan: a sign in the seconds made date/tz convert a NaN (UB).
      {"a sign in the seconds", with([](auto& j) { j["resources"]["transit_pool"][0]["busy_until"] = "2026-12-03T14:00:+1000:00"; }),
       "is not a date-time"},
  };
  for (const Case& c : cases) {
    INFO("case: " << c.name);
    plan::PlanFile read = compiler::read_plan_file(c.text);
    CHECK_FALSE(read.plan.has_value());
    CHECK_THAT(read.error, Catch::Contains(c.reason));
  }
}

TEST_CASE("plan file: what only the compiler can tell is checked too") {
  std::string good = plan::write_plan_json(plan_of("examples/seed.ferry"));
  REQUIRE(compiler::read_plan_file(good).plan.has_value());
  auto with = [&](auto change) {
    auto j = nlohmann::json::parse(good);
    j.erase("plan_sha256");
    change(j);
    return stamp(j.dump());
  };
  struct Case {
    const char* name;
    std::string text;
    const char* reason;
  };
  std::vector<Case> cases = {
      {"no actions while servers have accounts", with([](auto& j) { j["actions"] = nlohmann::json::array(); }),
       "actions: the action web-01/prepare/shop of the fleet is missing"},
      {"a program that is not its text", with([](auto& j) { j["policies"][0]["downtime"]["code"][0][1] = "3000"; }),
       "policies[0].downtime: its program is not its text compiled"},
      {"a text that is not the program", with([](auto& j) { j["policies"][0]["downtime"]["text"] = "31s + 1min/GB * databases"; }),
       "policies[0].downtime: its program is not its text compiled"},
      {"a text that does not compile", with([](auto& j) { j["policies"][0]["install"]["text"] = "4h + (files + mail) / 100MB"; }),
       "policies[0].install: its text does not compile"},
      {"a division by zero for one account", with([](auto& j) {
         j["policies"][0]["downtime"] = {{"text", "1h / (databases / 1GB - 12)"},
                                         {"code", {{"constant", "3600"}, {"variable", "databases"}, {"constant", "1000000000"},
                                                   {"divide"}, {"constant", "12"}, {"subtract"}, {"divide"}}}};
       }),
       "downtime cannot be computed for account \"shop\" of server \"web-01\": division by zero"},
      // An id is derived from its action's server, kind and account.
      {"an id that is not its action's", with([](auto& j) { j["actions"][0][0] = "web-01/prepare/blogx"; }),
       "actions[0]: its id web-01/prepare/blogx is not web-01/prepare/shop"},
      {"an action of another kind", with([](auto& j) { j["actions"][6][1] = "move_back"; }),
       "actions[6]: its id web-01/migrate/shop is not web-01/move_back/shop"},
      {"an action twice", with([](auto& j) { j["actions"].push_back(j["actions"][0]); }),
       "duplicate action id web-01/prepare/shop"},
      {"a dependency dropped", with([](auto& j) { j["actions"][6][6] = nlohmann::json::array(); }),
       "actions[6] (web-01/migrate/shop) does not wait for what the fleet makes it wait for"},
      {"an action added", with([](auto& j) { j["actions"].push_back({"web-01/prepare/x", "prepare", 0, 0, nullptr, "none", nlohmann::json::array()}); }),
       "actions[10]: its id web-01/prepare/x is not web-01/prepare/shop"},
      {"a number written another way", with([](auto& j) { j["servers"][0]["ram_bytes"] = "032000000000"; }),
       "is not what ferry writes for this plan"},
      {"another layout", [&] { auto j = nlohmann::json::parse(good); j.erase("plan_sha256"); return stamp(j.dump(1)); }(),
       "is not what ferry writes"},
  };
  for (const Case& c : cases) {
    INFO("case: " << c.name);
    plan::PlanFile read = compiler::read_plan_file(c.text);
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
  CHECK_FALSE(agnode(g.get(), const_cast<char*>("web-01/prepare/shop"), 0));
  CHECK(agnode(g.get(), const_cast<char*>("web-01/acquire_transit"), 0));
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

TEST_CASE("plan file: the final newline may be missing, nothing else may follow") {
  std::string good = plan::write_plan_json(plan_of("examples/seed.ferry"));
  CHECK(compiler::read_plan_file(good.substr(0, good.size() - 1)).plan.has_value());
  CHECK_FALSE(compiler::read_plan_file(good + "\n").plan.has_value());
  CHECK_FALSE(compiler::read_plan_file(good + " ").plan.has_value());
}

TEST_CASE("plan file: the move order and the windows may be edited (the plan is what runs)") {
  std::string good = plan::write_plan_json(plan_of("examples/seed.ferry"));
  auto j = nlohmann::json::parse(good);
  j.erase("plan_sha256");
  j["servers"][0]["move_order"] = {1, 0};
  j["actions"][6][4] = nullptr;  // web-01/migrate/shop: no window
  plan::PlanFile read = compiler::read_plan_file(stamp(j.dump()));
  INFO(read.error);
  REQUIRE(read.plan.has_value());
  CHECK(read.plan->move_order[0] == std::vector<std::size_t>{1, 0});
}

TEST_CASE("plan file: the fast reader of canonical rows and the general reader agree") {
  std::string canonical = plan::write_plan_json(plan_of("examples/fleet.ferry"));
  // Re-indented (and stamped again), the rows no longer have the canonical
  // form: the SAX handler reads them. The plan reader alone accepts it;
  // read_plan_file refuses it as not what ferry writes.
  auto j = nlohmann::json::parse(canonical);
  j.erase("plan_sha256");
  std::string indented = stamp(j.dump(1));
  plan::PlanFile fast = plan::read_plan_json(canonical);
  plan::PlanFile general = plan::read_plan_json(indented);
  INFO(fast.error << general.error);
  REQUIRE(fast.plan.has_value());
  REQUIRE(general.plan.has_value());
  CHECK(plan::write_plan_json(*general.plan) == plan::write_plan_json(*fast.plan));
  CHECK(boost::num_edges(general.plan->graph) == boost::num_edges(fast.plan->graph));
  CHECK_FALSE(compiler::read_plan_file(indented).plan.has_value());
}
