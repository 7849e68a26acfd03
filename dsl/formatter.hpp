// format(): the canonical layout of a parsed file (`ferry fmt`). Two-space
// indent, one attribute per line, `=` aligned within a block, canonical
// spelling of quantities and rules, every comment kept. Idempotent:
// format(parse(format(x))) == format(x).
//   std::string text = format(source, parsed);
#pragma once

#include <string>

#include "dsl/ast.hpp"
#include "dsl/parser.hpp"
#include "dsl/source_file.hpp"

namespace ferry::dsl {

std::string format(const SourceFile& source, const ParsedFile& parsed);

// The canonical text of one value, as `fmt` writes it; the plan file uses it
// to show duration expressions.
std::string format_expression(const ast::Expression& expression);

}  // namespace ferry::dsl
