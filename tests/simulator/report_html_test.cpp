// The HTML report's escaping and the data its script draws from, checked
// on the seed (DESIGN §4.3, by hand), across a DST change, with a Monte
// Carlo summary, and with hostile names in the page.
#include <catch2/catch.hpp>

#include "simulator/report_html.hpp"
#include "tests/simulator/scenario.hpp"

using ferry::testing::Scenario;
using json = nlohmann::ordered_json;
namespace sim = ferry::simulator;

namespace {

// The page data as the page holds it, read back.
json data_in_page(const std::string& page) {
  const std::string open = "<script type=\"application/json\" id=\"ferry-data\">";
  std::size_t from = page.find(open) + open.size();
  return json::parse(page.substr(from, page.find("</script>", from) - from));
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("escape_html: every character that could open markup or end an attribute") {
  CHECK(sim::escape_html("web-01") == "web-01");
  CHECK(sim::escape_html(R"(<b class="x">Tom & 'Jerry'</b>)") ==
        "&lt;b class=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt;");
}

TEST_CASE("json_for_script: nothing that ends a script element, the same value read back") {
  json value = {{"name", "</script><!-- & \xE2\x80\xA8 \xE2\x80\xA9 >"}, {"n", 3}};
  std::string text = sim::json_for_script(value);
  CHECK(text.find('<') == std::string::npos);
  CHECK(text.find('>') == std::string::npos);
  CHECK(text.find('&') == std::string::npos);
  CHECK(text.find("\xE2\x80\xA8") == std::string::npos);
  CHECK(text == R"({"name":"\u003c/script\u003e\u003c!-- \u0026 \u2028 \u2029 \u003e","n":3})");
  CHECK(json::parse(text) == value);
  // Invalid UTF-8 (a hand-edited plan file) is replaced, not thrown on.
  json broken = {{"name", std::string("web\xFF-01")}};
  CHECK(json::parse(sim::json_for_script(broken))["name"] == "web\xEF\xBF\xBD-01");
}

TEST_CASE("page data of the seed: DESIGN 4.3 in seconds since the start") {
  Scenario s(ferry::testing::read_repository_file("examples/seed.ferry"));
  json d = sim::report_page_data(s.fleet, s.result, nullptr);
  CHECK(d["fleet"] == "acme");
  CHECK(d["start_unix"] == s.fleet.start);
  CHECK(d["end"] == 282054);
  CHECK(d["offsets"] == json::parse("[[0, 3600]]"));
  CHECK(d["totals"]["downtime_seconds"] == 1668);
  CHECK(d["totals"]["accounts"] == 2);
  const json& web = d["servers"][0];
  CHECK(web["name"] == "web-01");
  CHECK(web["requested"] == 0);
  CHECK(web["acquired"] == 53 * 3600);
  CHECK(web["install"] == json::parse("[190800, 205650]"));
  CHECK(web["all_migrated"] == 220404);
  CHECK(web["reinstall"] == json::parse("[259200, 281250]"));
  CHECK(web["released"] == 282054);
  // largest_first: shop then blog, written order kept in the list.
  CHECK(web["accounts"][0]["name"] == "shop");
  CHECK(web["accounts"][0]["migrate"] == json::parse("[219600, 220350]"));
  CHECK(web["accounts"][0]["downtime"] == json::parse("[750, 0, 750, 0]"));
  CHECK(web["accounts"][1]["downtime"] == json::parse("[54, 60, 54, 0]"));
  CHECK(web["accounts"][1]["move_back"] == json::parse("[282000, 282054]"));
  // Office hours Tue to Fri (Friday's cut at the end of the run), nights.
  CHECK(d["calendars"][0]["name"] == "office");
  CHECK(d["calendars"][0]["openings"] == json::parse("[[0, 32400], [86400, 118800], [172800, 205200], [259200, 282054]]"));
  CHECK(d["calendars"][1]["openings"] == json::parse("[[46800, 75600], [133200, 162000], [219600, 248400]]"));
  CHECK(d["calendars"][0]["closed"] == json::array());  // Christmas is after the run
  CHECK(d["policies"][0]["migrate_window"] == 1);
  CHECK(d["policies"][0]["max_downtime"] == nullptr);
  CHECK(d["transits"][0]["busy_until"] == 190800);
  CHECK(d["transits"][0]["holds"] == json::parse("[[0, 190800, 282054]]"));
  CHECK(d["crew"] == json::parse("[[190800, 1], [205650, 0], [259200, 1], [281250, 0]]"));
  CHECK(d["monte_carlo"] == nullptr);
}

TEST_CASE("page data: the UTC offset changes where DST starts, to the second") {
  Scenario s(R"(
    fleet "f" { start = 2027-03-27 09:00  timezone = "Europe/Paris" }
    calendar "office" { open = mon-fri 09:00-18:00  closed = [2027-03-29] }
    policy "default" { support_window = "office" }
    transit "t" { cpu = 1 ram = 1GB disk = 1GB  busy_until = 2027-03-29 09:00 }
    server "s" { cpu = 1 ram = 1GB disk = 1GB price = 10 EUR/month  account "a" { databases = 1GB } }
  )");
  json d = sim::report_page_data(s.fleet, s.result, nullptr);
  // 2027-03-28 01:00 UTC is 17 h after 2027-03-27 08:00 UTC.
  CHECK(d["offsets"] == json::parse("[[0, 3600], [61200, 7200]]"));
  // Monday 2027-03-29 is closed: local midnight to midnight, CEST (+02:00).
  CHECK(d["calendars"][0]["closed"] == json::parse("[[136800, 223200]]"));
}

TEST_CASE("page data: a Monte Carlo summary, by server name and relative times") {
  Scenario s(ferry::testing::read_repository_file("examples/seed.ferry"));
  sim::MonteCarloSummary mc;
  mc.runs = 1000;
  mc.seed = 7;
  mc.totals.push_back({"total downtime", "s", 1500, 100, {3, 900, 97}});
  mc.releases.push_back({0, s.fleet.start + 100, s.fleet.start + 200, s.fleet.start + 300, 0.25});
  mc.violations.push_back({"deadline", "web-01", 0.25});
  json d = sim::report_page_data(s.fleet, s.result, &mc);
  CHECK(d["monte_carlo"]["runs"] == 1000);
  CHECK(d["monte_carlo"]["totals"][0]["counts"] == json::parse("[3, 900, 97]"));
  CHECK(d["monte_carlo"]["releases"][0] ==
        json::parse(R"({"server": "web-01", "p10": 100, "p50": 200, "p90": 300, "deadline_miss_probability": 0.25})"));
  CHECK(d["monte_carlo"]["violations"][0]["probability"] == 0.25);
}

TEST_CASE("report_html: the template filled once, hostile names kept inert") {
  Scenario s(ferry::testing::read_repository_file("examples/seed.ferry"));
  const std::string evil = "</script><script>alert(1)</script>&<!--";
  ferry::plan::Fleet fleet = s.fleet;
  fleet.name = evil;
  fleet.servers[0].name = "web" + evil;
  std::string page = sim::report_html(fleet, s.result);
  CHECK(page.rfind("<!doctype html>", 0) == 0);
  CHECK(page.find("<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;&lt;!-- · ferry") != std::string::npos);
  CHECK(page.find("{{") == std::string::npos);
  CHECK(count(page, "</script>") == 2);  // the data's and the script's own
  CHECK(count(page, "<!--") == 1);       // the template's comment only
  json d = data_in_page(page);
  CHECK(d["fleet"] == evil);
  CHECK(d["servers"][0]["name"] == "web" + evil);
  CHECK(d["servers"][0]["released"] == 282054);
}

TEST_CASE("summarize_for_html: 20 equal bins from the smallest to the largest run, P10-P90 releases") {
  sim::MonteCarloResult mc;
  mc.runs = 4;
  mc.seed = 9;
  mc.run_downtime_seconds = {3600, 7200, 7200, 75600};  // 1 h to 21 h: bins of 1 h
  mc.run_transit_cost = {5, 5, 5, 5};                   // all equal: one bin
  mc.run_makespan_hours = {10, 20, 30, 40};
  sim::ServerOdds odds;
  odds.server = 0;
  odds.released.p10 = 1000.4;
  odds.released.p50 = 2000.5;
  odds.released.p90 = 3000;
  odds.deadline_miss_probability = 0.5;
  mc.servers.push_back(odds);
  mc.violations.push_back({"deadline", "web-01", 0.5});
  sim::MonteCarloSummary s = sim::summarize_for_html(mc, "EUR");
  REQUIRE(s.totals.size() == 3);
  CHECK(s.totals[0].low == 1);
  CHECK(s.totals[0].width == 1);
  REQUIRE(s.totals[0].counts.size() == 20);
  CHECK(s.totals[0].counts[0] == 1);
  CHECK(s.totals[0].counts[1] == 2);
  CHECK(s.totals[0].counts[19] == 1);  // the largest run is in the last bin
  CHECK(s.totals[1].unit == "EUR");
  CHECK(s.totals[1].counts == std::vector<std::uint64_t>{4});
  REQUIRE(s.releases.size() == 1);
  CHECK(s.releases[0].p10 == 1000);
  CHECK(s.releases[0].p50 == 2001);
  CHECK(s.releases[0].p90 == 3000);
  CHECK(s.violations[0].probability == 0.5);
}
