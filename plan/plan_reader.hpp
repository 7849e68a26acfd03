// PlanDocument: a plan file parsed with nlohmann's SAX interface into a DOM
// for everything but the action rows, which go straight into ActionRow
// structs (a 100,000-account plan has 340,000 of them; a DOM of them costs
// more than all the rest). Used by read_plan_json only.
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

struct PlanDocument {
  nlohmann::json root;  // "actions" is left out
  std::vector<ActionRow> actions;
  bool actions_present = false;
  std::string error;  // set when the text is not JSON, or a row is malformed
};

PlanDocument parse_plan_document(const std::string& text);

}  // namespace ferry::plan
