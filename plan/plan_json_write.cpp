// Writing the plan file. Canonical JSON: nlohmann::json's objects sort
// their keys, so dump() of the same plan is the same bytes; the two big
// arrays (actions, servers with their account rows) are written as text in
// exactly the form dump() would give them, without building a DOM.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

#include "plan/billing.hpp"
#include "plan/plan_file_format.hpp"
#include "plan/plan_json.hpp"
#include "plan/sha256.hpp"
#include "plan/time_zone.hpp"

namespace ferry::plan {

namespace {

using json = nlohmann::json;
using plan_file::kHashKey;
using plan_file::kOpNames;
using plan_file::kOrderNames;

std::string date_text(std::int64_t day) {
  LocalSeconds local = day * kDay;
  return local_text(local).substr(0, 10);
}

std::string exact_text(const Exact& e) { return e.to_string(); }

json duration_json(const Duration& d) {
  json code = json::array();
  for (const Instruction& i : d.code()) {
    json step = json::array({kOpNames[static_cast<int>(i.op)]});
    if (i.op == OpCode::constant) step.push_back(exact_text(d.constants()[i.operand]));
    if (i.op == OpCode::variable) step.push_back(variable_name(static_cast<Variable>(i.operand)));
    code.push_back(std::move(step));
  }
  return {{"text", d.text}, {"code", std::move(code)}};
}

json optional_instant(const std::optional<Instant>& t, const TimeZone& zone) {
  return t ? json(zone.iso(*t)) : json(nullptr);
}

json window_json(int window, const Fleet& fleet) {
  return window == kAlwaysOpen ? json(nullptr) : json(fleet.calendars[static_cast<std::size_t>(window)].name);
}

json content(const Plan& plan) {
  const Fleet& f = plan.fleet;
  TimeZone zone = *TimeZone::locate(f.timezone);
  json out;
  out["format"] = "ferry-plan";
  out["version"] = kPlanFormatVersion;
  out["source"] = {{"path", plan.source.path}, {"sha256", plan.source.sha256}};
  out["fleet"] = {{"name", f.name},
                  {"start", zone.iso(f.start)},
                  {"timezone", f.timezone},
                  {"currency", f.currency},
                  {"transit_recycle_seconds", f.transit_recycle}};
  json calendars = json::array();
  for (const CalendarSpec& c : f.calendars) {
    json rules = json::array(), closed = json::array();
    for (const WeeklyRule& r : c.rules)
      rules.push_back({{"days", r.days}, {"start_seconds", r.start}, {"end_seconds", r.end}});
    for (std::int64_t d : c.closed_days) closed.push_back(date_text(d));
    calendars.push_back({{"name", c.name}, {"rules", std::move(rules)}, {"closed", std::move(closed)}});
  }
  out["calendars"] = std::move(calendars);
  json transits = json::array();
  for (const Transit& t : f.transits)
    transits.push_back({{"name", t.name},
                        {"cpu", t.cpu},
                        {"ram_bytes", exact_text(t.ram)},
                        {"disk_bytes", exact_text(t.disk)},
                        {"busy_until", optional_instant(t.busy_until, zone)}});
  json policies = json::array();
  for (const Policy& p : f.policies) {
    policies.push_back({{"name", p.name},
                        {"prepare", duration_json(p.prepare)},
                        {"migrate_delay", duration_json(p.migrate_delay)},
                        {"downtime", duration_json(p.downtime)},
                        {"install", duration_json(p.install)},
                        {"reinstall", duration_json(p.reinstall)},
                        {"ip_reroute_seconds", p.ip_reroute},
                        {"migrate_window", window_json(p.migrate_window, f)},
                        {"move_back_window", window_json(p.move_back_window, f)},
                        {"support_window", window_json(p.support_window, f)},
                        {"order", kOrderNames[static_cast<int>(p.order)]},
                        {"parallel", p.parallel},
                        {"free_transit_seconds", p.free_transit},
                        {"move_back_by", p.move_back_by == MoveBackBy::user ? "user" : "support"},
                        {"free_move_back_seconds", p.free_move_back},
                        {"rollback_window_seconds", p.rollback_window},
                        {"rollback_rate", p.rollback_rate},
                        {"rollback_time_seconds", p.rollback_time},
                        {"retry_after_seconds", p.retry_after},
                        {"max_downtime_seconds", p.max_downtime ? json(*p.max_downtime) : json(nullptr)},
                        {"deadline", optional_instant(p.deadline, zone)}});
  }
  out["policies"] = std::move(policies);
  json lanes = json::array();
  for (const Server& server : f.servers)
    lanes.push_back({{"server", server.name}, {"lanes", f.policies[static_cast<std::size_t>(server.policy)].parallel}});
  // Servers and their account rows are written as text by server_rows() in
  // the place of this null: see write_plan_json.
  out["servers"] = nullptr;
  out["account_columns"] =
      json::array({"name", "databases_bytes", "files_bytes", "mail_bytes", "dns", "priority", "prepared"});
  out["resources"] = {{"transit_pool", std::move(transits)},
                      {"support_crew", {{"capacity", f.support_capacity}}},
                      {"server_lanes", std::move(lanes)}};
  // Actions are rows, written as text by action_rows() in the place of
  // this null: see write_plan_json.
  out["action_columns"] = json::array({"id", "kind", "server", "account", "window", "mode", "after"});
  out["actions"] = nullptr;
  if (f.runtime) {
    const RuntimeSettings& r = *f.runtime;
    out["runtime"] = {{"journal", r.journal},     {"migrate", r.migrate},
                      {"move_back", r.move_back}, {"rollback", r.rollback},
                      {"install_transit", r.install_transit.empty() ? json("manual") : json(r.install_transit)},
                      {"reinstall", r.reinstall.empty() ? json("manual") : json(r.reinstall)},
                      {"timeout_seconds", r.timeout}, {"retries", r.retries},
                      {"on_interrupt", r.ask_on_interrupt ? "ask" : "rerun"}};
  }
  return out;
}

// The action rows as nlohmann's dump() would write them, without building
// them as a DOM: a 100,000-account plan has 340,000 of them. Servers,
// accounts, calendars and predecessors are indices; an action's duration is
// its policy's expression for that kind (text and program).
void append_number(std::string& out, std::uint64_t value) {
  char buffer[24];
  auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  out.append(buffer, end);
}

// A string as dump() writes it; ids are names joined by '/', which need no
// escaping, so only a plan read from elsewhere takes the slow path.
void append_string(std::string& out, const std::string& text) {
  bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    return c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
  });
  if (!plain) {
    out += json(text).dump();
    return;
  }
  out += '"';
  out += text;
  out += '"';
}

