// Runs are handed to threads one at a time from a shared counter; each run
// writes its figures into its own column of preallocated tables (figure x
// subject x run), so the statistics do not depend on which thread ran what.
// Violation counts are summed per thread and merged: a sum is the same in
// any order.
#include "simulator/monte_carlo.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <map>
#include <mutex>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "plan/run_durations.hpp"
#include "simulator/engine.hpp"

namespace ferry::simulator {

namespace {

// Where each violation stands in written order, for ties.
using WrittenOrder = std::tuple<std::size_t, std::size_t, int>;  // server, account (or max), kind

class Tables {
 public:
  Tables(const plan::Plan& plan, std::uint64_t runs) : plan_(plan), runs_(runs) {
    const plan::Fleet& fleet = plan.fleet;
    for (std::size_t s = 0; s < fleet.servers.size(); ++s) {
      if (fleet.servers[s].accounts.empty()) continue;
      servers_.push_back(s);
      server_rows_[fleet.servers[s].name] = servers_.size() - 1;
      for (std::size_t a = 0; a < fleet.servers[s].accounts.size(); ++a) {
        account_rows_[fleet.servers[s].accounts[a].name] = accounts_.size();
        accounts_.push_back({s, a});
      }
    }
    for (auto* column : {&downtime_, &cost_, &makespan_, &max_wait_, &rollbacks_, &overruns_}) column->resize(runs);
    for (auto* table : {&released_, &wait_, &billed_days_, &server_cost_}) table->resize(servers_.size() * runs);
    deadline_missed_.resize(servers_.size() * runs);
    account_downtime_.resize(accounts_.size() * runs);
    account_rollbacks_.resize(accounts_.size() * runs);
    max_downtime_missed_.resize(accounts_.size() * runs);
  }

  // Figures of run r; called once per run, from any thread.
  void record(std::uint64_t r, const SimulationResult& result, std::map<std::pair<std::string, std::string>, std::uint64_t>& violations) {
    downtime_[r] = static_cast<double>(result.total_downtime);
    cost_[r] = static_cast<double>(result.total_cost_cents) / 100.0;
    makespan_[r] = static_cast<double>(result.end - plan_.fleet.start) / plan::kHour;
    max_wait_[r] = static_cast<double>(result.max_transit_wait) / plan::kHour;
    double rollbacks = 0, overruns = 0;
    std::size_t account_row = 0;
    for (std::size_t k = 0; k < result.servers.size(); ++k) {
      const ServerResult& s = result.servers[k];
      released_[k * runs_ + r] = static_cast<double>(s.released);
      wait_[k * runs_ + r] = static_cast<double>(s.transit_wait()) / plan::kHour;
      billed_days_[k * runs_ + r] = static_cast<double>(s.bill.billed_days);
      server_cost_[k * runs_ + r] = s.bill.cost();
      for (const AccountResult& a : s.accounts) {
        account_downtime_[account_row * runs_ + r] = static_cast<double>(a.total_downtime());
        account_rollbacks_[account_row * runs_ + r] = static_cast<std::uint16_t>(std::min(a.rollbacks, 65535));
        rollbacks += a.rollbacks;
        overruns += a.overruns;
        ++account_row;
      }
    }
    rollbacks_[r] = rollbacks;
    overruns_[r] = overruns;
    // A violation counts once per run.
    std::vector<std::pair<std::string, std::string>> seen;
    for (const Violation& v : result.violations) {
      std::pair<std::string, std::string> key{v.kind, v.subject};
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
      seen.push_back(key);
      ++violations[key];
      if (v.kind == "deadline") deadline_missed_[server_rows_.at(v.subject) * runs_ + r] = 1;
      if (v.kind == "max_downtime") max_downtime_missed_[account_rows_.at(v.subject) * runs_ + r] = 1;
    }
  }

  MonteCarloResult summarise(std::uint64_t seed, const std::map<std::pair<std::string, std::string>, std::uint64_t>& violations) const {
    MonteCarloResult out;
    out.runs = runs_;
    out.seed = seed;
    out.downtime_seconds = statistics_of(downtime_);
    out.transit_cost = statistics_of(cost_);
    out.makespan_hours = statistics_of(makespan_);
    out.max_transit_wait_hours = statistics_of(max_wait_);
    out.rollbacks = statistics_of(rollbacks_);
    out.window_overruns = statistics_of(overruns_);
    out.run_downtime_seconds = downtime_;
    out.run_transit_cost = cost_;
    out.run_makespan_hours = makespan_;
    for (std::size_t k = 0; k < servers_.size(); ++k) {
      ServerOdds s;
      s.server = servers_[k];
      s.released = statistics_of(column(released_, k));
      s.transit_wait_hours = statistics_of(column(wait_, k));
      s.billed_days = statistics_of(column(billed_days_, k));
      s.cost = statistics_of(column(server_cost_, k));
      s.deadline_miss_probability = share(deadline_missed_, k);
      out.servers.push_back(s);
    }
    for (std::size_t k = 0; k < accounts_.size(); ++k) {
      AccountOdds a;
      std::tie(a.server, a.account) = accounts_[k];
      a.downtime_seconds = statistics_of(column(account_downtime_, k));
      std::vector<double> rollbacks(account_rollbacks_.begin() + static_cast<std::ptrdiff_t>(k * runs_),
                                    account_rollbacks_.begin() + static_cast<std::ptrdiff_t>((k + 1) * runs_));
      a.rollbacks = statistics_of(std::move(rollbacks));
      a.max_downtime_miss_probability = share(max_downtime_missed_, k);
      out.accounts.push_back(a);
    }
    std::vector<std::pair<WrittenOrder, ViolationOdds>> odds;
    for (const auto& [key, count] : violations)
      odds.push_back({written_order(key.first, key.second),
                      {key.first, key.second, static_cast<double>(count) / static_cast<double>(runs_)}});
    std::sort(odds.begin(), odds.end(), [](const auto& x, const auto& y) {
      if (x.second.probability != y.second.probability) return x.second.probability > y.second.probability;
      return x.first < y.first;
    });
    for (auto& [order, v] : odds) out.violations.push_back(std::move(v));
    return out;
  }

