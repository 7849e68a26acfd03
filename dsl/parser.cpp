// The block structure is read here by hand around the X3 rules: that is
// where recovery needs to happen, and it keeps "expected '}' to close server
// "web-01"" in the operator's words. Depth is bounded by the prescan.
#include "dsl/parser.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <deque>
#include <optional>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "dsl/error_handler.hpp"
#include "dsl/grammar.hpp"
#include "dsl/worker_thread.hpp"

namespace ferry::dsl {

namespace {

namespace x3 = boost::spirit::x3;
using grammar::iterator_type;

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The message for a character that cannot start what was expected: a
// vertical tab or a form feed looks like space, and is named as such.
std::string unexpected(char c, std::string expected) {
  if (c == '\v' || c == '\f')
    return std::string(c == '\v' ? "a vertical tab" : "a form feed") +
           " is not whitespace in a ferry file (only space, tab, CR and LF are)";
  return expected;
}

// Moves what `from` holds to the end of `into` (grown once), leaving
// `from` empty with its capacity, to be filled again.
template <typename T>
void move_append(std::vector<T>& from, std::vector<T>& into) {
  into.reserve(into.size() + from.size());
  into.insert(into.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  from.clear();
}

class BlockReader {
 public:
  BlockReader(const SourceFile& file, Diagnostics& diagnostics)
      : BlockReader(file, diagnostics, file.content_begin(), file.text().size()) {}
  // Reads the top-level blocks between two offsets only (spans stay offsets
  // in the whole text).
  BlockReader(const SourceFile& file, Diagnostics& diagnostics, std::size_t from, std::size_t to)
      : file_(file), diagnostics_(diagnostics), begin_(file.text().data()), end_(begin_ + to) {
    origin_.begin = begin_;
    pos_ = begin_ + from;
  }

  ast::File read_file() {
    ast::File result;
    for (;;) {
      skip_space();
      if (pos_ == end_ || diagnostics_.full()) break;
      if (is_name_start(*pos_)) {
        ast::Block block;
        if (read_block(block)) result.blocks.push_back(std::move(block));
        else skip_to_next_block();
      } else if (*pos_ == '}') {
        // Past it: recover() stops in front of a '}', which closes a block
        // everywhere but here.
        error(pos_, pos_ + 1, "unmatched '}'");
        ++pos_;
      } else {
        error(pos_, pos_ + 1, unexpected(*pos_, "expected a block such as 'server \"name\" { ... }'"));
        recover();
        skip_to_next_block();
      }
    }
    return result;
  }

  bool complete() const { return complete_; }

 private:
  std::uint32_t offset(const char* p) const { return static_cast<std::uint32_t>(p - begin_); }

  Diagnostic& error(const char* from, const char* to, std::string message) {
    complete_ = false;
    return diagnostics_.error(file_, {offset(from), offset(to)}, std::move(message));
  }

  void skip_space() {
    while (pos_ != end_) {
      if (is_space(*pos_)) ++pos_;
      else if (*pos_ == '#') while (pos_ != end_ && *pos_ != '\n') ++pos_;
      else break;
    }
  }

  // Runs one X3 rule at the current position; expectation failures are
  // reported here. Returns false if the rule did not match.
  template <typename Rule, typename Attribute>
  bool run(Rule const& rule, Attribute& attribute, bool& threw) {
    threw = false;
    iterator_type it = pos_;
    try {
      bool ok = x3::phrase_parse(it, end_, x3::with<grammar::origin_tag>(std::ref(origin_))[rule], grammar::skipper,
                                 attribute);
      if (ok) pos_ = it;
      return ok;
    } catch (const x3::expectation_failure<iterator_type>& failure) {
      const char* where = failure.where();
      error(where, where == end_ ? where : where + 1, grammar::expected_message(failure.which()));
      pos_ = where;
      if (failure.which() == grammar::kEscapeExpected) skip_rest_of_string();
      threw = true;
      return false;
    }
  }

  // Inside a string after a bad escape: past its closing quote, so that
  // recovery does not take that quote for the start of another string.
  void skip_rest_of_string() {
    for (; pos_ != end_ && *pos_ != '\n'; ++pos_) {
      if (*pos_ == '\\' && pos_ + 1 != end_ && pos_[1] != '\n') ++pos_;
      else if (*pos_ == '"') { ++pos_; return; }
    }
  }

  // After a broken block at the top level, its body would read as stray
  // attributes and a stray '}': go on at the next line that starts with a
  // name in its first column, where a block starts in any formatted file.
  void skip_to_next_block() {
    for (; pos_ != end_; ++pos_)
      if ((pos_ == begin_ + file_.content_begin() || pos_[-1] == '\n') && is_name_start(*pos_)) return;
  }

  // Skips to the end of the line, or to a '}' that closes the enclosing
  // block; a '{' on the way is skipped with its whole body.
  void recover() {
    int depth = 0;
    bool in_string = false;
    for (; pos_ != end_; ++pos_) {
      char c = *pos_;
      if (in_string) {
        if (c == '\\' && pos_ + 1 != end_ && pos_[1] != '\n') ++pos_;
        else if (c == '"' || c == '\n') in_string = false;
        continue;
      }
      if (c == '"') in_string = true;
      else if (c == '#') { while (pos_ + 1 != end_ && pos_[1] != '\n') ++pos_; }
      else if (c == '{') ++depth;
      else if (c == '}') {
        if (depth == 0) return;
        if (--depth == 0) { ++pos_; return; }
      } else if (c == '\n' && depth == 0) { ++pos_; return; }
    }
  }

  // The last operand of a value if it is a bare name directly followed by
  // '=' (not '=='): `k =` or `k = 30s +` then `l = ...` on the next line.
  const ast::Literal* key_mistaken_for_value(const ast::Expression& value) {
    const char* p = pos_;
    while (p != end_ && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) ++p;
    if (p == end_ || *p != '=' || (p + 1 != end_ && p[1] == '=')) return nullptr;
    const ast::Literal* literal = last_literal(value);
    return literal && literal->kind == ast::LiteralKind::name ? literal : nullptr;
  }

  // After a label: an optional `extends "parent"` (the header of a policy
  // that inherits; the compiler refuses it on other kinds). Returns false
  // after reporting an `extends` without a quoted name.
  bool read_extends(ast::Block& block) {
    constexpr std::string_view kWord = "extends";
    if (static_cast<std::size_t>(end_ - pos_) < kWord.size() || std::string_view(pos_, kWord.size()) != kWord ||
        (pos_ + kWord.size() != end_ && (std::isalnum(static_cast<unsigned char>(pos_[kWord.size()])) ||
                                        pos_[kWord.size()] == '_')))
      return true;
    const char* word = pos_;
    pos_ += kWord.size();
    skip_space();
    ast::Literal parent;
    bool threw = false;
    if (pos_ == end_ || *pos_ != '"' || !run(grammar::string_literal(), parent, threw)) {
      if (!threw)
        error(word, word + kWord.size(),
              "expected the name of a policy in double quotes after 'extends': " + block.title() +
                  " extends \"standard\" { ... }");
      return false;
    }
    block.parent = std::move(parent);
    skip_space();
    return true;
  }

  // At a name: reads `kind ["label"] [extends "parent"] { members }`. Returns false when not
  // even the header could be read (the error is already reported).
  bool read_block(ast::Block& block) {
    bool threw = false;
    if (!run(grammar::name(), block.kind, threw)) { recover(); return false; }
    skip_space();
    if (pos_ != end_ && *pos_ == '"') {
      ast::Literal label;
      if (!run(grammar::string_literal(), label, threw)) { recover(); return false; }
      block.label = std::move(label);
      skip_space();
      if (!read_extends(block)) { recover(); return false; }
    }
    if (pos_ == end_ || *pos_ != '{') {
      const char* at = pos_ == end_ ? pos_ : pos_;
      if (!block.label && pos_ != end_ && *pos_ == '=')
        error(at, at + 1, "'" + block.kind.text + " = ...' must be inside a block");
      else if (!block.label && pos_ != end_ && is_name_start(*pos_))
        error(at, at + 1, "expected a quoted label or '{' after '" + block.kind.text + "'; labels are strings: \"name\"");
      else
        error(at, at == end_ ? at : at + 1, "expected '{' after " + block.title());
      recover();
      return false;
    }
    block.span.begin = block.kind.span.begin;
    ++pos_;
    read_members(block);
    block.span.end = offset(pos_);
    return true;
  }

  // Most values are one token (`cpu = 8`, `files = 7GB`): read it with the
  // token rule alone, unless an operator or a call's '(' follows, into an
  // expression whose only operand is the literal. The expression rules
  // would wrap it in a second level holding only it (additive around
  // multiplicative); every reader of the tree already looks through such
  // levels (docs/decisions.md 95). Errors are left to the expression rules,
  // which read the value again: they say the same things in both cases. A
  // 100,000-account fleet has 600,000 such values: this reading takes a
  // sixth off parsing's instructions and a node off each value.
  bool read_single_token(ast::Expression& value) {
    iterator_type it = pos_;
    ast::Literal literal;
    try {
      if (!x3::phrase_parse(it, end_, x3::with<grammar::origin_tag>(std::ref(origin_))[grammar::literal()],
                            grammar::skipper, literal))
        return false;
    } catch (const x3::expectation_failure<iterator_type>&) {
      return false;
    }
    // phrase_parse skipped the blanks and comments after the token.
    if (it != end_ && (*it == '+' || *it == '-' || *it == '*' || *it == '/' || *it == '(')) return false;
    value.span = literal.span;
    value.first = std::move(literal);
    value.rest.clear();
    pos_ = it;
    return true;
  }

  // The last literal of a value (`2` in `2 * 3`), or null if it ends otherwise.
  static const ast::Literal* last_literal(const ast::Expression& value) {
    const ast::Operand* last = &value.first;
    for (const ast::Expression* e = &value;;) {
      last = e->rest.empty() ? &e->first : &e->rest.back().operand;
      auto* inner = boost::get<x3::forward_ast<ast::Expression>>(last);
      if (!inner) break;
      e = &inner->get();
    }
    return boost::get<ast::Literal>(last);
  }

  // True if nothing but blanks lies between `from` and `to` on one line.
  bool same_line(std::uint32_t from, const char* to) const {
    for (const char* p = begin_ + from; p < to; ++p)
      if (*p == '\n') return false;
    return true;
  }

  // A block's members are gathered in vectors reused from block to block
  // (one set per nesting depth) and moved out at their exact size: growing
  // each account's own vectors one push at a time cost four allocations
  // per vector and left half of each unused.
  struct Members {
    std::vector<ast::Attribute> attributes;
    std::vector<ast::Block> blocks;
  };

  void read_members(ast::Block& block) {
    if (scratch_.size() <= depth_) scratch_.emplace_back();
    Members& members = scratch_[depth_];  // a deque: deeper levels added later leave it in place
    ++depth_;
    read_members_into(block, members);
    --depth_;
    move_append(members.attributes, block.attributes);
    move_append(members.blocks, block.blocks);
  }

  void read_members_into(ast::Block& block, Members& members) {
    const ast::Attribute* previous = nullptr;  // the attribute just read, for messages about what follows it
    for (;;) {
      skip_space();
      if (diagnostics_.full()) return;
      if (pos_ == end_) {
        auto& d = error(pos_, pos_, "expected '}' to close " + block.title() + " opened at line " +
                                        std::to_string(file_.location(block.kind.span.begin).line));
        d.notes.push_back({&file_, block.header(), block.title() + " opened here"});
        return;
      }
      if (*pos_ == '}') {
        block.close = offset(pos_);
        ++pos_;
        return;
      }
      if (!is_name_start(*pos_)) {
        if (*pos_ == ',' && previous && same_line(previous->span.end, pos_))
          error(pos_, pos_ + 1, "a list needs brackets: " + previous->key.text + " = [" +
                                    std::string(begin_ + previous->value.span.begin, begin_ + previous->value.span.end) +
                                    ", ...]");
        else
          error(pos_, pos_ + 1, unexpected(*pos_, "expected 'key = value', a block or '}' in " + block.title()));
        previous = nullptr;
        block.damaged = true;
        recover();
        continue;
      }
      const char* member_start = pos_;
      ast::Literal key;
      bool threw = false;
      run(grammar::name(), key, threw);
      skip_space();
      bool has_equals = pos_ != end_ && *pos_ == '=';
      bool block_follows = pos_ != end_ && (*pos_ == '"' || *pos_ == '{');
      if (!has_equals && !block_follows && previous && same_line(previous->span.end, member_start)) {
        // `support_capacity = 2 people`: the word belongs to the value before it.
        const ast::Literal* before = last_literal(previous->value);
        bool after_number = before && (before->kind == ast::LiteralKind::number ||
                                       before->kind == ast::LiteralKind::quantity);
        error(member_start, begin_ + key.span.end,
              after_number ? "'" + key.text + "' is not a unit; units are s min h d w, B KB MB GB TB, KiB MiB GiB TiB, % "
                                 "and the fleet's currency"
                           : "unexpected '" + key.text + "' after the value of '" + previous->key.text +
                                 "': a key takes one value (a list is written [a, b])");
        block.damaged = true;
        previous = nullptr;
        continue;
      }
      previous = nullptr;
      if (!has_equals && !block_follows) {
        // `cpu 4`: say so, then read on as if the '=' were there.
        error(pos_, pos_ == end_ ? pos_ : pos_ + 1, "expected '=' after '" + key.text + "'");
        block.damaged = true;
      }
      if (!block_follows) {
        if (has_equals) ++pos_;
        // Read in place (an attribute is 144 bytes, moved once more below).
        ast::Attribute& attribute = members.attributes.emplace_back();
        attribute.key = std::move(key);
        skip_space();
        if (!read_single_token(attribute.value) && !run(grammar::expression(), attribute.value, threw)) {
          if (!threw && has_equals)
            error(pos_, pos_ == end_ ? pos_ : pos_ + 1, "expected a value after '" + attribute.key.text + " ='");
          members.attributes.pop_back();
          block.damaged = true;
          recover();
          continue;
        }
        if (const ast::Literal* next_key = key_mistaken_for_value(attribute.value)) {
          // Newlines carry no meaning, but a name followed by '=' is the next
          // key: the value before it is missing or cut short.
          const char* gap = begin_ + next_key->span.begin;
          while (gap > begin_ && is_space(gap[-1])) --gap;
          bool only_key = next_key->span.begin == attribute.value.span.begin;
          error(gap, gap, only_key ? "expected a value after '" + attribute.key.text + " ='"
                                   : std::string("expected a value after '") + gap[-1] + "'");
          pos_ = begin_ + next_key->span.begin;
          members.attributes.pop_back();
          block.damaged = true;
          continue;
        }
        attribute.span = {attribute.key.span.begin, attribute.value.span.end};
        previous = &attribute;
      } else {
        pos_ = member_start;
        ast::Block child;
        if (read_block(child)) {
          members.blocks.push_back(std::move(child));
        }
      }
    }
  }

  const SourceFile& file_;
  Diagnostics& diagnostics_;
  const char* begin_;
  const char* end_;
  const char* pos_;
  grammar::Origin origin_;
  std::deque<Members> scratch_;
  std::size_t depth_ = 0;
  bool complete_ = true;
};

// Where a large file can be cut for reading on two threads: the first line
// at or after `from` that starts with a name in its first column, where a
// top-level block starts in any formatted file.
std::optional<std::size_t> split_point(const SourceFile& source, std::size_t from) {
  const std::string& text = source.text();
  for (std::size_t at = std::max<std::size_t>(from, 1); at < text.size(); ++at)
    if (text[at - 1] == '\n' && is_name_start(text[at])) return at;
  return std::nullopt;
}

// A large file read on two threads at once, for a file without errors
// only. It is cut into pieces, each taken by whichever thread is free (a
// fixed cut in two left one thread idle for up to a third of the reading:
// the two do not go at the same pace on a shared machine). A piece that
// reports anything, or that the cut did not leave whole (a cut inside a
// block leaves one piece unclosed and the next with a stray '}', both
// errors), sends the whole file back to the one-thread reading, whose
// messages and recovery are the reference. The pieces' blocks are those the
// one-thread reading builds, in the same order.
std::atomic<std::size_t> two_thread_readings{0};

std::optional<ast::File> read_in_pieces(const SourceFile& source) {
  constexpr std::size_t kLargeFile = 1 << 20;
  constexpr std::size_t kPieces = 32;  // a thread's last piece leaves the other at most 1/32 of the file
  const std::size_t size = source.text().size();
  if (size < kLargeFile || !second_cpu_available()) return std::nullopt;
  std::vector<std::size_t> cuts = {source.content_begin()};
  for (std::size_t k = 1; k < kPieces; ++k) {
    // From past the last cut: no stretch of the file is scanned twice.
    std::optional<std::size_t> at = split_point(source, std::max(k * size / kPieces, cuts.back() + 1));
    if (!at) break;  // none further on either
    cuts.push_back(*at);
  }
  if (cuts.size() == 1) return std::nullopt;  // nowhere to cut: one thread reads it
  cuts.push_back(size);
  struct Piece {
    Diagnostics diagnostics;
    ast::File file;
    bool whole = false;  // read without a message, every block closed
  };
  std::vector<Piece> pieces(cuts.size() - 1);
  std::atomic<std::size_t> next{0};
  auto read_pieces = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < pieces.size();) {
      Piece& piece = pieces[i];
      BlockReader reader(source, piece.diagnostics, cuts[i], cuts[i + 1]);
      try {
        piece.file = reader.read_file();
        piece.whole = reader.complete() && piece.diagnostics.all().empty();
      } catch (const std::exception&) {  // out of memory: the one-thread reading will say so
      }
    }
  };
  std::jthread worker;  // joined below, or on the way out of an exception
  try {
    worker = std::jthread([&] {
      reserve_thread_heap();
      read_pieces();
    });
  } catch (const std::system_error&) {  // no thread to be had (a process limit): read on one
    return std::nullopt;
  }
  read_pieces();
  worker.join();
  std::size_t blocks = 0;
  for (const Piece& piece : pieces) {
    if (!piece.whole) return std::nullopt;
    blocks += piece.file.blocks.size();
  }
  ast::File file;
  file.blocks.reserve(blocks);
  for (Piece& piece : pieces) move_append(piece.file.blocks, file.blocks);
  two_thread_readings.fetch_add(1);
  return file;
}

}  // namespace

std::size_t files_read_in_two() { return two_thread_readings.load(); }

ParsedFile parse(const SourceFile& source, Diagnostics& diagnostics, bool threads) {
  ParsedFile result;
  PrescanResult scan = prescan(source, diagnostics);
  result.comments = std::move(scan.comments);
  if (!scan.safe_to_parse) {
    result.complete = false;
    result.refused = true;
    return result;
  }
  if (std::optional<ast::File> file = threads ? read_in_pieces(source) : std::nullopt) {
    result.file = std::move(*file);
    return result;
  }
  BlockReader reader(source, diagnostics);
  result.file = reader.read_file();
  result.complete = reader.complete();
  return result;
}

}  // namespace ferry::dsl
