// The examples of the documentation are real: every ```ferry block of
// docs/language.md and README.md must pass the checker without error.
#include <catch2/catch.hpp>
#include <sstream>

#include "tests/support/fleet_from_text.hpp"

namespace {

std::vector<std::string> ferry_blocks(const std::string& markdown) {
  std::vector<std::string> blocks;
  std::istringstream in(markdown);
  std::string line, block;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!inside && line == "```ferry") {
      inside = true;
      block.clear();
    } else if (inside && line == "```") {
      inside = false;
      blocks.push_back(block);
    } else if (inside) {
      block += line + "\n";
    }
  }
  return blocks;
}

}  // namespace

TEST_CASE("every ferry example of the documentation checks cleanly") {
  for (const char* doc : {"docs/language.md", "README.md"}) {
    auto blocks = ferry_blocks(ferry::testing::read_repository_file(doc));
    REQUIRE_FALSE(blocks.empty());
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      INFO(doc << ", example " << i + 1 << ":\n" << blocks[i]);
      auto checked = ferry::testing::check_text(blocks[i]);
      INFO(checked.diagnostics);
      CHECK(checked.errors == 0);
    }
  }
}
