// Token rules: numbers, quantities with units as whole words, dates, date
// ranges, date-times, times of day, weekly rules, strings and names. Each keeps its
// source text; the compiler reads the values. Included only by literal.cpp.
#pragma once

#include "dsl/ast.hpp"
#include "dsl/ast_adapted.hpp"
#include "dsl/error_handler.hpp"
#include "dsl/grammar.hpp"

namespace ferry::dsl::grammar {

// Letters and digits are ASCII's: its classes answer "no" for a byte of a
// UTF-8 character before looking it up. The standard encoding's passed such
// a byte (negative as a char) to std::isalnum, which its own assertion
// refuses: `abé = 1` aborted a build with assertions. A table lookup, too,
// where the standard classes call the C library for every character.
using x3::ascii::alnum;
using x3::ascii::alpha;
using x3::ascii::digit;
using x3::char_;
using x3::lexeme;
using x3::lit;
using x3::raw;
using x3::repeat;

// Rules with semantic actions get no on_success call with their attribute,
// so the actions record the span themselves, from the raw[] range.
template <typename Context, typename Range>
void set_span(Context& ctx, const Range& range, ast::Literal& literal) {
  const char* base = x3::get<origin_tag>(ctx).get().begin;
  literal.span = {static_cast<std::uint32_t>(range.begin() - base), static_cast<std::uint32_t>(range.end() - base)};
}

template <ast::LiteralKind Kind>
struct set_literal {
  template <typename Context>
  void operator()(Context& ctx) const {
    auto& range = x3::_attr(ctx);
    ast::Literal& literal = x3::_val(ctx);
    literal.kind = Kind;
    literal.text.assign(range.begin(), range.end());
    set_span(ctx, range, literal);
  }
};

// The raw text includes the quotes; the value has its escapes resolved.
struct set_string {
  template <typename Context>
  void operator()(Context& ctx) const {
    auto& range = x3::_attr(ctx);
    ast::Literal& literal = x3::_val(ctx);
    literal.kind = ast::LiteralKind::string;
    literal.text.clear();
    for (auto it = range.begin() + 1; it + 1 < range.end(); ++it) {
      if (*it == '\\') ++it;
      literal.text += *it;
    }
    set_span(ctx, range, literal);
  }
};

// A word ends where no identifier character follows: `8 disk` is not `8 d`.
auto const word_end = !(alnum | '_');
auto const gap = +char_(" \t\r\n");
inline auto word(const char* text) { return lit(text) >> word_end; }

auto const number_text = +digit >> -('.' >> +digit);
auto const time_text = repeat(1, 2)[digit] >> ':' >> repeat(2)[digit] >> -(':' >> repeat(2)[digit]) >> !digit;
auto const date_core = repeat(4)[digit] >> '-' >> repeat(2)[digit] >> '-' >> repeat(2)[digit];
auto const date_text = date_core >> !alnum;
// `2026-12-24..2027-01-03`, both ends included (closed days of a calendar).
auto const date_range_text = date_core >> *char_(" \t") >> ".." >> *char_(" \t") >> date_core >> !alnum;

// Glued to the number, any word is taken as a unit and the compiler says
// "unknown unit" if it is none (`8disk`, `32Go`). After a space only real
// units count, and not a key about to be assigned (`cpu = 8 ram = 32GB`).
auto const glued_word = lit('%') | (+alpha >> word_end);
auto const glued_unit = glued_word >> -('/' >> glued_word);
auto const known_word = lit('%') | word("min") | word("month") | word("s") | word("h") | word("d") | word("w") |
                        word("KiB") | word("MiB") | word("GiB") | word("TiB") | word("KB") | word("MB") |
                        word("GB") | word("TB") | word("B") | (repeat(3)[char_("A-Z")] >> word_end);
auto const spaced_unit = known_word >> -('/' >> glued_word) >> !(*char_(" \t\r\n") >> '=' >> !lit('='));
auto const quantity_text = number_text >> (glued_unit | (gap >> spaced_unit));

auto const day = word("mon") | word("tue") | word("wed") | word("thu") | word("fri") | word("sat") | word("sun");
auto const day_range = day >> -('-' >> day);
auto const days = day_range >> *(*char_(" \t") >> ',' >> *char_(" \t") >> day_range);
auto const weekly_rule_text = days >> gap >> time_text >> '-' >> time_text;

// After a backslash only a quote or a backslash: named so that the message
// says which escapes exist.
x3::rule<struct escaped_class, char> const escaped = kEscapeExpected;
auto const escaped_def = char_("\"\\");
x3::rule<struct escape_class, char> const escape = "an escape";
auto const escape_def = lit('\\') > escaped;
x3::rule<struct string_body_class, std::string> const string_body = "a string";
auto const string_body_def = lexeme['"' > *(escape | ~char_("\"\\\r\n")) > '"'];
BOOST_SPIRIT_DEFINE(escaped, escape, string_body)

struct literal_class : annotate_span {};
struct name_class : annotate_span {};
struct string_class : annotate_span {};

literal_type const literal_rule = "a value";
name_type const name_rule = "a name";
string_type const string_rule = "a string";

auto const name_text = raw[lexeme[(alpha | '_') >> *(alnum | '_')]];
auto const name_rule_def = name_text[set_literal<ast::LiteralKind::name>{}];
auto const string_rule_def = raw[string_body][set_string{}];
// The first one that matches, in this order. The tokens that start with a
// digit are tried only at a digit: the others cannot match there, nor these
// elsewhere, so the order is kept and a name or a string is not first
// tried as seven kinds of number (3 % of the instructions of checking a
// 10k fleet).
auto const digit_led =
    raw[lexeme[date_text >> gap >> time_text]][set_literal<ast::LiteralKind::date_time>{}] |
    raw[lexeme[date_core >> 'T' >> time_text]][set_literal<ast::LiteralKind::date_time>{}] |
    raw[lexeme[date_range_text]][set_literal<ast::LiteralKind::date_range>{}] |
    raw[lexeme[date_text]][set_literal<ast::LiteralKind::date>{}] |
    raw[lexeme[time_text]][set_literal<ast::LiteralKind::time_of_day>{}] |
    raw[lexeme[quantity_text]][set_literal<ast::LiteralKind::quantity>{}] |
    raw[lexeme[number_text >> !(alpha | '_')]][set_literal<ast::LiteralKind::number>{}];
auto const literal_rule_def =
    (&digit >> digit_led) |
    raw[lexeme[weekly_rule_text]][set_literal<ast::LiteralKind::weekly_rule>{}] |
    raw[string_body][set_string{}] |
    name_text[set_literal<ast::LiteralKind::name>{}];

BOOST_SPIRIT_DEFINE(literal_rule, name_rule, string_rule)

literal_type const& literal() { return literal_rule; }
name_type const& name() { return name_rule; }
string_type const& string_literal() { return string_rule; }

}  // namespace ferry::dsl::grammar
