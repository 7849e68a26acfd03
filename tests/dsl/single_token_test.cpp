// The parser reads a value that is one token without the expression rules
// (parser.cpp, read_single_token): the tree must be the one those rules
// build, spans included, but for the level holding one operand and nothing
// else that the rules add (every reader looks through it; decision 95);
// anything more than one token must still go through the rules.
#include <catch2/catch.hpp>

#include "dsl/grammar.hpp"
#include "dsl/parser.hpp"
#include "dsl/worker_thread.hpp"

using namespace ferry::dsl;
namespace x3 = boost::spirit::x3;

namespace {

std::string dump(const ast::Expression& e);

struct OperandDump {
  std::string operator()(const ast::Nil&) const { return "nil"; }
  std::string operator()(const ast::Literal& l) const {
    return "lit(" + std::to_string(static_cast<int>(l.kind)) + "," + l.text + "," + std::to_string(l.span.begin) +
           "-" + std::to_string(l.span.end) + ")";
  }
  std::string operator()(const ast::ListExpr& l) const {
    std::string out = "list[";
    for (const auto& item : l.items) out += dump(item) + ";";
    return out + "]";
  }
  std::string operator()(const ast::CallExpr& c) const {
    std::string out = "call(" + (*this)(c.function);
    for (const auto& arg : c.args) out += ";" + dump(arg);
    return out + ")";
  }
  std::string operator()(const ast::Parens& p) const { return "parens(" + dump(p.inner) + ")"; }
  std::string operator()(const ast::Negation& n) const { return "neg(" + boost::apply_visitor(*this, n.operand) + ")"; }
  std::string operator()(const ast::Expression& e) const { return dump(e); }
};

std::string dump(const ast::Expression& e) {
  auto* inner = boost::get<x3::forward_ast<ast::Expression>>(&e.first);
  if (e.rest.empty() && inner && inner->get().span.begin == e.span.begin && inner->get().span.end == e.span.end)
    return dump(inner->get());  // a level around one operand, same span: looked through
  std::string out = "expr" + std::to_string(e.span.begin) + "-" + std::to_string(e.span.end) + "{" +
                    boost::apply_visitor(OperandDump{}, e.first);
  for (const ast::Operation& op : e.rest)
    out += std::string(" ") + op.op + " " + boost::apply_visitor(OperandDump{}, op.operand);
  return out + "}";
}

// The value as the parser reads it in `k = VALUE`.
std::string through_parser(const std::string& text, std::string& errors) {
  static std::vector<std::unique_ptr<SourceFile>> keep;  // diagnostics point into their source
  keep.push_back(std::make_unique<SourceFile>(SourceFile::from_text("t.ferry", text)));
  Diagnostics diagnostics;
  ParsedFile parsed = parse(*keep.back(), diagnostics);
  errors = render_all(diagnostics);
  if (parsed.file.blocks.empty() || parsed.file.blocks[0].attributes.empty()) return "no attribute";
  return dump(parsed.file.blocks[0].attributes[0].value);
}

// The value as the expression rules read it at the same offset.
std::string through_rules(const std::string& text, std::size_t at) {
  grammar::Origin origin{text.data()};
  const char* it = text.data() + at;
  ast::Expression value;
  bool ok = x3::phrase_parse(it, text.data() + text.size(),
                             x3::with<grammar::origin_tag>(std::ref(origin))[grammar::expression()], grammar::skipper,
                             value);
  return ok ? dump(value) : "no match";
}

}  // namespace

TEST_CASE("a one-token value gets the tree of the expression rules") {
  const char* values[] = {
      "12",         "0.5",         "12GB",        "30 s",          "149 EUR/month", "2%",
      "8disk",      "\"night\"",   "\"a \\\"b\\\"\"", "2026-12-25", "2026-12-01 09:00", "2026-12-01T09:00",
      "09:00",      "mon-fri 09:00-18:00", "2026-12-24..2027-01-03", "true", "largest_first",
      // more than one token: the rules read these
      "30s + 1min/GB * databases", "2 * 3", "uniform(1s, 2s)", "lognormal (1d, 6d)", "[1, 2]", "(1 + 2) * 3",
      "-3GB", "5GB # a comment\n - 1GB", "1d -2h", "7GB/2",
  };
  for (const char* value : values) {
    INFO("value: " << value);
    std::string prefix = "b \"x\" { k = ";
    std::string text = prefix + value + "\n  next = 1 }";
    std::string errors;
    std::string parsed = through_parser(text, errors);
    CHECK(errors.empty());
    CHECK(parsed == through_rules(text, prefix.size()));
  }
}

TEST_CASE("a one-token value followed by the next key is still cut before it") {
  std::string errors;
  std::string parsed = through_parser("b \"x\" { databases = 5GB files = 7GB }", errors);
  CHECK(errors.empty());
  CHECK(parsed == "expr20-23{lit(1,5GB,20-23)}");
}

