// ValueReader: reads the value of one attribute as the type its key needs
// (whole number, size, duration, date-time, string, word, boolean,
// percentage, price, weekly rules, dates and date ranges), or reports at the value why it is
// not one ("downtime must be a duration, this is a data size") and returns
// nullopt.
//   ValueReader read(source, diagnostics, "EUR", zone);
//   auto cpu = read.integer(attribute, 1, 1 << 20);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compiler/expression_compiler.hpp"
#include "dsl/ast.hpp"
#include "plan/calendar.hpp"
#include "plan/fleet.hpp"
#include "plan/time_zone.hpp"

namespace ferry::compiler {

class ValueReader {
 public:
  ValueReader(const dsl::SourceFile& source, dsl::Diagnostics& diagnostics, std::string currency,
              std::optional<plan::TimeZone> zone)
      : source_(source), diagnostics_(diagnostics), currency_(std::move(currency)), zone_(std::move(zone)) {}

  using Attribute = dsl::ast::Attribute;

  std::optional<std::int64_t> integer(const Attribute& a, std::int64_t min, std::int64_t max);
  std::optional<plan::Exact> size(const Attribute& a);
  std::optional<plan::Seconds> duration(const Attribute& a);
  std::optional<CompiledValue> duration_expression(const Attribute& a, Scope scope);
  std::optional<plan::Instant> date_time(const Attribute& a);
  std::optional<std::string> string(const Attribute& a);
  // A string or a bare word ("night" or night): calendar and policy names.
  std::optional<std::string> reference(const Attribute& a);
  std::optional<std::string> word(const Attribute& a, const std::vector<std::string>& allowed);
  std::optional<bool> boolean(const Attribute& a);
  std::optional<double> fraction(const Attribute& a);  // a percentage, 0..1
  std::optional<plan::Price> price(const Attribute& a);
  std::optional<std::vector<plan::WeeklyRule>> weekly_rules(const Attribute& a);
  std::optional<std::vector<std::int64_t>> dates(const Attribute& a);

  const std::optional<plan::TimeZone>& zone() const { return zone_; }
  // The same reader (currency, zone) reporting to other diagnostics.
  ValueReader reporting_to(dsl::Diagnostics& diagnostics) const {
    return ValueReader(source_, diagnostics, currency_, zone_);
  }
  void error(dsl::Span span, std::string message) { diagnostics_.error(source_, span, std::move(message)); }

 private:
  std::optional<plan::Exact> constant(const Attribute& a, Dimension wanted, const char* wanted_words);
  std::optional<plan::WeeklyRule> weekly_rule(const dsl::ast::Literal& literal);
  // The days of `2026-12-24..2027-01-03`, both ends included; `total` counts
  // the days of the whole list so far, to bound it.
  std::optional<std::vector<std::int64_t>> date_range(const dsl::ast::Literal& literal, std::size_t& total);
  // Reads a list (or one value standing for a list of one) item by item,
  // reporting every bad item; nullopt if any was bad.
  template <typename T, typename ReadOne>
  std::optional<std::vector<T>> each_item(const Attribute& a, ReadOne read_one);

  const dsl::SourceFile& source_;
  dsl::Diagnostics& diagnostics_;
  std::string currency_;
  std::optional<plan::TimeZone> zone_;
};

using plan::limits::kFirstYear;
using plan::limits::kLastYear;
using plan::limits::kMaxDuration;

// The literal a value consists of, if it is exactly one (`8`, `"night"`).
const dsl::ast::Literal* single_literal(const dsl::ast::Expression& expression);
// The items of a list value, or null if the value is not a list.
const std::vector<dsl::ast::Expression>* list_items(const dsl::ast::Expression& expression);
// "13h 0min 30s": a duration in words for messages.
std::string duration_words(plan::Seconds seconds);

}  // namespace ferry::compiler
