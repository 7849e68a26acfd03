// The plan reader checks each value on its own; what needs the compiler is
// checked here: a duration's text against its program (the same parser,
// dimensions and checks as a .ferry file), the actions against lower(), and
// the whole text against what the writer makes of the plan read.
#include "compiler/plan_file_check.hpp"

#include <set>
#include <string_view>
#include <unordered_map>

#include "compiler/lower.hpp"
#include "compiler/value_reader.hpp"
#include "dsl/formatter.hpp"
#include "dsl/parser.hpp"
#include "plan/windows.hpp"

namespace ferry::compiler {

namespace {

std::string shown(std::string text) {
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  return text;
}

bool same_program(const plan::Duration& a, const plan::Duration& b) {
  if (a.code().size() != b.code().size() || a.text != b.text) return false;
  for (std::size_t k = 0; k < a.code().size(); ++k) {
    const plan::Instruction &x = a.code()[k], &y = b.code()[k];
    if (x.op != y.op) return false;
    if (x.op == plan::OpCode::constant ? !(a.constants()[x.operand] == b.constants()[y.operand])
                                       : x.operand != y.operand)
      return false;
  }
  return true;
}

// The text compiled as the value of `key` in a .ferry policy; "" when it is
// the program the compiler would make of it, else why not.
std::string recompile(const plan::Duration& d, const char* key, Scope scope, const std::string& currency) {
  if (d.text.empty()) return same_program(d, plan::Duration::constant(0)) ? "" : "its text is empty";
  dsl::SourceFile source = dsl::SourceFile::from_text("plan", "p {\n" + std::string(key) + " = " + d.text + "\n}\n");
  dsl::Diagnostics diagnostics;
  dsl::ParsedFile parsed = dsl::parse(source, diagnostics);
  if (diagnostics.has_errors() || parsed.file.blocks.size() != 1 || parsed.file.blocks[0].attributes.size() != 1 ||
      !parsed.file.blocks[0].blocks.empty())
    return "its text is not an expression";
  const dsl::ast::Attribute& attribute = parsed.file.blocks[0].attributes[0];
  if (dsl::format_expression(attribute.value) != d.text) return "its text is not in the canonical layout";
  ValueReader reader(source, diagnostics, currency, plan::TimeZone::locate("UTC"));
  auto value = reader.duration_expression(attribute, scope);
  if (!value) {
    const auto& all = diagnostics.all();
    return all.empty() ? "its text does not compile" : "its text does not compile: " + all.front().message;
  }
  value->program.text = d.text;
  return same_program(value->program, d) ? "" : "its program is not its text compiled";
}

struct Refused {
  std::string reason;
};

std::optional<Refused> check_policies(const plan::Fleet& fleet) {
  // Per-account durations first: Scope::account for k < 3.
  const char* keys[] = {"prepare", "migrate_delay", "downtime", "install", "reinstall"};
  for (std::size_t p = 0; p < fleet.policies.size(); ++p) {
    const plan::Policy& policy = fleet.policies[p];
    const plan::Duration* durations[] = {&policy.prepare, &policy.migrate_delay, &policy.downtime, &policy.install,
                                         &policy.reinstall};
    plan::Policy defaults = plan::default_policy();
    const plan::Duration* built_in[] = {&defaults.prepare, &defaults.migrate_delay, &defaults.downtime,
                                        &defaults.install, &defaults.reinstall};
    for (int k = 0; k < 5; ++k) {
      std::string path = "policies[" + std::to_string(p) + "]." + keys[k];
      if (policy.name.empty()) {
        if (!same_program(*durations[k], *built_in[k])) return Refused{path + " is not the built-in default"};
        continue;
      }
      std::string why = recompile(*durations[k], keys[k], k < 3 ? Scope::account : Scope::server, fleet.currency);
      if (!why.empty()) return Refused{path + ": " + why};
    }
  }
  return std::nullopt;
}

// The checks compile() makes per subject, on the values of the file.
std::optional<Refused> check_subjects(const plan::Fleet& fleet) {
  plan::Windows windows(fleet.calendars, *plan::TimeZone::locate(fleet.timezone), fleet.start);
  for (std::size_t c = 0; c < windows.size(); ++c)
    if (!windows.at(c).ever_open()) return Refused{"calendars[" + std::to_string(c) + "] is never open"};
  for (std::size_t s = 0; s < fleet.servers.size(); ++s) {
    const plan::Server& server = fleet.servers[s];
    const plan::Policy& policy = fleet.policies[static_cast<std::size_t>(server.policy)];
    std::string where = "server \"" + server.name + "\"";
    auto check = [&](const char* key, const plan::Duration& d, const plan::Variables& v, const std::string& subject) {
      if (auto problem = d.problem(v)) return std::optional(Refused{std::string(key) + " cannot be computed for " + subject + ": " + problem->what});
      if (d.mean_seconds(v) > plan::limits::kMaxDuration)
        return std::optional(Refused{std::string(key) + " of " + subject + " is longer than ten years"});
      return std::optional<Refused>();
    };
    if (server.accounts.empty()) continue;
    for (auto [key, d] : {std::pair{"install", &policy.install}, std::pair{"reinstall", &policy.reinstall}})
      if (auto bad = check(key, *d, server.variables(), where)) return bad;
    for (const plan::Account& account : server.accounts) {
      std::string subject = "account \"" + account.name + "\" of " + where;
      if (!account.prepared)
        if (auto bad = check("prepare", policy.prepare, account.variables(), subject)) return bad;
      if (auto bad = check("downtime", policy.downtime, account.variables(), subject)) return bad;
      plan::Seconds move = policy.downtime.mean_seconds(account.variables());
      for (int window : {policy.migrate_window, policy.effective_move_back_window()})
        if (plan::Calendar* calendar = windows.find(window); calendar && move > calendar->longest_opening())
          return Refused{"a move of " + subject + " is longer than the longest opening of calendar \"" +
                         calendar->name() + "\": it could never run"};
    }
  }
  return std::nullopt;
}

// The actions and their dependencies are lower()'s for the plan's fleet,
// compared by id: the move order and the actions' windows may have been
// edited (the plan is what runs, decisions.md), but no action may be
// missing, added or changed in kind, server or account, and no dependency
// dropped or added.
std::optional<Refused> check_actions(const plan::Plan& read, const plan::Plan& lowered) {
  const plan::ActionGraph &g = read.graph, &want = lowered.graph;
  std::vector<std::string> read_ids, lowered_ids;
  for (auto v : boost::make_iterator_range(boost::vertices(g))) read_ids.push_back(read.id(v));
  for (auto w : boost::make_iterator_range(boost::vertices(want))) lowered_ids.push_back(lowered.id(w));
  std::unordered_map<std::string_view, plan::ActionVertex> by_id;
  for (auto v : boost::make_iterator_range(boost::vertices(g))) by_id.emplace(read_ids[v], v);
  for (auto w : boost::make_iterator_range(boost::vertices(want))) {
    const plan::Action& b = want[w];
    auto it = by_id.find(lowered_ids[w]);
    if (it == by_id.end()) return Refused{"actions: the action " + shown(lowered_ids[w]) + " of the fleet is missing"};
    const plan::Action& a = g[it->second];
    std::string where = "actions[" + std::to_string(it->second) + "]";
    if (a.kind != b.kind || a.server != b.server || a.account != b.account)
      return Refused{where + " (" + shown(read_ids[it->second]) + ") is not that action of the fleet"};
    std::set<std::string_view> have, need;
    for (auto e : boost::make_iterator_range(boost::in_edges(it->second, g))) have.insert(read_ids[boost::source(e, g)]);
    for (auto e : boost::make_iterator_range(boost::in_edges(w, want))) need.insert(lowered_ids[boost::source(e, want)]);
    if (have != need)
      return Refused{where + " (" + shown(read_ids[it->second]) + ") does not wait for what the fleet makes it wait for"};
  }
  if (boost::num_vertices(g) != boost::num_vertices(want))
    return Refused{"the plan has " + std::to_string(boost::num_vertices(g)) + " actions; its fleet gives " +
                   std::to_string(boost::num_vertices(want))};
  return std::nullopt;
}

// Where the file and what ferry writes for the plan it holds part first.
std::string first_difference(const std::string& text, const std::string& canonical) {
  std::size_t at = 0;
  while (at < text.size() && at < canonical.size() && text[at] == canonical[at]) ++at;
  std::size_t from = at > 40 ? at - 40 : 0;
  return "the text is not what ferry writes for this plan, from byte " + std::to_string(at) + " (after '" +
         shown(text.substr(from, at - from)) + "')";
}

}  // namespace

plan::PlanFile read_plan_file(const std::string& text) {
  plan::PlanFile file = plan::read_plan_json(text);
  if (!file.plan) return file;
  auto refuse = [&](const std::string& reason) {
    file.plan.reset();
    file.error = "malformed plan file: " + reason;
    return file;
  };
  if (auto bad = check_policies(file.plan->fleet)) return refuse(bad->reason);
  if (auto bad = check_subjects(file.plan->fleet)) return refuse(bad->reason);
  if (auto bad = check_actions(*file.plan, lower(file.plan->fleet, file.plan->source))) return refuse(bad->reason);
  std::string canonical = plan::write_plan_json(*file.plan);
  bool newline_missing = canonical.size() == text.size() + 1 && canonical.compare(0, text.size(), text) == 0;
  if (canonical != text && !newline_missing) return refuse(first_difference(text, canonical));
  return file;
}

}  // namespace ferry::compiler
