// --set KEY=VALUE: a change tried on a .ferry file without editing it
// (`simulate`, `compare`). The value is spliced into the source text in
// memory (replacing the key's value, or added to the block) and the whole
// text is compiled again; diagnostics inside a splice point at the option
// ("--set:1:24: error: ..."), the rest at the file. Keys:
//   fleet.KEY  runtime.KEY  KIND.NAME.KEY (calendar, transit, policy, server, account)
//   Loaded loaded = load_file_with_settings("f.ferry", {"fleet.support_capacity=3"});
#pragma once

#include <string>
#include <vector>

#include "cli/load.hpp"

namespace ferry::cli {

// Reads, parses, applies every setting and compiles; errors of the file
// itself come first (nothing is applied to a file that does not compile).
Loaded load_file_with_settings(const std::string& path, const std::vector<std::string>& settings);

}  // namespace ferry::cli
