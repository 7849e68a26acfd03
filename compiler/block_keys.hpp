// BlockKeys: a block's attributes checked against the keys its kind takes:
// an unknown key gets a suggestion ("unknown key 'dwontime' in policy; did
// you mean 'downtime'?"), a duplicate is reported at its second occurrence
// with a note at the first, a missing required key at the block's header.
//   BlockKeys keys(block, {{"cpu", true}, {"busy_until", false}}, source, diagnostics);
//   if (auto* cpu = keys.get("cpu")) ...
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/diagnostic.hpp"

namespace ferry::compiler {

struct KeySpec {
  const char* name;
  bool required = false;
};

class BlockKeys {
 public:
  BlockKeys(const dsl::ast::Block& block, std::initializer_list<KeySpec> keys, const dsl::SourceFile& source,
            dsl::Diagnostics& diagnostics);

  // The attribute for `key` (its first occurrence), or null if absent.
  const dsl::ast::Attribute* get(std::string_view key) const;

 private:
  std::vector<std::pair<std::string, const dsl::ast::Attribute*>> found_;
};

}  // namespace ferry::compiler