 private:
  std::vector<double> column(const std::vector<double>& table, std::size_t row) const {
    return {table.begin() + static_cast<std::ptrdiff_t>(row * runs_),
            table.begin() + static_cast<std::ptrdiff_t>((row + 1) * runs_)};
  }
  double share(const std::vector<std::uint8_t>& table, std::size_t row) const {
    std::uint64_t hits = 0;
    for (std::uint64_t r = 0; r < runs_; ++r) hits += table[row * runs_ + r];
    return static_cast<double>(hits) / static_cast<double>(runs_);
  }
  WrittenOrder written_order(const std::string& kind, const std::string& subject) const {
    int rank = kind == "max_downtime" ? 0 : kind == "window_overrun" ? 1 : 2;
    if (kind == "deadline") return {servers_[server_rows_.at(subject)], SIZE_MAX, rank};
    auto [s, a] = accounts_[account_rows_.at(subject)];
    return {s, a, rank};
  }

  const plan::Plan& plan_;
  std::uint64_t runs_;
  std::vector<std::size_t> servers_;
  std::vector<std::pair<std::size_t, std::size_t>> accounts_;
  std::unordered_map<std::string, std::size_t> server_rows_, account_rows_;  // name -> row
  std::vector<double> downtime_, cost_, makespan_, max_wait_, rollbacks_, overruns_;
  std::vector<double> released_, wait_, billed_days_, server_cost_;
  std::vector<std::uint8_t> deadline_missed_;
  std::vector<double> account_downtime_;
  std::vector<std::uint16_t> account_rollbacks_;
  std::vector<std::uint8_t> max_downtime_missed_;
};

}  // namespace

std::mt19937_64 run_generator(std::uint64_t seed, std::uint64_t run) {
  std::seed_seq sequence{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                         static_cast<std::uint32_t>(run), static_cast<std::uint32_t>(run >> 32)};
  return std::mt19937_64(sequence);
}

SimulationResult simulate_run(const plan::Plan& plan, const plan::RunDurations& planned, std::uint64_t seed,
                              std::uint64_t run, const plan::DispatchLayout* layout) {
  std::mt19937_64 rng = run_generator(seed, run);
  plan::RunDurations durations = plan::RunDurations::sample(plan.fleet, rng, &planned);
  return simulate(plan, planned, durations, &rng, layout);
}

MonteCarloResult run_monte_carlo(const plan::Plan& plan, const MonteCarloOptions& options) {
  const std::uint64_t runs = std::max<std::uint64_t>(options.runs, 1);
  const plan::RunDurations planned = plan::RunDurations::means(plan.fleet);
  const plan::DispatchLayout layout(plan);
  Tables tables(plan, runs);
  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::uint64_t>(threads, runs));

  std::atomic<std::uint64_t> next{0}, done{0};
  std::mutex merge;
  std::map<std::pair<std::string, std::string>, std::uint64_t> violations;
  std::string error;
  std::uint64_t error_run = UINT64_MAX;
  auto work = [&] {
    std::map<std::pair<std::string, std::string>, std::uint64_t> mine;
    for (std::uint64_t r; (r = next.fetch_add(1)) < runs; done.fetch_add(1)) {
      SimulationResult result = simulate_run(plan, planned, options.seed, r, &layout);
      if (result.runaway) {
        std::lock_guard<std::mutex> lock(merge);
        if (r < error_run) {
          error_run = r;
          error = "run " + std::to_string(r) + " cannot be simulated to its end: " + result.stuck;
        }
        continue;
      }
      tables.record(r, result, mine);
    }
    std::lock_guard<std::mutex> lock(merge);
    for (const auto& [key, count] : mine) violations[key] += count;
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  if (options.progress) {
    // The calling thread reports progress while the pool works, then joins in.
    std::thread reporter_work(work);
    while (done.load() < runs) {
      options.progress(done.load());
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    options.progress(runs);
    reporter_work.join();
  } else {
    work();
  }
  for (std::thread& t : pool) t.join();
  if (!error.empty()) {
    MonteCarloResult failed;
    failed.runs = runs;
    failed.seed = options.seed;
    failed.error = error;
    return failed;
  }
  return tables.summarise(options.seed, violations);
}

}  // namespace ferry::simulator