TEST_CASE("a broken token is reported once, by the expression rules") {
  std::string errors;
  through_parser("b \"x\" { k = \"a\\qb\" }", errors);
  CHECK(errors.find("unknown escape") != std::string::npos);
  CHECK(errors.find("unknown escape", errors.find("unknown escape") + 1) == std::string::npos);
}

namespace {

std::string dump_block(const ast::Block& b) {
  std::string out = b.title() + "@" + std::to_string(b.span.begin) + "-" + std::to_string(b.span.end) + "{";
  for (const ast::Attribute& a : b.attributes) out += a.key.text + "=" + dump(a.value) + ";";
  for (const ast::Block& child : b.blocks) out += dump_block(child);
  for (const ast::MemberRef& m : b.members_in_order()) out += m.is_block ? "b" : "a";
  return out + "}";
}

std::string dump_file(const ast::File& f) {
  std::string out;
  for (const ast::Block& b : f.blocks) out += dump_block(b) + "\n";
  return out;
}

// A fleet of `servers` servers, a megabyte or more; `damage` inserted
// before the server at index `at` (nothing if empty).
std::string big_fleet(int servers, const std::string& damage = "", int at = -1, const std::string& indent = "  ") {
  std::string text = "fleet \"f\" { start = 2026-12-01 09:00 }\n";
  for (int s = 0; s < servers; ++s) {
    if (s == at) text += damage;
    text += "server \"s" + std::to_string(s) + "\" {\n" + indent + "cpu = 4  ram = 16GB + 1GB  disk = 1TB  price = 30 EUR/month\n";
    for (int a = 0; a < 10; ++a)
      text += indent + "account \"a" + std::to_string(s) + "-" + std::to_string(a) +
              "\" { databases = 5GB files = 7GB mail = 6GB dns = external priority = 2 }  # note\n";
    text += "}\n";
  }
  return text;
}

}  // namespace

TEST_CASE("a large file read on two threads gives the tree of one thread") {
  std::string text = big_fleet(1400);
  REQUIRE(text.size() > (1u << 20));
  SourceFile source = SourceFile::from_text("big.ferry", text);
  Diagnostics on_two, on_one;
  std::size_t readings = files_read_in_two();
  ParsedFile two = parse(source, on_two);
  std::size_t taken = second_cpu_available() ? 1 : 0;  // one CPU (taskset): one thread
  CHECK(files_read_in_two() == readings + taken);
  ParsedFile one = parse(source, on_one, /*threads=*/false);
  CHECK(files_read_in_two() == readings + taken);
  CHECK(on_two.all().empty());
  CHECK(two.complete);
  CHECK(two.file.blocks.size() == 1401);
  CHECK(dump_file(two.file) == dump_file(one.file));
}

TEST_CASE("a large file with an error in either half says what one thread says") {
  for (int at : {100, 1300}) {
    INFO("broken before server " << at);
    // an attribute at the first column inside a block: a cut may fall there
    std::string text = big_fleet(1400, "server \"x\" {\ncpu = 4\n  ram = \n}\n", at);
    SourceFile source = SourceFile::from_text("big.ferry", text);
    Diagnostics on_two, on_one;
    std::size_t readings = files_read_in_two();
    ParsedFile two = parse(source, on_two), one = parse(source, on_one, /*threads=*/false);
    CHECK(files_read_in_two() == readings);  // the halves were dropped
    CHECK(!on_two.all().empty());
    CHECK(render_all(on_two) == render_all(on_one));
    CHECK(dump_file(two.file) == dump_file(one.file));
    CHECK(two.complete == one.complete);
  }
}

namespace {

// A large file the two-thread reading gives back, as read on one thread:
// no reading on two is counted, nothing is said, the tree is one thread's.
void read_on_one_thread_whole(const std::string& text) {
  SourceFile source = SourceFile::from_text("big.ferry", text);
  Diagnostics on_two, on_one;
  std::size_t readings = files_read_in_two();
  ParsedFile two = parse(source, on_two), one = parse(source, on_one, /*threads=*/false);
  CHECK(files_read_in_two() == readings);
  CHECK(on_two.all().empty());
  CHECK(dump_file(two.file) == dump_file(one.file));
}

}  // namespace

TEST_CASE("a large file with nowhere to cut is read on one thread") {
  // One server holding every account: no line after the first starts a
  // top-level block, so there is no piece to hand the second thread.
  std::string text = "fleet \"f\" { start = 2026-12-01 09:00 }\nserver \"s\" {\n";
  for (int a = 0; a < 14000; ++a)
    text += "  account \"a" + std::to_string(a) + "\" { databases = 5GB files = 7GB mail = 6GB dns = external }\n";
  text += "}\n";
  REQUIRE(text.size() > (1u << 20));
  read_on_one_thread_whole(text);
}

TEST_CASE("a large file whose blocks' lines start in the first column is still read whole") {
  // Every line looks like a block's start: the cut falls inside a block,
  // the halves report it, and the file is read again on one thread.
  read_on_one_thread_whole(big_fleet(1400, "", -1, ""));
}
