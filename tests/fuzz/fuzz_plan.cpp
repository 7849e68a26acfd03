// libFuzzer target for plan files: any bytes through read_plan_json (the
// fast row reader, the SAX handler, the hash check), and, when the bytes are
// a JSON object, the same object re-stamped with a valid plan_sha256 so that
// the content checks behind the hash are reached too. Accepted plans must
// write back and read again to the same bytes.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "plan/plan_json.hpp"
#include "plan/sha256.hpp"

namespace {

void check_round_trip(const ferry::plan::PlanFile& file) {
  if (!file.plan) return;
  std::string once = ferry::plan::write_plan_json(*file.plan);
  ferry::plan::PlanFile again = ferry::plan::read_plan_json(once);
  if (!again.plan || ferry::plan::write_plan_json(*again.plan) != once) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  check_round_trip(ferry::plan::read_plan_json(text));
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_object()) {
    j.erase("plan_sha256");
    j["plan_sha256"] = ferry::plan::sha256_hex(j.dump());
    check_round_trip(ferry::plan::read_plan_json(j.dump()));
  }
  return 0;
}
