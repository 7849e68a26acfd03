#include "cli/settings.hpp"

#include <algorithm>
#include <cctype>

#include "compiler/fleet_compiler.hpp"
#include "compiler/suggest.hpp"

namespace ferry::cli {

namespace {

namespace ast = dsl::ast;

// One piece of the edited text and where its bytes came from.
struct Segment {
  std::uint32_t begin = 0, end = 0;  // in the edited text
  const dsl::SourceFile* file = nullptr;
  std::uint32_t file_begin = 0;
};

// A replacement of [begin, end) of the original text by pieces of options.
struct Splice {
  std::uint32_t begin = 0, end = 0;
  std::vector<Segment> pieces;  // begin/end: offsets within the inserted text
  std::size_t value_piece = 0;   // the piece holding the value
  std::string text;
};

// Where a spliced value landed in the edited text and where it was written.
struct SplicedValue {
  dsl::Span edited;
  const dsl::SourceFile* option = nullptr;
  dsl::Span written;
};

struct Edited {
  std::string text;
  std::vector<Segment> segments;
  std::vector<SplicedValue> values;
};

struct Target {
  const ast::Block* block = nullptr;
  const ast::Attribute* attribute = nullptr;  // null: the key is added to the block
};

// "KIND.NAME.KEY" split; names may contain dots, so KEY is after the last.
struct Key {
  std::string kind, name, key;
  dsl::Span kind_span, name_span, key_span;  // in the option's text
};

const std::vector<std::string> kSingletons = {"fleet", "runtime"};
const std::vector<std::string> kNamed = {"calendar", "transit", "policy", "server", "account"};

std::vector<std::string> all_kinds() {
  std::vector<std::string> kinds = kSingletons;
  kinds.insert(kinds.end(), kNamed.begin(), kNamed.end());
  return kinds;
}

class Applier {
 public:
  explicit Applier(Loaded& loaded) : loaded_(loaded) {}

  void apply(const std::string& option) {
    loaded_.option_sources.push_back(std::make_unique<dsl::SourceFile>(dsl::SourceFile::from_text("--set", option)));
    const dsl::SourceFile& source = *loaded_.option_sources.back();
    auto u32 = [](std::size_t n) { return static_cast<std::uint32_t>(n); };
    auto whole = dsl::Span{0, u32(option.size())};
    auto equals = option.find('=');
    if (equals == std::string::npos) {
      error(source, whole, "--set takes KEY=VALUE, e.g. --set fleet.support_capacity=3");
      return;
    }
    std::size_t value_begin = option.find_first_not_of(" \t", equals + 1);
    std::size_t value_end = option.find_last_not_of(" \t\r\n");
    if (value_begin == std::string::npos || value_end < value_begin) {
      error(source, {u32(equals), u32(equals + 1)}, "--set " + option.substr(0, equals) + " needs a value after '='");
      return;
    }
    std::size_t key_end = option.find_last_not_of(" \t", equals == 0 ? 0 : equals - 1);
    std::string key_text = equals == 0 || key_end == std::string::npos ? "" : option.substr(0, key_end + 1);
    std::optional<Key> key = split_key(source, key_text);
    if (!key) return;
    std::optional<Target> target = find(source, *key);
    if (!target) return;
    std::string value = option.substr(value_begin, value_end + 1 - value_begin);
    if (value.find_first_of("{}\n") != std::string::npos) {
      error(source, {u32(value_begin), u32(value_end + 1)}, "the value of --set must be a single value, not blocks");
      return;
    }
    for (const Splice& s : splices_)
      if (target->attribute && s.begin == target->attribute->value.span.begin) {
        error(source, key->key_span, "'" + option.substr(0, equals) + "' is set twice");
        return;
      }
    Splice splice;
    auto piece = [&](const std::string& text, std::uint32_t from) {
      auto begin = u32(splice.text.size());
      splice.text += text;
      splice.pieces.push_back({begin, u32(splice.text.size()), &source, from});
    };
    if (target->attribute) {
      splice.begin = target->attribute->value.span.begin;
      splice.end = target->attribute->value.span.end;
      piece(value, u32(value_begin));
    } else {
      splice.begin = splice.end = target->block->close;
      piece("\n", u32(equals));
      piece(key->key, key->key_span.begin);
      piece(" = ", u32(equals));
      splice.value_piece = splice.pieces.size();
      piece(value, u32(value_begin));
      piece("\n", u32(equals));
    }
    splices_.push_back(std::move(splice));
  }

