// parse(): source text to AST. Runs the prescan, then reads blocks and
// attributes with the X3 rules of grammar.hpp, recovering after each error
// (to the end of the line, or past a broken block) so that all syntax errors
// of a file come out in one run.
//   Diagnostics diagnostics;
//   ParsedFile parsed = parse(source, diagnostics);
#pragma once

#include <cstddef>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/diagnostic.hpp"
#include "dsl/prescan.hpp"
#include "dsl/source_file.hpp"

namespace ferry::dsl {

struct ParsedFile {
  ast::File file;
  std::vector<Comment> comments;
  bool complete = true;  // false: syntax errors; `file` holds what was readable
  bool refused = false;  // the prescan refused the text (encoding, nesting): `file` is empty
};

// A file of a megabyte or more without errors is read in pieces on two
// threads (`threads` false: never), with the same tree as a reading on one.
ParsedFile parse(const SourceFile& source, Diagnostics& diagnostics, bool threads = true);

// How many files this process read on two threads, counted as LLVM counts
// its STATISTICs: tests use it to see the path taken.
std::size_t files_read_in_two();

}  // namespace ferry::dsl
