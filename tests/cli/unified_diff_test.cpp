// unified_diff (fmt --diff, fmt --check): the same hunks as `diff -u` on
// random texts, and a patch that turns one text into the other even past
// the edit limit where the middle becomes one replaced block.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <unistd.h>

#include "cli/unified_diff.hpp"

using ferry::cli::unified_diff;

namespace {

std::string random_text(std::mt19937& random, int lines, bool final_newline) {
  std::string text;
  for (int i = 0; i < lines; ++i) text += std::string(1, static_cast<char>('a' + random() % 4)) + "\n";
  if (!final_newline && !text.empty()) text.pop_back();
  return text;
}

// `diff -u` of the two texts, without its two header lines.
std::string system_diff(const std::string& a, const std::string& b) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("ferry_diff_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "a", std::ios::binary) << a;
  std::ofstream(dir / "b", std::ios::binary) << b;
  std::string command = "diff -u " + (dir / "a").string() + " " + (dir / "b").string();
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    ::pclose(pipe);
  }
  fs::remove_all(dir);
  return out;
}

std::string without_header(const std::string& diff) {
  std::size_t first = diff.find('\n');
  return first == std::string::npos ? "" : diff.substr(diff.find('\n', first + 1) + 1);
}

// Applies a unified diff (as written by unified_diff) to `before`.
std::string apply_patch(const std::string& before, const std::string& diff) {
  std::vector<std::string> lines;
  std::istringstream in(before);
  for (std::string line; std::getline(in, line);) lines.push_back(line + "\n");
  if (!before.empty() && before.back() != '\n') lines.back().pop_back();
  std::vector<std::string> out;
  std::size_t next = 0;  // first line of `lines` not yet copied
  std::istringstream patch(without_header(diff));
  std::string line;
  std::string* last = nullptr;
  while (std::getline(patch, line)) {
    if (line.rfind("@@ -", 0) == 0) {
      std::size_t from = std::stoul(line.substr(4));
      std::size_t comma = line.find(',');
      bool empty = comma != std::string::npos && comma < line.find(' ', 4) && std::stoul(line.substr(comma + 1)) == 0;
      std::size_t start = empty ? from : from - 1;
      while (next < start) out.push_back(lines[next++]);
    } else if (line == "\\ No newline at end of file") {
      if (last && !last->empty()) last->pop_back();
    } else if (line[0] == ' ') {
      CHECK(lines[next].substr(0, line.size() - 1) == line.substr(1));  // context matches the text
      ++next;
      out.push_back(line.substr(1) + "\n");
      last = &out.back();
    } else if (line[0] == '-') {
      ++next;
      last = nullptr;  // a removed line's marker needs nothing
    } else if (line[0] == '+') {
      out.push_back(line.substr(1) + "\n");
      last = &out.back();
    }
  }
  while (next < lines.size()) out.push_back(lines[next++]);
  std::string text;
  for (const auto& l : out) text += l;
  return text;
}

}  // namespace

TEST_CASE("equal texts give no diff") { CHECK(unified_diff("a\nb\n", "a\nb\n", "x", "y").empty()); }

TEST_CASE("the header names both sides") {
  CHECK(unified_diff("a\n", "b\n", "f.ferry", "f.ferry (formatted)") ==
        "--- f.ferry\n+++ f.ferry (formatted)\n@@ -1 +1 @@\n-a\n+b\n");
}

TEST_CASE("random texts: the same hunks as diff -u, and the patch applies") {
  std::mt19937 random(11);
  for (int round = 0; round < 300; ++round) {
    std::string a = random_text(random, static_cast<int>(random() % 30), random() % 4 != 0);
    std::string b = random_text(random, static_cast<int>(random() % 30), random() % 4 != 0);
    INFO("round " << round << "\n--- a\n" << a << "\n--- b\n" << b);
    std::string ours = unified_diff(a, b, "a", "b");
    INFO("--- diff\n" << ours);
    CHECK(apply_patch(a, ours) == b);
    // diff -u picks among equally short scripts differently; compare the
    // size of the change, which both must minimise.
    auto count = [](const std::string& d, char mark) {
      std::size_t n = 0;
      std::istringstream in(without_header(d));
      for (std::string l; std::getline(in, l);) n += !l.empty() && l[0] == mark;
      return n;
    };
    std::string theirs = system_diff(a, b);
    CHECK(count(ours, '-') == count(theirs, '-'));
    CHECK(count(ours, '+') == count(theirs, '+'));
  }
}

TEST_CASE("past the edit limit the middle is replaced as one block, and the patch still applies") {
  std::mt19937 random(3);
  std::string head = "same 1\nsame 2\nsame 3\nsame 4\n";
  std::string a = head + random_text(random, 3000, true) + "tail\n";
  std::string b = head + random_text(random, 3000, true) + "tail\n";
  std::string diff = unified_diff(a, b, "a", "b");
  CHECK(apply_patch(a, diff) == b);
  CHECK(diff.find("@@ -2,") != std::string::npos);  // the common head is context, not change
}

TEST_CASE("three lines of context, and changes up to six lines apart share a hunk, seven apart do not") {
  auto numbered = [](int lines, std::vector<int> changed) {
    std::string text;
    for (int i = 1; i <= lines; ++i)
      text += (std::find(changed.begin(), changed.end(), i) != changed.end() ? "new " : "line ") + std::to_string(i) + "\n";
    return text;
  };
  std::string before = numbered(30, {});
  for (int gap : {6, 7}) {
    std::string after = numbered(30, {10, 10 + gap + 1});
    INFO("gap " << gap);
    std::string ours = unified_diff(before, after, "a", "b");
    // The script is unique here, so the text must be exactly diff -u's.
    CHECK(without_header(ours) == without_header(system_diff(before, after)));
    std::size_t hunks = 0;
    for (std::size_t at = ours.find("\n@@ "); at != std::string::npos; at = ours.find("\n@@ ", at + 1)) ++hunks;
    CHECK(hunks == (gap == 6 ? 1u : 2u));
  }
  CHECK(without_header(unified_diff(before, numbered(30, {1}), "a", "b")) == "@@ -1,4 +1,4 @@\n-line 1\n+new 1\n line 2\n line 3\n line 4\n");
}
