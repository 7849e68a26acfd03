// CommandTemplate: words are split before placeholders are filled, so a
// value is always one argument, whatever it contains; what is not a
// template is refused with the column of the fault.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "runtime/command_template.hpp"

using ferry::Status;
using ferry::runtime::ActionAttributes;
using ferry::runtime::CommandTemplate;

namespace {

const ActionAttributes web01{"web-01", "shop", "t-1", "web-01/migrate/shop", "1"};

}  // namespace

TEST_CASE("a template is split into words, then filled") {
  struct Case {
    std::string text;
    ActionAttributes attributes;
    std::vector<std::string> argv;
  };
  const std::vector<Case> cases = {
      {"scripts/migrate {server} {account} {transit}", web01, {"scripts/migrate", "web-01", "shop", "t-1"}},
      {"  a\tb\n c\r\n", web01, {"a", "b", "c"}},
      {"run 'a b' \"c  d\"", web01, {"run", "a b", "c  d"}},
      {"run --to={transit} x{server}y{account}z", web01, {"run", "--to=t-1", "xweb-01yshopz"}},
      {"run --name=\"a b\"c'd e'", web01, {"run", "--name=a bcd e"}},
      {"run '' \"\" x", web01, {"run", "", "", "x"}},
      {"run \"it's\" 'say \"hi\"'", web01, {"run", "it's", "say \"hi\""}},
      {"run '{server} {account}' \"{action}\"", web01, {"run", "web-01 shop", "web-01/migrate/shop"}},
      {"run {action} {attempt}", web01, {"run", "web-01/migrate/shop", "1"}},
      {"run {account}", {"web-01", "my shop", "", "", "1"}, {"run", "my shop"}},
      {"run {account}{server}", {"b;c", "a ", "", "", "1"}, {"run", "a b;c"}},
      {"run {transit}", {"web-01", "shop", "", "", "1"}, {"run", ""}},
      {"run ; | & $HOME `x` * > out", web01, {"run", ";", "|", "&", "$HOME", "`x`", "*", ">", "out"}},
  };
  for (const Case& c : cases) {
    INFO("template: " << c.text);
    ferry::StatusOr<CommandTemplate> t = CommandTemplate::parse(c.text);
    REQUIRE(t.ok());
    CHECK(t->text() == c.text);
    CHECK(t->fill(c.attributes) == c.argv);
  }
}

TEST_CASE("a value never becomes two arguments nor a command") {
  const ActionAttributes hostile{"web-01; rm -rf /", "$(touch pwned) `touch pwned`", "a b\nc *", "it's \"x\"",
                                 "1 2"};
  ferry::StatusOr<CommandTemplate> t = CommandTemplate::parse("m {server} {account} --to={transit} {action} {attempt}");
  REQUIRE(t.ok());
  CHECK(t->fill(hostile) == std::vector<std::string>{"m", "web-01; rm -rf /", "$(touch pwned) `touch pwned`",
                                                     "--to=a b\nc *", "it's \"x\"", "1 2"});
  // A value that looks like a placeholder or a quote is not read again.
  CHECK(t->fill({"{account}", "'", "\"", "{", "}"}) ==
        std::vector<std::string>{"m", "{account}", "'", "--to=\"", "{", "}"});
}

TEST_CASE("what is not a template is refused, naming the column") {
  struct Case {
    std::string text;
    std::string message;  // a part of it
  };
  const std::vector<Case> cases = {
      {"", "empty, no program to run"},
      {" \t\n", "empty, no program to run"},
      {"run {host}", "column 5: unknown placeholder {host} (known: {server} {account} {transit} {action} {attempt})"},
      {"run {Server}", "column 5: unknown placeholder {Server}"},
      {"run x{}", "column 6: unknown placeholder {}"},
      {"run '{host}'", "column 6: unknown placeholder {host}"},
      {"run {server", "column 5: '{' without its '}'"},
      {"run {ser{ver}", "column 5: '{' without its '}'"},
      {"run server}", "column 11: '}' without its '{'"},
      {"run 'abc", "column 5: unterminated quote '"},
      {"run \"abc' x", "column 5: unterminated quote \""},
      {"run a \"b\" \"c", "column 11: unterminated quote \""},
      {"\xc3\xa9t\xc3\xa9 {x}", "column 5: unknown placeholder {x}"},  // columns count characters
      {std::string("run a\0b", 7), "column 6: a NUL character"},
  };
  for (const Case& c : cases) {
    INFO("template: " << c.text);
    ferry::StatusOr<CommandTemplate> t = CommandTemplate::parse(c.text);
    REQUIRE_FALSE(t.ok());
    CHECK(t.status().kind() == Status::Kind::refused);
    CHECK_THAT(t.status().message(), Catch::Contains(c.message));
    CHECK_THAT(t.status().message(), Catch::StartsWith("command template \""));
  }
}
