// What the parser's and the compiler's second threads need (decisions 96,
// 98, 99): whether a second CPU is there to run one, and a heap reserved
// before it starts allocating.
#pragma once

namespace ferry::dsl {

// False when this process may run on one CPU only (a one-core machine,
// `taskset -c 0`): a second thread would only take turns with the first.
bool second_cpu_available();

// Called first thing on a worker thread that is about to make a great many
// small allocations (half a syntax tree, half a fleet's servers). glibc
// gives each thread an arena of its own and grows it one page per mprotect
// call as it fills: 17,724 calls for the 100k fleet of bench/run.
// Allocating and freeing a few dozen megabytes first grows it in large
// steps; the freed space stays mapped for what follows (1,182 calls).
// Without glibc, or under a sanitizer (whose allocator would only
// quarantine it), it does nothing.
void reserve_thread_heap();

}  // namespace ferry::dsl
