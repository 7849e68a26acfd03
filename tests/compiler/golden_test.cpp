// The corpus of bad inputs in tests/bad: each NAME.ferry is checked and its
// diagnostics compared with NAME.expected, byte for byte. To accept a
// deliberate change of wording, run the test with FERRY_UPDATE_GOLDEN=1 and
// review the diff of the .expected files.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tests/support/fleet_from_text.hpp"

namespace fs = std::filesystem;

TEST_CASE("golden corpus of bad inputs") {
  fs::path folder = fs::path(FERRY_SOURCE_DIR) / "tests" / "bad";
  bool update = std::getenv("FERRY_UPDATE_GOLDEN") != nullptr;
  std::vector<fs::path> inputs;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().extension() == ".ferry") inputs.push_back(entry.path());
  std::sort(inputs.begin(), inputs.end());
  REQUIRE(inputs.size() >= 40);
  for (const fs::path& input : inputs) {
    INFO("case: " << input.filename().string());
    std::string text = ferry::testing::read_repository_file("tests/bad/" + input.filename().string());
    auto checked = ferry::testing::check_text(text, "bad/" + input.filename().string());
    fs::path expected_path = fs::path(input).replace_extension(".expected");
    if (update) std::ofstream(expected_path, std::ios::binary) << checked.diagnostics;
    std::ifstream in(expected_path, std::ios::binary);
    REQUIRE(in.good());
    std::string expected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Every case is bad: it must say so, with a place.
    CHECK((expected.find(": error: ") != std::string::npos || expected.find(": warning: ") != std::string::npos));
    CHECK(checked.diagnostics == expected);
  }
}
