#include "compiler/block_keys.hpp"

#include "compiler/suggest.hpp"

namespace ferry::compiler {

BlockKeys::BlockKeys(const dsl::ast::Block& block, std::initializer_list<KeySpec> keys, const dsl::SourceFile& source,
                     dsl::Diagnostics& diagnostics) {
  std::vector<std::string> names;
  for (const KeySpec& k : keys) names.emplace_back(k.name);
  for (const dsl::ast::Attribute& a : block.attributes) {
    const std::string& key = a.key.text;
    bool known = false;
    for (const auto& n : names) known = known || n == key;
    if (!known) {
      bool block_kind = key == "account" && block.kind.text == "server";
      diagnostics.error(source, a.key.span,
                        block_kind ? "'account' is a block: account \"name\" { ... }"
                                   : "unknown key '" + key + "' in " + block.kind.text + did_you_mean(key, names));
      continue;
    }
    if (const dsl::ast::Attribute* first = get(key)) {
      auto& d = diagnostics.error(source, a.key.span, "duplicate key '" + key + "' in " + block.title());
      d.notes.push_back({&source, first->key.span, "first set here"});
      continue;
    }
    found_.emplace_back(key, &a);
  }
  for (const KeySpec& k : keys)
    if (k.required && !get(k.name) && !block.damaged)
      diagnostics.error(source, block.header(), block.title() + " is missing the required key '" + k.name + "'");
}

const dsl::ast::Attribute* BlockKeys::get(std::string_view key) const {
  for (const auto& [name, attribute] : found_)
    if (name == key) return attribute;
  return nullptr;
}

}  // namespace ferry::compiler
