// The fleet block is read first: its timezone and currency give meaning to
// every date-time and price that follows. Without a usable fleet block the
// rest is still checked (in UTC, EUR) so that all errors come out at once.
#include "compiler/fleet_compiler.hpp"

#include <algorithm>
#include <tuple>

#include "compiler/suggest.hpp"
#include "plan/names.hpp"

namespace ferry::compiler {

namespace {

using plan::valid_name;
using plan::limits::kMaxWeeklyRules;
const std::vector<std::string> kBlockKinds = {"fleet", "calendar", "transit", "policy", "server", "runtime"};

}  // namespace

std::optional<plan::Fleet> compile(const dsl::SourceFile& source, const dsl::ParsedFile& parsed,
                                   dsl::Diagnostics& diagnostics, bool threads) {
  FleetCompiler compiler(source, diagnostics, threads);
  auto fleet = compiler.run(parsed.file);
  if (!parsed.complete) return std::nullopt;
  return fleet;
}

std::optional<plan::Fleet> FleetCompiler::run(const dsl::ast::File& file) {
  std::size_t errors_before = diagnostics_->error_count();
  sort_blocks(file);
  read_fleet();
  for (const Block* b : calendars_) calendar_ok_.push_back(clean([&] { read_calendar(*b); }));
  for (const Block* b : transits_) transits_ok_ = clean([&] { read_transit(*b); }) && transits_ok_;
  read_policies();
  std::optional<HalvesRead> halves;
  if (threads_) halves = read_and_check_servers_in_two();
  if (!halves) read_servers(0, servers_.size());
  if (!halves || !halves->names_unique) check_account_names();
  for (const Block* b : runtimes_) read_runtime(*b);
  if (read_->zone() && !fleets_.empty()) {
    plan::Windows windows(fleet_.calendars, *read_->zone(), fleet_.start);
    check_calendars(windows);
    if (!halves) check_servers(windows);
    else
      for (dsl::Diagnostic& d : halves->warnings) diagnostics_->push(std::move(d));
  }
  if (diagnostics_->error_count() != errors_before) return std::nullopt;
  return std::move(fleet_);
}

void FleetCompiler::sort_blocks(const dsl::ast::File& file) {
  std::pmr::monotonic_buffer_resource arena;
  NamesSeen calendar_names(&arena), transit_names(&arena), policy_names(&arena), server_names(&arena);
  for (const Block& b : file.blocks) {
    const std::string& kind = b.kind.text;
    for (const Block& child : b.blocks)
      if (kind != "server" || child.kind.text != "account")
        error(child.kind.span, "unknown block '" + child.kind.text + "' in " + kind +
                                   (kind == "server" ? "; a server holds account blocks" : "; " + kind + " holds no blocks"));
    if (kind == "fleet") fleets_.push_back(&b);
    else if (kind == "calendar" && check_name(b, calendar_names, "calendar")) calendars_.push_back(&b);
    else if (kind == "transit" && check_name(b, transit_names, "transit")) transits_.push_back(&b);
    else if (kind == "policy" && check_name(b, policy_names, "policy")) policies_.push_back(&b);
    else if (kind == "server" && check_name(b, server_names, "server")) servers_.push_back(&b);
    else if (kind == "runtime") runtimes_.push_back(&b);
    else if (kind == "account") error(b.kind.span, "an account block belongs inside a server block");
    else if (std::find(kBlockKinds.begin(), kBlockKinds.end(), kind) == kBlockKinds.end())
      error(b.kind.span, "unknown block '" + kind + "'" + did_you_mean(kind, kBlockKinds));
  }
  for (std::size_t i = 0; i < calendars_.size(); ++i) calendar_index_[calendars_[i]->label->text] = static_cast<int>(i);
  for (std::size_t i = 0; i < policies_.size(); ++i) policy_index_[policies_[i]->label->text] = static_cast<int>(i);
  for (std::size_t i = 0; i < transits_.size(); ++i) transit_index_[transits_[i]->label->text] = static_cast<int>(i);
  for (const Block& b : file.blocks)
    if (b.parent && b.kind.text != "policy")
      error(b.parent->span, "only a policy can extend another; " + b.title() + " cannot");
  if (runtimes_.size() > 1) {
    auto& d = error(runtimes_[1]->kind.span, "duplicate runtime block");
    d.notes.push_back({&source_, runtimes_[0]->kind.span, "first runtime block here"});
  }
  for (const Block* r : runtimes_)
    if (r->label) error(r->label->span, "the runtime block takes no name");
}

// After the servers are read, not with the other names: a large fleet's
// halves have then told whether their accounts' names are all well formed
// and unique, each reading them while their blocks were in cache, and
// this reading of 100,000 cold blocks is needed only when they are not
// (decision 104).
void FleetCompiler::check_account_names() {
  std::pmr::monotonic_buffer_resource arena;
  NamesSeen account_names(&arena);
  std::size_t accounts = 0;
  for (const Block* server : servers_) accounts += server->blocks.size();
  account_names.reserve(accounts);
  for (const Block* server : servers_)
    for (const Block& child : server->blocks)
      if (child.kind.text == "account") check_name(child, account_names, "account");
}

bool FleetCompiler::check_name(const Block& block, NamesSeen& seen,
                               const char* kind_words) {
  if (!block.label) {
    error(block.kind.span, std::string(kind_words[0] == 'a' ? "an " : "a ") + kind_words + " needs a name: " +
                               kind_words + " \"name\" { ... }");
    return false;
  }
  const std::string& name = block.label->text;
  if (!valid_name(name)) {
    error(block.label->span, "bad name \"" + name + "\": " + plan::kNameRule);
    return false;
  }
  auto [it, inserted] = seen.emplace(name, &block);
  if (!inserted) {
    auto& d = error(block.label->span, std::string("duplicate ") + kind_words + " name \"" + name + "\"");
    d.notes.push_back({&source_, it->second->label->span, "first defined here"});
    return false;
  }
  return true;
}

void FleetCompiler::read_fleet() {
  std::string currency = "EUR";
  std::optional<plan::TimeZone> zone = plan::TimeZone::locate("UTC");
  if (fleets_.empty()) {
    std::uint32_t at = source_.content_begin();
    error({at, at}, "missing fleet block: a file needs one fleet \"name\" { start = 2026-12-01 09:00 }");
    read_.emplace(source_, *diagnostics_, currency, zone);
    return;
  }
  for (std::size_t i = 1; i < fleets_.size(); ++i) {
    auto& d = error(fleets_[i]->header(), "duplicate fleet block: a file has exactly one fleet");
    d.notes.push_back({&source_, fleets_[0]->header(), "first fleet block here"});
  }
  const Block& block = *fleets_[0];
  if (!block.label) error(block.kind.span, "a fleet needs a name: fleet \"name\" { ... }");
  else if (!valid_name(block.label->text))
    error(block.label->span, "bad name \"" + block.label->text + "\": " + plan::kNameRule);
  else fleet_.name = block.label->text;
  BlockKeys keys(block, source_, *diagnostics_);
  if (auto* a = keys.get("timezone")) {
    ValueReader plain(source_, *diagnostics_, currency, zone);
    if (auto name = plain.string(*a)) {
      zone = plan::TimeZone::locate(*name);
      if (!zone) error(a->value.span, "unknown time zone \"" + *name + "\"; use an IANA name such as \"Europe/Paris\"");
      else fleet_.timezone = *name;
    }
  }
  if (auto* a = keys.get("currency")) {
    const dsl::ast::Literal* l = single_literal(a->value);
    if (l && (l->kind == dsl::ast::LiteralKind::name || l->kind == dsl::ast::LiteralKind::string) && l->text.size() == 3 &&
        plan::valid_currency(l->text))
      currency = l->text;
    else
      error(a->value.span, "currency must be a 3-letter code such as EUR");
  }
  fleet_.currency = currency;
  read_.emplace(source_, *diagnostics_, currency, zone);
  if (auto* a = keys.get("start"))
    if (auto t = read_->date_time(*a)) {
      fleet_.start = *t;
      start_attribute_ = a;
    }
  if (auto* a = keys.get("support_capacity"))
    if (auto n = read_->integer(*a, 1, plan::limits::kMaxSupportCapacity)) fleet_.support_capacity = static_cast<int>(*n);
  if (auto* a = keys.get("transit_recycle"))
    if (auto d = read_->duration(*a)) fleet_.transit_recycle = *d;
}

void FleetCompiler::read_calendar(const Block& block) {
  plan::CalendarSpec spec;
  spec.name = block.label->text;
  BlockKeys keys(block, source_, *diagnostics_);
  if (auto* a = keys.get("open"))
    if (auto rules = read_->weekly_rules(*a)) {
      std::sort(rules->begin(), rules->end(), [](const plan::WeeklyRule& x, const plan::WeeklyRule& y) {
        return std::tie(x.days, x.start, x.end) < std::tie(y.days, y.start, y.end);
      });
      rules->erase(std::unique(rules->begin(), rules->end(), [](const plan::WeeklyRule& x, const plan::WeeklyRule& y) {
        return std::tie(x.days, x.start, x.end) == std::tie(y.days, y.start, y.end);
      }), rules->end());
      // Openings are built per rule and day: bound the work a hostile file can ask for.
      if (rules->size() > kMaxWeeklyRules)
        error(a->value.span, "calendar \"" + spec.name + "\" has " + std::to_string(rules->size()) +
                                 " different weekly rules; at most " + std::to_string(kMaxWeeklyRules) + " are allowed");
      else spec.rules = std::move(*rules);
    }
  if (auto* a = keys.get("closed"))
    if (auto days = read_->dates(*a)) spec.closed_days = std::move(*days);
  fleet_.calendars.push_back(std::move(spec));
}

void FleetCompiler::read_transit(const Block& block) {
  plan::Transit transit;
  transit.name = block.label->text;
  BlockKeys keys(block, source_, *diagnostics_);
  read_machine(keys, transit.cpu, transit.ram, transit.disk);
  if (auto* a = keys.get("busy_until")) transit.busy_until = read_->date_time(*a);
  fleet_.transits.push_back(std::move(transit));
}

void FleetCompiler::read_machine(const BlockKeys& keys, std::int64_t& cpu, plan::Exact& ram, plan::Exact& disk) {
  if (auto* a = keys.get("cpu"))
    if (auto n = read_->integer(*a, 1, plan::limits::kMaxCpu)) cpu = *n;
  if (auto* a = keys.get("ram"))
    if (auto s = read_->size(*a)) ram = *s;
  if (auto* a = keys.get("disk"))
    if (auto s = read_->size(*a)) disk = *s;
}

std::optional<int> FleetCompiler::reference(const dsl::ast::Attribute& attribute,
                                            const std::map<std::string, int>& index, const char* kind) {
  auto name = read_->reference(attribute);
  if (!name) return std::nullopt;
  auto it = index.find(*name);
  if (it != index.end()) return it->second;
  std::vector<std::string> names;
  for (const auto& [n, i] : index) names.push_back(n);
  error(attribute.value.span, std::string("unknown ") + kind + " \"" + *name + "\"" + did_you_mean(*name, names));
  return std::nullopt;
}

int FleetCompiler::window(const dsl::ast::Attribute& attribute) {
  return reference(attribute, calendar_index_, "calendar").value_or(plan::kAlwaysOpen);
}

}  // namespace ferry::compiler
