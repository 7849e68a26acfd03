// libFuzzer target: any bytes through the prescan, the parser, the checker
// and, when the parse is clean, the formatter (whose output must parse again
// to the same layout). Build with clang: cmake -DFERRY_FUZZ=ON
// -DCMAKE_CXX_COMPILER=clang++ -DFERRY_TESTS=OFF; run tests/fuzz/run.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "compiler/fleet_compiler.hpp"
#include "dsl/formatter.hpp"
#include "dsl/parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ferry;
  dsl::SourceFile source = dsl::SourceFile::from_text("fuzz.ferry", std::string(reinterpret_cast<const char*>(data), size));
  dsl::Diagnostics diagnostics;
  dsl::ParsedFile parsed = dsl::parse(source, diagnostics);
  if (!parsed.refused) (void)compiler::compile(source, parsed, diagnostics);
  (void)dsl::render_all(diagnostics);
  if (parsed.complete && !diagnostics.has_errors()) {
    std::string once = dsl::format(source, parsed);
    dsl::SourceFile again = dsl::SourceFile::from_text("fuzz2.ferry", once);
    dsl::Diagnostics diagnostics2;
    dsl::ParsedFile reparsed = dsl::parse(again, diagnostics2);
    if (!reparsed.complete || dsl::format(again, reparsed) != once) std::abort();  // fmt must be idempotent
  }
  return 0;
}
