#include "plan/run_durations.hpp"

#include <algorithm>
#include <cmath>
#include <optional>


namespace ferry::plan {

namespace {

// No run lasts longer than the horizon, so no single action needs to: the
// clamp keeps instant arithmetic far from overflow whatever a plan file says.
Seconds clamp(Seconds s) { return std::min<Seconds>(std::max<Seconds>(s, 0), limits::kRunHorizon); }

// `raw_seconds(duration, variables, means_value)`: the means table, when
// there is one, saves evaluating what is not drawn again in every run.
// A subject's variables are computed only when a duration needs them: with
// the means table at hand, a run that draws nothing for an account needs
// none of its variables. Server s's entries of `d`, whose tables are sized
// for the fleet, are written; nothing else is touched.
template <typename Evaluate>
void evaluate_server(const Fleet& fleet, std::size_t s, const RunDurations* means, const Evaluate& raw_seconds,
                     RunDurations& d) {
  auto seconds = [&](const Duration& duration, auto& variables, const Seconds* mean) {
    if (mean && !duration.is_random()) return *mean;
    return clamp(raw_seconds(duration, variables()));
  };
  const Server& server = fleet.servers[s];
  const Policy& policy = fleet.policies[static_cast<std::size_t>(server.policy)];
  auto& prepare = d.prepare[s];
  auto& downtime = d.downtime[s];
  auto& delay = d.migrate_delay[s];
  prepare.reserve(server.accounts.size());
  downtime.reserve(server.accounts.size());
  delay.reserve(server.accounts.size());
  for (std::size_t a = 0; a < server.accounts.size(); ++a) {
    const Account& account = server.accounts[a];
    std::optional<Variables> known;
    auto v = [&]() -> const Variables& {
      if (!known) known = account.variables();
      return *known;
    };
    auto mean = [&](const std::vector<std::vector<Seconds>>& table) { return means ? &table[s][a] : nullptr; };
    prepare.push_back(account.prepared ? 0 : seconds(policy.prepare, v, means ? mean(means->prepare) : nullptr));
    downtime.push_back(seconds(policy.downtime, v, means ? mean(means->downtime) : nullptr));
    delay.push_back(seconds(policy.migrate_delay, v, means ? mean(means->migrate_delay) : nullptr));
  }
  std::optional<Variables> known;
  auto v = [&]() -> const Variables& {
    if (!known) known = server.variables();
    return *known;
  };
  d.install[s] = seconds(policy.install, v, means ? &means->install[s] : nullptr);
  d.reinstall[s] = seconds(policy.reinstall, v, means ? &means->reinstall[s] : nullptr);
}

void size_for(const Fleet& fleet, RunDurations& d) {
  for (auto* table : {&d.prepare, &d.downtime, &d.migrate_delay}) table->resize(fleet.servers.size());
  d.install.resize(fleet.servers.size());
  d.reinstall.resize(fleet.servers.size());
}

Seconds mean_of(const Duration& d, const Variables& v) { return d.mean_seconds(v); }

}  // namespace

RunDurations RunDurations::means(const Fleet& fleet) {
  SharedMeans means(fleet);
  means.work();
  return std::move(means).take();
}

SharedMeans::SharedMeans(const Fleet& fleet) : fleet_(fleet) { size_for(fleet, means_); }

void SharedMeans::work() {
  // Chunks of servers, small enough that neither thread is left with a
  // long tail, large enough that the counter is not fought over.
  constexpr std::size_t kChunk = 64;
  for (;;) {
    std::size_t first = next_.fetch_add(kChunk);
    if (first >= fleet_.servers.size()) return;
    std::size_t end = std::min(first + kChunk, fleet_.servers.size());
    for (std::size_t s = first; s < end; ++s) evaluate_server(fleet_, s, nullptr, mean_of, means_);
  }
}

Seconds RunDurations::of(ActionKind kind, std::size_t server, std::optional<std::size_t> account) const {
  switch (kind) {
    case ActionKind::prepare: return account ? prepare[server][*account] : 0;
    case ActionKind::install_transit: return install[server];
    case ActionKind::migrate:
    case ActionKind::move_back: return account ? downtime[server][*account] : 0;
    case ActionKind::reinstall: return reinstall[server];
    case ActionKind::acquire_transit:
    case ActionKind::release_transit: return 0;
  }
  return 0;
}

RunDurations RunDurations::sample(const Fleet& fleet, std::mt19937_64& rng, const RunDurations* means) {
  auto draw = [&](const Duration& d, const Variables& v) -> Seconds {
    if (!d.is_random()) return d.mean_seconds(v);
    double x = d.sample(v, rng);
    return x <= 0 ? 0 : static_cast<Seconds>(std::floor(x + 0.5));
  };
  RunDurations d;
  size_for(fleet, d);
  for (std::size_t s = 0; s < fleet.servers.size(); ++s) evaluate_server(fleet, s, means, draw, d);  // in order: one rng
  return d;
}

}  // namespace ferry::plan
