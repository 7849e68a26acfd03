// Servers read and checked in two halves on two threads. Each server's
// reading and checks look only at that server, the fleet settings, the
// calendars, transits and policies (all read before), so each half is read
// by a copy of the compiler that holds those and reports to diagnostics of
// its own. Messages must never depend on the cut. Errors may look across
// servers (a setting that cannot be computed is reported once per policy),
// so when either half has an error the halves are dropped (the other half
// stops at its next server) and the servers read again on one thread.
// The checks' warnings are each about one server or account; what depends
// on their order is the cap past which they are only counted, so the
// halves' warnings are handed to the fleet's diagnostics in the order one
// thread gives them: the first half's, then the second's, where the checks
// stand in the one-thread order. A half's own cap drops only what the
// fleet's drops too (a half has never counted more warnings than the fleet
// has by then). A message while reading (none is a warning today) gives up
// too (decisions 98, 103).
#include <algorithm>
#include <atomic>
#include <functional>
#include <optional>

#include "compiler/fleet_compiler.hpp"
#include "dsl/worker_thread.hpp"
#include "plan/names.hpp"
#include "plan/run_beside.hpp"

namespace ferry::compiler {

namespace {

// Fewer accounts than this are read on one thread: a thread and two copies
// of the settings cost more than they save.
constexpr std::size_t kAccountsForTwoThreads = 4096;

std::atomic<std::size_t> two_thread_readings{0};

template <typename T>
void append(std::vector<T>& to, std::vector<T>& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

// Whether two sorted vectors have an element in common.
bool shares_an_element(const std::vector<std::size_t>& a, const std::vector<std::size_t>& b) {
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (*i == *j) return true;
    if (*i < *j) ++i;
    else ++j;
  }
  return false;
}

}  // namespace

std::size_t servers_read_in_two() { return two_thread_readings.load(); }

void FleetCompiler::read_servers(std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end && !half_gives_up(); ++i)
    server_ok_.push_back(clean([&] { read_server(*servers_[i]); }));
}

bool FleetCompiler::half_gives_up() {
  if (!halves_give_up_) return false;  // not a half: the whole reading
  if (diagnostics_->has_errors()) halves_give_up_->store(true, std::memory_order_relaxed);
  return halves_give_up_->load(std::memory_order_relaxed);
}

void FleetCompiler::note_account_names(const Block& server, const std::vector<const Block*>& accounts) {
  // A block that is no named account was not read: check_account_names says what it is.
  if (server.blocks.size() != accounts.size()) half_names_->clean = false;
  for (const Block* account : accounts) {
    const std::string& name = account->label->text;
    if (!plan::valid_name(name)) half_names_->clean = false;
    half_names_->hashes.push_back(std::hash<std::string_view>{}(name));
  }
}

std::optional<FleetCompiler::HalvesRead> FleetCompiler::read_and_check_servers_in_two() {
  if (!read_->zone() || fleets_.empty() || servers_.size() < 2 || !dsl::second_cpu_available()) return std::nullopt;
  std::size_t accounts = 0;
  for (const Block* server : servers_) accounts += server->blocks.size();
  if (accounts < kAccountsForTwoThreads) return std::nullopt;
  std::size_t cut = 0;  // about as many accounts on each side
  for (std::size_t before = 0; cut < servers_.size() && 2 * before < accounts; ++cut)
    before += servers_[cut]->blocks.size();
  struct Half {
    dsl::Diagnostics diagnostics;
    std::optional<FleetCompiler> compiler;
    NameHashes names;
  };
  // The first error of either half, a message while reading, or an
  // exception ends both: the servers are read again. The one signal the
  // halves are judged by.
  std::atomic<bool> give_up{false};
  Half halves[2];
  for (Half& half : halves) {
    half.compiler.emplace(*this);
    half.compiler->diagnostics_ = &half.diagnostics;
    half.compiler->read_.emplace(read_->reporting_to(half.diagnostics));
    half.compiler->halves_give_up_ = &give_up;
    half.compiler->half_names_ = &half.names;
  }
  auto read_half = [&](Half& half, std::size_t begin, std::size_t end) {
    try {
      FleetCompiler& c = *half.compiler;
      c.read_servers(begin, end);
      if (!half.diagnostics.all().empty()) give_up.store(true);
      std::vector<std::size_t>& hashes = half.names.hashes;
      std::sort(hashes.begin(), hashes.end());
      if (std::adjacent_find(hashes.begin(), hashes.end()) != hashes.end()) half.names.clean = false;
      plan::Windows windows(c.fleet_.calendars, *c.read_->zone(), c.fleet_.start);  // calendars fill in as asked
      c.check_servers(windows);
      c.half_gives_up();  // a message of the last server checked
    } catch (const std::exception&) {  // out of memory: the one-thread reading will say so
      give_up.store(true);
    }
  };
  // No thread to be had (a process limit): the halves one after the other.
  bool on_two = plan::run_beside([&] { read_half(halves[0], 0, cut); },
                                 [&] {
                                   dsl::reserve_thread_heap();
                                   read_half(halves[1], cut, servers_.size());
                                 });
  if (give_up.load()) return std::nullopt;
  HalvesRead read;
  read.names_unique = halves[0].names.clean && halves[1].names.clean &&
                      !shares_an_element(halves[0].names.hashes, halves[1].names.hashes);
  for (Half& half : halves)
    for (dsl::Diagnostic& warning : std::move(half.diagnostics).take()) read.warnings.push_back(std::move(warning));
  for (Half& half : halves) {
    FleetCompiler& c = *half.compiler;
    append(fleet_.servers, c.fleet_.servers);
    append(server_blocks_, c.server_blocks_);
    append(account_blocks_, c.account_blocks_);
    server_ok_.insert(server_ok_.end(), c.server_ok_.begin(), c.server_ok_.end());
    // A server naming no policy, with none called "default", added the
    // built-in defaults after the named policies: at the same index in
    // either half and here.
    if (c.fleet_.policies.size() > fleet_.policies.size()) fleet_.policies.push_back(c.fleet_.policies.back());
  }
  if (on_two) two_thread_readings.fetch_add(1);
  return read;
}

}  // namespace ferry::compiler
