#include "simulator/run_durations.hpp"

#include <algorithm>
#include <cmath>

#include "simulator/result.hpp"

namespace ferry::simulator {

namespace {

// No run lasts longer than the horizon, so no single action needs to: the
// clamp keeps instant arithmetic far from overflow whatever a plan file says.
plan::Seconds clamp(plan::Seconds s) { return std::min<plan::Seconds>(std::max<plan::Seconds>(s, 0), kHorizon); }

template <typename Evaluate>
RunDurations evaluate(const plan::Fleet& fleet, Evaluate raw_seconds) {
  auto seconds = [&](const plan::Duration& d, const plan::Variables& v) { return clamp(raw_seconds(d, v)); };
  RunDurations d;
  for (const plan::Server& server : fleet.servers) {
    const plan::Policy& policy = fleet.policies[static_cast<std::size_t>(server.policy)];
    auto& prepare = d.prepare.emplace_back();
    auto& downtime = d.downtime.emplace_back();
    for (const plan::Account& account : server.accounts) {
      plan::Variables v = account.variables();
      prepare.push_back(account.prepared ? 0 : seconds(policy.prepare, v));
      downtime.push_back(seconds(policy.downtime, v));
    }
    plan::Variables v = server.variables();
    d.install.push_back(seconds(policy.install, v));
    d.reinstall.push_back(seconds(policy.reinstall, v));
  }
  return d;
}

}  // namespace

RunDurations RunDurations::means(const plan::Fleet& fleet) {
  return evaluate(fleet, [](const plan::Duration& d, const plan::Variables& v) { return d.mean_seconds(v); });
}

RunDurations RunDurations::sample(const plan::Fleet& fleet, std::mt19937_64& rng) {
  return evaluate(fleet, [&](const plan::Duration& d, const plan::Variables& v) -> plan::Seconds {
    if (!d.is_random()) return d.mean_seconds(v);
    double x = d.sample(v, rng);
    return x <= 0 ? 0 : static_cast<plan::Seconds>(std::floor(x + 0.5));
  });
}

}  // namespace ferry::simulator
