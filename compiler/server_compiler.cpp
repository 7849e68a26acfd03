// Servers with their accounts, the runtime block, and the checks on whole
// subjects that need everything else read first: a transit that can ever
// serve each server, and moves that fit their windows.
#include <algorithm>

#include "compiler/fleet_compiler.hpp"
#include "compiler/suggest.hpp"
#include "dsl/formatter.hpp"
#include "plan/windows.hpp"

namespace ferry::compiler {

namespace {

std::string size_words(const plan::Exact& bytes) {
  long double b = bytes.value();
  const char* units[] = {"B", "KB", "MB", "GB", "TB", "PB"};
  int u = 0;
  while (b >= 1000 && u < 5) {
    b /= 1000;
    ++u;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4Lg%s", b, units[u]);
  return buffer;
}

}  // namespace

void FleetCompiler::read_server(const Block& block) {
  plan::Server server;
  server.name = block.label->text;
  BlockKeys keys(block, source_, *diagnostics_);
  read_machine(keys, server.cpu, server.ram, server.disk);
  if (auto* a = keys.get("price"))
    if (auto p = read_->price(*a)) server.price = *p;
  if (auto* a = keys.get("ready")) server.ready = read_->date_time(*a);
  if (auto* a = keys.get("priority"))
    if (auto n = read_->integer(*a, -1000000000, 1000000000)) server.priority = *n;
  read_transit_choice(keys, server);
  server.policy = -1;
  if (auto* a = keys.get("policy")) {
    server.policy = reference(*a, policy_index_, "policy").value_or(-1);
  } else if (auto it = policy_index_.find("default"); it != policy_index_.end()) {
    server.policy = it->second;
  }
  if (server.policy < 0) {
    // The built-in defaults, added once, after the named policies.
    if (fleet_.policies.size() == policies_.size()) fleet_.policies.push_back(plan::default_policy());
    server.policy = static_cast<int>(fleet_.policies.size()) - 1;
  }
  std::vector<const Block*> accounts;
  for (const Block& child : block.blocks) {
    if (child.kind.text != "account" || !child.label) continue;
    plan::Account account;
    account.name = child.label->text;
    read_account(child, account);
    server.accounts.push_back(std::move(account));
    accounts.push_back(&child);
  }
  if (half_names_) note_account_names(block, accounts);
  fleet_.servers.push_back(std::move(server));
  server_blocks_.push_back(&block);
  account_blocks_.push_back(std::move(accounts));
}

void FleetCompiler::read_transit_choice(const BlockKeys& keys, plan::Server& server) {
  auto size_text = [](std::int64_t cpu, const plan::Exact& ram, const plan::Exact& disk) {
    return "cpu " + std::to_string(cpu) + ", ram " + size_words(ram) + ", disk " + size_words(disk);
  };
  if (auto* a = keys.get("transit"))
    if (auto t = reference(*a, transit_index_, "transit")) {
      const plan::Transit& transit = fleet_.transits[static_cast<std::size_t>(*t)];
      if (transits_ok_ && !transit.matches(server))
        error(a->value.span, "transit \"" + transit.name + "\" (" + size_text(transit.cpu, transit.ram, transit.disk) +
                                 ") is too small for server \"" + server.name + "\" (" +
                                 size_text(server.cpu, server.ram, server.disk) + ")");
      else server.pinned_transit = static_cast<std::size_t>(*t);
    }
  if (auto* a = keys.get("avoid_transits")) {
    std::vector<const dsl::ast::Expression*> items;
    if (auto* list = list_items(a->value)) for (const auto& item : *list) items.push_back(&item);
    else items.push_back(&a->value);  // one name stands for a list of one
    std::vector<std::string> names;
    for (const auto& [name, i] : transit_index_) names.push_back(name);
    for (const dsl::ast::Expression* item : items) {
      const dsl::ast::Literal* l = single_literal(*item);
      if (!l || (l->kind != dsl::ast::LiteralKind::string && l->kind != dsl::ast::LiteralKind::name)) {
        error(item->span, "avoid_transits takes transit names such as [\"tr-2\"]");
        continue;
      }
      auto it = transit_index_.find(l->text);
      if (it == transit_index_.end()) {
        error(l->span, "unknown transit \"" + l->text + "\"" + did_you_mean(l->text, names));
        continue;
      }
      auto index = static_cast<std::size_t>(it->second);
      if (server.pinned_transit == index) {
        auto& d = error(l->span, "server \"" + server.name + "\" both uses and avoids transit \"" + l->text + "\"");
        d.notes.push_back({&source_, keys.get("transit")->value.span, "it uses it here"});
        continue;
      }
      server.avoided_transits.push_back(index);
    }
    std::sort(server.avoided_transits.begin(), server.avoided_transits.end());
    server.avoided_transits.erase(std::unique(server.avoided_transits.begin(), server.avoided_transits.end()),
                                  server.avoided_transits.end());
  }
}

void FleetCompiler::read_account(const Block& block, plan::Account& account) {
  BlockKeys keys(block, source_, *diagnostics_);
  for (auto [key, field] : {std::pair{"databases", &account.databases}, std::pair{"files", &account.files},
                            std::pair{"mail", &account.mail}})
    if (auto* a = keys.get(key))
      if (auto s = read_->size(*a)) *field = *s;
  if (auto* a = keys.get("dns"))
    if (auto w = read_->word(*a, {"provider", "external"}))
      account.dns = *w == "provider" ? plan::Dns::provider : plan::Dns::external;
  if (auto* a = keys.get("priority"))
    if (auto n = read_->integer(*a, -1000000000, 1000000000)) account.priority = *n;
  if (auto* a = keys.get("prepared"))
    if (auto b = read_->boolean(*a)) account.prepared = *b;
}

void FleetCompiler::read_runtime(const Block& block) {
  plan::RuntimeSettings runtime;
  BlockKeys keys(block, source_, *diagnostics_);
  for (auto [key, field] : {std::pair{"journal", &runtime.journal}, std::pair{"migrate", &runtime.migrate},
                            std::pair{"move_back", &runtime.move_back}, std::pair{"rollback", &runtime.rollback}})
    if (auto* a = keys.get(key))
      if (auto s = read_->string(*a)) *field = *s;
  for (auto [key, field] : {std::pair{"install_transit", &runtime.install_transit},
                            std::pair{"reinstall", &runtime.reinstall}})
    if (auto* a = keys.get(key)) {
      const dsl::ast::Literal* l = single_literal(a->value);
      if (l && l->kind == dsl::ast::LiteralKind::name && l->text == "manual") *field = "";
      else if (l && l->kind == dsl::ast::LiteralKind::string) *field = l->text;
      else error(a->value.span, std::string(key) + " must be manual or a command in double quotes");
    }
  if (auto* a = keys.get("timeout"))
    if (auto d = read_->duration(*a)) runtime.timeout = *d;
  if (auto* a = keys.get("retries"))
    if (auto n = read_->integer(*a, 0, 100)) runtime.retries = static_cast<int>(*n);
  if (auto* a = keys.get("on_interrupt"))
    if (auto w = read_->word(*a, {"rerun", "ask"})) runtime.ask_on_interrupt = *w == "ask";
  fleet_.runtime = std::move(runtime);
}

// A duration that depends on the subject may divide by zero, or give a
// distribution its arguments out of order, for some accounts only: an
// error at the expression (in the policy that writes it, maybe one this
// server's policy extends), naming the first such account, once per
// setting.
bool FleetCompiler::evaluable(std::size_t s, const SubjectValues& values) {
  const plan::Server& server = fleet_.servers[s];
  auto p = static_cast<std::size_t>(server.policy);
  if (p >= policies_.size() || !policy_ok_[p]) return true;  // the built-in defaults are constants
  const plan::Policy& policy = fleet_.policies[p];
  auto check = [&](const char* key, const plan::Duration& d, const plan::Variables& v, const Block& subject) {
    auto problem = d.problem(v);
    if (!problem) return true;
    Setting setting = where_set(p, key);
    if (!setting.attribute || !reported_.insert({setting.policy, key}).second) return false;
    auto& e = error(setting.attribute->value.span, std::string(key) + " cannot be computed for " + subject.title() +
                                                       (&subject == server_blocks_[s] ? "" : " of server \"" + server.name + "\"") +
                                                       ": " + problem->what);
    e.notes.push_back({&source_, subject.header(), subject.title() + " is here"});
    return false;
  };
  bool ok = check("install", policy.install, values.server, *server_blocks_[s]) &&
            check("reinstall", policy.reinstall, values.server, *server_blocks_[s]);
  for (std::size_t a = 0; ok && a < server.accounts.size(); ++a) {
    const plan::Variables& v = values.accounts[a];
    ok = (server.accounts[a].prepared || check("prepare", policy.prepare, v, *account_blocks_[s][a])) &&
         check("downtime", policy.downtime, v, *account_blocks_[s][a]);
  }
  return ok;
}

void FleetCompiler::check_calendars(plan::Windows& windows) {
  for (std::size_t i = 0; i < windows.size(); ++i) {
    if (calendar_ok_[i] && !windows.at(i).ever_open())
      error(calendars_[i]->header(), "calendar \"" + fleet_.calendars[i].name + "\" is never open");
  }
}

void FleetCompiler::check_servers(plan::Windows& windows) {
  const plan::Transit* largest = nullptr;
  for (const plan::Transit& t : fleet_.transits)
    if (!largest || t.cpu > largest->cpu || (t.cpu == largest->cpu && (largest->ram < t.ram || (t.ram == largest->ram && largest->disk < t.disk))))
      largest = &t;
  for (std::size_t s = 0; s < fleet_.servers.size() && !half_gives_up(); ++s)
    if (server_ok_[s]) check_server(s, windows, largest);
}

void FleetCompiler::check_server(std::size_t s, plan::Windows& windows, const plan::Transit* largest) {
  const plan::Server& server = fleet_.servers[s];
  const Block& block = *server_blocks_[s];
  if (server.accounts.empty()) {
    diagnostics_->warning(source_, block.header(), "server \"" + server.name + "\" has no accounts; it is skipped");
    return;
  }
  check_policy_fallback(s);
  bool matched = false, matched_by_size = false;
  for (std::size_t t = 0; t < fleet_.transits.size(); ++t) {
    matched_by_size = matched_by_size || fleet_.transits[t].matches(server);
    matched = matched || (fleet_.transits[t].matches(server) && server.may_use(t));
  }
  if (!matched && matched_by_size && transits_ok_) {
    std::string avoided;
    for (std::size_t t : server.avoided_transits) avoided += (avoided.empty() ? "\"" : ", \"") + fleet_.transits[t].name + "\"";
    error(block.header(), "no transit ever matches server \"" + server.name + "\": every transit large enough is in its "
                          "avoid_transits (" + avoided + ")");
  } else if (!matched && transits_ok_) {
    std::string needs = "cpu " + std::to_string(server.cpu) + ", ram " + size_words(server.ram) + ", disk " +
                        size_words(server.disk);
    error(block.header(), "no transit ever matches server \"" + server.name + "\" (needs " + needs + "); " +
                              (largest ? "the largest transit is \"" + largest->name + "\" (cpu " +
                                             std::to_string(largest->cpu) + ", ram " + size_words(largest->ram) +
                                             ", disk " + size_words(largest->disk) + ")"
                                       : std::string("no transit is declared")));
  }
  const plan::Policy& policy = fleet_.policies[static_cast<std::size_t>(server.policy)];
  // Each subject's variables, evaluated once for every check below.
  SubjectValues values{server.variables(), {}};
  values.accounts.reserve(server.accounts.size());
  for (const plan::Account& account : server.accounts) values.accounts.push_back(account.variables());
  if (!evaluable(s, values)) return;
  auto too_long = [&](plan::Seconds seconds, const Block& subject, const char* what) {
    if (seconds <= kMaxDuration) return false;
    error(subject.header(), std::string(what) + " of " + subject.title() + " would take " +
                                duration_words(seconds) + ", more than ten years; ferry plans migrations, not eras");
    return true;
  };
  if (too_long(policy.install.mean_seconds(values.server), block, "the install") ||
      too_long(policy.reinstall.mean_seconds(values.server), block, "the reinstall"))
    return;
  // Each account's mean move, for the checks of its length and windows.
  std::vector<plan::Seconds> moves;
  moves.reserve(server.accounts.size());
  for (const plan::Variables& v : values.accounts) moves.push_back(policy.downtime.mean_seconds(v));
  bool accounts_ok = true;
  for (std::size_t a = 0; a < server.accounts.size() && accounts_ok; ++a) {
    const plan::Variables& v = values.accounts[a];
    const Block& subject = *account_blocks_[s][a];
    accounts_ok = !too_long(moves[a], subject, "a move") &&
                  !too_long(policy.prepare.mean_seconds(v), subject, "the prepare") &&
                  !too_long(policy.migrate_delay.mean_seconds(v), subject, "the migrate delay");
  }
  if (!accounts_ok) return;
  bool policy_checked = static_cast<std::size_t>(server.policy) >= policy_ok_.size() ||
                        policy_ok_[static_cast<std::size_t>(server.policy)];
  for (std::size_t a = 0; policy_checked && a < server.accounts.size(); ++a) {
    plan::Seconds move = moves[a];
    for (auto [window, what] : {std::pair{policy.migrate_window, "migrate"},
                                std::pair{policy.effective_move_back_window(), "move back"}}) {
      plan::Calendar* calendar = windows.find(window);
      if (!calendar || !calendar_ok_[static_cast<std::size_t>(window)]) continue;
      plan::Seconds longest = calendar->longest_opening();
      if (longest > 0 && move > longest) {
        error(account_blocks_[s][a]->header(),
              "account \"" + server.accounts[a].name + "\" needs " + duration_words(move) + " for its " + what +
                  ", longer than the longest opening of calendar \"" + calendar->name() + "\" (" +
                  duration_words(longest) + "): it could never run");
        break;
      }
    }
  }
  if (policy_checked) {
    check_max_downtime(s, moves);
    check_rare_fits(s, windows, moves);
  }
}

}  // namespace ferry::compiler