  // The original text with every splice applied, and where each byte came from.
  Edited edited() const {
    std::vector<const Splice*> order;
    for (const Splice& s : splices_) order.push_back(&s);
    std::stable_sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->begin < b->begin; });
    const std::string& original = loaded_.source->text();
    Edited out;
    std::string& text = out.text;
    std::vector<Segment>& segments = out.segments;
    std::uint32_t at = 0;
    auto copy = [&](std::uint32_t to) {
      if (to <= at) return;
      auto begin = static_cast<std::uint32_t>(text.size());
      text.append(original, at, to - at);
      segments.push_back({begin, static_cast<std::uint32_t>(text.size()), loaded_.source.get(), at});
      at = to;
    };
    for (const Splice* s : order) {
      copy(s->begin);
      auto base = static_cast<std::uint32_t>(text.size());
      text += s->text;
      for (Segment p : s->pieces) segments.push_back({base + p.begin, base + p.end, p.file, p.file_begin});
      const Segment& v = s->pieces[s->value_piece];
      out.values.push_back({{base + v.begin, base + v.end}, v.file, {v.file_begin, v.file_begin + (v.end - v.begin)}});
      at = s->end;
    }
    copy(static_cast<std::uint32_t>(original.size()));
    return out;
  }

  bool any() const { return !splices_.empty(); }

 private:
  void error(const dsl::SourceFile& source, dsl::Span span, std::string message) {
    loaded_.diagnostics.error(source, span, std::move(message));
  }


  std::optional<Key> split_key(const dsl::SourceFile& source, const std::string& text) {
    auto u32 = [](std::size_t n) { return static_cast<std::uint32_t>(n); };
    Key key;
    auto first = text.find('.'), last = text.rfind('.');
    key.kind = text.substr(0, first == std::string::npos ? text.size() : first);
    key.kind_span = {0, u32(key.kind.size())};
    bool singleton = std::find(kSingletons.begin(), kSingletons.end(), key.kind) != kSingletons.end();
    bool named = std::find(kNamed.begin(), kNamed.end(), key.kind) != kNamed.end();
    if (!singleton && !named) {
      error(source, key.kind_span,
            "unknown block '" + key.kind + "' in --set (keys are fleet.KEY, runtime.KEY or KIND.NAME.KEY)" +
                compiler::did_you_mean(key.kind, all_kinds()));
      return std::nullopt;
    }
    if (first == std::string::npos || last + 1 == text.size() || (named && first == last)) {
      std::string form = singleton ? key.kind + ".KEY" : key.kind + ".NAME.KEY";
      error(source, {0, u32(text.size())}, "--set " + text + ": the key is written " + form);
      return std::nullopt;
    }
    key.key = text.substr(last + 1);
    key.key_span = {u32(last + 1), u32(text.size())};
    // The key is written into the source: only a key's own characters.
    if (!std::all_of(key.key.begin(), key.key.end(), [](char ch) {
          return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_';
        })) {
      error(source, key.key_span, "'" + key.key + "' is not a key: keys are letters, digits and '_'");
      return std::nullopt;
    }
    if (named) {
      key.name = text.substr(first + 1, last - first - 1);
      key.name_span = {u32(first + 1), u32(last)};
      if (key.name.empty()) {
        error(source, {u32(first), u32(last + 1)}, "--set " + text + ": a " + key.kind + " needs its name, as in " +
                                                        key.kind + ".NAME." + key.key);
        return std::nullopt;
      }
    } else if (first != last) {
      error(source, {u32(first + 1), u32(last)}, key.kind + " has no name: write " + key.kind + "." + key.key);
      return std::nullopt;
    }
    return key;
  }

