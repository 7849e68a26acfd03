#include "dsl/thread_heap.hpp"

#include <array>
#include <cstdlib>

namespace ferry::dsl {

void reserve_thread_heap() {
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
  // Pieces below glibc's smallest mmap threshold (128 KiB), so that they
  // come from the arena; 600 of them fill most of its first 64 MiB heap.
  constexpr std::size_t kPiece = 96 * 1024;
  std::array<void*, 600> pieces{};
  for (void*& piece : pieces) piece = std::malloc(kPiece);
  for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) std::free(*it);
#endif
}

}  // namespace ferry::dsl
