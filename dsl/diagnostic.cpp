// Long lines (a megabyte of minified input) are shown as a window around
// the column so that one diagnostic never prints the whole line.
#include "dsl/diagnostic.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace ferry::dsl {

namespace {

constexpr std::size_t kShownWidth = 160;

const char* severity_word(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

// Non-printable bytes would scramble a terminal; show them as '?'.
std::string printable(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) c = '?';
  return out;
}

void append_excerpt(std::string& out, const SourceFile& file, Span span) {
  Location at = file.location(span.begin);
  std::string_view line = file.line_text(at.line);
  std::size_t col = at.column - 1;
  std::size_t width = 1;
  if (span.end > span.begin) {
    Location to = file.location(span.end);
    width = to.line == at.line ? std::max<std::size_t>(1, to.column - at.column) : line.size() - std::min(col, line.size());
    width = std::max<std::size_t>(width, 1);
  }
  std::size_t first = 0;
  std::string prefix, suffix;
  if (line.size() > kShownWidth) {
    first = col > kShownWidth / 2 ? col - kShownWidth / 2 : 0;
    if (first > 0) prefix = "...";
    if (first + kShownWidth < line.size()) suffix = "...";
    line = line.substr(first, kShownWidth);
  }
  col -= first;
  out += "    " + prefix + printable(line) + suffix + "\n    " + std::string(prefix.size(), ' ');
  for (std::size_t i = 0; i < col && i < line.size(); ++i) out += line[i] == '\t' ? '\t' : ' ';
  out += '^';
  std::size_t tildes = std::min(width, kShownWidth) - 1;
  if (col + 1 + tildes > line.size()) tildes = line.size() > col + 1 ? line.size() - col - 1 : 0;
  out += std::string(tildes, '~');
  out += '\n';
}

void append_one(std::string& out, const SourceFile* file, Span span, Severity severity, const std::string& message) {
  if (file) {
    Location at = file->location(span.begin);
    out += file->path() + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": ";
  } else {
    out += "ferry: ";
  }
  out += std::string(severity_word(severity)) + ": " + message + "\n";
  if (file) append_excerpt(out, *file, span);
}

}  // namespace

Diagnostic& Diagnostics::error(const SourceFile& file, Span span, std::string message) {
  return push({Severity::error, &file, span, std::move(message), {}});
}

Diagnostic& Diagnostics::warning(const SourceFile& file, Span span, std::string message) {
  return push({Severity::warning, &file, span, std::move(message), {}});
}

Diagnostic& Diagnostics::push(Diagnostic diagnostic) {
  if (diagnostic.message.size() > kMaxMessage) diagnostic.message.resize(kMaxMessage), diagnostic.message += "...";
  if (diagnostic.severity == Severity::warning) {
    if (++warning_count_ > kMaxWarnings + 1) {
      discarded_ = std::move(diagnostic);
      return discarded_;
    }
    if (warning_count_ == kMaxWarnings + 1) {
      diagnostic.message = "more than " + std::to_string(kMaxWarnings) + " warnings; the others are not shown";
      diagnostic.notes.clear();
      list_.push_back(std::move(diagnostic));
      return discarded_;
    }
  }
  if (diagnostic.severity == Severity::error) {
    if (error_count_ > kMaxErrors) {
      discarded_ = std::move(diagnostic);
      return discarded_;
    }
    if (++error_count_ > kMaxErrors) {
      diagnostic.message = "too many errors (more than " + std::to_string(kMaxErrors) + "); stopping here";
      diagnostic.notes.clear();
      list_.push_back(std::move(diagnostic));
      return discarded_;
    }
  }
  list_.push_back(std::move(diagnostic));
  return list_.back();
}

void Diagnostics::sort() {
  std::stable_sort(list_.begin(), list_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.file != b.file || !a.file) return false;
    return a.span.begin < b.span.begin;
  });
}

std::string render(const Diagnostic& diagnostic) {
  std::string out;
  append_one(out, diagnostic.file, diagnostic.span, diagnostic.severity, diagnostic.message);
  for (const Note& note : diagnostic.notes) append_one(out, note.file, note.span, Severity::note, note.message);
  return out;
}

std::string render_all(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics.all()) out += render(d);
  return out;
}

std::string render_json(const Diagnostics& diagnostics) {
  auto place = [](nlohmann::json& j, const SourceFile* file, Span span) {
    if (!file) return;
    Location at = file->location(span.begin);
    j["file"] = file->path();
    j["line"] = at.line;
    j["col"] = at.column;
  };
  nlohmann::json array = nlohmann::json::array();
  for (const Diagnostic& d : diagnostics.all()) {
    nlohmann::json j;
    place(j, d.file, d.span);
    j["severity"] = severity_word(d.severity);
    j["message"] = d.message;
    nlohmann::json notes = nlohmann::json::array();
    for (const Note& n : d.notes) {
      nlohmann::json jn;
      place(jn, n.file, n.span);
      jn["message"] = n.message;
      notes.push_back(std::move(jn));
    }
    j["notes"] = std::move(notes);
    array.push_back(std::move(j));
  }
  return array.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace ferry::dsl
