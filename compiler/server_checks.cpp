// Warnings on a server that can run but will surprise its planner: a
// policy fallen back to the built-in defaults while other policies exist,
// a max_downtime an account's own moves already exceed, and a move that
// fits its window only on a few nights a year (a daylight-saving night).
// Each is a warning: `simulate` still runs and reports what happens.
#include <algorithm>

#include "compiler/fleet_compiler.hpp"

namespace ferry::compiler {

namespace {

// Fewer fitting openings than this in the year after the fleet start is
// "rarely": less than one every four weeks, which no weekly rule gives
// (it opens 52 times a year) but a DST night or a mostly closed calendar does.
constexpr std::size_t kRareFits = 13;
constexpr std::size_t kDatesShown = 3;

const dsl::ast::Attribute* attribute(const dsl::ast::Block& block, std::string_view key) {
  for (const auto& a : block.attributes)
    if (a.key.text == key) return &a;
  return nullptr;
}

}  // namespace

void FleetCompiler::check_policy_fallback(std::size_t s) {
  const Block& block = *server_blocks_[s];
  if (policies_.empty() || attribute(block, "policy") || policy_index_.count("default")) return;
  std::string hint = policies_.size() == 1 ? "; did you mean policy = \"" + policies_[0]->label->text + "\"?"
                                           : "; name one with policy = \"...\" or call one \"default\"";
  diagnostics_->warning(source_, block.header(),
                       "server \"" + fleet_.servers[s].name +
                           "\" names no policy and none is called \"default\": it uses the built-in defaults "
                           "(windows always open)" + hint);
}

void FleetCompiler::check_max_downtime(std::size_t s, const std::vector<plan::Seconds>& moves) {
  const plan::Server& server = fleet_.servers[s];
  const plan::Policy& policy = fleet_.policies[static_cast<std::size_t>(server.policy)];
  if (!policy.max_downtime) return;
  std::size_t over = 0, worst = 0;
  plan::Seconds worst_total = -1, worst_move = 0;
  for (std::size_t a = 0; a < server.accounts.size(); ++a) {
    const plan::Account& account = server.accounts[a];
    plan::Seconds move = moves[a];
    plan::Seconds total = 2 * move + (account.dns == plan::Dns::external ? policy.ip_reroute : 0);
    if (total <= *policy.max_downtime) continue;
    ++over;
    if (total > worst_total) {
      worst_total = total;
      worst_move = move;
      worst = a;
    }
  }
  if (over == 0) return;
  const plan::Account& account = server.accounts[worst];
  std::string reroute = account.dns == plan::Dns::external ? " and the IP reroute" : "";
  std::string others = over > 1 ? " (and " + std::to_string(over - 1) + " more account" + (over > 2 ? "s" : "") +
                                      " of server \"" + server.name + "\")"
                                : "";
  auto& d = diagnostics_->warning(
      source_, account_blocks_[s][worst]->header(),
      "account \"" + account.name + "\" cannot meet max_downtime " + duration_words(*policy.max_downtime) +
          " of policy \"" + policy.name + "\": its move takes " + duration_words(worst_move) + ", " +
          duration_words(worst_total) + " with the move back" + reroute + others);
  // The setting may come from a policy this one extends.
  if (Setting setting = where_set(static_cast<std::size_t>(server.policy), "max_downtime"); setting.attribute)
    d.notes.push_back({&source_, setting.attribute->value.span, "max_downtime is set here"});
}

FleetCompiler::Setting FleetCompiler::where_set(std::size_t policy, std::string_view key) const {
  // At most one step per policy: a cycle of `extends` is refused, but the
  // walk must end whatever it meets.
  for (std::size_t steps = 0; policy < policies_.size() && steps < policies_.size(); ++steps) {
    const Block& block = *policies_[policy];
    if (const dsl::ast::Attribute* a = attribute(block, key)) return {a, policy};
    auto parent = block.parent ? policy_index_.find(block.parent->text) : policy_index_.end();
    if (parent == policy_index_.end()) break;
    policy = static_cast<std::size_t>(parent->second);
  }
  return {};
}

void FleetCompiler::check_rare_fits(std::size_t s, plan::Windows& windows, const std::vector<plan::Seconds>& moves) {
  const plan::Server& server = fleet_.servers[s];
  const plan::Policy& policy = fleet_.policies[static_cast<std::size_t>(server.policy)];
  const plan::TimeZone& zone = *read_->zone();
  plan::Instant year_end = fleet_.start + 365 * plan::kDay;
  int migrate = policy.migrate_window, move_back = policy.effective_move_back_window();
  for (std::size_t a = 0; a < server.accounts.size(); ++a) {
    plan::Seconds move = moves[a];
    for (int window : {migrate, move_back}) {
      plan::Calendar* calendar = windows.find(window);
      if (!calendar || !calendar_ok_[static_cast<std::size_t>(window)]) continue;
      plan::Seconds longest = calendar->longest_opening();
      if (longest == plan::Calendar::kForever || move > longest) continue;  // always open, or an error already
      auto [cached, fresh] = opening_lengths_.try_emplace(window);
      std::vector<plan::Seconds>& lengths = cached->second;
      if (fresh) {
        for (const plan::Opening& o : calendar->openings())
          if (o.start >= fleet_.start && o.start < year_end) lengths.push_back(o.length());
        std::sort(lengths.begin(), lengths.end());
      }
      auto fits = static_cast<std::size_t>(lengths.end() - std::lower_bound(lengths.begin(), lengths.end(), move));
      if (fits == 0 || fits >= kRareFits) continue;
      std::string dates;
      std::size_t shown = 0;
      for (const plan::Opening& o : calendar->openings()) {
        if (o.start < fleet_.start || o.start >= year_end || o.length() < move) continue;
        if (shown++ < kDatesShown)
          dates += (dates.empty() ? "" : ", ") + plan::local_text(zone.to_local(o.start)) + " (" +
                   duration_words(o.length()) + ")";
      }
      if (fits > kDatesShown) dates += " and " + std::to_string(fits - kDatesShown) + " more";
      bool both = window == migrate && window == move_back;
      diagnostics_->warning(
          source_, account_blocks_[s][a]->header(),
          "account \"" + server.accounts[a].name + "\" needs " + duration_words(move) + " for its " +
              (both ? "migrate and move back" : window == migrate ? "migrate" : "move back") + ", and only " +
              std::to_string(fits) + (fits == 1 ? " opening" : " openings") + " of calendar \"" + calendar->name() +
              "\" in the year from the fleet start " + (fits == 1 ? "is" : "are") + " that long: " + dates +
              "; most last " + duration_words(lengths[lengths.size() / 2]) + ", so the move waits for " +
              (fits == 1 ? "that date" : "those dates"));
      if (both) break;
    }
  }
}

}  // namespace ferry::compiler
