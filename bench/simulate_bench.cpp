// simulate_bench: times the deterministic engine alone (the fleet is
// compiled and lowered once, outside the timing) and prints its rate in
// action events: each action's start and end counted once, the unit a
// one-event-per-action simulator (a SimPy model, say) counts. Two figures:
//   - the dispatcher: its loop with the simulated executor, over the plan's
//     layout built once (as Monte Carlo's runs share it), results not read;
//   - simulate(): the whole engine call, layout and result reading included.
//   build/release/bench/simulate_bench fleet.ferry [runs]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "compiler/fleet_compiler.hpp"
#include "compiler/lower.hpp"
#include "dsl/parser.hpp"
#include "plan/dispatch_loop.hpp"
#include "plan/dispatcher.hpp"
#include "simulator/engine.hpp"
#include "simulator/simulated_executor.hpp"

int main(int argc, char** argv) {
  using namespace ferry;
  if (argc < 2) {
    std::fprintf(stderr, "usage: simulate_bench FILE [RUNS]\n");
    return 2;
  }
  int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  std::string error;
  auto source = dsl::SourceFile::read(argv[1], error);
  if (!source) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 1;
  }
  dsl::Diagnostics diagnostics;
  auto parsed = dsl::parse(*source, diagnostics);
  auto fleet = compiler::compile(*source, parsed, diagnostics);
  if (!fleet) {
    std::fprintf(stderr, "%s", dsl::render_all(diagnostics).c_str());
    return 1;
  }
  auto plan = compiler::lower(std::move(*fleet), {});
  auto durations = plan::RunDurations::means(plan.fleet);
  plan::DispatchLayout layout(plan);
  double best = 1e30, best_loop = 1e30;
  std::uint64_t events = 0, loop_events = 0;
  for (int i = 0; i < runs; ++i) {
    {
      auto start = std::chrono::steady_clock::now();
      simulator::SimulatedExecutor executor(plan, durations, nullptr);
      plan::Dispatcher dispatcher(plan, durations, &executor, &layout);
      executor.watch(dispatcher);
      plan::VirtualClock clock(plan.fleet.start);
      plan::LoopOutcome outcome = plan::run_dispatch_loop(dispatcher, executor, clock);
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (!outcome.ok()) {
        std::fprintf(stderr, "the run stopped: %s\n", outcome.why.c_str());
        return 1;
      }
      best_loop = std::min(best_loop, seconds);
      loop_events = dispatcher.events();
    }
    auto start = std::chrono::steady_clock::now();
    auto result = simulator::simulate(plan, durations, durations);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    best = std::min(best, seconds);
    events = result.events;
  }
  std::size_t accounts = 0;
  for (const auto& s : plan.fleet.servers) accounts += s.accounts.size();
  std::printf("engine: %zu servers, %zu accounts, %zu actions, %llu action start/end events; best of %d runs\n",
              plan.fleet.servers.size(), accounts, boost::num_vertices(plan.graph),
              static_cast<unsigned long long>(events), runs);
  std::printf("  dispatcher (loop, layout shared)  %.3f s  %.2f M events/s\n", best_loop,
              static_cast<double>(loop_events) / best_loop / 1e6);
  std::printf("  simulate() (layout, results)      %.3f s  %.2f M events/s\n", best,
              static_cast<double>(events) / best / 1e6);
  return 0;
}
