// compile(): a parsed file to a checked plan::Fleet, with every static check
// of DESIGN §2.5 reported through the same Diagnostics as the parser. The
// fleet comes back only when there is no error (warnings are fine).
//   Diagnostics diagnostics;
//   std::optional<plan::Fleet> fleet = compile(source, parsed, diagnostics);
#pragma once

#include <atomic>
#include <map>
#include <memory_resource>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/block_keys.hpp"
#include "compiler/value_reader.hpp"
#include "dsl/parser.hpp"
#include "plan/fleet.hpp"
#include "plan/windows.hpp"

namespace ferry::compiler {

// A fleet of many accounts has its servers read and checked in two halves
// on two threads (`threads` false: never); the fleet and the diagnostics
// are those of a reading on one (servers_in_two.cpp says how).
std::optional<plan::Fleet> compile(const dsl::SourceFile& source, const dsl::ParsedFile& parsed,
                                   dsl::Diagnostics& diagnostics, bool threads = true);

// How many compilations in this process read their servers on two threads,
// counted as LLVM counts its STATISTICs: tests use it to see the path taken.
std::size_t servers_read_in_two();

// The pieces of compile(), one per kind of block; split over
// fleet_compiler.cpp (file, fleet, calendars, transits), policy_compiler.cpp
// (policies and their inheritance), server_compiler.cpp (servers, accounts,
// runtime, subject checks) and server_checks.cpp (warnings on subjects).
class FleetCompiler {
 public:
  FleetCompiler(const dsl::SourceFile& source, dsl::Diagnostics& diagnostics, bool threads)
      : source_(source), diagnostics_(&diagnostics), threads_(threads) {}
  std::optional<plan::Fleet> run(const dsl::ast::File& file);

 private:
  using Block = dsl::ast::Block;

