// BlockKeys: a block's attributes checked against the keys its kind takes
// (the one table of them, block_keys.cpp): an unknown key gets a suggestion
// ("unknown key 'dwontime' in policy; did you mean 'downtime'?") or, when it
// is another kind's key, where it belongs ("'deadline' is a policy
// setting"); a duplicate is reported at its second occurrence with a note at
// the first, a missing required key at the block's header.
//   BlockKeys keys(block, source, diagnostics);
//   if (auto* cpu = keys.get("cpu")) ...
#pragma once

#include <boost/container/small_vector.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/diagnostic.hpp"

namespace ferry::compiler {

struct KeySpec {
  std::string_view name;  // its length known: a key is compared with each of its kind's
  bool required = false;
};

// The keys of a kind of block (fleet, calendar, transit, policy, server,
// account, runtime); empty for an unknown kind.
const std::vector<KeySpec>& keys_of(std::string_view kind);

class BlockKeys {
 public:
  BlockKeys(const dsl::ast::Block& block, const dsl::SourceFile& source, dsl::Diagnostics& diagnostics);

  // The attribute for `key` (its first occurrence), or null if absent.
  const dsl::ast::Attribute* get(std::string_view key) const;

 private:
  // Keys as the block spells them; on the stack for the few keys of a block
  // (an account has five, and a 100,000-account fleet as many blocks).
  boost::container::small_vector<std::pair<std::string_view, const dsl::ast::Attribute*>, 8> found_;
};

}  // namespace ferry::compiler
