#include "compiler/value_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "compiler/suggest.hpp"
#include "compiler/units.hpp"
#include "plan/billing.hpp"

namespace ferry::compiler {

namespace ast = dsl::ast;
namespace x3 = boost::spirit::x3;
using plan::Exact;

namespace {

const ast::Operand* unwrap(const ast::Expression& e) {
  const ast::Expression* current = &e;
  while (current->rest.empty()) {
    if (auto* inner = boost::get<x3::forward_ast<ast::Expression>>(&current->first)) current = &inner->get();
    else return &current->first;
  }
  return nullptr;
}

bool parse_digits(std::string_view text, std::size_t at, std::size_t count, int& out) {
  if (at + count > text.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

// "HH:MM" or "H:MM" or "HH:MM:SS" to seconds; `end` allows 24:00.
std::optional<plan::Seconds> time_of_day(std::string_view text, bool end, std::string& why) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2) return std::nullopt;
  int h = 0, m = 0, s = 0;
  if (!parse_digits(text, 0, colon, h) || !parse_digits(text, colon + 1, 2, m)) return std::nullopt;
  if (text.size() > colon + 3 && !parse_digits(text, colon + 4, 2, s)) return std::nullopt;
  if (m > 59 || s > 59) {
    why = "minutes and seconds go up to 59";
    return std::nullopt;
  }
  if (h == 24 && m == 0 && s == 0 && end) return plan::kDay;
  if (h > 23) {
    why = h == 24 ? "24:00 is allowed only as the end of an opening" : "hours go up to 23";
    return std::nullopt;
  }
  return h * 3600 + m * 60 + s;
}

std::optional<std::int64_t> civil_day(std::string_view text) {
  int y = 0, mo = 0, d = 0;
  if (!parse_digits(text, 0, 4, y) || !parse_digits(text, 5, 2, mo) || !parse_digits(text, 8, 2, d)) return std::nullopt;
  if (y < kFirstYear || y > kLastYear) return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || !plan::valid_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)))
    return std::nullopt;
  return plan::days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
}

int day_index(std::string_view name) {
  static const char* names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  for (int i = 0; i < 7; ++i)
    if (name == names[i]) return i;
  return -1;
}

}  // namespace

const ast::Literal* single_literal(const ast::Expression& e) {
  const ast::Operand* o = unwrap(e);
  return o ? boost::get<ast::Literal>(o) : nullptr;
}

const std::vector<ast::Expression>* list_items(const ast::Expression& e) {
  const ast::Operand* o = unwrap(e);
  if (!o) return nullptr;
  auto* list = boost::get<x3::forward_ast<ast::ListExpr>>(o);
  return list ? &list->get().items : nullptr;
}

std::string duration_words(plan::Seconds s) {
  std::string out;
  if (s >= plan::kDay) out += std::to_string(s / plan::kDay) + "d ";
  if (s >= plan::kHour) out += std::to_string(s / plan::kHour % 24) + "h ";
  if (s >= plan::kMinute) out += std::to_string(s / plan::kMinute % 60) + "min ";
  out += std::to_string(s % 60) + "s";
  return out;
}

std::optional<Exact> ValueReader::constant(const Attribute& a, Dimension wanted, const char* wanted_words) {
  // Most values are one number or quantity: read those without compiling a
  // program (a 100,000-account fleet has 300,000 sizes).
  if (const ast::Literal* l = single_literal(a.value)) {
    std::optional<Unit> v = l->kind == ast::LiteralKind::number     ? number_value(l->text)
                            : l->kind == ast::LiteralKind::quantity ? quantity_value(l->text, currency_)
                                                                    : std::nullopt;
    if (v && v->dimension == wanted) return v->scale;
  }
  ExpressionCompiler compiler(source_, diagnostics_, currency_);
  auto value = compiler.compile(a.value, Scope::constant);
  if (!value) return std::nullopt;
  if (!(value->dimension == wanted)) {
    error(a.value.span, a.key.text + " must be " + wanted_words + ", this is " + describe(value->dimension));
    return std::nullopt;
  }
  return value->program.mean({});
}

