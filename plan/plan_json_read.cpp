// Reading the plan file. Every json type error becomes a refusal with a
// reason: a plan file is input, and input never crashes ferry. Numbers the
// compiler bounds are bounded here too.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_set>

#include "plan/plan_file_format.hpp"
#include "plan/plan_json.hpp"
#include "plan/plan_document.hpp"
#include "plan/sha256.hpp"
#include "plan/time_zone.hpp"

namespace ferry::plan {

namespace {

using json = nlohmann::json;
using plan_file::kHashKey;
using plan_file::kOpNames;
using plan_file::kOrderNames;

struct Refused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::int64_t parse_date(const std::string& text) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3 || !valid_civil(y, m, d))
    throw Refused("bad date '" + text + "'");
  return days_from_civil(y, m, d);
}

// "2026-12-01T09:00:00+01:00" -> instant.
Instant parse_iso(const std::string& text) {
  int y = 0, hh = 0, mm = 0, ss = 0, oh = 0, om = 0;
  unsigned mo = 0, d = 0;
  char sign = '+';
  if (text.size() != 25 ||
      std::sscanf(text.c_str(), "%4d-%2u-%2uT%2d:%2d:%2d%c%2d:%2d", &y, &mo, &d, &hh, &mm, &ss, &sign, &oh, &om) != 9 ||
      !valid_civil(y, mo, d) || (sign != '+' && sign != '-'))
    throw Refused("bad time '" + text + "'");
  Seconds offset = (oh * 3600 + om * 60) * (sign == '-' ? -1 : 1);
  return days_from_civil(y, mo, d) * kDay + hh * 3600 + mm * 60 + ss - offset;
}

Exact parse_exact(const std::string& text) {
  auto slash = text.find('/');
  if (slash != std::string::npos) {
    try {
      return Exact::fraction(std::stoll(text.substr(0, slash)), std::stoll(text.substr(slash + 1)));
    } catch (const std::exception&) {
      throw Refused("bad number '" + text + "'");
    }
  }
  bool negative = !text.empty() && text[0] == '-';
  auto value = Exact::decimal(negative ? text.substr(1) : text);
  if (!value) throw Refused("bad number '" + text + "'");
  return negative ? -*value : *value;
}

Price parse_price(const std::string& text) {
  Price p;
  auto dot = text.find('.');
  std::string digits = dot == std::string::npos ? text : text.substr(0, dot) + text.substr(dot + 1);
  p.scale = dot == std::string::npos ? 0 : static_cast<int>(text.size() - dot - 1);
  try {
    p.mantissa = std::stoll(digits);
  } catch (const std::exception&) {
    throw Refused("bad price '" + text + "'");
  }
  return p;
}

// A plan file is input like any other: numbers the compiler bounds are
// bounded here too (plan::limits), so that a hand-edited plan cannot
// overflow a run.

Seconds bounded_seconds(const json& j, const char* what) {
  auto value = j.get<Seconds>();
  if (value < 0 || value > limits::kMaxDuration) throw Refused(std::string(what) + " is out of range");
  return value;
}

int bounded_int(const json& j, int min, int max, const char* what) {
  auto value = j.get<std::int64_t>();
  if (value < min || value > max) throw Refused(std::string(what) + " is out of range");
  return static_cast<int>(value);
}

Duration parse_duration(const json& j) {
  Duration d;
  d.text = j.at("text").get<std::string>();
  int depth = 0;
  for (const json& step : j.at("code")) {
    std::string op = step.at(0).get<std::string>();
    int index = -1;
    for (int k = 0; k < 13; ++k)
      if (op == kOpNames[k]) index = k;
    if (index < 0) throw Refused("unknown operation '" + op + "'");
    auto code = static_cast<OpCode>(index);
    if (code == OpCode::constant) {
      d.push_constant(parse_exact(step.at(1).get<std::string>()));
      ++depth;
    } else if (code == OpCode::variable) {
      std::string name = step.at(1).get<std::string>();
      int v = -1;
      for (int k = 0; k < static_cast<int>(kVariableCount); ++k)
        if (name == variable_name(static_cast<Variable>(k))) v = k;
      if (v < 0) throw Refused("unknown variable '" + name + "'");
      d.push_variable(static_cast<Variable>(v));
      ++depth;
    } else {
      int pops = code == OpCode::negate ? 1 : code == OpCode::triangular ? 3 : 2;
      if (depth < pops) throw Refused("malformed duration program '" + d.text + "'");
      depth -= pops - 1;
      d.push(code);
    }
  }
  if (depth != 1) throw Refused("malformed duration program '" + d.text + "'");
  return d;
}

