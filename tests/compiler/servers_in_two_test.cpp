// A fleet of many accounts has its servers read and checked in two halves
// on two threads (compiler/servers_in_two.cpp): the fleet and every message
// must be those of a reading on one thread, whatever the halves hold.
#include <catch2/catch.hpp>

#include <algorithm>

#include "compiler/fleet_compiler.hpp"
#include "compiler/lower.hpp"
#include "dsl/parser.hpp"
#include "dsl/worker_thread.hpp"
#include "plan/plan_json.hpp"

using namespace ferry;

namespace {

struct Compiled {
  std::string plan;         // the plan file of the fleet, "" without one
  std::string diagnostics;  // rendered in the order compile() gave them
  bool in_two = false;      // the two-thread reading was kept
};

Compiled compile_text(const std::string& text, bool threads) {
  dsl::SourceFile source = dsl::SourceFile::from_text("many.ferry", text);
  dsl::Diagnostics diagnostics;
  dsl::ParsedFile parsed = dsl::parse(source, diagnostics, /*threads=*/false);
  std::size_t readings = compiler::servers_read_in_two();
  std::optional<plan::Fleet> fleet = compiler::compile(source, parsed, diagnostics, threads);
  Compiled out;
  out.in_two = compiler::servers_read_in_two() != readings;
  if (fleet && !diagnostics.has_errors())
    out.plan = plan::write_plan_json(compiler::lower(std::move(*fleet), {"many.ferry", "0"}));
  out.diagnostics = dsl::render_all(diagnostics);
  return out;
}

// `servers` servers of ten accounts; `server_text(s)` may replace server s
// (an empty string keeps the usual one).
template <typename ServerText>
std::string many_servers(int servers, const std::string& policies, ServerText server_text) {
  std::string text = "fleet \"f\" { start = 2026-12-01 09:00 timezone = \"Europe/Paris\" }\n"
                     "calendar \"night\" { open = mon-sun 22:00-06:00 }\n"
                     "transit \"small\" { cpu = 8 ram = 32GB disk = 2TB }\n"
                     "transit \"large\" { cpu = 32 ram = 128GB disk = 4TB busy_until = 2026-12-03 14:00 }\n" +
                     policies;
  for (int s = 0; s < servers; ++s) {
    if (std::string own = server_text(s); !own.empty()) {
      text += own;
      continue;
    }
    text += "server \"s" + std::to_string(s) + "\" {\n  cpu = " + (s % 3 ? "8" : "16") + " ram = 32GB disk = 1TB" +
            " price = 30 EUR/month priority = " + std::to_string(s % 4) + (s % 5 == 1 ? " policy = \"rush\"" : "") +
            (s % 7 == 2 ? " ready = 2026-12-0" + std::to_string(1 + s % 9) + " 10:30" : "") + "\n";
    for (int a = 0; a < 10; ++a)
      text += "  account \"a" + std::to_string(s) + "-" + std::to_string(a) + "\" { databases = " +
              std::to_string(1 + (s * 7 + a) % 13) + "GB files = " + std::to_string(3 + a) + "GB mail = 1GB dns = " +
              (a % 2 ? "external" : "provider") + (a == 4 ? " prepared = true" : "") + " }\n";
    text += "}\n";
  }
  return text;
}

const std::string kPolicies =
    "policy \"default\" { downtime = 5min + 1min/GB * databases migrate_window = \"night\" prepare = 2min }\n"
    "policy \"rush\" extends \"default\" { parallel = 3 order = smallest_first migrate_delay = 1h }\n";

std::string usual(int) { return ""; }

// A plan is megabytes: say where two differ instead of printing both.
bool same_plan(const Compiled& a, const Compiled& b) {
  auto at = std::mismatch(a.plan.begin(), a.plan.end(), b.plan.begin(), b.plan.end());
  if (at.first == a.plan.end() && at.second == b.plan.end()) return true;
  auto offset = static_cast<std::size_t>(at.first - a.plan.begin());
  UNSCOPED_INFO("plans differ at byte " << offset << ": " << a.plan.substr(offset, 80) << " | "
                                        << b.plan.substr(offset, 80));
  return false;
}

}  // namespace

