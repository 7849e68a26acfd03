// `ferry status [--json] [--journal J | --plan P]`: every action's state as
// the journal has it — also while `apply` runs — with a one-screen summary
// on top (DESIGN §5.3).
#include <iostream>
#include <map>
#include <memory>
#include <string_view>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/runtime_access.hpp"
#include "plan/time_zone.hpp"

namespace ferry::cli {

namespace {

struct StatusOptions {
  std::optional<std::string> journal, plan;
  bool json = false;
};

// A server's release: `server/release_transit`. Names hold no '/', so an
// account's actions (`server/kind/account`) have two, whatever the
// account is called.
bool is_release(std::string_view id) {
  constexpr std::string_view kSuffix = "/release_transit";
  return id.ends_with(kSuffix) && id.find('/') == id.size() - kSuffix.size();
}

std::string shown_delta(plan::Seconds d) {
  plan::Seconds a = d < 0 ? -d : d;
  char text[64];
  std::snprintf(text, sizeof text, "%lldh %02lldm", static_cast<long long>(a / 3600),
                static_cast<long long>(a % 3600 / 60));
  return text;
}

int status(const StatusOptions& o) {
  std::optional<ApprovablePlan> file;
  if (o.plan && !(file = read_approvable_plan(*o.plan))) return kInputError;
  auto journal = open_journal_for(file ? &file->plan : nullptr, o.journal, /*create=*/false);
  if (!journal) return kInputError;
  StatusOr<std::optional<runtime::RunHeader>> run = journal->run();
  if (!run.ok()) return print_refusal(run.status());
  if (!*run) {
    std::cerr << "ferry: nothing applied with this journal yet\n";
    return kOk;
  }
  StatusOr<std::vector<runtime::ActionRow>> rows = journal->actions();
  if (!rows.ok()) return print_refusal(rows.status());
  auto zone = plan::TimeZone::locate((*run)->zone);
  if (!zone) zone = plan::TimeZone::locate("UTC");
  auto iso = [&zone](const std::optional<plan::Instant>& t) { return t ? zone->iso(*t) : std::string(); };

  if (o.json) {
    nlohmann::json out;
    out["plan_sha256"] = (*run)->plan_sha256;
    out["clock"] = (*run)->clock;
    out["actions"] = nlohmann::json::array();
    for (const runtime::ActionRow& r : *rows) {
      nlohmann::json a;
      a["id"] = r.id;
      a["state"] = r.state;
      a["waiting_for"] = r.waiting_for.empty() ? nlohmann::json() : nlohmann::json(r.waiting_for);
      a["planned"] = r.planned_start ? nlohmann::json{{"start", iso(r.planned_start)}, {"end", iso(r.planned_end)}}
                                     : nlohmann::json();
      a["actual"] = r.actual_start ? nlohmann::json{{"start", iso(r.actual_start)},
                                                    {"end", r.actual_end ? nlohmann::json(iso(r.actual_end))
                                                                         : nlohmann::json()}}
                                   : nlohmann::json();
      a["attempts"] = r.attempts;
      a["log"] = r.log.empty() ? nlohmann::json() : nlohmann::json(r.log);
      if (!r.message.empty()) a["message"] = r.message;
      out["actions"].push_back(std::move(a));
    }
    std::cout << out.dump(2) << "\n";
    return kOk;
  }

  std::map<std::string, std::size_t> by_state;
  std::size_t servers = 0, released = 0;
  const runtime::ActionRow* last = nullptr;
  for (const runtime::ActionRow& r : *rows) {
    ++by_state[r.state];
    bool release = is_release(r.id);
    servers += release;
    released += release && r.state == "done";
    if (r.state == "done" && r.actual_end && r.planned_end && (!last || *r.actual_end >= *last->actual_end)) last = &r;
  }
  std::cout << "plan " << (*run)->plan_sha256.substr(0, 12) << "...  clock " << (*run)->clock
            << (journal->apply_running() ? "  (apply running)" : "  (no apply running)") << "\n";
  std::cout << "  " << by_state["done"] << " done, " << by_state["running"] << " running, " << by_state["waiting"]
            << " waiting, " << by_state["pending"] << " pending, " << by_state["failed"] << " failed";
  if (by_state["rolled_back"]) std::cout << ", " << by_state["rolled_back"] << " rolled back";
  std::cout << "\n  servers released: " << released << " of " << servers << "\n";
  if (last) {
    plan::Seconds d = *last->actual_end - *last->planned_end;
    std::cout << "  " << (d == 0 ? "on plan" : shown_delta(d) + (d > 0 ? " behind plan" : " ahead of plan"))
              << " (last done: " << last->id << ")\n";
  }
  std::cout << "\n";
  for (const runtime::ActionRow& r : *rows) {
    std::cout << r.id << "  " << r.state;
    if (!r.waiting_for.empty()) std::cout << " (for " << r.waiting_for << ")";
    if (r.planned_start) std::cout << "  planned " << iso(r.planned_start) << " .. " << iso(r.planned_end);
    if (r.actual_start)
      std::cout << "  actual " << iso(r.actual_start) << " .. " << (r.actual_end ? iso(r.actual_end) : "");
    if (r.attempts > 0) std::cout << "  attempts " << r.attempts;
    if (!r.log.empty()) std::cout << "  log " << r.log;
    if (!r.message.empty()) std::cout << "  (" << r.message << ")";
    std::cout << "\n";
  }
  return kOk;
}

}  // namespace

void add_status_command(CLI::App& app, Action& chosen) {
  auto o = std::make_shared<StatusOptions>();
  auto* cmd = app.add_subcommand("status", "Every action's state in the journal, also while apply runs");
  cmd->add_flag("--json", o->json, "JSON (stable; DESIGN §5.3)");
  cmd->add_option("--journal", o->journal, "The journal")->check(not_empty());
  cmd->add_option("--plan", o->plan, "The plan file whose runtime block names the journal")->check(not_empty());
  cmd->callback([o, &chosen] { chosen = [o] { return status(*o); }; });
}

}  // namespace ferry::cli
