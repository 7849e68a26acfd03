#include "plan/run_durations.hpp"

#include <algorithm>
#include <cmath>


namespace ferry::plan {

namespace {

// No run lasts longer than the horizon, so no single action needs to: the
// clamp keeps instant arithmetic far from overflow whatever a plan file says.
Seconds clamp(Seconds s) { return std::min<Seconds>(std::max<Seconds>(s, 0), limits::kRunHorizon); }

template <typename Evaluate>
RunDurations evaluate(const Fleet& fleet, Evaluate raw_seconds) {
  auto seconds = [&](const Duration& d, const Variables& v) { return clamp(raw_seconds(d, v)); };
  RunDurations d;
  for (const Server& server : fleet.servers) {
    const Policy& policy = fleet.policies[static_cast<std::size_t>(server.policy)];
    auto& prepare = d.prepare.emplace_back();
    auto& downtime = d.downtime.emplace_back();
    for (const Account& account : server.accounts) {
      Variables v = account.variables();
      prepare.push_back(account.prepared ? 0 : seconds(policy.prepare, v));
      downtime.push_back(seconds(policy.downtime, v));
    }
    Variables v = server.variables();
    d.install.push_back(seconds(policy.install, v));
    d.reinstall.push_back(seconds(policy.reinstall, v));
  }
  return d;
}

}  // namespace

RunDurations RunDurations::means(const Fleet& fleet) {
  return evaluate(fleet, [](const Duration& d, const Variables& v) { return d.mean_seconds(v); });
}

Seconds RunDurations::of(const Action& action) const {
  switch (action.kind) {
    case ActionKind::prepare: return action.account ? prepare[action.server][*action.account] : 0;
    case ActionKind::install_transit: return install[action.server];
    case ActionKind::migrate:
    case ActionKind::move_back: return action.account ? downtime[action.server][*action.account] : 0;
    case ActionKind::reinstall: return reinstall[action.server];
    case ActionKind::acquire_transit:
    case ActionKind::release_transit: return 0;
  }
  return 0;
}

RunDurations RunDurations::sample(const Fleet& fleet, std::mt19937_64& rng) {
  return evaluate(fleet, [&](const Duration& d, const Variables& v) -> Seconds {
    if (!d.is_random()) return d.mean_seconds(v);
    double x = d.sample(v, rng);
    return x <= 0 ? 0 : static_cast<Seconds>(std::floor(x + 0.5));
  });
}

}  // namespace ferry::plan