TEST_CASE("servers read on two threads give the fleet of one thread") {
  std::string text = many_servers(600, kPolicies, usual);
  Compiled two = compile_text(text, true), one = compile_text(text, false);
  CHECK(two.in_two == dsl::second_cpu_available());  // one CPU (taskset): one thread
  CHECK_FALSE(one.in_two);
  CHECK(two.diagnostics.empty());
  REQUIRE_FALSE(one.plan.empty());
  CHECK(same_plan(two, one));
}

TEST_CASE("a small fleet is read on one thread") {
  Compiled small = compile_text(many_servers(400, kPolicies, usual), true);  // 4,000 accounts
  CHECK_FALSE(small.in_two);
  CHECK_FALSE(small.plan.empty());
}

TEST_CASE("servers naming no policy get the built-in defaults in both halves, added once") {
  // `policy` on the servers before `from` only.
  auto servers = [](int from) {
    return [from](int s) {
      std::string text = "server \"s" + std::to_string(s) + "\" {\n  cpu = 8 ram = 32GB disk = 1TB price = 30 EUR/month" +
                         (s < from ? " policy = \"rush\"" : "") + "\n";
      for (int a = 0; a < 10; ++a)
        text += "  account \"a" + std::to_string(s) + "-" + std::to_string(a) + "\" { databases = " +
                std::to_string(1 + a) + "GB }\n";
      return text + "}\n";
    };
  };
  // No policy at all: every server falls back, in either half.
  std::string text = many_servers(600, "", servers(0));
  Compiled two = compile_text(text, true), one = compile_text(text, false);
  CHECK(two.in_two == dsl::second_cpu_available());
  CHECK(two.diagnostics.empty());
  REQUIRE_FALSE(one.plan.empty());
  CHECK(same_plan(two, one));
  // Only servers of the second half fall back, and each is warned about
  // (a policy exists, none is "default"): the halves are kept, and their
  // 150 warnings are one thread's.
  std::string late = many_servers(600, "policy \"rush\" { parallel = 3 }\n", servers(450));
  Compiled late_two = compile_text(late, true), late_one = compile_text(late, false);
  CHECK(late_two.in_two == dsl::second_cpu_available());  // warnings only: the halves are kept
  CHECK(late_two.diagnostics.find("uses the built-in defaults") != std::string::npos);
  CHECK(late_two.diagnostics == late_one.diagnostics);
  REQUIRE_FALSE(late_one.plan.empty());
  CHECK(same_plan(late_two, late_one));
}

TEST_CASE("a fleet with something to report in either half says what one thread says") {
  struct Case {
    const char* what;
    int at;
    std::string server;
    bool halves_kept;  // warnings only: the halves' messages are handed on
  };
  std::vector<Case> cases = {
      {"a warning in the second half", 550, "server \"empty\" { cpu = 8 ram = 32GB disk = 1TB price = 1 EUR/month }\n",
       true},
      {"a warning on the very last server", 599,
       "server \"empty\" { cpu = 8 ram = 32GB disk = 1TB price = 1 EUR/month }\n", true},
      {"an error in the first half", 20,
       "server \"huge\" { cpu = 64 ram = 32GB disk = 1TB price = 1 EUR/month\n  account \"h\" { }\n}\n", false},
      // after which no next server asks whether to go on
      {"an error on the very last server", 599,
       "server \"huge\" { cpu = 64 ram = 32GB disk = 1TB price = 1 EUR/month\n  account \"h\" { }\n}\n", false},
      {"an unknown policy in the second half", 590,
       "server \"lost\" { cpu = 8 ram = 32GB disk = 1TB price = 1 EUR/month policy = \"rsuh\"\n  account \"l\" { }\n}\n",
       false},
      // reported by the value reader, which each half must have its own of
      {"a bad value in the second half", 450,
       "server \"late\" { cpu = 8 ram = 32GB disk = 1TB price = 1 EUR/month ready = 2026-13-01 10:00\n"
       "  account \"l\" { }\n}\n",
       false},
      {"a bad value in each half", -1, "", false},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    std::string text = many_servers(600, kPolicies, [&](int s) {
      if (c.at >= 0) return s == c.at ? c.server : "";
      if (s != 100 && s != 500) return std::string();
      return "server \"v" + std::to_string(s) + "\" { cpu = 8 ram = 32GB disk = -1TB price = 1 EUR/month\n" +
             "  account \"v" + std::to_string(s) + "\" { }\n}\n";
    });
    Compiled two = compile_text(text, true), one = compile_text(text, false);
    CHECK(two.in_two == (c.halves_kept && dsl::second_cpu_available()));
    CHECK_FALSE(two.diagnostics.empty());
    CHECK(two.diagnostics == one.diagnostics);
    CHECK(same_plan(two, one));
  }
}