  void sort_blocks(const dsl::ast::File& file);
  // Views of the labels of the file being compiled; the nodes come from an
  // arena (a 100k fleet has 110,000 names, each a node malloc'd and freed).
  using NamesSeen = std::pmr::unordered_map<std::string_view, const Block*>;
  bool check_name(const Block& block, NamesSeen& seen, const char* kind_words);
  // Accounts are unique within the fleet, not only within their server:
  // every account's name checked, with its messages.
  void check_account_names();
  void read_fleet();
  void read_calendar(const Block& block);
  void read_transit(const Block& block);
  // Every policy, parents before the policies that extend them.
  void read_policies();
  // The parent of each policy (index, or -1), after refusing unknown parents
  // and cycles; `broken[i]` marks a policy whose inheritance was refused.
  std::vector<int> policy_parents(std::vector<bool>& broken);
  void read_policy(const Block& block, plan::Policy& policy);
  void read_server(const Block& block);
  // Servers [begin, end) of servers_, each marked in server_ok_.
  void read_servers(std::size_t begin, std::size_t end);
  // Reads and checks the servers in two halves, each by a copy of this
  // compiler reporting to its own diagnostics. What the caller still has to
  // do with them; nullopt (and nothing changed) when the fleet is small or
  // either half had an error: the caller then reads on one thread.
  struct HalvesRead {
    // The checks' warnings, in one thread's order, to report where the checks stand.
    std::vector<dsl::Diagnostic> warnings;
    // Every account of the halves named, well, and no name twice: then
    // check_account_names has nothing to say.
    bool names_unique = false;
  };
  std::optional<HalvesRead> read_and_check_servers_in_two();
  // A half notes each account name as it reads the server (its blocks are
  // in cache then): the names' hashes, and whether every block of its
  // servers was an account with a well-formed name. Equal hashes, or any
  // name not clean, leave the names to check_account_names, which says
  // what is wrong; a collision of two names' hashes only costs that check.
  struct NameHashes {
    std::vector<std::size_t> hashes;  // sorted once the half is read
    bool clean = true;
  };
  void note_account_names(const Block& server, const std::vector<const Block*>& accounts);
  // In a half: true once either half has had an error (then the halves are
  // dropped, so the rest need not be read).
  bool half_gives_up();
  void read_account(const Block& block, plan::Account& account);
  void read_runtime(const Block& block);
  int window(const dsl::ast::Attribute& attribute);
  // The index a reference names in `index`, or nullopt after reporting an
  // unknown name (with a suggestion); `kind` is "calendar" or "policy".
  std::optional<int> reference(const dsl::ast::Attribute& attribute, const std::map<std::string, int>& index,
                               const char* kind);
  // cpu, ram and disk: a transit's or a server's size.
  void read_machine(const BlockKeys& keys, std::int64_t& cpu, plan::Exact& ram, plan::Exact& disk);
  // The checks that need every subject read: calendars never open, then
  // each server's (check_server).
  void check_calendars(plan::Windows& windows);
  void check_servers(plan::Windows& windows);
  // A rule here looks at one server (and the settings read before it); a
  // rule across servers may only hold errors back (once per setting), and
  // a warning is about one server or account (their cap is applied where
  // the halves hand them on). The two-thread reading counts on it: a half
  // without errors must say what one thread would say of those servers.
  void check_server(std::size_t s, plan::Windows& windows, const plan::Transit* largest);
  // The transits a server may use (`transit`, `avoid_transits`).
  void read_transit_choice(const BlockKeys& keys, plan::Server& server);
  // A server's variables and its accounts', computed once for all the
  // checks on that server.
  struct SubjectValues {
    plan::Variables server;
    std::vector<plan::Variables> accounts;
  };
  // Warnings on a server's requirements and windows (server_checks.cpp);
  // `moves`: each account's mean move, in seconds.
  void check_policy_fallback(std::size_t server);
  void check_max_downtime(std::size_t server, const std::vector<plan::Seconds>& moves);
  void check_rare_fits(std::size_t server, plan::Windows& windows, const std::vector<plan::Seconds>& moves);
  bool evaluable(std::size_t server, const SubjectValues& values);
  // Where policy `policy`'s `key` is written: in it, or in the nearest
  // policy it extends that sets it; null attribute for the built-in default.
  struct Setting {
    const dsl::ast::Attribute* attribute = nullptr;
    std::size_t policy = 0;  // the policy whose block holds it
  };
  Setting where_set(std::size_t policy, std::string_view key) const;
  dsl::Diagnostic& error(dsl::Span span, std::string message) { return diagnostics_->error(source_, span, std::move(message)); }
  // Runs `read`; true when it reported no error (the subject is usable).
  template <typename Read>
  bool clean(Read read) {
    std::size_t before = diagnostics_->error_count();
    read();
    return diagnostics_->error_count() == before;
  }

  const dsl::SourceFile& source_;
  dsl::Diagnostics* diagnostics_;  // a pointer: a half's copy reports elsewhere
  bool threads_;
  std::atomic<bool>* halves_give_up_ = nullptr;  // set in a half of read_and_check_servers_in_two
  NameHashes* half_names_ = nullptr;  // in a half only
  std::optional<ValueReader> read_;
  plan::Fleet fleet_;
  std::vector<const Block*> fleets_, calendars_, transits_, policies_, servers_, runtimes_;
  std::map<std::string, int> calendar_index_;
  std::map<std::string, int> policy_index_;
  std::map<std::string, int> transit_index_;
  const dsl::ast::Attribute* start_attribute_ = nullptr;  // the fleet's start, once read without error
  // Per calendar, the lengths of its openings in the year after the fleet
  // start, sorted: how often a move of a given length fits (check_rare_fits).
  std::map<int, std::vector<plan::Seconds>> opening_lengths_;
  std::vector<const Block*> server_blocks_;  // parallel to fleet_.servers
  std::vector<std::vector<const Block*>> account_blocks_;
  // Subjects read without an error; the whole-subject checks look only at
  // these, so that one mistake is not reported twice.
  std::vector<bool> server_ok_, calendar_ok_, policy_ok_;
  bool transits_ok_ = true;
  // (policy whose block holds it, setting) reported as not computable
  std::set<std::pair<std::size_t, std::string>> reported_;
};

}  // namespace ferry::compiler
