// The HTML report (`ferry simulate --html`): one self-contained page a
// planner opens first. C++ gathers the page data (report_html_data.cpp) and
// fills the template embedded at build time (report_template.html), whose
// script draws the Gantt chart, downtimes, bills, and the Monte Carlo odds
// when a summary is given. Used by the CLI.
//   std::string page = report_html(fleet, result, nullptr);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plan/fleet.hpp"
#include "simulator/monte_carlo.hpp"
#include "simulator/result.hpp"

namespace ferry::simulator {

// What the page shows of a Monte Carlo run (summarize_for_html); the page
// hides these sections when there is none.
struct HtmlHistogram {
  std::string title;  // "total downtime"
  std::string unit;   // "s", "h", "EUR", "" (counts)
  double low = 0;     // lower edge of the first bin
  double width = 1;   // width of every bin
  std::vector<std::uint64_t> counts;
};

struct HtmlReleaseSpread {  // one server's release over the runs
  std::size_t server = 0;   // index in fleet.servers
  plan::Instant p10 = 0, p50 = 0, p90 = 0;
  double deadline_miss_probability = 0;
};

struct HtmlViolationOdds {
  std::string kind;  // max_downtime | deadline | window_overrun
  std::string subject;
  double probability = 0;
};

struct MonteCarloSummary {
  std::uint64_t runs = 0;
  std::uint64_t seed = 0;
  std::vector<HtmlHistogram> totals;
  std::vector<HtmlReleaseSpread> releases;
  std::vector<HtmlViolationOdds> violations;  // most probable first
};

// The Monte Carlo run as the page shows it (20-bin histograms of the totals).
MonteCarloSummary summarize_for_html(const MonteCarloResult& mc, const std::string& currency);

// The whole page; `monte_carlo` may be null (a deterministic run only).
std::string report_html(const plan::Fleet& fleet, const SimulationResult& result,
                        const MonteCarloSummary* monte_carlo = nullptr);

// The data the page's script draws from (its shape: docs/report.md). Times
// are whole seconds since the fleet's start; `offsets` turns them into ISO.
nlohmann::ordered_json report_page_data(const plan::Fleet& fleet, const SimulationResult& result,
                                        const MonteCarloSummary* monte_carlo);

// Escaping, public for tests. Text for an HTML element or attribute:
std::string escape_html(const std::string& text);
// JSON safe inside <script type="application/json">: `<`, `>`, `&` and the
// JavaScript line separators as \u escapes, invalid UTF-8 replaced.
std::string json_for_script(const nlohmann::ordered_json& data);

}  // namespace ferry::simulator