std::optional<std::int64_t> ValueReader::integer(const Attribute& a, std::int64_t min, std::int64_t max) {
  auto value = constant(a, Dimension::none(), "a whole number");
  if (!value) return std::nullopt;
  if (!value->is_integer()) {
    error(a.value.span, a.key.text + " must be a whole number");
    return std::nullopt;
  }
  if (*value < Exact(min) || *value > Exact(max)) {
    error(a.value.span, a.key.text + " is out of range: it must be between " + std::to_string(min) + " and " +
                            std::to_string(max));
    return std::nullopt;
  }
  return value->floor();
}

std::optional<Exact> ValueReader::size(const Attribute& a) {
  auto value = constant(a, Dimension::size(), "a data size");
  if (value && value->is_negative()) {
    error(a.value.span, "negative size: " + a.key.text + " cannot be below 0");
    return std::nullopt;
  }
  return value;
}

std::optional<plan::Seconds> ValueReader::duration(const Attribute& a) {
  auto value = constant(a, Dimension::duration(), "a duration");
  if (!value) return std::nullopt;
  if (value->is_negative()) {
    error(a.value.span, "negative duration: " + a.key.text + " cannot be below 0");
    return std::nullopt;
  }
  if (*value > plan::Exact(kMaxDuration)) {
    error(a.value.span, a.key.text + " is longer than ten years; ferry plans migrations, not eras");
    return std::nullopt;
  }
  return value->round_half_up();
}

std::optional<CompiledValue> ValueReader::duration_expression(const Attribute& a, Scope scope) {
  ExpressionCompiler compiler(source_, diagnostics_, currency_);
  auto value = compiler.compile(a.value, scope);
  if (!value) return std::nullopt;
  if (!(value->dimension == Dimension::duration())) {
    error(a.value.span, a.key.text + " must be a duration, this is " + describe(value->dimension));
    return std::nullopt;
  }
  if (value->is_constant() && value->program.mean({}).is_negative()) {
    error(a.value.span, "negative duration: " + a.key.text + " cannot be below 0");
    return std::nullopt;
  }
  return value;
}

std::optional<plan::Instant> ValueReader::date_time(const Attribute& a) {
  const ast::Literal* l = single_literal(a.value);
  if (!l || l->kind != ast::LiteralKind::date_time) {
    error(a.value.span, a.key.text + " must be a date-time such as 2026-12-01 09:00");
    return std::nullopt;
  }
  auto day = civil_day(l->text);
  std::string why;
  std::string time_text = l->text.substr(10);
  time_text.erase(0, time_text.find_first_not_of(" \t\r\nT"));
  auto time = time_of_day(time_text, false, why);
  if (!day) {
    error(l->span, "'" + l->text.substr(0, 10) + "' is not a valid date (years " + std::to_string(kFirstYear) + " to " +
                       std::to_string(kLastYear) + ")");
    return std::nullopt;
  }
  if (!time) {
    error(l->span, "'" + time_text + "' is not a valid time of day" + (why.empty() ? "" : ": " + why));
    return std::nullopt;
  }
  if (!zone_) return std::nullopt;  // the time zone error is already reported
  plan::LocalSeconds local = *day * plan::kDay + *time;
  auto resolved = zone_->resolve(local);
  if (resolved.kind == plan::TimeZone::LocalKind::gap) {
    error(l->span, plan::local_text(local) + " does not exist in " + zone_->name() +
                       ": the clocks skip that hour (daylight saving time)");
    return std::nullopt;
  }
  return resolved.instant;
}

