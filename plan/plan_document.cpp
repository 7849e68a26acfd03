// The handler keeps a stack of open containers. At depth 1 the key
// "actions" switches to row mode: each inner array is one ActionRow filled
// column by column, its seventh column (after) an array of indices.
#include "plan/plan_document.hpp"

#include <string_view>

namespace ferry::plan {

namespace {

using json = nlohmann::json;

class Handler : public nlohmann::json_sax<json> {
 public:
  explicit Handler(PlanDocument& document) : doc_(document) {}

  bool null() override { return in_account_row_ ? bad_account() : value(nullptr); }
  bool boolean(bool v) override {
    if (in_account_row_) return account_column(6, [&](AccountRow& r) { r.prepared = v; });
    return value(v);
  }
  bool number_integer(number_integer_t v) override {
    if (in_account_row_) return account_column(5, [&](AccountRow& r) { r.priority = v; });
    return v >= 0 ? number_unsigned(static_cast<std::uint64_t>(v)) : value(v);
  }
  bool number_unsigned(number_unsigned_t v) override {
    if (in_account_row_) {
      if (v > static_cast<std::uint64_t>(INT64_MAX)) return bad_account();
      return account_column(5, [&](AccountRow& r) { r.priority = static_cast<std::int64_t>(v); });
    }
    if (in_after_) {
      rows_back().after.push_back(v);
      return true;
    }
    if (in_row_) return column([&](ActionRow& r, int c) {
      if (c == 2) r.server = v;
      else if (c == 3) r.account = v;
      else if (c == 4) r.window = v;
      else return false;
      return true;
    });
    return value(v);
  }
  bool number_float(number_float_t v, const string_t&) override {
    if (in_account_row_ || in_account_rows_) return bad_account();
    return in_row_ ? bad_row() : value(v);
  }
  bool string(string_t& v) override {
    if (in_account_row_) {
      AccountRow& r = doc_.accounts.back().back();
      std::string* fields[] = {&r.name, &r.databases, &r.files, &r.mail, &r.dns};
      if (r.fields > 4) return bad_account();
      *fields[r.fields++] = std::move(v);
      return true;
    }
    if (in_account_rows_) return bad_account();
    if (in_after_) return bad_row();
    if (in_row_) return column([&](ActionRow& r, int c) {
      if (c == 0) r.id = std::move(v);
      else if (c == 1) r.kind = std::move(v);
      else if (c == 5) r.mode = std::move(v);
      else return false;
      return true;
    });
    return value(std::move(v));
  }
  bool binary(binary_t&) override { return bad_row(); }

  bool start_object(std::size_t) override {
    if (!deeper()) return false;
    if (in_rows_) return bad_row();
    if (in_account_rows_) return bad_account();
    if (stack_.size() == 2 && stack_.back() == servers_) doc_.accounts.emplace_back();  // a new server
    return open(json::object());
  }
  bool key(string_t& k) override {
    // The DOM keeps the first of two equal keys and nlohmann the last: a
    // repeated key would let two readers see two plans. Never accepted.
    if (stack_.back()->contains(k)) {
      doc_.error = "the key \"" + k.substr(0, 64) + "\" appears twice in one object";
      return false;
    }
    key_ = std::move(k);
    return true;
  }
  bool end_object() override {
    --depth_;
    stack_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override {
    if (!deeper()) return false;
    if (in_account_row_) return bad_account();
    if (in_account_rows_) {
      doc_.accounts.back().emplace_back();
      in_account_row_ = true;
      return true;
    }
    if (stack_.size() == 3 && stack_[1] == servers_ && key_ == "accounts") {
      (*stack_.back())[key_] = nullptr;  // a placeholder: a second "accounts" is a repeated key
      in_account_rows_ = true;
      return true;
    }
    if (in_row_) {
      if (in_after_ || rows_back().fields != 6) return bad_row();
      in_after_ = true;
      return true;
    }
    if (in_rows_) {
      doc_.actions.emplace_back();
      in_row_ = true;
      return true;
    }
    if (stack_.size() == 1 && key_ == "actions") {
      (*stack_.back())[key_] = nullptr;  // a placeholder, as for "accounts"
      in_rows_ = true;
      doc_.actions_present = true;
      return true;
    }
    bool servers = stack_.size() == 1 && key_ == "servers";
    if (!open(json::array())) return false;
    if (servers) servers_ = stack_.back();
    return true;
  }
  bool end_array() override {
    --depth_;
    if (in_account_row_) {
      in_account_row_ = false;
      return doc_.accounts.back().back().fields == 7 || bad_account();
    }
    if (in_account_rows_) {
      in_account_rows_ = false;
      return true;
    }
    if (in_after_) {
      in_after_ = false;
      ++rows_back().fields;
      return true;
    }
    if (in_row_) {
      in_row_ = false;
      return true;
    }
    if (in_rows_) {
      in_rows_ = false;
      return true;
    }
    stack_.pop_back();
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    if (doc_.error.empty()) doc_.error = "not valid JSON at byte " + std::to_string(position) + " (" + e.what() + ")";
    return false;
  }

 private:
  ActionRow& rows_back() { return doc_.actions.back(); }
  bool deeper() {
    if (++depth_ <= kMaxJsonDepth) return true;
    doc_.error = "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    return false;
  }
  bool bad_account() {
    doc_.error = "malformed account row in server " + std::to_string(doc_.accounts.size());
    return false;
  }
  template <typename Set>
  bool account_column(int column, Set set) {
    AccountRow& r = doc_.accounts.back().back();
    if (r.fields != column) return bad_account();
    set(r);
    ++r.fields;
    return true;
  }
  bool bad_row() {
    doc_.error = "malformed action row " + std::to_string(doc_.actions.size());
    return false;
  }
  template <typename Set>
  bool column(Set set) {
    ActionRow& r = rows_back();
    if (!set(r, r.fields)) {
      // null is a valid account or window
      return bad_row();
    }
    ++r.fields;
    return true;
  }
  bool value(json v) {
    if (in_row_) {
      if (v.is_null() && (rows_back().fields == 3 || rows_back().fields == 4)) {
        ++rows_back().fields;
        return true;
      }
      return bad_row();
    }
    if (in_rows_) return bad_row();
    if (stack_.empty()) {
      doc_.root = std::move(v);
      return true;
    }
    json& parent = *stack_.back();
    if (parent.is_object()) parent[key_] = std::move(v);
    else parent.push_back(std::move(v));
    return true;
  }
  bool open(json container) {
    if (stack_.empty()) {
      doc_.root = std::move(container);
      stack_.push_back(&doc_.root);
      return true;
    }
    json& parent = *stack_.back();
    json* child;
    if (parent.is_object()) child = &(parent[key_] = std::move(container));
    else {
      parent.push_back(std::move(container));
      child = &parent.back();
    }
    stack_.push_back(child);
    return true;
  }

  PlanDocument& doc_;
  std::vector<json*> stack_;
  std::string key_;
  bool in_rows_ = false, in_row_ = false, in_after_ = false;
  bool in_account_rows_ = false, in_account_row_ = false;
  int depth_ = 0;
  const json* servers_ = nullptr;  // the root's "servers" array, once open
};

}  // namespace

// The action rows exactly as ferry writes them (no spaces, no escapes);
// anything else makes it give up, and the SAX handler reads them instead.
class CanonicalRows {
 public:
  CanonicalRows(const std::string& text, std::size_t at) : text_(text), pos_(at) {}