std::optional<Instant> parse_optional_instant(const json& j) {
  if (j.is_null()) return std::nullopt;
  return parse_iso(j.get<std::string>());
}

int parse_window(const json& j, const std::map<std::string, int>& calendars) {
  if (j.is_null()) return kAlwaysOpen;
  auto it = calendars.find(j.get<std::string>());
  if (it == calendars.end()) throw Refused("unknown calendar '" + j.get<std::string>() + "'");
  return it->second;
}

Plan parse_content(const json& in, std::vector<ActionRow>& rows, std::vector<std::vector<AccountRow>>& account_rows) {
  Plan plan;
  Fleet& f = plan.fleet;
  plan.source = {in.at("source").at("path").get<std::string>(), in.at("source").at("sha256").get<std::string>()};
  const json& fleet = in.at("fleet");
  f.name = fleet.at("name").get<std::string>();
  f.timezone = fleet.at("timezone").get<std::string>();
  auto zone = TimeZone::locate(f.timezone);
  if (!zone) throw Refused("unknown time zone '" + f.timezone + "'");
  f.start = parse_iso(fleet.at("start").get<std::string>());
  f.currency = fleet.at("currency").get<std::string>();
  f.transit_recycle = bounded_seconds(fleet.at("transit_recycle_seconds"), "transit_recycle");
  f.support_capacity = bounded_int(in.at("resources").at("support_crew").at("capacity"), 1, limits::kMaxSupportCapacity, "support capacity");
  std::map<std::string, int> calendar_index;
  for (const json& c : in.at("calendars")) {
    CalendarSpec spec;
    spec.name = c.at("name").get<std::string>();
    for (const json& r : c.at("rules"))
      spec.rules.push_back({static_cast<std::uint8_t>(bounded_int(r.at("days"), 0, 127, "a rule's days")),
                            bounded_int(r.at("start_seconds"), 0, static_cast<int>(kDay) - 1, "a rule's start"),
                            bounded_int(r.at("end_seconds"), 0, static_cast<int>(kDay), "a rule's end")});
    if (spec.rules.size() > limits::kMaxWeeklyRules) throw Refused("calendar " + spec.name + " has too many rules");
    for (const json& d : c.at("closed")) spec.closed_days.push_back(parse_date(d.get<std::string>()));
    calendar_index[spec.name] = static_cast<int>(f.calendars.size());
    f.calendars.push_back(std::move(spec));
  }
  for (const json& t : in.at("resources").at("transit_pool"))
    f.transits.push_back({t.at("name").get<std::string>(), t.at("cpu").get<std::int64_t>(),
                          parse_exact(t.at("ram_bytes").get<std::string>()),
                          parse_exact(t.at("disk_bytes").get<std::string>()), parse_optional_instant(t.at("busy_until"))});
  for (const json& p : in.at("policies")) {
    Policy policy;
    policy.name = p.at("name").get<std::string>();
    policy.prepare = parse_duration(p.at("prepare"));
    policy.migrate_delay = parse_duration(p.at("migrate_delay"));
    policy.downtime = parse_duration(p.at("downtime"));
    policy.install = parse_duration(p.at("install"));
    policy.reinstall = parse_duration(p.at("reinstall"));
    policy.ip_reroute = bounded_seconds(p.at("ip_reroute_seconds"), "ip_reroute");
    policy.migrate_window = parse_window(p.at("migrate_window"), calendar_index);
    policy.move_back_window = parse_window(p.at("move_back_window"), calendar_index);
    policy.support_window = parse_window(p.at("support_window"), calendar_index);
    std::string order = p.at("order").get<std::string>();
    int o = -1;
    for (int k = 0; k < 4; ++k)
      if (order == kOrderNames[k]) o = k;
    if (o < 0) throw Refused("unknown order '" + order + "'");
    policy.order = static_cast<MoveOrder>(o);
    policy.parallel = bounded_int(p.at("parallel"), 1, limits::kMaxParallel, "parallel");
    policy.free_transit = bounded_seconds(p.at("free_transit_seconds"), "free_transit");
    policy.move_back_by = p.at("move_back_by").get<std::string>() == "user" ? MoveBackBy::user : MoveBackBy::support;
    policy.free_move_back = bounded_seconds(p.at("free_move_back_seconds"), "free_move_back");
    policy.rollback_window = bounded_seconds(p.at("rollback_window_seconds"), "rollback_window");
    policy.rollback_rate = p.at("rollback_rate").get<double>();
    if (!(policy.rollback_rate >= 0 && policy.rollback_rate <= 1)) throw Refused("rollback_rate is out of range");
    policy.rollback_time = bounded_seconds(p.at("rollback_time_seconds"), "rollback_time");
    policy.retry_after = bounded_seconds(p.at("retry_after_seconds"), "retry_after");
    if (!p.at("max_downtime_seconds").is_null())
      policy.max_downtime = bounded_seconds(p.at("max_downtime_seconds"), "max_downtime");
    policy.deadline = parse_optional_instant(p.at("deadline"));
    f.policies.push_back(std::move(policy));
  }
  const json& server_list = in.at("servers");
  if (account_rows.size() != server_list.size()) throw Refused("a server has no account rows");
  for (std::size_t index = 0; index < server_list.size(); ++index) {
    const json& s = server_list[index];
    Server server;
    server.name = s.at("name").get<std::string>();
    server.cpu = s.at("cpu").get<std::int64_t>();
    server.ram = parse_exact(s.at("ram_bytes").get<std::string>());
    server.disk = parse_exact(s.at("disk_bytes").get<std::string>());
    server.price = parse_price(s.at("price_per_month").get<std::string>());
    server.policy = s.at("policy").get<int>();
    if (server.policy < 0 || server.policy >= static_cast<int>(f.policies.size())) throw Refused("unknown policy index");
    server.ready = parse_optional_instant(s.at("ready"));
    for (AccountRow& a : account_rows[index]) {
      Account account;
      account.name = std::move(a.name);
      account.databases = parse_exact(a.databases);
      account.files = parse_exact(a.files);
      account.mail = parse_exact(a.mail);
      account.dns = a.dns == "provider" ? Dns::provider : Dns::external;
      account.priority = a.priority;
      account.prepared = a.prepared;
      server.accounts.push_back(std::move(account));
    }
    std::vector<std::size_t> order;
    std::vector<bool> seen(server.accounts.size(), false);
    for (const json& index : s.at("move_order")) {
      auto a = index.get<std::size_t>();
      if (a >= server.accounts.size() || seen[a]) throw Refused("move_order of " + server.name + " is not a permutation");
      seen[a] = true;
      order.push_back(a);
    }
    if (order.size() != server.accounts.size()) throw Refused("move_order of " + server.name + " is incomplete");
    plan.move_order.push_back(std::move(order));
    f.servers.push_back(std::move(server));
  }
  // All vertices at once: growing the vertex vector one by one moves
  // hundreds of thousands of actions several times over.
  plan.graph = ActionGraph(rows.size());
  for (std::size_t v = 0; v < rows.size(); ++v) {
    ActionRow& row = rows[v];
    Action& action = plan.graph[v];
    action.id = std::move(row.id);
    auto kind = kind_from_name(row.kind);
    if (!kind) throw Refused("unknown action kind in " + action.id);
    action.kind = *kind;
    if (row.server >= f.servers.size()) throw Refused("action " + action.id + " names an unknown server");
    action.server = row.server;
    if (row.account) {
      if (*row.account >= f.servers[action.server].accounts.size())
        throw Refused("action " + action.id + " names an unknown account");
      action.account = *row.account;
    }
    if (row.window && *row.window >= f.calendars.size())
      throw Refused("action " + action.id + " names an unknown calendar");
    action.window = row.window ? static_cast<int>(*row.window) : kAlwaysOpen;
    action.mode = row.mode == "fit" ? WindowMode::fit : row.mode == "start" ? WindowMode::start : WindowMode::none;
  }
  std::unordered_set<std::string_view> ids;
  ids.reserve(rows.size());
  for (auto v : boost::make_iterator_range(boost::vertices(plan.graph)))
    if (!ids.insert(plan.graph[v].id).second) throw Refused("duplicate action id " + plan.graph[v].id);
  for (std::size_t v = 0; v < rows.size(); ++v)
    for (std::uint64_t u : rows[v].after) {
      if (u >= rows.size()) throw Refused("an action waits for an unknown action");
      boost::add_edge(u, v, plan.graph);
    }
  try {
    plan.topological_order();
  } catch (const std::logic_error& e) {
    throw Refused(e.what());
  }
  if (in.contains("runtime")) {
    const json& r = in.at("runtime");
    RuntimeSettings runtime;
    runtime.journal = r.at("journal").get<std::string>();
    runtime.migrate = r.at("migrate").get<std::string>();
    runtime.move_back = r.at("move_back").get<std::string>();
    runtime.rollback = r.at("rollback").get<std::string>();
    runtime.install_transit = r.at("install_transit").get<std::string>();
    runtime.reinstall = r.at("reinstall").get<std::string>();
    if (runtime.install_transit == "manual") runtime.install_transit.clear();
    if (runtime.reinstall == "manual") runtime.reinstall.clear();
    runtime.timeout = r.at("timeout_seconds").get<Seconds>();
    runtime.retries = r.at("retries").get<int>();
    runtime.ask_on_interrupt = r.at("on_interrupt").get<std::string>() == "ask";
    f.runtime = std::move(runtime);
  }
  return plan;
}

}  // namespace

