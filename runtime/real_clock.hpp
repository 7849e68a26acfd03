// RealClock: the wall clock, in whole seconds, for `ferry apply --clock
// real`. The runtime's executor already waits for commands until the next
// wake-up, so advance_to only sleeps what is left of the second.
//   RealClock clock;  Instant t = clock.now();
#pragma once

#include <chrono>
#include <thread>

#include "plan/clock.hpp"

namespace ferry::runtime {

class RealClock final : public plan::Clock {
 public:
  plan::Instant now() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  void advance_to(plan::Instant t) override {
    auto until = std::chrono::system_clock::time_point(std::chrono::seconds(t));
    std::this_thread::sleep_until(until);
  }
};

}  // namespace ferry::runtime
