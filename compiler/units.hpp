// Units of the language (DESIGN §2.1): time s min h d w, data B KB MB GB TB
// (powers of 1000) and KiB MiB GiB TiB (powers of 1024), %, the fleet's
// currency, `month` (prices only), and compounds `U/V`. A unit converts a
// number to the base units both engines use: seconds, bytes, currency.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "compiler/dimension.hpp"
#include "plan/exact.hpp"

namespace ferry::compiler {

struct Unit {
  plan::Exact scale;
  Dimension dimension;
};

// nullopt if `text` is no unit; `currency` is the fleet's code.
std::optional<Unit> find_unit(std::string_view text, const std::string& currency);

// Splits a quantity token ("30 s", "149 EUR/month") into number and unit,
// views of the token: the grammar writes a unit without spaces, after the
// number or after blanks.
struct QuantityText {
  std::string_view number;
  std::string_view unit;
};
QuantityText split_quantity(std::string_view text);

// The value, in base units, of a number or quantity token's text ("12",
// "30 s", "149 EUR/month"); nullopt when the number is malformed or the
// unit unknown.
std::optional<Unit> number_value(std::string_view text);
std::optional<Unit> quantity_value(std::string_view text, const std::string& currency);

// Every simple unit name, for "did you mean" suggestions.
const char* const* unit_names();

// The unit a writer most likely meant by an unknown simple unit, or "":
// words and abbreviations (`hours` → h, `sec` → s, `mois` → month), a size
// letter or octets (`T` → TB, `Go` → GB), a different case (`gb` → GB),
// then the nearest spelling.
std::string suggest_unit(std::string_view word, const std::string& currency);

}  // namespace ferry::compiler
