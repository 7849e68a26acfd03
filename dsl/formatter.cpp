// Comments are placed by position: one that shares a line with code before
// it trails that code; any other is written on its own line before the next
// member (comments inside a multi-line value move up before that value).
#include "dsl/formatter.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

namespace ferry::dsl {

namespace {

std::string quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string squeeze_spaces(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string canonical_quantity(const std::string& text) {
  std::size_t split = 0;
  while (split < text.size() && (std::isdigit(static_cast<unsigned char>(text[split])) || text[split] == '.')) ++split;
  std::string number = text.substr(0, split);
  std::string unit = squeeze_spaces(text.substr(split));
  if (!unit.empty() && unit.front() == ' ') unit.erase(0, 1);
  bool currency = unit.size() >= 3 && std::all_of(unit.begin(), unit.begin() + 3, [](char c) { return c >= 'A' && c <= 'Z'; }) &&
                  (unit.size() == 3 || unit[3] == '/');
  return number + (currency ? " " : "") + unit;
}

std::string canonical_weekly_rule(const std::string& text) {
  std::string out;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  // Days and times are glued now; one space goes before the first digit.
  auto digit = std::find_if(out.begin(), out.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  out.insert(digit, ' ');
  return out;
}

std::string literal_text(const ast::Literal& literal) {
  switch (literal.kind) {
    case ast::LiteralKind::string: return quote(literal.text);
    case ast::LiteralKind::quantity: return canonical_quantity(literal.text);
    case ast::LiteralKind::weekly_rule: return canonical_weekly_rule(literal.text);
    case ast::LiteralKind::date_range: {
      std::string t;
      for (char c : literal.text)
        if (!std::isspace(static_cast<unsigned char>(c))) t += c;
      return t;
    }
    case ast::LiteralKind::date_time: {
      std::string t = squeeze_spaces(literal.text);
      std::replace(t.begin(), t.end(), 'T', ' ');
      return t;
    }
    default: return literal.text;
  }
}

struct OperandWriter {
  std::string& out;
  void operator()(const ast::Nil&) const {}
  void operator()(const ast::Literal& literal) const { out += literal_text(literal); }
  void operator()(const ast::ListExpr& list) const {
    out += '[';
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      if (i) out += ", ";
      out += format_expression(list.items[i]);
    }
    out += ']';
  }
  void operator()(const ast::CallExpr& call) const {
    out += call.function.text + "(";
    for (std::size_t i = 0; i < call.args.size(); ++i) {
      if (i) out += ", ";
      out += format_expression(call.args[i]);
    }
    out += ')';
  }
  void operator()(const ast::Parens& parens) const { out += "(" + format_expression(parens.inner) + ")"; }
  void operator()(const ast::Negation& negation) const {
    out += negation.sign;
    boost::apply_visitor(*this, negation.operand);
  }
  void operator()(const ast::Expression& expression) const { out += format_expression(expression); }
};

// A block written on one line stays on one line up to this width.
constexpr std::size_t kMaxColumns = 100;

class Formatter {
 public:
  Formatter(const SourceFile& source, const ParsedFile& parsed) : source_(source), parsed_(parsed) {
    const std::string& text = source_.text();
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1))
      newlines_.push_back(static_cast<std::uint32_t>(at));
  }

  std::string run() {
    const auto& blocks = parsed_.file.blocks;
    bool previous_one_line = false;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      // One-line blocks written one under the other stay together (a row of
      // transits); anything else is set apart by a blank line.
      bool one_line = one_line_text(blocks[i], 0).has_value();
      write_comments_before(blocks[i].span.begin, 0, i > 0 && !(one_line && previous_one_line));
      write_block(blocks[i], 0);
      previous_one_line = one_line;
    }
    write_comments_before(static_cast<std::uint32_t>(source_.text().size()) + 1, 0, !blocks.empty());
    return out_;
  }

 private:
  void indent(int depth) { out_.append(static_cast<std::size_t>(depth) * 2, ' '); }

  bool blank_line_between(std::uint32_t from, std::uint32_t to) const {
    int newlines = 0;
    const std::string& text = source_.text();
    to = std::min<std::uint32_t>(to, static_cast<std::uint32_t>(text.size()));
    for (std::uint32_t i = from; i < to; ++i) {
      if (text[i] == '\n' && ++newlines >= 2) return true;
      if (!std::isspace(static_cast<unsigned char>(text[i]))) newlines = 0;
    }
    return false;
  }

