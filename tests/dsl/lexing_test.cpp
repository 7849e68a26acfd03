// Every lexical element of DESIGN §2.1, table-driven: the value text of
// `k = ...` and what the grammar reads from it.
#include <catch2/catch.hpp>

#include "dsl/formatter.hpp"
#include "dsl/parser.hpp"

using namespace ferry::dsl;

namespace {

struct Parsed {
  ast::File file;
  std::string errors;
};

Parsed parse_text(const std::string& text) {
  static std::vector<std::unique_ptr<SourceFile>> keep;  // diagnostics point into their source
  keep.push_back(std::make_unique<SourceFile>(SourceFile::from_text("t.ferry", text)));
  Diagnostics diagnostics;
  ParsedFile parsed = parse(*keep.back(), diagnostics);
  return {std::move(parsed.file), render_all(diagnostics)};
}

const ast::Literal* only_literal(const ast::Expression& e) {
  const ast::Expression* current = &e;
  while (current->rest.empty()) {
    if (auto* inner = boost::get<boost::spirit::x3::forward_ast<ast::Expression>>(&current->first)) current = &inner->get();
    else return boost::get<ast::Literal>(&current->first);
  }
  return nullptr;
}

}  // namespace

TEST_CASE("each literal kind") {
  struct Case {
    const char* value;
    ast::LiteralKind kind;
    const char* text;
  };
  using K = ast::LiteralKind;
  const Case cases[] = {
      {"12", K::number, "12"},
      {"0.5", K::number, "0.5"},
      {"12GB", K::quantity, "12GB"},
      {"30 s", K::quantity, "30 s"},
      {"149 EUR/month", K::quantity, "149 EUR/month"},
      {"100MB/s", K::quantity, "100MB/s"},
      {"1min/GB", K::quantity, "1min/GB"},
      {"2%", K::quantity, "2%"},
      {"8disk", K::quantity, "8disk"},  // glued: read as a unit, refused by the compiler
      {"32Go", K::quantity, "32Go"},
      {"\"night\"", K::string, "night"},
      {"\"a \\\"b\\\" \\\\ c\"", K::string, "a \"b\" \\ c"},
      {"2026-12-25", K::date, "2026-12-25"},
      {"2026-12-01 09:00", K::date_time, "2026-12-01 09:00"},
      {"2026-12-01T09:00", K::date_time, "2026-12-01T09:00"},
      {"09:00", K::time_of_day, "09:00"},
      {"24:00", K::time_of_day, "24:00"},
      {"mon-fri 09:00-18:00", K::weekly_rule, "mon-fri 09:00-18:00"},
      {"sat,sun 10:00-12:00", K::weekly_rule, "sat,sun 10:00-12:00"},
      {"mon-sun 22:00-06:00", K::weekly_rule, "mon-sun 22:00-06:00"},
      {"true", K::name, "true"},
      {"largest_first", K::name, "largest_first"},
  };
  for (const Case& c : cases) {
    INFO("value: " << c.value);
    Parsed p = parse_text(std::string("b \"x\" { k = ") + c.value + " }");
    REQUIRE(p.errors.empty());
    REQUIRE(p.file.blocks.size() == 1);
    REQUIRE(p.file.blocks[0].attributes.size() == 1);
    const ast::Literal* l = only_literal(p.file.blocks[0].attributes[0].value);
    REQUIRE(l != nullptr);
    CHECK(l->kind == c.kind);
    CHECK(l->text == c.text);
  }
}

TEST_CASE("a unit is a whole word: `cpu = 8  ram = 32GB` is two attributes") {
  Parsed p = parse_text("transit \"t\" { cpu = 8  ram = 32GB  disk = 1TB }");
  REQUIRE(p.errors.empty());
  REQUIRE(p.file.blocks[0].attributes.size() == 3);
  CHECK(only_literal(p.file.blocks[0].attributes[0].value)->text == "8");
}

TEST_CASE("a date is never a subtraction") {
  Parsed p = parse_text("b \"x\" { k = 2026-12-25 }");
  CHECK(only_literal(p.file.blocks[0].attributes[0].value)->kind == ast::LiteralKind::date);
}

TEST_CASE("expressions keep precedence: a + b * c") {
  Parsed p = parse_text("b \"x\" { k = 30s + 1min/GB * databases }");
  REQUIRE(p.errors.empty());
  const ast::Expression& e = p.file.blocks[0].attributes[0].value;
  REQUIRE(e.rest.size() == 1);
  CHECK(e.rest[0].op == '+');
  CHECK(format_expression(e) == "30s + 1min/GB * databases");
}

TEST_CASE("comments, CRLF and a byte-order mark are whitespace") {
  Parsed p = parse_text("\xEF\xBB\xBF# comment\r\nb \"x\" { # inside\r\n  k = 1 # after\r\n}\r\n");
  CHECK(p.errors.empty());
  CHECK(p.file.blocks.size() == 1);
}

TEST_CASE("lists, calls, parentheses and a unary minus") {
  Parsed p = parse_text("b \"x\" { k = [1, 2, 3]  f = uniform(1s, 2s)  g = (1 + 2) * 3  h = -3GB }");
  CHECK(p.errors.empty());
  CHECK(p.file.blocks[0].attributes.size() == 4);
}
