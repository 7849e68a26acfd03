// run_beside(here, there): two pieces of one job at once, `there` on a
// thread of its own while `here` runs on the caller's, for the large
// plans' passes that split in two (lowering, the planned durations beside
// the dispatch layout). Both are done when it returns; an exception from
// either is rethrown on the caller's thread (here's first). When no thread
// can be started (a process limit), `there` runs on the caller's thread
// after `here`: the result must not depend on which ran where. True when
// `there` ran on a thread of its own.
//   run_beside([&] { first_half(); }, [&] { second_half(); });
#pragma once

#include <exception>
#include <system_error>
#include <thread>

namespace ferry::plan {

template <class Here, class There>
bool run_beside(Here here, There there) {
  std::exception_ptr there_failed;
  bool there_ran = false;
  {
    std::jthread second;  // joined when this block ends, even by an exception
    try {
      second = std::jthread([&] {
        try {
          there();
        } catch (...) {  // out of memory: rethrown on the caller's thread
          there_failed = std::current_exception();
        }
      });
      there_ran = true;
    } catch (const std::system_error&) {  // no thread to be had: both on this one
    }
    here();
  }
  if (!there_ran) there();
  if (there_failed) std::rethrow_exception(there_failed);
  return there_ran;
}

}  // namespace ferry::plan
