// Reading the plan file. A plan file is an approval artifact: what is read
// must be exactly what was hashed, and every value must be one the compiler
// could have produced. So the file ends with its hash member (nothing
// after it), no key repeats, no member is unknown, and each value is
// checked with the compiler's rules (plan_json_values.hpp). Every refusal
// is a message naming the member, never a crash.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_set>

#include "plan/billing.hpp"
#include "plan/names.hpp"
#include "plan/plan_document.hpp"
#include "plan/plan_file_format.hpp"
#include "plan/plan_json.hpp"
#include "plan/plan_json_values.hpp"
#include "plan/sha256.hpp"
#include "plan/time_zone.hpp"

namespace ferry::plan {

namespace {

using json = nlohmann::json;
using namespace plan_file;

std::string at_index(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

Duration parse_duration(const json& j, const std::string& path) {
  Members m(j, path);
  Duration d;
  d.text = text(m.at("text"), m.path("text"));
  int depth = 0;
  const json& code = array(m.at("code"), m.path("code"));
  for (std::size_t k = 0; k < code.size(); ++k) {
    std::string step = at_index(m.path("code"), k);
    const json& s = array(code[k], step);
    if (s.empty()) throw Refused(step + " is empty");
    int index = -1;
    for (int o = 0; o < 13; ++o)
      if (s[0].is_string() && s[0].get_ref<const std::string&>() == kOpNames[o]) index = o;
    if (index < 0) throw Refused(step + " is an unknown operation");
    auto op = static_cast<OpCode>(index);
    std::size_t operands = op == OpCode::constant || op == OpCode::variable ? 1 : 0;
    if (s.size() != 1 + operands) throw Refused(step + " has the wrong number of operands");
    if (op == OpCode::constant) {
      d.push_constant(exact(s[1], step + "[1]"));
      ++depth;
    } else if (op == OpCode::variable) {
      int v = word(s[1], step + "[1]", {"databases", "files", "mail", "size", "accounts"});
      d.push_variable(static_cast<Variable>(v));
      ++depth;
    } else {
      int pops = op == OpCode::negate ? 1 : op == OpCode::triangular ? 3 : 2;
      if (depth < pops) throw Refused(m.path("code") + " is not a well-formed program");
      depth -= pops - 1;
      d.push(op);
    }
  }
  if (depth != 1) throw Refused(m.path("code") + " is not a well-formed program");
  m.no_others();
  return d;
}

int parse_window(const json& j, const std::string& path, const std::map<std::string, int>& calendars) {
  if (j.is_null()) return kAlwaysOpen;
  auto it = calendars.find(name(j, path));
  if (it == calendars.end()) throw Refused(path + " names no calendar of the plan");
  return it->second;
}

void unique(std::set<std::string>& seen, const std::string& name, const std::string& path, const char* kind) {
  if (!seen.insert(name).second) throw Refused(path + ": duplicate " + kind + " name \"" + name + "\"");
}

void parse_fleet(Members& in, Plan& plan, std::optional<TimeZone>& zone) {
  Fleet& f = plan.fleet;
  Members source(in.at("source"), "source");
  plan.source.path = text(source.at("path"), "source.path");
  plan.source.sha256 = text(source.at("sha256"), "source.sha256");
  if (plan.source.sha256.size() != 64 ||
      !std::all_of(plan.source.sha256.begin(), plan.source.sha256.end(),
                   [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }))
    throw Refused("source.sha256 must be 64 lowercase hexadecimal digits");
  source.no_others();
  Members fleet(in.at("fleet"), "fleet");
  f.name = name(fleet.at("name"), "fleet.name");
  f.timezone = text(fleet.at("timezone"), "fleet.timezone");
  zone = TimeZone::locate(f.timezone);
  if (!zone) throw Refused("fleet.timezone: unknown time zone \"" + shown(f.timezone) + "\"");
  f.start = instant(fleet.at("start"), "fleet.start", *zone);
  f.currency = text(fleet.at("currency"), "fleet.currency");
  if (!valid_currency(f.currency)) throw Refused("fleet.currency must be a 3-letter code such as EUR");
  f.transit_recycle = seconds(fleet.at("transit_recycle_seconds"), "fleet.transit_recycle_seconds");
  fleet.no_others();
}

std::map<std::string, int> parse_calendars(Members& in, Fleet& f) {
  std::map<std::string, int> index;
  const json& list = array(in.at("calendars"), "calendars");
  for (std::size_t i = 0; i < list.size(); ++i) {
    Members c(list[i], at_index("calendars", i));
    CalendarSpec spec;
    spec.name = name(c.at("name"), c.path("name"));
    if (!index.emplace(spec.name, static_cast<int>(i)).second)
      throw Refused(c.path("name") + ": duplicate calendar name \"" + spec.name + "\"");
    const json& rules = array(c.at("rules"), c.path("rules"));
    if (rules.size() > limits::kMaxWeeklyRules)
      throw Refused(c.path("rules") + " has more than " + std::to_string(limits::kMaxWeeklyRules) + " rules");
    for (std::size_t k = 0; k < rules.size(); ++k) {
      Members r(rules[k], at_index(c.path("rules"), k));
      WeeklyRule rule{static_cast<std::uint8_t>(integer(r.at("days"), r.path("days"), 1, 127)),
                      integer(r.at("start_seconds"), r.path("start_seconds"), 0, kDay - 1),
                      integer(r.at("end_seconds"), r.path("end_seconds"), 0, kDay)};
      r.no_others();
      // The compiler sorts the rules and drops repeated ones.
      if (!spec.rules.empty() && std::tie(spec.rules.back().days, spec.rules.back().start, spec.rules.back().end) >=
                                     std::tie(rule.days, rule.start, rule.end))
        throw Refused(r.path("days") + ": rules are sorted, each once");
      spec.rules.push_back(rule);
    }
    const json& closed = array(c.at("closed"), c.path("closed"));
    for (std::size_t k = 0; k < closed.size(); ++k) {
      spec.closed_days.push_back(date(closed[k], at_index(c.path("closed"), k)));
      if (k > 0 && spec.closed_days[k] < spec.closed_days[k - 1])
        throw Refused(at_index(c.path("closed"), k) + ": closed dates are sorted");
    }
    c.no_others();
    f.calendars.push_back(std::move(spec));
  }
  return index;
}

void parse_resources(Members& in, Fleet& f, const TimeZone& zone) {
  Members resources(in.at("resources"), "resources");
  const json& pool = array(resources.at("transit_pool"), "resources.transit_pool");
  std::set<std::string> names;
  for (std::size_t i = 0; i < pool.size(); ++i) {
    Members t(pool[i], at_index("resources.transit_pool", i));
    Transit transit{name(t.at("name"), t.path("name")), integer(t.at("cpu"), t.path("cpu"), 1, limits::kMaxCpu),
                    exact(t.at("ram_bytes"), t.path("ram_bytes")), exact(t.at("disk_bytes"), t.path("disk_bytes")),
                    optional_instant(t.at("busy_until"), t.path("busy_until"), zone)};
    unique(names, transit.name, t.path("name"), "transit");
    t.no_others();
    f.transits.push_back(std::move(transit));
  }
  Members crew(resources.at("support_crew"), "resources.support_crew");
  f.support_capacity = static_cast<int>(
      integer(crew.at("capacity"), crew.path("capacity"), 1, limits::kMaxSupportCapacity));
  crew.no_others();
  array(resources.at("server_lanes"), "resources.server_lanes");  // derived: checked as written text
  resources.no_others();
}

void parse_policies(Members& in, Fleet& f, const TimeZone& zone, const std::map<std::string, int>& calendars) {
  const json& list = array(in.at("policies"), "policies");
  std::set<std::string> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    Members p(list[i], at_index("policies", i));
    Policy policy;
    // "" is the built-in defaults, only ever the last policy.
    policy.name = p.at("name").is_string() && p.at("name").get<std::string>().empty() && i + 1 == list.size()
                      ? std::string()
                      : name(p.at("name"), p.path("name"));
    unique(names, policy.name, p.path("name"), "policy");
    policy.prepare = parse_duration(p.at("prepare"), p.path("prepare"));
    policy.migrate_delay = parse_duration(p.at("migrate_delay"), p.path("migrate_delay"));
    policy.downtime = parse_duration(p.at("downtime"), p.path("downtime"));
    policy.install = parse_duration(p.at("install"), p.path("install"));
    policy.reinstall = parse_duration(p.at("reinstall"), p.path("reinstall"));
    policy.ip_reroute = seconds(p.at("ip_reroute_seconds"), p.path("ip_reroute_seconds"));
    policy.migrate_window = parse_window(p.at("migrate_window"), p.path("migrate_window"), calendars);
    policy.move_back_window = parse_window(p.at("move_back_window"), p.path("move_back_window"), calendars);
    policy.support_window = parse_window(p.at("support_window"), p.path("support_window"), calendars);
    policy.order = static_cast<MoveOrder>(word(p.at("order"), p.path("order"), {kOrderNames[0], kOrderNames[1], kOrderNames[2], kOrderNames[3]}));
    policy.parallel = static_cast<int>(integer(p.at("parallel"), p.path("parallel"), 1, limits::kMaxParallel));
    policy.free_transit = seconds(p.at("free_transit_seconds"), p.path("free_transit_seconds"));
    policy.move_back_by = word(p.at("move_back_by"), p.path("move_back_by"), {"support", "user"}) == 1
                              ? MoveBackBy::user
                              : MoveBackBy::support;
    policy.free_move_back = seconds(p.at("free_move_back_seconds"), p.path("free_move_back_seconds"));
    policy.rollback_window = seconds(p.at("rollback_window_seconds"), p.path("rollback_window_seconds"));
    const json& rate = p.at("rollback_rate");
    if (!rate.is_number() || !(rate.get<double>() >= 0 && rate.get<double>() <= 1))
      throw Refused(p.path("rollback_rate") + " must be a number between 0 and 1");
    policy.rollback_rate = rate.get<double>();
    policy.rollback_time = seconds(p.at("rollback_time_seconds"), p.path("rollback_time_seconds"));
    policy.retry_after = seconds(p.at("retry_after_seconds"), p.path("retry_after_seconds"));
    if (!p.at("max_downtime_seconds").is_null())
      policy.max_downtime = seconds(p.at("max_downtime_seconds"), p.path("max_downtime_seconds"));
    policy.deadline = optional_instant(p.at("deadline"), p.path("deadline"), zone);
    p.no_others();
    f.policies.push_back(std::move(policy));
  }
}

Account parse_account(AccountRow& row, const std::string& path, std::set<std::string>& names) {
  Account account;
  account.name = name(json(row.name), path + ".name");
  unique(names, account.name, path + ".name", "account");
  account.databases = exact(row.databases, path + ".databases_bytes");
  account.files = exact(row.files, path + ".files_bytes");
  account.mail = exact(row.mail, path + ".mail_bytes");
  account.dns = word(json(row.dns), path + ".dns", {"provider", "external"}) == 0 ? Dns::provider : Dns::external;
  if (row.priority < -1000000000 || row.priority > 1000000000)
    throw Refused(path + ".priority is out of range: it must be between -1000000000 and 1000000000");
  account.priority = row.priority;
  account.prepared = row.prepared;
  return account;
}

void parse_servers(Members& in, Plan& plan, const TimeZone& zone, std::vector<std::vector<AccountRow>>& account_rows) {
  Fleet& f = plan.fleet;
  const json& list = array(in.at("servers"), "servers");
  if (account_rows.size() != list.size()) throw Refused("servers: a server has no account rows");
  std::set<std::string> server_names, account_names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    Members s(list[i], at_index("servers", i));
    s.at("accounts");  // read as rows by the document
    Server server;
    server.name = name(s.at("name"), s.path("name"));
    unique(server_names, server.name, s.path("name"), "server");
    server.cpu = integer(s.at("cpu"), s.path("cpu"), 1, limits::kMaxCpu);
    server.ram = exact(s.at("ram_bytes"), s.path("ram_bytes"));
    server.disk = exact(s.at("disk_bytes"), s.path("disk_bytes"));
    std::string price = text(s.at("price_per_month"), s.path("price_per_month"));
    PriceReading reading = price_from_text(price);
    if (!reading.ok())
      throw Refused(s.path("price_per_month") + ": '" + shown(price) + "' cannot be billed exactly: " +
                    price_problem_words(reading.problem, f.currency));
    server.price = reading.price;
    server.policy = static_cast<int>(
        integer(s.at("policy"), s.path("policy"), 0, static_cast<std::int64_t>(f.policies.size()) - 1));
    server.ready = optional_instant(s.at("ready"), s.path("ready"), zone);
    const json& pinned = s.at("pinned_transit");
    if (!pinned.is_null())
      server.pinned_transit = static_cast<std::size_t>(
          integer(pinned, s.path("pinned_transit"), 0, static_cast<std::int64_t>(f.transits.size()) - 1));
    const json& avoided = array(s.at("avoided_transits"), s.path("avoided_transits"));
    for (std::size_t k = 0; k < avoided.size(); ++k)
      server.avoided_transits.push_back(static_cast<std::size_t>(integer(
          avoided[k], at_index(s.path("avoided_transits"), k), 0, static_cast<std::int64_t>(f.transits.size()) - 1)));
    server.priority = integer(s.at("priority"), s.path("priority"), -1000000000, 1000000000);
    for (std::size_t a = 0; a < account_rows[i].size(); ++a)
      server.accounts.push_back(parse_account(account_rows[i][a], at_index(s.path("accounts"), a), account_names));
    const json& order = array(s.at("move_order"), s.path("move_order"));
    std::vector<std::size_t> moves;
    std::vector<bool> seen(server.accounts.size(), false);
    for (std::size_t k = 0; k < order.size(); ++k) {
      auto a = static_cast<std::size_t>(integer(order[k], at_index(s.path("move_order"), k), 0,
                                                static_cast<std::int64_t>(server.accounts.size()) - 1));
      if (seen[a]) throw Refused(s.path("move_order") + " is not a permutation of the accounts");
      seen[a] = true;
      moves.push_back(a);
    }
    if (moves.size() != server.accounts.size()) throw Refused(s.path("move_order") + " does not list every account");
    s.no_others();
    plan.move_order.push_back(std::move(moves));
    f.servers.push_back(std::move(server));
  }
}

void parse_actions(Plan& plan, std::vector<ActionRow>& rows) {
  const Fleet& f = plan.fleet;
  std::vector<Action> actions(rows.size());
  for (std::size_t v = 0; v < rows.size(); ++v) {
    ActionRow& row = rows[v];
    std::string path = at_index("actions", v);
    Action& action = actions[v];
    if (!printable(row.id)) throw Refused(path + ": its id holds a control character");
    auto kind = kind_from_name(row.kind);
    if (!kind) throw Refused(path + ": unknown action kind");
    action.kind = *kind;
    if (row.server >= f.servers.size()) throw Refused(path + " names an unknown server");
    action.server = row.server;
    bool per_account = action.kind == ActionKind::prepare || action.kind == ActionKind::migrate ||
                       action.kind == ActionKind::move_back;
    if (per_account != row.account.has_value())
      throw Refused(path + (per_account ? " names no account" : " names an account it cannot have"));
    if (row.account && *row.account >= f.servers[action.server].accounts.size())
      throw Refused(path + " names an unknown account");
    action.account = row.account;
    if (row.window && *row.window >= f.calendars.size()) throw Refused(path + " names an unknown calendar");
    action.window = row.window ? static_cast<int>(*row.window) : kAlwaysOpen;
    action.mode = static_cast<WindowMode>(word(json(row.mode), path + ".mode", {"none", "fit", "start"}));
    // An id is its server's and account's names and its kind: what the
    // journal and the operator know the action by.
    if (row.id != action_id(f, action))
      throw Refused(path + ": its id " + shown(row.id) + " is not " + shown(action_id(f, action)) +
                    ", the id its kind, server and account give");
  }
  std::unordered_set<std::string_view> ids;
  ids.reserve(actions.size());
  for (const ActionRow& row : rows)
    if (!ids.insert(row.id).second) throw Refused("duplicate action id " + shown(row.id));
  std::vector<ActionEdge> edges;
  for (std::size_t v = 0; v < rows.size(); ++v)
    for (std::uint64_t u : rows[v].after) {
      if (u >= rows.size()) throw Refused(at_index("actions", v) + " waits for an unknown action");
      edges.emplace_back(u, v);
    }
  plan.graph = make_action_graph(std::move(actions), edges);
  try {
    plan.topological_order();
  } catch (const std::logic_error& e) {
    throw Refused(e.what());
  }
}

void parse_runtime(Members& in, Fleet& f) {
  if (!in.at("runtime").is_object()) throw Refused("runtime must be an object");
  Members r(in.at("runtime"), "runtime");
  RuntimeSettings runtime;
  runtime.journal = text(r.at("journal"), "runtime.journal");
  runtime.migrate = text(r.at("migrate"), "runtime.migrate");
  runtime.move_back = text(r.at("move_back"), "runtime.move_back");
  runtime.rollback = text(r.at("rollback"), "runtime.rollback");
  runtime.install_transit = text(r.at("install_transit"), "runtime.install_transit");
  runtime.reinstall = text(r.at("reinstall"), "runtime.reinstall");
  // "manual" is the word; a command is never empty.
  for (std::string* command : {&runtime.install_transit, &runtime.reinstall}) {
    if (command->empty()) throw Refused("runtime: a command is \"manual\" or not empty");
    if (*command == "manual") command->clear();
  }
  runtime.timeout = seconds(r.at("timeout_seconds"), "runtime.timeout_seconds");
  runtime.retries = static_cast<int>(integer(r.at("retries"), "runtime.retries", 0, 100));
  runtime.ask_on_interrupt = word(r.at("on_interrupt"), "runtime.on_interrupt", {"rerun", "ask"}) == 1;
  r.no_others();
  f.runtime = std::move(runtime);
}

Plan parse_content(const json& root, PlanDocument& document) {
  Plan plan;
  Members in(root, "");
  in.at("format");
  in.at("version");
  in.at("plan_sha256");
  std::optional<TimeZone> zone;
  parse_fleet(in, plan, zone);
  std::map<std::string, int> calendars = parse_calendars(in, plan.fleet);
  parse_resources(in, plan.fleet, *zone);
  parse_policies(in, plan.fleet, *zone, calendars);
  parse_servers(in, plan, *zone, document.accounts);
  array(in.at("account_columns"), "account_columns");  // fixed: checked as written text
  array(in.at("action_columns"), "action_columns");
  in.at("actions");
  parse_actions(plan, document.actions);
  if (root.contains("runtime")) parse_runtime(in, plan.fleet);
  in.no_others();
  return plan;
}

bool is_hex(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

PlanFile read_plan_json(const std::string& text) {
  PlanFile file;
  PlanDocument document = parse_plan_document(text);
  const json& in = document.root;
  if (!document.error.empty() || !in.is_object()) {
    file.error = document.error.empty()                            ? "not a plan file: it is not a JSON object"
                 : document.error.rfind("not valid JSON", 0) == 0 ? "not a plan file: " + document.error
                                                                  : "malformed plan file: " + document.error;
    return file;
  }
  if (!in.contains("format") || in.at("format") != "ferry-plan") {
    file.error = "not a plan file: its \"format\" is not \"ferry-plan\"";
    return file;
  }
  const json* version = in.contains("version") ? &in.at("version") : nullptr;
  if (!version || !version->is_number_integer() || *version != kPlanFormatVersion) {
    file.error = "plan format version " + (version ? shown(version->dump()) : std::string("(none)")) +
                 " is not supported; this ferry reads version " + std::to_string(kPlanFormatVersion);
    return file;
  }
  // The text is the canonical dump, then the hash member, then "}" and a
  // newline (which may be missing: editors add or strip it). What the hash
  // covers is exactly what is read: nothing follows it.
  std::string_view body(text);
  if (!body.empty() && body.back() == '\n') body.remove_suffix(1);
  constexpr std::size_t kTail = plan_file::kHashKey.size() + 64 + 2;
  std::size_t at = body.size() >= kTail ? body.size() - kTail : 0;
  std::string_view hash = body.substr(std::min(body.size(), at + plan_file::kHashKey.size()), 64);
  if (body.size() < kTail || body.substr(at, plan_file::kHashKey.size()) != plan_file::kHashKey || !is_hex(hash) ||
      body.substr(body.size() - 2) != "\"}") {
    file.error = "malformed plan file: it must end with its plan_sha256 member, then '}' and a newline; nothing may follow the hash";
    return file;
  }
  file.plan_sha256 = std::string(hash);
  if (sha256_hex({body.substr(0, at), std::string_view("}")}) != file.plan_sha256) {
    file.error = "the plan's content does not match its plan_sha256: it was changed after it was written";
    return file;
  }
  try {
    if (!document.actions_present) throw Refused("actions is missing");
    file.plan = parse_content(in, document);
  } catch (const Refused& e) {
    file.error = std::string("malformed plan file: ") + e.what();
  } catch (const json::exception& e) {
    file.error = std::string("malformed plan file: ") + e.what();
  }
  return file;
}

}  // namespace ferry::plan
