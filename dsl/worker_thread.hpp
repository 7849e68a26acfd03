// reserve_thread_heap(): called first thing on a worker thread that is
// about to make a great many small allocations (half a syntax tree, half
// a fleet's servers). glibc gives each thread an arena of its own and grows
// it one page per mprotect call as it fills: 17,724 calls for the 100k
// fleet of bench/run. Allocating and freeing a few dozen megabytes first
// grows it in large steps; the freed space stays mapped for what follows
// (3,599 calls). Without glibc, or under AddressSanitizer (whose allocator
// would only quarantine it), it does nothing.
#pragma once

namespace ferry::dsl {

void reserve_thread_heap();

}  // namespace ferry::dsl