TEST_CASE("warnings of both halves are shown and counted as one thread shows and counts them") {
  // `per_half` empty servers (a warning each) in each half, two servers of
  // each half whose policy's max_downtime they cannot meet (a warning with
  // a note), and two whose 8h30 move fits one night of the year only (the
  // one the clocks go back). Past 200 warnings the rest are only counted:
  // which are shown depends on their order.
  std::string policies = kPolicies + "policy \"tight\" extends \"default\" { max_downtime = 1min }\n";
  auto text_with = [&](int per_half) {
    return many_servers(1200, policies, [per_half](int s) {
      int in_half = s % 600;
      if (in_half == 100 || in_half == 400)
        return "server \"t" + std::to_string(s) + "\" { cpu = 8 ram = 32GB disk = 1TB price = 1 EUR/month policy = \"tight\"\n" +
               "  account \"t" + std::to_string(s) + "\" { databases = 3GB }\n}\n";
      if (in_half == 200 || in_half == 500)
        return "server \"r" + std::to_string(s) + "\" { cpu = 8 ram = 32GB disk = 2TB price = 1 EUR/month\n" +
               "  account \"r" + std::to_string(s) + "\" { databases = 505GB }\n}\n";
      if (in_half % 3 != 1 || in_half / 3 >= per_half) return std::string();
      return "server \"e" + std::to_string(s) + "\" { cpu = 8 ram = 32GB disk = 1TB price = 1 EUR/month }\n";
    });
  };
  // 18 warnings; 198 (all shown); 306 (200 shown, the rest counted)
  for (int per_half : {5, 96, 150}) {
    INFO(per_half << " empty servers in each half");
    std::string text = text_with(per_half);
    Compiled two = compile_text(text, true), one = compile_text(text, false);
    CHECK(two.in_two == dsl::second_cpu_available());
    CHECK(two.diagnostics.find("has no accounts") != std::string::npos);
    CHECK(two.diagnostics.find("max_downtime is set here") != std::string::npos);
    CHECK(two.diagnostics.find("only 1 opening of calendar \"night\"") != std::string::npos);
    CHECK((two.diagnostics.find("more than 200 warnings") != std::string::npos) == (per_half == 150));
    CHECK(two.diagnostics == one.diagnostics);
    CHECK(same_plan(two, one));
  }
  // One half past the cap on its own, after a warning of the first half:
  // the half's own "more than 200" is dropped by the fleet's cap, which
  // was passed one warning earlier.
  std::string text = many_servers(1000, kPolicies, [](int s) {
    if (s != 10 && (s < 700 || s >= 950)) return std::string();  // 250 of the second half's servers
    return "server \"e" + std::to_string(s) + "\" { cpu = 8 ram = 32GB disk = 1TB price = 1 EUR/month }\n";
  });
  Compiled two = compile_text(text, true), one = compile_text(text, false);
  CHECK(two.in_two == dsl::second_cpu_available());
  CHECK(two.diagnostics.find("more than 200 warnings") != std::string::npos);
  CHECK(two.diagnostics == one.diagnostics);
}

