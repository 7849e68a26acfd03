// simulate_bench: times the deterministic engine alone (the fleet is
// compiled and lowered once, outside the timing) and prints the dispatcher's
// rate in action events: each action's start and end counted once, the unit
// a one-event-per-action simulator (a SimPy model, say) counts.
//   build/release/bench/simulate_bench fleet.ferry [runs]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "compiler/fleet_compiler.hpp"
#include "compiler/lower.hpp"
#include "dsl/parser.hpp"
#include "simulator/engine.hpp"

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
  double best = 1e30;
  std::uint64_t events = 0;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    auto result = simulator::simulate(plan, durations, durations);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    best = std::min(best, seconds);
    events = result.events;
  }
  std::size_t accounts = 0;
  for (const auto& s : plan.fleet.servers) accounts += s.accounts.size();
  std::printf("engine: %zu servers, %zu accounts, %zu actions; best of %d runs %.3f s; "
              "%llu action start/end events (%.2f M/s)\n",
              plan.fleet.servers.size(), accounts, boost::num_vertices(plan.graph), runs, best,
              static_cast<unsigned long long>(events), static_cast<double>(events) / best / 1e6);
  return 0;
}