  std::string comment_text(const Comment& comment) const {
    std::string text = source_.text().substr(comment.span.begin, comment.span.end - comment.span.begin);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    return text;
  }

  // Writes every comment that starts before `offset` on its own line.
  // `separate` forces a blank line before the first thing written next
  // (between top-level blocks).
  void write_comments_before(std::uint32_t offset, int depth, bool separate) {
    const auto& comments = parsed_.comments;
    bool first = true;
    while (next_comment_ < comments.size() && comments[next_comment_].span.begin < offset) {
      const Comment& c = comments[next_comment_++];
      if ((first && separate && !out_.empty()) || (!out_.empty() && blank_line_between(last_end_, c.span.begin)))
        blank_line();
      first = false;
      indent(depth);
      out_ += comment_text(c) + "\n";
      last_end_ = c.span.end;
    }
    if (offset <= source_.text().size() &&
        ((first && separate && !out_.empty()) || (!out_.empty() && blank_line_between(last_end_, offset))))
      blank_line();
  }

  void blank_line() {
    if (out_.size() >= 2 && out_.compare(out_.size() - 2, 2, "\n\n") == 0) return;
    if (out_.size() >= 1 && out_.back() == '{') return;
    if (out_.size() >= 2 && out_.compare(out_.size() - 2, 2, "{\n") == 0) return;
    out_ += '\n';
  }

  // Appends the comment that follows `end` on the same line, if any.
  void write_trailing_comment(std::uint32_t end) {
    const auto& comments = parsed_.comments;
    if (next_comment_ >= comments.size()) return;
    const Comment& c = comments[next_comment_];
    if (c.span.begin < end) return;
    const std::string& text = source_.text();
    for (std::uint32_t i = end; i < c.span.begin; ++i)
      if (text[i] == '\n') return;
    out_ += "  " + comment_text(c);
    ++next_comment_;
    last_end_ = c.span.end;
  }

  static std::string header_text(const ast::Block& block) {
    std::string out = block.kind.text;
    if (block.label) out += " " + quote(block.label->text);
    if (block.parent) out += " extends " + quote(block.parent->text);
    return out;
  }

  // The block on one line, if it was written on one line and still fits in
  // kMaxColumns at this depth: `transit "t" { cpu = 8  ram = 32GB }`.
  std::optional<std::string> one_line_text(const ast::Block& block, int depth) const {
    const std::string& text = source_.text();
    if (block.close <= block.span.begin || block.close >= text.size()) return std::nullopt;
    if (!on_one_line(block.span.begin, block.close)) return std::nullopt;
    // A comment runs to the end of its line, so one inside would hide the '}';
    // this guards against a '#' the prescan saw that the line test missed.
    const auto& comments = parsed_.comments;
    auto after = std::lower_bound(comments.begin(), comments.end(), block.span.begin,
                                  [](const Comment& c, std::uint32_t at) { return c.span.begin < at; });
    if (after != comments.end() && after->span.begin < block.close) return std::nullopt;
    std::string out = joined(block);
    if (static_cast<std::size_t>(depth) * 2 + out.size() > kMaxColumns) return std::nullopt;
    return out;
  }

  // `kind "label" { k = v  l = w  child { ... } }`, two spaces between members.
  static std::string joined(const ast::Block& block) {
    std::string out = header_text(block) + " {";
    bool first = true;
    for (const ast::MemberRef& member : block.members_in_order()) {
      out += first ? " " : "  ";
      first = false;
      if (member.is_block) {
        out += joined(block.blocks[member.index]);
      } else {
        const ast::Attribute& a = block.attributes[member.index];
        out += a.key.text + " = " + format_expression(a.value);
      }
    }
    return out + " }";
  }

  // No line break in [from, to) of the source (a lookup, not a scan: a file
  // written on one line has as many blocks as it has bytes to scan).
  bool on_one_line(std::uint32_t from, std::uint32_t to) const {
    auto next = std::lower_bound(newlines_.begin(), newlines_.end(), from);
    return next == newlines_.end() || *next >= to;
  }

