// What the HTML report shows of a Monte Carlo run: histograms of the totals
// from the per-run values, each server's P10-P90 release, and the violation
// probabilities, taken from the MonteCarloResult the CLI computed.
#include <algorithm>
#include <cmath>

#include "simulator/report_html.hpp"

namespace ferry::simulator {

namespace {

// Equal-width bins from the smallest to the largest value (one bin when
// every run gave the same value).
HtmlHistogram histogram(std::string title, std::string unit, const std::vector<double>& values) {
  HtmlHistogram h{std::move(title), std::move(unit), 0, 1, {}};
  if (values.empty()) return h;
  auto [low, high] = std::minmax_element(values.begin(), values.end());
  constexpr std::size_t kBins = 20;
  h.low = *low;
  if (*high <= *low) {
    h.counts = {values.size()};
    return h;
  }
  h.width = (*high - *low) / kBins;
  h.counts.assign(kBins, 0);
  for (double v : values) ++h.counts[std::min(kBins - 1, static_cast<std::size_t>((v - *low) / h.width))];
  return h;
}

std::vector<double> scaled(std::vector<double> values, double by) {
  for (double& v : values) v *= by;
  return values;
}

}  // namespace

MonteCarloSummary summarize_for_html(const MonteCarloResult& mc, const std::string& currency) {
  MonteCarloSummary summary;
  summary.runs = mc.runs;
  summary.seed = mc.seed;
  summary.totals.push_back(histogram("total downtime", "h", scaled(mc.run_downtime_seconds, 1.0 / 3600)));
  summary.totals.push_back(histogram("transit bill", currency, mc.run_transit_cost));
  summary.totals.push_back(histogram("makespan", "h", mc.run_makespan_hours));
  for (const ServerOdds& s : mc.servers)
    summary.releases.push_back({s.server, std::llround(s.released.p10), std::llround(s.released.p50),
                                std::llround(s.released.p90), s.deadline_miss_probability});
  for (const ViolationOdds& v : mc.violations) summary.violations.push_back({v.kind, v.subject, v.probability});
  return summary;
}

}  // namespace ferry::simulator