  // Parses `[[row],...]` from the current position; on success `end()` is
  // one past the closing bracket.
  bool parse(std::vector<ActionRow>& rows) {
    if (!eat('[')) return false;
    if (eat(']')) return true;
    do {
      ActionRow& row = rows.emplace_back();
      if (!(eat('[') && string(row.id) && eat(',') && string(row.kind) && eat(',') && number(row.server) &&
            eat(',') && optional_number(row.account) && eat(',') && optional_number(row.window) && eat(',') &&
            string(row.mode) && eat(',') && eat('[')))
        return false;
      if (!eat(']')) {
        do {
          std::uint64_t from = 0;
          if (!number(from)) return false;
          row.after.push_back(from);
        } while (eat(','));
        if (!eat(']')) return false;
      }
      if (!eat(']')) return false;
      row.fields = 7;
    } while (eat(','));
    return eat(']');
  }
  std::size_t end() const { return pos_; }

 private:
  bool eat(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) return ++pos_, true;
    return false;
  }
  bool string(std::string& out) {
    if (!eat('"')) return false;
    std::size_t close = text_.find('"', pos_);
    if (close == std::string::npos) return false;
    for (std::size_t i = pos_; i < close; ++i)
      if (text_[i] == '\\' || static_cast<unsigned char>(text_[i]) < 0x20) return false;
    out.assign(text_, pos_, close - pos_);
    pos_ = close + 1;
    return true;
  }
  bool number(std::uint64_t& out) {
    std::size_t start = pos_;
    out = 0;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9' && pos_ - start < 18)
      out = out * 10 + static_cast<std::uint64_t>(text_[pos_++] - '0');
    bool leading_zero = pos_ - start > 1 && text_[start] == '0';
    return pos_ > start && !leading_zero && !(pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9');
  }
  bool optional_number(std::optional<std::uint64_t>& out) {
    if (text_.compare(pos_, 4, "null") == 0) {
      pos_ += 4;
      return true;
    }
    std::uint64_t value = 0;
    if (!number(value)) return false;
    out = value;
    return true;
  }

  const std::string& text_;
  std::size_t pos_;
};

PlanDocument parse_plan_document(const std::string& text) {
  // Fast path: the canonical rows are read by CanonicalRows and only the
  // rest of the text goes through the SAX handler.
  constexpr std::string_view kActions = "\"action_columns\":[\"id\",\"kind\",\"server\",\"account\",\"window\",\"mode\",\"after\"],\"actions\":";
  if (std::size_t at = text.find(kActions); at != std::string::npos && at < 200) {
    PlanDocument fast;
    CanonicalRows rows(text, at + kActions.size());
    if (rows.parse(fast.actions)) {
      std::string rest = text.substr(0, at + kActions.size()) + "null" + text.substr(rows.end());
      Handler handler(fast);
      if (json::sax_parse(rest, &handler) && fast.error.empty() && fast.root.is_object() &&
          fast.root.contains("actions") && fast.root.at("actions").is_null()) {
        fast.actions_present = true;
        return fast;
      }
    }
  }
  PlanDocument doc;
  Handler handler(doc);
  bool ok = json::sax_parse(text, &handler);
  if (!ok && doc.error.empty()) doc.error = "not valid JSON";
  for (const ActionRow& row : doc.actions)
    if (doc.error.empty() && row.fields != 7) doc.error = "malformed action row " + row.id;
  if (doc.root.is_object() && doc.actions_present && !doc.root.contains("actions")) doc.error = "malformed actions";
  return doc;
}

}  // namespace ferry::plan
