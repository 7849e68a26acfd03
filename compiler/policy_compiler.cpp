// Policies: each one starts from its parent's settings (`policy "rush"
// extends "standard"`) or from the built-in defaults, and overrides the keys
// it sets. Parents are read first; an unknown parent or a cycle is refused
// where the `extends` names it.
#include <algorithm>

#include "compiler/fleet_compiler.hpp"
#include "compiler/suggest.hpp"
#include "dsl/formatter.hpp"

namespace ferry::compiler {

std::vector<int> FleetCompiler::policy_parents(std::vector<bool>& broken) {
  std::size_t n = policies_.size();
  std::vector<int> parent(n, -1);
  broken.assign(n, false);
  std::vector<std::string> names;
  for (const auto& [name, i] : policy_index_) names.push_back(name);
  for (std::size_t i = 0; i < n; ++i) {
    const Block& b = *policies_[i];
    if (!b.parent) continue;
    auto it = policy_index_.find(b.parent->text);
    if (it != policy_index_.end()) {
      parent[i] = it->second;
      continue;
    }
    error(b.parent->span, "unknown policy \"" + b.parent->text + "\" to extend" + did_you_mean(b.parent->text, names));
    broken[i] = true;
  }
  // Walk each chain once (iteratively: a chain may be as long as the file).
  enum State { unvisited, on_path, done };
  std::vector<State> state(n, unvisited);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::size_t> path;
    int at = static_cast<int>(i);
    while (at >= 0 && state[static_cast<std::size_t>(at)] == unvisited) {
      state[static_cast<std::size_t>(at)] = on_path;
      path.push_back(static_cast<std::size_t>(at));
      at = parent[static_cast<std::size_t>(at)];
    }
    if (at >= 0 && state[static_cast<std::size_t>(at)] == on_path) {
      // The cycle is the end of the path from `at`; report it at the member
      // written first, with a note at every other link.
      auto from = std::find(path.begin(), path.end(), static_cast<std::size_t>(at));
      std::vector<std::size_t> cycle(from, path.end());
      std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
      const Block& first = *policies_[cycle[0]];
      std::string chain = "\"" + first.label->text + "\"";
      for (std::size_t k = 1; k <= cycle.size(); ++k)
        chain += " extends \"" + policies_[cycle[k % cycle.size()]]->label->text + "\"";
      auto& d = error(first.parent->span, cycle.size() == 1
                                              ? "policy \"" + first.label->text + "\" extends itself"
                                              : "policies extend each other in a cycle: " + chain);
      for (std::size_t k = 1; k < cycle.size(); ++k)
        d.notes.push_back({&source_, policies_[cycle[k]]->parent->span,
                           "\"" + policies_[cycle[k]]->label->text + "\" extends \"" +
                               policies_[cycle[k]]->parent->text + "\" here"});
      for (std::size_t member : cycle) {
        broken[member] = true;
        parent[member] = -1;
      }
    }
    for (std::size_t p : path) state[p] = done;
  }
  return parent;
}

void FleetCompiler::read_policies() {
  std::size_t n = policies_.size();
  std::vector<bool> broken;
  std::vector<int> parent = policy_parents(broken);
  fleet_.policies.assign(n, plan::default_policy());
  policy_ok_.assign(n, false);
  std::vector<bool> read(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    // The unread part of i's chain, read from its root down.
    std::vector<std::size_t> chain;
    for (int at = static_cast<int>(i); at >= 0 && !read[static_cast<std::size_t>(at)];
         at = parent[static_cast<std::size_t>(at)])
      chain.push_back(static_cast<std::size_t>(at));
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      std::size_t p = *it;
      plan::Policy policy = parent[p] >= 0 ? fleet_.policies[static_cast<std::size_t>(parent[p])] : plan::default_policy();
      policy.name = policies_[p]->label->text;
      bool read_ok = clean([&] { read_policy(*policies_[p], policy); });
      bool parent_ok = parent[p] < 0 || policy_ok_[static_cast<std::size_t>(parent[p])];
      policy_ok_[p] = read_ok && !broken[p] && parent_ok;
      fleet_.policies[p] = std::move(policy);
      read[p] = true;
    }
  }
}

void FleetCompiler::read_policy(const Block& block, plan::Policy& policy) {
  BlockKeys keys(block, source_, *diagnostics_);
  auto expression = [&](const char* key, Scope scope, plan::Duration& out) {
    if (auto* a = keys.get(key))
      if (auto value = read_->duration_expression(*a, scope)) {
        out = std::move(value->program);
        out.text = dsl::format_expression(a->value);
      }
  };
  expression("prepare", Scope::account, policy.prepare);
  expression("migrate_delay", Scope::account, policy.migrate_delay);
  expression("downtime", Scope::account, policy.downtime);
  expression("install", Scope::server, policy.install);
  expression("reinstall", Scope::server, policy.reinstall);
  auto seconds = [&](const char* key, plan::Seconds& out) {
    if (auto* a = keys.get(key))
      if (auto d = read_->duration(*a)) out = *d;
  };
  seconds("ip_reroute", policy.ip_reroute);
  seconds("free_transit", policy.free_transit);
  seconds("free_move_back", policy.free_move_back);
  seconds("rollback_window", policy.rollback_window);
  seconds("rollback_time", policy.rollback_time);
  seconds("retry_after", policy.retry_after);
  if (auto* a = keys.get("max_downtime"))
    if (auto d = read_->duration(*a)) policy.max_downtime = *d;
  if (auto* a = keys.get("migrate_window")) policy.migrate_window = window(*a);
  if (auto* a = keys.get("move_back_window")) policy.move_back_window = window(*a);
  if (auto* a = keys.get("support_window")) policy.support_window = window(*a);
  if (auto* a = keys.get("order"))
    if (auto w = read_->word(*a, {"as_written", "largest_first", "smallest_first", "priority"}))
      policy.order = *w == "as_written" ? plan::MoveOrder::as_written
                     : *w == "largest_first" ? plan::MoveOrder::largest_first
                     : *w == "smallest_first" ? plan::MoveOrder::smallest_first
                                              : plan::MoveOrder::priority;
  if (auto* a = keys.get("parallel"))
    if (auto n = read_->integer(*a, 1, plan::limits::kMaxParallel)) policy.parallel = static_cast<int>(*n);
  if (auto* a = keys.get("move_back_by"))
    if (auto w = read_->word(*a, {"support", "user"}))
      policy.move_back_by = *w == "user" ? plan::MoveBackBy::user : plan::MoveBackBy::support;
  if (auto* a = keys.get("rollback_rate"))
    if (auto f = read_->fraction(*a)) policy.rollback_rate = *f;
  if (auto* a = keys.get("deadline")) {
    policy.deadline = read_->date_time(*a);
    // Every release comes after the start: such a deadline is a typo, not a plan.
    if (policy.deadline && start_attribute_ && *policy.deadline < fleet_.start) {
      auto& d = error(a->value.span, "deadline " + plan::local_text(read_->zone()->to_local(*policy.deadline)) +
                                         " is before the fleet start " +
                                         plan::local_text(read_->zone()->to_local(fleet_.start)) +
                                         ": no server can be released by then");
      d.notes.push_back({&source_, start_attribute_->value.span, "the fleet starts here"});
      policy.deadline.reset();
    }
  }
}

}  // namespace ferry::compiler
