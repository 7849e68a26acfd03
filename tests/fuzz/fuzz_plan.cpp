// libFuzzer target for plan files: any bytes through the plan file reader
// (the fast row reader, the SAX handler, the hash, the value checks, the
// compiler's checks), and, when the bytes are a JSON object, the same object
// stamped again with a valid plan_sha256 so that the checks behind the hash
// are reached too. What is accepted must be exactly what ferry writes, and
// is simulated (when small enough to be quick): so that division, overflow
// and billing on values a plan file can hold are fuzzed as well.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "compiler/plan_file_check.hpp"
#include "plan/sha256.hpp"
#include "simulator/engine.hpp"

namespace {

// Bounds on what is simulated, so that one input stays well under a second.
constexpr std::size_t kMaxServers = 20, kMaxAccounts = 100;

void accepted(const std::string& text) {
  ferry::plan::PlanFile file = ferry::compiler::read_plan_file(text);
  if (!file.plan) return;
  if (ferry::plan::write_plan_json(*file.plan) != text) std::abort();  // accepted means canonical
  const ferry::plan::Fleet& fleet = file.plan->fleet;
  std::size_t accounts = 0;
  for (const auto& server : fleet.servers) accounts += server.accounts.size();
  if (fleet.servers.size() > kMaxServers || accounts > kMaxAccounts) return;
  (void)ferry::simulator::simulate(*file.plan);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  accepted(text);
  // Values deeper than a plan's are dropped, so the DOM stays shallow.
  auto shallow = [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) { return depth <= 8; };
  nlohmann::json j = nlohmann::json::parse(text, shallow, false);
  if (j.is_object()) {
    j.erase("plan_sha256");
    std::string canonical = j.dump();
    std::string hash = ferry::plan::sha256_hex(canonical);
    canonical.pop_back();
    accepted(canonical + ",\"plan_sha256\":\"" + hash + "\"}\n");
  }
  return 0;
}
