// PlanDocument: a plan file parsed with nlohmann's SAX interface into a DOM
// for everything but the action rows and the servers' account rows, which
// go straight into structs (a 100,000-account plan has 340,000 actions; a
// DOM of them costs more than all the rest). Used by read_plan_json only.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ferry::plan {

struct ActionRow {
  std::string id, kind, mode;
  std::uint64_t server = 0;
  std::optional<std::uint64_t> account, window;
  std::vector<std::uint64_t> after;
  int fields = 0;  // how many of the 7 columns were present and well typed
};

struct AccountRow {
  std::string name, databases, files, mail, dns;
  std::int64_t priority = 0;
  bool prepared = false;
  int fields = 0;
};

// Deeper than this is not a plan (the canonical form nests 6 levels): the
// DOM is never built deeper, so nothing recurses over a hostile depth.
inline constexpr int kMaxJsonDepth = 16;

struct PlanDocument {
  nlohmann::json root;  // "actions" and each server's "accounts" are left out
  std::vector<ActionRow> actions;
  std::vector<std::vector<AccountRow>> accounts;  // per server, in order
  bool actions_present = false;
  std::string error;  // set when the text is not JSON, a key is repeated, or a row is malformed
};

PlanDocument parse_plan_document(const std::string& text);

}  // namespace ferry::plan
