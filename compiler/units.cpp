#include "compiler/units.hpp"

#include <cctype>
#include <utility>
#include <vector>

#include "compiler/suggest.hpp"

namespace ferry::compiler {

namespace {

using plan::Exact;

constexpr const char* kNames[] = {"s", "min", "h", "d", "w", "B", "KB", "MB", "GB", "TB",
                                  "KiB", "MiB", "GiB", "TiB", "%", "month", nullptr};

std::optional<Unit> simple_unit(std::string_view u, const std::string& currency) {
  const Dimension t = Dimension::duration(), b = Dimension::size();
  if (u == "s") return Unit{1, t};
  if (u == "min") return Unit{60, t};
  if (u == "h") return Unit{3600, t};
  if (u == "d") return Unit{86400, t};
  if (u == "w") return Unit{7 * 86400, t};
  if (u == "B") return Unit{1, b};
  if (u == "KB") return Unit{1000, b};
  if (u == "MB") return Unit{1000000, b};
  if (u == "GB") return Unit{1000000000, b};
  if (u == "TB") return Unit{1000000000000, b};
  if (u == "KiB") return Unit{1024, b};
  if (u == "MiB") return Unit{1024 * 1024, b};
  if (u == "GiB") return Unit{1024LL * 1024 * 1024, b};
  if (u == "TiB") return Unit{1024LL * 1024 * 1024 * 1024, b};
  if (u == "%") return Unit{Exact::fraction(1, 100), Dimension::none()};
  if (u == "month") return Unit{1, Dimension{0, 0, 0, 1}};
  if (u == currency) return Unit{1, Dimension::money_amount()};
  return std::nullopt;
}

}  // namespace

std::optional<Unit> find_unit(std::string_view text, const std::string& currency) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos) return simple_unit(text, currency);
  auto top = simple_unit(text.substr(0, slash), currency);
  auto bottom = simple_unit(text.substr(slash + 1), currency);
  if (!top || !bottom) return std::nullopt;
  return Unit{top->scale / bottom->scale, top->dimension / bottom->dimension};
}

QuantityText split_quantity(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
  std::size_t unit = i;
  while (unit < text.size() && std::isspace(static_cast<unsigned char>(text[unit]))) ++unit;
  return {text.substr(0, i), text.substr(unit)};
}

std::optional<Unit> number_value(std::string_view text) {
  auto number = Exact::decimal(text);
  if (!number) return std::nullopt;
  return Unit{*number, Dimension::none()};
}

std::optional<Unit> quantity_value(std::string_view text, const std::string& currency) {
  QuantityText q = split_quantity(text);
  auto number = Exact::decimal(q.number);
  auto unit = find_unit(q.unit, currency);
  if (!number || !unit) return std::nullopt;
  return Unit{*number * unit->scale, unit->dimension};
}

const char* const* unit_names() { return kNames; }

std::string suggest_unit(std::string_view word, const std::string& currency) {
  static const std::pair<std::string_view, std::string_view> kSynonyms[] = {
      {"sec", "s"},      {"secs", "s"},     {"second", "s"},    {"seconds", "s"},   {"m", "min"},
      {"mins", "min"},   {"minute", "min"}, {"minutes", "min"}, {"hr", "h"},        {"hrs", "h"},
      {"hour", "h"},     {"hours", "h"},    {"heure", "h"},     {"heures", "h"},    {"day", "d"},
      {"days", "d"},     {"jour", "d"},     {"jours", "d"},     {"wk", "w"},        {"week", "w"},
      {"weeks", "w"},    {"semaine", "w"},  {"semaines", "w"},  {"months", "month"}, {"mo", "month"},
      {"mois", "month"}, {"mon", "month"},  {"K", "KB"},        {"M", "MB"},        {"G", "GB"},
      {"T", "TB"},       {"o", "B"},        {"Ko", "KB"},       {"Mo", "MB"},       {"Go", "GB"},
      {"To", "TB"},      {"Ki", "KiB"},     {"Mi", "MiB"},      {"Gi", "GiB"},      {"Ti", "TiB"},
      {"percent", "%"},
  };
  for (const auto& [written, meant] : kSynonyms)
    if (word == written) return std::string(meant);
  std::vector<std::string> names;
  for (auto n = kNames; *n; ++n) names.emplace_back(*n);
  names.push_back(currency);
  auto lower = [](std::string_view t) {
    std::string out(t);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  for (const std::string& name : names)
    if (lower(name) == lower(word)) return name;
  return suggest(word, names);
}

}  // namespace ferry::compiler
