// simulate_bench: times the deterministic engine alone (the fleet is
// compiled once, outside the timing) and prints events per second. The
// engine queues only contended events (transit requests and releases,
// support jobs, window wake-ups) and places account moves in batches, so
// it also prints the rate in action start/end events, the unit a
// one-event-per-action simulator (a SimPy model, say) would count.
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
  auto durations = simulator::RunDurations::means(*fleet);
  double best = 1e30;
  std::uint64_t events = 0;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    auto result = simulator::simulate(*fleet, durations);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    best = std::min(best, seconds);
    events = result.events;
  }
  std::size_t accounts = 0;
  for (const auto& s : fleet->servers) accounts += s.accounts.size();
  std::size_t actions = boost::num_vertices(compiler::lower(*fleet, {}).graph);
  std::printf("engine: %zu servers, %zu accounts, best of %d runs %.3f s; %llu queue events (%.2f M/s); "
              "%zu actions = %zu start/end events (%.2f M/s)\n",
              fleet->servers.size(), accounts, runs, best, static_cast<unsigned long long>(events),
              static_cast<double>(events) / best / 1e6, actions, 2 * actions,
              static_cast<double>(2 * actions) / best / 1e6);
  return 0;
}