std::optional<std::string> ValueReader::string(const Attribute& a) {
  const ast::Literal* l = single_literal(a.value);
  if (!l || l->kind != ast::LiteralKind::string) {
    error(a.value.span, a.key.text + " must be a string in double quotes");
    return std::nullopt;
  }
  return l->text;
}

std::optional<std::string> ValueReader::reference(const Attribute& a) {
  const ast::Literal* l = single_literal(a.value);
  if (!l || (l->kind != ast::LiteralKind::string && l->kind != ast::LiteralKind::name)) {
    error(a.value.span, a.key.text + " must name something, such as \"office\"");
    return std::nullopt;
  }
  return l->text;
}

std::optional<std::string> ValueReader::word(const Attribute& a, const std::vector<std::string>& allowed) {
  const ast::Literal* l = single_literal(a.value);
  if (l && (l->kind == ast::LiteralKind::name || l->kind == ast::LiteralKind::string) &&
      std::find(allowed.begin(), allowed.end(), l->text) != allowed.end())
    return l->text;
  std::string list;
  for (const auto& w : allowed) list += (list.empty() ? "" : ", ") + w;
  std::string hint = l ? did_you_mean(l->text, allowed) : "";
  error(a.value.span, a.key.text + " must be one of " + list + hint);
  return std::nullopt;
}

std::optional<bool> ValueReader::boolean(const Attribute& a) {
  const ast::Literal* l = single_literal(a.value);
  if (l && l->kind == ast::LiteralKind::name && (l->text == "true" || l->text == "false")) return l->text == "true";
  error(a.value.span, a.key.text + " must be true or false");
  return std::nullopt;
}

std::optional<double> ValueReader::fraction(const Attribute& a) {
  auto value = constant(a, Dimension::none(), "a percentage such as 2%");
  if (!value) return std::nullopt;
  if (value->is_negative() || *value > Exact(1)) {
    error(a.value.span, a.key.text + " must be a percentage between 0% and 100%");
    return std::nullopt;
  }
  return static_cast<double>(value->value());
}

std::optional<plan::Price> ValueReader::price(const Attribute& a) {
  auto value = constant(a, Dimension::price(), ("a price per month such as 149 " + currency_ + "/month").c_str());
  if (!value) return std::nullopt;
  plan::PriceReading reading = plan::price_per_month(*value);
  if (reading.problem == plan::PriceProblem::negative) {
    error(a.value.span, "negative price: " + a.key.text + " cannot be below 0");
    return std::nullopt;
  }
  if (!reading.ok()) {
    error(a.value.span, a.key.text + " cannot be billed exactly: " + plan::price_problem_words(reading.problem, currency_));
    return std::nullopt;
  }
  return reading.price;
}