  std::optional<Target> find(const dsl::SourceFile& source, const Key& key) {
    std::vector<const ast::Block*> candidates;
    for (const ast::Block& b : loaded_.parsed.file.blocks) {
      if (key.kind == "account") {
        for (const ast::Block& child : b.blocks)
          if (child.kind.text == "account") candidates.push_back(&child);
      } else if (b.kind.text == key.kind) {
        candidates.push_back(&b);
      }
    }
    const ast::Block* block = nullptr;
    if (key.name.empty()) {
      if (!candidates.empty()) block = candidates.front();
    } else {
      for (const ast::Block* b : candidates)
        if (b->label && b->label->text == key.name) block = b;
    }
    if (!block) {
      if (key.name.empty()) {
        error(source, key.kind_span, "the file has no " + key.kind + " block");
      } else {
        std::vector<std::string> names;
        for (const ast::Block* b : candidates)
          if (b->label) names.push_back(b->label->text);
        error(source, key.name_span,
              "no " + key.kind + " \"" + key.name + "\" in " + loaded_.source->path() +
                  compiler::did_you_mean(key.name, names));
      }
      return std::nullopt;
    }
    Target target{block, nullptr};
    for (const ast::Attribute& a : block->attributes)
      if (a.key.text == key.key) target.attribute = &a;
    return target;
  }

  Loaded& loaded_;
  std::vector<Splice> splices_;
};

// A span of the edited text, back in the file or option it came from.
void map_back(const std::vector<Segment>& segments, const dsl::SourceFile* edited, const dsl::SourceFile*& file,
              dsl::Span& span) {
  if (file != edited) return;
  auto it = std::upper_bound(segments.begin(), segments.end(), span.begin,
                             [](std::uint32_t at, const Segment& s) { return at < s.end; });
  if (it == segments.end()) it = std::prev(segments.end());
  std::uint32_t begin = std::max(span.begin, it->begin);
  std::uint32_t end = std::clamp(span.end, begin, it->end);
  file = it->file;
  span = {it->file_begin + (begin - it->begin), it->file_begin + (end - it->begin)};
}

// Every attribute value's span in a parsed file.
void value_spans(const std::vector<ast::Block>& blocks, std::vector<std::pair<std::uint32_t, std::uint32_t>>& out) {
  for (const ast::Block& b : blocks) {
    for (const ast::Attribute& a : b.attributes) out.emplace_back(a.value.span.begin, a.value.span.end);
    value_spans(b.blocks, out);
  }
}

}  // namespace

Loaded load_file_with_settings(const std::string& path, const std::vector<std::string>& settings) {
  Loaded loaded = load_file(path);
  if (!loaded.fleet || settings.empty()) return loaded;
  Applier applier(loaded);
  for (const std::string& option : settings) applier.apply(option);
  if (loaded.diagnostics.has_errors()) {
    loaded.fleet.reset();
    return loaded;
  }
  // The edited text is compiled afresh: its diagnostics replace the file's
  // (which had no error; its warnings come back from the new compile).
  Edited edited = applier.edited();
  loaded.edited = std::make_unique<dsl::SourceFile>(dsl::SourceFile::from_text(path, std::move(edited.text)));
  dsl::Diagnostics found;
  dsl::ParsedFile parsed = dsl::parse(*loaded.edited, found);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
  value_spans(parsed.file.blocks, spans);
  dsl::Diagnostics mapped;
  bool whole = true;
  for (const SplicedValue& v : edited.values)
    if (std::find(spans.begin(), spans.end(), std::pair{v.edited.begin, v.edited.end}) == spans.end()) {
      mapped.error(*v.option, v.written, "the value of --set must be one value, as it would be written in the file");
      whole = false;
    }
  std::optional<plan::Fleet> fleet;
  if (whole && !found.full() && !parsed.refused) fleet = compiler::compile(*loaded.edited, parsed, found);
  // A value that is not one value (`2 people`) makes the parser trip over
  // the file's next line: then only what points into the options is shown.
  for (dsl::Diagnostic d : found.all()) {
    map_back(edited.segments, loaded.edited.get(), d.file, d.span);
    for (dsl::Note& n : d.notes) map_back(edited.segments, loaded.edited.get(), n.file, n.span);
    if (whole || d.file != loaded.source.get()) mapped.push(std::move(d));
  }
  mapped.sort();
  loaded.diagnostics = std::move(mapped);
  loaded.parsed = std::move(parsed);
  loaded.fleet = loaded.diagnostics.has_errors() ? std::nullopt : std::move(fleet);
  return loaded;
}

}  // namespace ferry::cli
