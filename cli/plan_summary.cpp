#include "cli/plan_summary.hpp"

#include <algorithm>
#include <cstdio>

namespace ferry::cli {

std::string plan_summary(const plan::Plan& plan) {
  const plan::Fleet& f = plan.fleet;
  std::size_t accounts = 0, empty = 0;
  for (const plan::Server& s : f.servers) {
    accounts += s.accounts.size();
    empty += s.accounts.empty();
  }
  std::string out = "plan of fleet \"" + f.name + "\" (" + f.timezone + ")\n";
  out += "  source    " + plan.source.path + " (sha256 " + plan.source.sha256.substr(0, 12) + "...)\n";
  out += "  servers   " + std::to_string(f.servers.size() - empty) + " with accounts";
  if (empty) out += ", " + std::to_string(empty) + " without (skipped)";
  out += "\n  accounts  " + std::to_string(accounts) + "\n  actions  ";
  for (int k = 0; k <= static_cast<int>(plan::ActionKind::release_transit); ++k)
    out += " " + std::string(plan::kind_name(static_cast<plan::ActionKind>(k))) + " " +
           std::to_string(plan.count(static_cast<plan::ActionKind>(k)));
  out += "\n  support crew " + std::to_string(f.support_capacity) + "\n  transit pool\n";
  char line[256];
  for (const plan::Transit& t : f.transits) {
    std::size_t served = static_cast<std::size_t>(std::count_if(
        f.servers.begin(), f.servers.end(), [&](const plan::Server& s) { return !s.accounts.empty() && t.matches(s); }));
    std::snprintf(line, sizeof line, "    %-20s cpu %-4lld ram %8.0f GB  disk %8.0f GB  matches %zu server(s)\n",
                  t.name.c_str(), static_cast<long long>(t.cpu), static_cast<double>(t.ram.value()) / 1e9,
                  static_cast<double>(t.disk.value()) / 1e9, served);
    out += line;
  }
  std::string unserved;
  for (const plan::Server& s : f.servers)
    if (!s.accounts.empty() &&
        std::none_of(f.transits.begin(), f.transits.end(), [&](const plan::Transit& t) { return t.matches(s); }))
      unserved += " " + s.name;
  out += unserved.empty() ? "  every server has a matching transit\n" : "  no transit can ever serve:" + unserved + "\n";
  return out;
}

}  // namespace ferry::cli