  // Indexes into `order` (the block's members) of the attributes that start an output line:
  // an attribute continues the line of the one before it when both were
  // written on one source line and that whole line fits in kMaxColumns
  // (checked with the widest padding, so the decision cannot flip when
  // fmt reads its own output).
  std::vector<std::size_t> attribute_lines(const ast::Block& block, const std::vector<ast::MemberRef>& order,
                                           int depth) const {
    std::size_t widest = 0;
    for (const auto& a : block.attributes) widest = std::max(widest, a.key.text.size());
    std::vector<std::size_t> starts;
    for (std::size_t m = 0; m < order.size();) {
      if (order[m].is_block) { ++m; continue; }
      std::size_t end = m + 1;
      const ast::Attribute* first = &block.attributes[order[m].index];
      std::size_t length = static_cast<std::size_t>(depth) * 2 + widest + 3 + format_expression(first->value).size();
      bool fits = on_one_line(first->span.begin, first->span.end);
      while (fits && end < order.size() && !order[end].is_block) {
        const ast::Attribute& previous = block.attributes[order[end - 1].index];
        const ast::Attribute& next = block.attributes[order[end].index];
        if (!on_one_line(previous.span.end, next.span.end)) break;
        length += 2 + next.key.text.size() + 3 + format_expression(next.value).size();
        ++end;
      }
      if (length > kMaxColumns) {
        for (std::size_t k = m; k < end; ++k) starts.push_back(k);
      } else {
        starts.push_back(m);
      }
      m = end;
    }
    return starts;
  }

  void write_block(const ast::Block& block, int depth) {
    if (auto line = one_line_text(block, depth)) {
      indent(depth);
      out_ += *line;
      last_end_ = block.close + 1;
      write_trailing_comment(block.close + 1);
      out_ += "\n";
      return;
    }
    indent(depth);
    out_ += header_text(block);
    out_ += " {";
    std::uint32_t header_end = block.header().end + 1;
    // Comments inside the header itself (between kind and '{') move up.
    last_end_ = header_end;
    write_trailing_comment(header_end);
    out_ += "\n";
    // Attributes written on one line stay on one line if that line fits
    // (`cpu = 8  ram = 32GB  disk = 800GB`); `=` is aligned on the first key
    // of each line.
    const std::vector<ast::MemberRef> order = block.members_in_order();
    std::vector<std::size_t> line_starts = attribute_lines(block, order, depth + 1);
    std::size_t width = 0;
    for (std::size_t m : line_starts)
      width = std::max(width, block.attributes[order[m].index].key.text.size());
    for (std::size_t m = 0; m < order.size(); ++m) {
      const ast::MemberRef& member = order[m];
      if (member.is_block) {
        const ast::Block& child = block.blocks[member.index];
        write_comments_before(child.span.begin, depth + 1, false);
        write_block(child, depth + 1);
        continue;
      }
      const ast::Attribute& a = block.attributes[member.index];
      bool starts_line = std::binary_search(line_starts.begin(), line_starts.end(), m);
      if (starts_line) {
        write_comments_before(a.span.begin, depth + 1, false);
        // Comments inside a multi-line value are written before it.
        write_comments_before(a.span.end, depth + 1, false);
        indent(depth + 1);
        out_ += a.key.text + std::string(width - a.key.text.size(), ' ') + " = " + format_expression(a.value);
      } else {
        out_ += "  " + a.key.text + " = " + format_expression(a.value);
      }
      bool ends_line = m + 1 == order.size() || order[m + 1].is_block ||
                       std::binary_search(line_starts.begin(), line_starts.end(), m + 1);
      last_end_ = a.span.end;
      if (ends_line) {
        write_trailing_comment(a.span.end);
        out_ += "\n";
      }
    }
    write_comments_before(block.close, depth + 1, false);
    indent(depth);
    out_ += "}";
    last_end_ = block.close + 1;
    write_trailing_comment(block.close + 1);
    out_ += "\n";
  }

  const SourceFile& source_;
  const ParsedFile& parsed_;
  std::string out_;
  std::size_t next_comment_ = 0;
  std::vector<std::uint32_t> newlines_;  // offsets of '\n' in the source, ascending
  std::uint32_t last_end_ = 0;
};

}  // namespace

std::string format_expression(const ast::Expression& expression) {
  std::string out;
  OperandWriter writer{out};
  boost::apply_visitor(writer, expression.first);
  for (const ast::Operation& operation : expression.rest) {
    out += ' ';
    out += operation.op;
    out += ' ';
    boost::apply_visitor(writer, operation.operand);
  }
  return out;
}

std::string format(const SourceFile& source, const ParsedFile& parsed) {
  return Formatter(source, parsed).run();
}

}  // namespace ferry::dsl
