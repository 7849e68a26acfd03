// Clock: the time a dispatch loop reads. The virtual clock (simulator,
// rehearsals) jumps to whatever instant the loop moves to; the runtime's
// real clock reads the wall and sleeps until the instant asked for.
//   VirtualClock clock(fleet.start);  clock.advance_to(t);  clock.now() == t
#pragma once

#include "plan/time.hpp"

namespace ferry::plan {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
  // Returns once now() >= t.
  virtual void advance_to(Instant t) = 0;
};

class VirtualClock final : public Clock {
 public:
  explicit VirtualClock(Instant start) : now_(start) {}
  Instant now() const override { return now_; }
  void advance_to(Instant t) override {
    if (t > now_) now_ = t;
  }

 private:
  Instant now_;
};

}  // namespace ferry::plan