std::optional<plan::WeeklyRule> ValueReader::weekly_rule(const ast::Literal& l) {
  std::string text;
  for (char c : l.text)
    if (!std::isspace(static_cast<unsigned char>(c))) text += c;
  auto digit = std::find_if(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  std::string days(text.begin(), digit), times(digit, text.end());
  plan::WeeklyRule rule;
  std::size_t at = 0;
  while (at <= days.size()) {
    std::size_t comma = days.find(',', at);
    std::string item = days.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    auto dash = item.find('-');
    int from = day_index(item.substr(0, dash)), to = dash == std::string::npos ? from : day_index(item.substr(dash + 1));
    if (from < 0 || to < 0) {
      error(l.span, "'" + item + "' is not a day or a day range such as mon-fri");
      return std::nullopt;
    }
    for (int d = from;; d = (d + 1) % 7) {  // ranges may wrap: fri-mon
      rule.days |= static_cast<std::uint8_t>(1u << d);
      if (d == to) break;
    }
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  auto dash = times.find('-');
  std::string why_start, why_end;
  auto start = time_of_day(times.substr(0, dash), false, why_start);
  auto end = time_of_day(times.substr(dash + 1), true, why_end);
  if (!start || !end) {
    std::string bad = !start ? times.substr(0, dash) : times.substr(dash + 1);
    std::string why = !start ? why_start : why_end;
    error(l.span, "'" + bad + "' is not a valid time of day" + (why.empty() ? "" : ": " + why));
    return std::nullopt;
  }
  rule.start = *start;
  rule.end = *end;
  return rule;
}

template <typename T, typename ReadOne>
std::optional<std::vector<T>> ValueReader::each_item(const Attribute& a, ReadOne read_one) {
  std::vector<const ast::Expression*> items;
  if (auto* list = list_items(a.value)) for (const auto& item : *list) items.push_back(&item);
  else items.push_back(&a.value);  // one value stands for a list of one
  std::vector<T> values;
  bool ok = true;
  for (const ast::Expression* item : items) {
    std::optional<T> value = read_one(*item, single_literal(*item));
    if (value) values.push_back(*value);
    ok = ok && value.has_value();
  }
  if (!ok) return std::nullopt;
  return values;
}

std::optional<std::vector<plan::WeeklyRule>> ValueReader::weekly_rules(const Attribute& a) {
  return each_item<plan::WeeklyRule>(a, [&](const ast::Expression& item, const ast::Literal* l) -> std::optional<plan::WeeklyRule> {
    if (l && l->kind == ast::LiteralKind::weekly_rule) return weekly_rule(*l);
    error(item.span, a.key.text + " takes weekly rules such as mon-fri 09:00-18:00");
    return std::nullopt;
  });
}

std::optional<std::vector<std::int64_t>> ValueReader::dates(const Attribute& a) {
  std::size_t total = 0;
  auto days = each_item<std::vector<std::int64_t>>(
      a, [&](const ast::Expression& item, const ast::Literal* l) -> std::optional<std::vector<std::int64_t>> {
        if (l && l->kind == ast::LiteralKind::date_range) return date_range(*l, total);
        auto day = l && l->kind == ast::LiteralKind::date ? civil_day(l->text) : std::nullopt;
        if (!day) {
          error(item.span, l && l->kind == ast::LiteralKind::date
                               ? "'" + l->text + "' is not a valid date"
                               : a.key.text + " takes dates such as 2026-12-25 or ranges such as 2026-12-24..2027-01-03");
          return std::nullopt;
        }
        ++total;
        return std::vector<std::int64_t>{*day};
      });
  if (!days) return std::nullopt;
  std::vector<std::int64_t> all;
  for (const auto& some : *days) all.insert(all.end(), some.begin(), some.end());
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}

std::optional<std::vector<std::int64_t>> ValueReader::date_range(const ast::Literal& l, std::size_t& total) {
  auto dots = l.text.find("..");
  auto trim = [](std::string t) {
    t.erase(0, t.find_first_not_of(" \t"));
    t.erase(t.find_last_not_of(" \t") + 1);
    return t;
  };
  std::string from_text = trim(l.text.substr(0, dots)), to_text = trim(l.text.substr(dots + 2));
  auto from = civil_day(from_text), to = civil_day(to_text);
  if (!from || !to) {
    error(l.span, "'" + (!from ? from_text : to_text) + "' is not a valid date");
    return std::nullopt;
  }
  if (*to < *from) {
    error(l.span, "empty range: its end " + to_text + " is before its start " + from_text + "; write the earlier date first");
    return std::nullopt;
  }
  total += static_cast<std::size_t>(*to - *from + 1);
  // Each closed day is kept one by one: bound what a file can ask for.
  if (total > plan::limits::kMaxClosedDays) {
    error(l.span, "a calendar closes at most " + std::to_string(plan::limits::kMaxClosedDays) +
                      " days; this range brings it to " + std::to_string(total));
    return std::nullopt;
  }
  std::vector<std::int64_t> days;
  for (std::int64_t d = *from; d <= *to; ++d) days.push_back(d);
  return days;
}

}  // namespace ferry::compiler
