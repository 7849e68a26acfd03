// Every dimension rule of DESIGN §2.2, table-driven: a policy setting, and
// either the seconds it evaluates to for an account of 2 GB of databases,
// 3 GB of files and 1 GB of mail, or the error it must produce.
#include <catch2/catch.hpp>

#include "tests/support/fleet_from_text.hpp"

namespace {

struct Case {
  const char* key;
  const char* value;
  long long seconds;    // expected mean, when no error
  const char* error;    // expected message fragment, or nullptr
};

ferry::testing::Checked check_setting(const Case& c) {
  std::string text = std::string(R"(fleet "f" { start = 2026-12-07 09:00 }
transit "t" { cpu = 8 ram = 32GB disk = 1TB }
policy "default" { )") + c.key + " = " + c.value + R"( }
server "s" { cpu = 4 ram = 16GB disk = 500GB price = 10 EUR/month
  account "a" { databases = 2GB files = 3GB mail = 1GB }
}
)";
  return ferry::testing::check_text(text);
}

}  // namespace

TEST_CASE("dimensions: what each setting accepts and what it evaluates to") {
  const Case cases[] = {
      {"downtime", "30s + 1min/GB * databases", 150, nullptr},
      {"downtime", "1min/GB * size", 360, nullptr},
      {"downtime", "(files + mail) / 100MB/s", 40, nullptr},
      {"downtime", "2 * 30s", 60, nullptr},
      {"downtime", "1h / 4", 900, nullptr},
      {"downtime", "min(1h, 10min) + max(1s, 2s)", 602, nullptr},
      {"downtime", "uniform(1min, 3min)", 120, nullptr},
      {"downtime", "triangular(1min, 2min, 6min)", 180, nullptr},
      {"downtime", "normal(5min, 1min)", 300, nullptr},
      {"downtime", "1d + 1w", 8 * 86400, nullptr},
      {"downtime", "1min/GiB * 1GiB", 60, nullptr},
      {"downtime", "1min/GB * 25MB", 2, nullptr},  // exactly 1.5 s, half-up
      {"downtime", "-(1min - 2min)", 60, nullptr},
      {"install", "4h + 1min * accounts", 14460, nullptr},
      {"install", "1h * databases / 1GB", 7200, nullptr},
      {"downtime", "12GB", 0, "downtime must be a duration, this is a data size"},
      {"downtime", "30s + 1GB", 0, "cannot add a data size to a duration"},
      {"downtime", "30s - 2", 0, "cannot subtract a plain number from a duration"},
      {"downtime", "min(1s, 1GB)", 0, "the arguments of min() must have one dimension"},
      {"downtime", "uniform(1s, 2)", 0, "the arguments of uniform() must have one dimension"},
      {"downtime", "databases", 0, "downtime must be a duration, this is a data size"},
      {"downtime", "databases / 1min", 0, "this is a rate (data per time)"},
      {"downtime", "1min * 1min", 0, "this is a quantity of time^2"},
      {"downtime", "10 EUR", 0, "this is an amount of money"},
      {"downtime", "1min * accounts", 0, "'accounts' is a server-only name"},
      {"downtime", "1min / 0", 0, "division by zero"},
      {"downtime", "1min / (1GB - 1GB)", 0, "division by zero"},
      {"downtime", "\"1min\"", 0, "a string cannot be used in an expression"},
      {"downtime", "2026-12-25", 0, "a date cannot be used in an expression"},
      {"downtime", "frob(1min)", 0, "unknown function 'frob'"},
      {"downtime", "1min * databasez", 0, "unknown name 'databasez'; did you mean 'databases'?"},
      {"downtime", "1 fortnight", 0, "expected"},  // `1 fortnight`: a number, then a stray word
      {"downtime", "1fortnight", 0, "unknown unit 'fortnight'"},
      {"ip_reroute", "1min * databases", 0, "'databases' cannot be used here"},
      {"ip_reroute", "2min", -1, nullptr},
      {"rollback_rate", "2%", -1, nullptr},
      {"rollback_rate", "0.5", -1, nullptr},
      {"rollback_rate", "101%", 0, "rollback_rate must be a percentage between 0% and 100%"},
      {"rollback_rate", "5min", 0, "rollback_rate must be a percentage such as 2%, this is a duration"},
      {"free_transit", "1month", 0, "free_transit must be a duration, this is a quantity of month"},
      {"free_transit", "-1d", 0, "negative duration"},
      {"parallel", "2.5", 0, "parallel must be a whole number"},
      {"parallel", "2GB", 0, "parallel must be a whole number, this is a data size"},
  };
  for (const Case& c : cases) {
    INFO(c.key << " = " << c.value);
    auto checked = check_setting(c);
    INFO(checked.diagnostics);
    if (c.error) {
      CHECK_THAT(checked.diagnostics, Catch::Contains(c.error));
      CHECK(checked.errors >= 1);
      continue;
    }
    REQUIRE(checked.fleet.has_value());
    if (c.seconds < 0) continue;
    const auto& policy = checked.fleet->policies.front();
    const auto& server = checked.fleet->servers.front();
    std::string key = c.key;
    long long got = key == "install" ? policy.install.mean_seconds(server.variables())
                                     : policy.downtime.mean_seconds(server.accounts.front().variables());
    CHECK(got == c.seconds);
  }
}