std::string action_rows(const Plan& plan) {
  const ActionGraph& g = plan.graph;
  std::string out = "[";
  out.reserve(boost::num_vertices(g) * 64);
  std::string id;  // each action's, made in one buffer
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    const Action& a = g[v];
    if (v != 0) out += ',';
    out += '[';
    id.clear();
    append_action_id(id, plan.fleet, a);
    append_string(out, id);
    out += ",\"";
    out += kind_name(a.kind);
    out += "\",";
    append_number(out, a.server);
    out += ',';
    if (a.account) append_number(out, *a.account);
    else out += "null";
    out += ',';
    if (a.window == kAlwaysOpen) out += "null";
    else append_number(out, static_cast<std::uint64_t>(a.window));
    out += ",\"";
    out += mode_name(a.mode);
    out += "\",[";
    bool first = true;
    for (auto e : boost::make_iterator_range(boost::in_edges(v, g))) {
      if (!first) out += ',';
      first = false;
      append_number(out, boost::source(e, g));
    }
    out += "]]";
  }
  return out + "]";
}

void append_optional_instant(std::string& out, const std::optional<Instant>& t, const TimeZone& zone) {
  if (t) append_string(out, zone.iso(*t));
  else out += "null";
}

// The servers as dump() would write them (keys in sorted order), accounts
// as rows of account_columns.
std::string server_rows(const Plan& plan) {
  const Fleet& f = plan.fleet;
  TimeZone zone = *TimeZone::locate(f.timezone);
  std::string out = "[";
  for (std::size_t s = 0; s < f.servers.size(); ++s) {
    const Server& server = f.servers[s];
    if (s) out += ',';
    out += "{\"accounts\":[";
    for (std::size_t k = 0; k < server.accounts.size(); ++k) {
      const Account& a = server.accounts[k];
      if (k) out += ',';
      out += '[';
      append_string(out, a.name);
      for (const Exact* size : {&a.databases, &a.files, &a.mail}) {
        out += ',';
        append_string(out, exact_text(*size));
      }
      out += a.dns == Dns::provider ? ",\"provider\"," : ",\"external\",";
      out += std::to_string(a.priority);
      out += a.prepared ? ",true]" : ",false]";
    }
    out += "],\"avoided_transits\":[";
    for (std::size_t k = 0; k < server.avoided_transits.size(); ++k) {
      if (k) out += ',';
      append_number(out, server.avoided_transits[k]);
    }
    out += "],\"cpu\":" + std::to_string(server.cpu) + ",\"disk_bytes\":";
    append_string(out, exact_text(server.disk));
    out += ",\"move_order\":[";
    for (std::size_t k = 0; k < plan.move_order[s].size(); ++k) {
      if (k) out += ',';
      append_number(out, plan.move_order[s][k]);
    }
    out += "],\"name\":";
    append_string(out, server.name);
    out += ",\"pinned_transit\":";
    if (server.pinned_transit) append_number(out, *server.pinned_transit);
    else out += "null";
    out += ",\"policy\":" + std::to_string(server.policy) + ",\"price_per_month\":";
    append_string(out, price_text(server.price));
    out += ",\"priority\":" + std::to_string(server.priority);
    out += ",\"ram_bytes\":";
    append_string(out, exact_text(server.ram));
    out += ",\"ready\":";
    append_optional_instant(out, server.ready, zone);
    out += '}';
  }
  return out + "]";
}

}  // namespace

std::string write_plan_json(const Plan& plan) {
  std::string canonical = content(plan).dump();
  // Keys are sorted: only the fixed column names come before "actions".
  constexpr std::string_view kActions = "\"actions\":null";
  auto at = canonical.find(kActions);
  canonical.replace(at + kActions.size() - 4, 4, action_rows(plan));
  // Inside a JSON string a quote is escaped, so this text can only be the key.
  constexpr std::string_view kServers = ",\"servers\":null,";
  at = canonical.find(kServers);
  canonical.replace(at + kServers.size() - 5, 4, server_rows(plan));
  std::string hash = sha256_hex(canonical);
  canonical.pop_back();  // the closing brace
  canonical.append(kHashKey).append(hash).append("\"}\n");
  return canonical;
}

}  // namespace ferry::plan
