// Myers' O(ND) diff over lines, after the common head and tail are set
// aside. Past kMaxEdits (a whole file rewritten) the middle becomes one
// replaced block: still a correct patch, only not a minimal one, and the
// work stays linear in the file's size.
#include "cli/unified_diff.hpp"

#include <algorithm>
#include <vector>

namespace ferry::cli {

namespace {

constexpr std::size_t kContext = 3;
constexpr long kMaxEdits = 1000;

struct Line {
  std::string_view text;  // without its '\n'
  bool newline = true;    // false for a last line without one
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) {
      lines.push_back({text.substr(at), false});
      break;
    }
    lines.push_back({text.substr(at, end - at), true});
    at = end + 1;
  }
  return lines;
}

bool same(const Line& a, const Line& b) { return a.text == b.text && a.newline == b.newline; }

enum class Op { keep, remove, add };

// The edit script turning a[0..n) into b[0..m), or the plain replacement
// when more than kMaxEdits edits would be needed.
std::vector<Op> edit_script(const std::vector<Line>& a, std::size_t a0, std::size_t n, const std::vector<Line>& b,
                            std::size_t b0, std::size_t m) {
  long N = static_cast<long>(n), M = static_cast<long>(m);
  long max = std::min(N + M, kMaxEdits);
  std::vector<long> v(static_cast<std::size_t>(2 * max + 2), 0);
  std::vector<std::vector<long>> trace;
  long offset = max + 1;
  bool found = false;
  for (long d = 0; d <= max && !found; ++d) {
    trace.push_back(v);
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && v[static_cast<std::size_t>(offset + k - 1)] < v[static_cast<std::size_t>(offset + k + 1)]))
                   ? v[static_cast<std::size_t>(offset + k + 1)]
                   : v[static_cast<std::size_t>(offset + k - 1)] + 1;
      long y = x - k;
      while (x < N && y < M && same(a[a0 + static_cast<std::size_t>(x)], b[b0 + static_cast<std::size_t>(y)])) ++x, ++y;
      v[static_cast<std::size_t>(offset + k)] = x;
      if (x >= N && y >= M) {
        found = true;
        break;
      }
    }
  }
  std::vector<Op> ops;
  if (!found) {
    ops.assign(n, Op::remove);
    ops.insert(ops.end(), m, Op::add);
    return ops;
  }
  // Walk back through the saved frontiers.
  long x = N, y = M;
  for (long d = static_cast<long>(trace.size()) - 1; d >= 0; --d) {
    const std::vector<long>& w = trace[static_cast<std::size_t>(d)];
    long k = x - y;
    long previous_k = (k == -d || (k != d && w[static_cast<std::size_t>(offset + k - 1)] < w[static_cast<std::size_t>(offset + k + 1)]))
                          ? k + 1
                          : k - 1;
    long previous_x = d == 0 ? 0 : w[static_cast<std::size_t>(offset + previous_k)];
    long previous_y = previous_x - previous_k;
    while (x > previous_x && y > previous_y) {
      ops.push_back(Op::keep);
      --x, --y;
    }
    if (d > 0) ops.push_back(x == previous_x ? Op::add : Op::remove);
    x = previous_x, y = previous_y;
  }
  std::reverse(ops.begin(), ops.end());
  return ops;
}

void append_line(std::string& out, char mark, const Line& line) {
  out += mark;
  out += line.text;
  out += '\n';
  if (!line.newline) out += "\\ No newline at end of file\n";
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, const std::string& before_name,
                         const std::string& after_name) {
  if (before == after) return "";
  std::vector<Line> a = split_lines(before), b = split_lines(after);
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && same(a[head], b[head])) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && same(a[a.size() - 1 - tail], b[b.size() - 1 - tail])) ++tail;
  std::vector<Op> ops(head, Op::keep);
  std::vector<Op> middle = edit_script(a, head, a.size() - head - tail, b, head, b.size() - head - tail);
  ops.insert(ops.end(), middle.begin(), middle.end());
  ops.insert(ops.end(), tail, Op::keep);

  std::string out = "--- " + before_name + "\n+++ " + after_name + "\n";
  // Group changes into hunks with kContext lines of context around them.
  std::size_t i = 0, ai = 0, bi = 0;
  while (i < ops.size()) {
    if (ops[i] == Op::keep) {
      ++i, ++ai, ++bi;
      continue;
    }
    std::size_t back = 0;
    while (back < kContext && back < i && ops[i - back - 1] == Op::keep) ++back;
    std::size_t start = i - back, a_start = ai - back, b_start = bi - back;
    // The hunk ends after a run of more than 2 * kContext unchanged lines.
    std::size_t end = i;
    for (std::size_t keeps = 0; end < ops.size(); ++end) {
      keeps = ops[end] == Op::keep ? keeps + 1 : 0;
      if (keeps > 2 * kContext) {
        end -= keeps - kContext - 1;
        break;
      }
    }
    if (end == ops.size()) {
      std::size_t trailing = 0;
      while (trailing < ops.size() - start && ops[ops.size() - 1 - trailing] == Op::keep) ++trailing;
      end = ops.size() - trailing + std::min(trailing, kContext);
    }
    std::string body;
    std::size_t a_count = 0, b_count = 0, x = a_start, y = b_start;
    for (std::size_t k = start; k < end; ++k) {
      if (ops[k] == Op::keep) append_line(body, ' ', a[x++]), ++y, ++a_count, ++b_count;
      else if (ops[k] == Op::remove) append_line(body, '-', a[x++]), ++a_count;
      else append_line(body, '+', b[y++]), ++b_count;
    }
    auto range = [](std::size_t first, std::size_t count) {
      // diff -u numbers an empty range by the line before it.
      return std::to_string(count == 0 ? first : first + 1) + (count == 1 ? "" : "," + std::to_string(count));
    };
    out += "@@ -" + range(a_start, a_count) + " +" + range(b_start, b_count) + " @@\n" + body;
    i = end, ai = x, bi = y;
  }
  return out;
}

}  // namespace ferry::cli