PlanFile read_plan_json(const std::string& text) {
  PlanFile file;
  PlanDocument document = parse_plan_document(text);
  json& in = document.root;
  if (!document.error.empty() || !in.is_object()) {
    file.error = document.error.rfind("malformed", 0) == 0 ? "malformed plan file: " + document.error
                                                            : "not a plan file: it is not valid JSON";
    return file;
  }
  try {
    if (in.value("format", "") != "ferry-plan") {
      file.error = "not a plan file: its \"format\" is not \"ferry-plan\"";
      return file;
    }
    if (!in.at("version").is_number_integer() || in.at("version").get<int>() != kPlanFormatVersion) {
      file.error = "plan format version " + in.at("version").dump() + " is not supported; this ferry reads version " +
                   std::to_string(kPlanFormatVersion);
      return file;
    }
    file.plan_sha256 = in.at("plan_sha256").get<std::string>();
    // As written by ferry, the text minus its hash member is the canonical
    // dump; a file re-indented by another tool is checked on its content.
    auto at = text.rfind(kHashKey);
    bool same = at != std::string::npos &&
                sha256_hex({std::string_view(text).substr(0, at), std::string_view("}")}) == file.plan_sha256;
    if (!same) {
      json whole = json::parse(text);
      whole.erase("plan_sha256");
      same = sha256_hex(whole.dump()) == file.plan_sha256;
    }
    if (!same) {
      file.error = "the plan's content does not match its plan_sha256: it was changed after it was written";
      return file;
    }
    if (!document.actions_present) throw Refused("no actions");
    file.plan = parse_content(in, document.actions, document.accounts);
  } catch (const Refused& e) {
    file.error = std::string("malformed plan file: ") + e.what();
  } catch (const json::exception& e) {
    file.error = std::string("malformed plan file: ") + e.what();
  }
  return file;
}

}  // namespace ferry::plan
