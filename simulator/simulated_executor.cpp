#include "simulator/simulated_executor.hpp"

#include <cmath>

namespace ferry::simulator {

SimulatedExecutor::SimulatedExecutor(const plan::Plan& plan, const plan::RunDurations& durations,
                                     std::mt19937_64* rng)
    : plan_(plan), durations_(durations), rng_(rng), accounts_(plan.fleet.servers.size()) {
  for (std::size_t s = 0; s < accounts_.size(); ++s) {
    accounts_[s].resize(plan.fleet.servers[s].accounts.size());
    for (std::size_t a = 0; a < accounts_[s].size(); ++a) accounts_[s][a].downtime = durations.downtime[s][a];
  }
}

const plan::Policy& SimulatedExecutor::policy_of(const Step& action) const {
  return plan_.fleet.policies[static_cast<std::size_t>(plan_.fleet.servers[action.server].policy)];
}

plan::Seconds SimulatedExecutor::draw(const plan::Duration& duration, const Step& action) {
  plan::Variables v = plan_.fleet.servers[action.server].accounts[action.account].variables();
  if (!rng_ || !duration.is_random()) return std::min(duration.mean_seconds(v), plan::limits::kRunHorizon);
  double x = duration.sample(v, *rng_);
  return x <= 0 ? 0 : std::min<plan::Seconds>(static_cast<plan::Seconds>(std::floor(x + 0.5)), plan::limits::kRunHorizon);
}

plan::Seconds SimulatedExecutor::migrate_delay(plan::ActionVertex migrate, int attempt) {
  const Step& action = step(migrate);
  if (attempt == 0) return durations_.migrate_delay[action.server][action.account];
  return draw(policy_of(action).migrate_delay, action);
}

void SimulatedExecutor::count_overrun(plan::ActionVertex v, plan::Instant end) {
  const Step& action = step(v);
  if (!action.has_account()) return;
  const auto& opening_end = dispatcher_->record(v).opening_end;
  if (opening_end && end > *opening_end) ++accounts_[action.server][action.account].overruns;
}

void SimulatedExecutor::start(plan::ActionVertex v, plan::Instant now) {
  const Step& action = step(v);
  plan::Seconds length = durations_.of(action.kind, action.server, action.account_index());
  auto outcome = plan::Finished::Outcome::done;
  if (action.has_account() && (action.kind == plan::ActionKind::migrate || action.kind == plan::ActionKind::move_back)) {
    AccountOutcome& account = accounts_[action.server][action.account];
    int attempt = dispatcher_->record(v).attempts - 1;
    if (action.kind == plan::ActionKind::move_back) {
      length = account.downtime;
    } else {
      const plan::Policy& policy = policy_of(action);
      if (attempt > 0) length = draw(policy.downtime, action);
      if (rng_ && policy.rollback_rate > 0 && std::bernoulli_distribution(policy.rollback_rate)(*rng_)) {
        ++account.rollbacks;
        account.rollback_downtime += length + policy.rollback_time;
        count_overrun(v, now + length);
        ends_.push({now + length + policy.rollback_time, sequence_++, v, plan::Finished::Outcome::rolled_back});
        return;
      }
      account.downtime = length;
    }
    count_overrun(v, now + length);
  }
  ends_.push({now + length, sequence_++, v, outcome});
}

std::optional<plan::Finished> SimulatedExecutor::wait(std::optional<plan::Instant> until) {
  if (ends_.empty() || (until && ends_.top().at > *until)) return std::nullopt;
  End end = ends_.top();
  ends_.pop();
  return plan::Finished{end.action, end.at, end.outcome};
}

}  // namespace ferry::simulator
