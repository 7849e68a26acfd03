#include "compiler/lower.hpp"

#include <atomic>
#include <stdexcept>
#include <string_view>

#include "dsl/worker_thread.hpp"
#include "plan/move_order.hpp"
#include "plan/run_beside.hpp"

namespace ferry::compiler {

using plan::ActionKind;
using plan::WindowMode;

namespace {

// Where a server's actions and edges begin in the plan's vectors. Each
// server's share is known before any is written, so the two halves of a
// large fleet are lowered at once, each into its own ranges, and the plan
// is the same whichever thread wrote which half.
struct Slots {
  std::size_t action = 0, edge = 0;
};

// Per server with accounts: 4 actions and 2 per account plus its prepares;
// an edge into each prepare after the first, into acquire, install, and 4
// per account.
std::vector<Slots> slots_of(const plan::Fleet& fleet) {
  std::vector<Slots> slots(fleet.servers.size() + 1);
  for (std::size_t s = 0; s < fleet.servers.size(); ++s) {
    const plan::Server& server = fleet.servers[s];
    slots[s + 1] = slots[s];
    if (server.accounts.empty()) continue;
    std::size_t prepares = 0;
    for (const plan::Account& account : server.accounts) prepares += account.prepared ? 0 : 1;
    slots[s + 1].action += 4 + 2 * server.accounts.size() + prepares;
    slots[s + 1].edge += prepares + 1 + 4 * server.accounts.size();
  }
  return slots;
}

// One server's actions and edges, in one of two passes: the edges (and
// move orders) first, from which the graph is built with its actions still
// blank; then the actions, written into the graph where they stand. The
// actions are thus made once, in place, rather than made and moved.
class ServerLowering {
 public:
  // Pass 1: `edges` filled, no action made.
  ServerLowering(plan::Plan& p, const std::vector<Slots>& slots, std::vector<plan::ActionEdge>& edges)
      : p_(p), slots_(slots), edges_(&edges) {}
  // Pass 2: the actions of p.graph written.
  ServerLowering(plan::Plan& p, const std::vector<Slots>& slots) : p_(p), slots_(slots) {}

  void lower(std::size_t first_server, std::size_t end_server) {
    for (std::size_t s = first_server; s < end_server; ++s) lower_server(s);
  }

 private:
  void lower_server(std::size_t s) {
    const plan::Server& server = p_.fleet.servers[s];
    const plan::Policy& policy = p_.fleet.policies[static_cast<std::size_t>(server.policy)];
    if (edges_) p_.move_order[s] = plan::move_order(server, policy.order);
    if (server.accounts.empty()) return;
    server_ = s;
    next_action_ = slots_[s].action;
    next_edge_ = slots_[s].edge;
    // Prepares of one server run one after another, without a window.
    std::optional<plan::ActionVertex> previous;
    for (std::size_t a = 0; a < server.accounts.size(); ++a) {
      if (server.accounts[a].prepared) continue;
      auto v = add(ActionKind::prepare, a, plan::kAlwaysOpen, WindowMode::none);
      if (previous) edge(*previous, v);
      previous = v;
    }
    auto acquire = add(ActionKind::acquire_transit, std::nullopt, plan::kAlwaysOpen, WindowMode::none);
    if (previous) edge(*previous, acquire);
    auto install = add(ActionKind::install_transit, std::nullopt, policy.support_window, WindowMode::start);
    edge(acquire, install);
    auto reinstall = add(ActionKind::reinstall, std::nullopt, policy.support_window, WindowMode::start);
    auto release = add(ActionKind::release_transit, std::nullopt, plan::kAlwaysOpen, WindowMode::none);
    int back_window = policy.effective_move_back_window();
    for (std::size_t a : p_.move_order[s]) {
      auto migrate = add(ActionKind::migrate, a, policy.migrate_window, WindowMode::fit);
      edge(install, migrate);
      edge(migrate, reinstall);
      auto back = add(ActionKind::move_back, a, back_window, WindowMode::fit);
      edge(reinstall, back);
      edge(back, release);
    }
    if (next_action_ != slots_[s + 1].action || (edges_ && next_edge_ != slots_[s + 1].edge)) miscounted();
  }

  // The counts of slots_of() and the actions made here are one rule
  // written twice: a mismatch would leave blank actions or edges, or write
  // into the next server's (or past the end), so it is checked in every
  // build, before each write and after each server.
  [[noreturn]] void miscounted() const {
    throw std::logic_error("lowering: server \"" + p_.fleet.servers[server_].name +
                           "\" made other actions than were counted");
  }

  plan::ActionVertex add(ActionKind kind, std::optional<std::size_t> a, int window, WindowMode mode) {
    if (next_action_ == slots_[server_ + 1].action) miscounted();
    if (edges_) return next_action_++;
    p_.graph[next_action_] = plan::Action{kind, server_, a, window, mode};
    return next_action_++;
  }

  void edge(plan::ActionVertex first, plan::ActionVertex then) {
    if (!edges_) return;
    if (next_edge_ == slots_[server_ + 1].edge) miscounted();
    (*edges_)[next_edge_++] = {first, then};
  }

  plan::Plan& p_;
  const std::vector<Slots>& slots_;
  std::vector<plan::ActionEdge>* edges_ = nullptr;
  std::size_t server_ = 0, next_action_ = 0, next_edge_ = 0;  // the server being lowered, where its next goes
};

std::atomic<std::size_t> two_thread_lowerings{0};

// A pass over the servers, in two halves at `cut` when there is one.
template <class Pass>
void in_two(std::size_t cut, std::size_t end, Pass pass) {
  if (cut == end) return pass(0, end);
  if (plan::run_beside([&] { pass(0, cut); }, [&] { pass(cut, end); })) two_thread_lowerings.fetch_add(1);
}

}  // namespace

std::size_t passes_lowered_in_two() { return two_thread_lowerings.load(); }

plan::Plan lower(plan::Fleet fleet, plan::SourceStamp source, bool threads) {
  plan::Plan p;
  p.fleet = std::move(fleet);
  p.source = std::move(source);
  const std::size_t servers = p.fleet.servers.size();
  std::vector<Slots> slots = slots_of(p.fleet);
  const std::size_t actions = slots.back().action;
  std::vector<plan::ActionEdge> edges(slots.back().edge);
  p.move_order.resize(servers);
  // The second half starts at the server where half the actions are
  // written; a plan of a few thousand actions is not worth a thread.
  constexpr std::size_t kLargePlan = 1 << 14;
  std::size_t cut = servers;
  if (threads && actions >= kLargePlan && dsl::second_cpu_available()) {
    cut = 0;
    while (cut < servers && slots[cut].action < actions / 2) ++cut;
  }
  in_two(cut, servers, [&](std::size_t first, std::size_t end) { ServerLowering(p, slots, edges).lower(first, end); });
  p.graph = plan::make_action_graph(actions, edges);
  in_two(cut, servers, [&](std::size_t first, std::size_t end) { ServerLowering(p, slots).lower(first, end); });
  // Every edge leads to a later step of the chain prepare -> acquire ->
  // install -> migrate -> reinstall -> move_back -> release (prepares in
  // index order), so there is no cycle to find; checked in the test build.
#ifndef NDEBUG
  p.topological_order();  // throws on a cycle
#endif
  return p;
}

}  // namespace ferry::compiler