TEST_CASE("account names are checked across the halves as one thread checks them") {
  // The halves read their accounts' names and only say whether all are
  // well formed and unique; when one is not, every name is checked again
  // with its messages, which must be one thread's.
  auto server_with = [](int s, const std::string& account) {
    return "server \"x" + std::to_string(s) + "\" { cpu = 8 ram = 32GB disk = 1TB price = 1 EUR/month\n  " + account +
           "\n  account \"x" + std::to_string(s) + "\" { databases = 1GB }\n}\n";
  };
  struct Case {
    const char* what;
    int at;
    std::string account;
    const char* message;
  };
  std::vector<Case> cases = {
      {"a name of the second half again in the first", 10, "account \"a500-3\" { }", "duplicate account name \"a500-3\""},
      {"a name twice in the second half", 501, "account \"a500-0\" { }", "duplicate account name \"a500-0\""},
      {"a name twice in one server of the first half", 30, "account \"x30\" { }", "duplicate account name \"x30\""},
      {"a bad name in the second half", 450, "account \"no good\" { }", "bad name \"no good\""},
      {"an account without a name in the first half", 20, "account { }", "an account needs a name"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    std::string text = many_servers(600, kPolicies, [&](int s) { return s == c.at ? server_with(s, c.account) : ""; });
    Compiled two = compile_text(text, true), one = compile_text(text, false);
    CHECK(two.in_two == dsl::second_cpu_available());  // the halves read without error: they are kept
    CHECK(two.diagnostics.find(c.message) != std::string::npos);
    CHECK(two.diagnostics == one.diagnostics);
    CHECK(two.plan.empty());
  }
}

TEST_CASE("a setting that cannot be computed is reported once, whichever half its accounts are in") {
  // databases = 5GB divides by zero, in accounts of both halves; the error
  // names the first such account of the file, once for the policy.
  std::string policies =
      "policy \"default\" { downtime = 5min + 1GB*1min / (databases - 5GB) migrate_window = \"night\" }\n";
  std::string text = many_servers(600, policies, usual);
  Compiled two = compile_text(text, true), one = compile_text(text, false);
  CHECK_FALSE(two.in_two);
  CHECK(two.diagnostics == one.diagnostics);
  std::size_t first = two.diagnostics.find("cannot be computed");
  CHECK(first != std::string::npos);
  CHECK(two.diagnostics.find("cannot be computed", first + 1) == std::string::npos);
}

TEST_CASE("a large fleet in an unknown time zone is read on one thread, and says so once") {
  std::string text = many_servers(600, kPolicies, usual);
  text.replace(text.find("Europe/Paris"), 12, "Europe/Parsi");
  Compiled two = compile_text(text, true), one = compile_text(text, false);
  CHECK_FALSE(two.in_two);
  CHECK(two.diagnostics.find("unknown time zone \"Europe/Parsi\"") != std::string::npos);
  CHECK(two.diagnostics == one.diagnostics);
  CHECK(two.plan.empty());
}

TEST_CASE("a large fleet lowered on two threads gives the plan of one") {
  // Servers without accounts and prepared accounts (a4) shift where each
  // server's actions and edges go: some in each half.
  std::string text = many_servers(700, kPolicies, [](int s) {
    if (s % 97 != 3) return std::string();
    return "server \"bare" + std::to_string(s) + "\" { cpu = 8 ram = 32GB disk = 1TB price = 1 EUR/month }\n";
  });
  dsl::SourceFile source = dsl::SourceFile::from_text("many.ferry", text);
  dsl::Diagnostics diagnostics;
  dsl::ParsedFile parsed = dsl::parse(source, diagnostics, /*threads=*/false);
  std::optional<plan::Fleet> fleet = compiler::compile(source, parsed, diagnostics, /*threads=*/false);
  REQUIRE(fleet);
  plan::Fleet copy = *fleet;
  std::size_t before = compiler::passes_lowered_in_two();
  Compiled two{plan::write_plan_json(compiler::lower(std::move(*fleet), {"many.ferry", "0"}, true)), "", false};
  CHECK(compiler::passes_lowered_in_two() - before == (dsl::second_cpu_available() ? 2u : 0u));
  Compiled one{plan::write_plan_json(compiler::lower(std::move(copy), {"many.ferry", "0"}, false)), "", false};
  CHECK(compiler::passes_lowered_in_two() - before == (dsl::second_cpu_available() ? 2u : 0u));
  REQUIRE_FALSE(one.plan.empty());
  CHECK(same_plan(two, one));
}
