#include "compiler/block_keys.hpp"

#include <utility>

#include "compiler/suggest.hpp"

namespace ferry::compiler {

namespace {

// In the order a misplaced key is looked for elsewhere: policy settings are
// the ones most often put on a server.
const std::vector<std::pair<std::string_view, std::vector<KeySpec>>>& table() {
  static const std::vector<std::pair<std::string_view, std::vector<KeySpec>>> kinds = {
      {"policy",
       {{"prepare"}, {"migrate_delay"}, {"downtime"}, {"install"}, {"reinstall"}, {"ip_reroute"}, {"migrate_window"},
        {"move_back_window"}, {"support_window"}, {"order"}, {"parallel"}, {"free_transit"}, {"move_back_by"},
        {"free_move_back"}, {"rollback_window"}, {"rollback_rate"}, {"rollback_time"}, {"retry_after"},
        {"max_downtime"}, {"deadline"}}},
      {"server",
       {{"cpu", true}, {"ram", true}, {"disk", true}, {"price", true}, {"policy"}, {"ready"}, {"transit"},
        {"avoid_transits"}, {"priority"}}},
      {"account", {{"databases"}, {"files"}, {"mail"}, {"dns"}, {"priority"}, {"prepared"}}},
      {"fleet", {{"start", true}, {"timezone"}, {"currency"}, {"support_capacity"}, {"transit_recycle"}}},
      {"calendar", {{"open", true}, {"closed"}}},
      {"transit", {{"cpu", true}, {"ram", true}, {"disk", true}, {"busy_until"}}},
      {"runtime",
       {{"journal"}, {"migrate"}, {"move_back"}, {"rollback"}, {"install_transit"}, {"reinstall"}, {"timeout"},
        {"retries"}, {"on_interrupt"}}},
  };
  return kinds;
}

bool takes(const std::vector<KeySpec>& keys, std::string_view key) {
  for (const KeySpec& k : keys)
    if (key == k.name) return true;
  return false;
}

// "'deadline' is a policy setting, ...": where a key of another kind goes,
// or "" if no other kind takes it.
std::string where_it_belongs(std::string_view key, std::string_view kind) {
  for (const auto& [other, keys] : table()) {
    if (other == kind || !takes(keys, key)) continue;
    std::string k(key);
    if (other == "policy")
      return "; '" + k + "' is a policy setting: set it in the policy the " + std::string(kind) +
             (kind == "server" ? " names (policy = \"name\")" : " uses");
    return "; '" + k + "' belongs in " + (other == "account" ? "an " : "a ") + std::string(other) + " block";
  }
  return "";
}

}  // namespace

const std::vector<KeySpec>& keys_of(std::string_view kind) {
  static const std::vector<KeySpec> none;
  for (const auto& [name, keys] : table())
    if (name == kind) return keys;
  return none;
}

BlockKeys::BlockKeys(const dsl::ast::Block& block, const dsl::SourceFile& source, dsl::Diagnostics& diagnostics) {
  const std::vector<KeySpec>& keys = keys_of(block.kind.text);
  found_.reserve(block.attributes.size());
  for (const dsl::ast::Attribute& a : block.attributes) {
    const std::string& key = a.key.text;
    if (!takes(keys, key)) {
      bool block_kind = key == "account" && block.kind.text == "server";
      std::string hint = where_it_belongs(key, block.kind.text);
      if (hint.empty()) {
        std::vector<std::string> names;
        for (const KeySpec& k : keys) names.emplace_back(k.name);
        hint = did_you_mean(key, names);
      }
      diagnostics.error(source, a.key.span,
                        block_kind ? "'account' is a block: account \"name\" { ... }"
                                   : "unknown key '" + key + "' in " + block.kind.text + hint);
      continue;
    }
    if (const dsl::ast::Attribute* first = get(key)) {
      auto& d = diagnostics.error(source, a.key.span, "duplicate key '" + key + "' in " + block.title());
      d.notes.push_back({&source, first->key.span, "first set here"});
      continue;
    }
    found_.emplace_back(key, &a);
  }
  for (const KeySpec& k : keys)
    if (k.required && !get(k.name) && !block.damaged)
      diagnostics.error(source, block.header(), block.title() + " is missing the required key '" + std::string(k.name) + "'");
}

const dsl::ast::Attribute* BlockKeys::get(std::string_view key) const {
  for (const auto& [name, attribute] : found_)
    if (name == key) return attribute;
  return nullptr;
}

}  // namespace ferry::compiler