TEST_CASE("sizes: decimal and binary units, exactly") {
  auto checked = ferry::testing::check_text(R"(fleet "f" { start = 2026-12-07 09:00 }
transit "t" { cpu = 8 ram = 32GB disk = 1TB }
server "s" { cpu = 4 ram = 16GiB disk = 0.5TB price = 10.5 EUR/month
  account "a" { databases = 1.5KiB files = 0.1MB mail = 3B }
}
)");
  INFO(checked.diagnostics);
  REQUIRE(checked.fleet);
  const auto& s = checked.fleet->servers.front();
  CHECK(s.ram == ferry::plan::Exact(17179869184LL));
  CHECK(s.disk == ferry::plan::Exact(500000000000LL));
  CHECK(s.accounts[0].databases == ferry::plan::Exact(1536));
  CHECK(s.accounts[0].files == ferry::plan::Exact(100000));
  CHECK(s.price.mantissa == 105);
  CHECK(s.price.scale == 1);
}

TEST_CASE("sizes: every unit of DESIGN 2.1, in values and in expressions") {
  struct Case {
    const char* text;
    long long bytes;
  };
  const Case cases[] = {{"1B", 1},
                        {"1KB", 1000},
                        {"1MB", 1000000},
                        {"1GB", 1000000000LL},
                        {"1TB", 1000000000000LL},
                        {"1KiB", 1024},
                        {"1MiB", 1048576},
                        {"1GiB", 1073741824LL},
                        {"1TiB", 1099511627776LL}};
  for (const Case& c : cases) {
    INFO(c.text);
    auto checked = ferry::testing::check_text(std::string(R"(fleet "f" { start = 2026-12-07 09:00 }
transit "t" { cpu = 8 ram = 32GB disk = 2TB }
server "s" { cpu = 4 ram = 16GB disk = 500GB price = 10 EUR/month account "a" { databases = )") +
                                              c.text + " } }\n");
    INFO(checked.diagnostics);
    REQUIRE(checked.fleet);
    CHECK(checked.fleet->servers[0].accounts[0].databases == ferry::plan::Exact(c.bytes));
  }
  // A rate in decimal megabytes over a size in binary ones: 100 MiB at
  // 1 MB/s is 104.8576 s, rounded to 105 (100 s if MB were 2^20 bytes).
  auto checked = ferry::testing::check_text(R"(fleet "f" { start = 2026-12-07 09:00 }
policy "default" { downtime = databases / 1MB/s  install = (files + mail) / 1MiB/s }
transit "t" { cpu = 8 ram = 32GB disk = 2TB }
server "s" { cpu = 4 ram = 16GB disk = 500GB price = 10 EUR/month
  account "a" { databases = 100MiB files = 3MB mail = 1000KB } }
)");
  INFO(checked.diagnostics);
  REQUIRE(checked.fleet);
  const auto& policy = checked.fleet->policies[static_cast<std::size_t>(checked.fleet->servers[0].policy)];
  CHECK(policy.downtime.mean_seconds(checked.fleet->servers[0].accounts[0].variables()) == 105);
  // 4,000,000 B at 1,048,576 B/s: 3.8147 s -> 4.
  CHECK(policy.install.mean_seconds(checked.fleet->servers[0].variables()) == 4);
}
