#include "dsl/worker_thread.hpp"

#include <sched.h>

#include <array>
#include <cstdlib>

// GCC says __SANITIZE_ADDRESS__; clang says __has_feature.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define FERRY_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define FERRY_SANITIZED 1
#endif
#endif

namespace ferry::dsl {

bool second_cpu_available() {
  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  if (sched_getaffinity(0, sizeof cpus, &cpus) != 0) return true;  // unknown: let the threads decide
  return CPU_COUNT(&cpus) >= 2;
}

void reserve_thread_heap() {
#if defined(__GLIBC__) && !defined(FERRY_SANITIZED)
  // Pieces below glibc's smallest mmap threshold (128 KiB), so that they
  // come from the arena; 600 of them fill most of its first 64 MiB heap.
  // Freed first to last, they merge into the top only at the end, so the
  // heap is trimmed once rather than once per piece.
  constexpr std::size_t kPiece = 96 * 1024;
  std::array<void*, 600> pieces{};
  for (void*& piece : pieces) piece = std::malloc(kPiece);
  for (void* piece : pieces) std::free(piece);
#endif
}

}  // namespace ferry::dsl
