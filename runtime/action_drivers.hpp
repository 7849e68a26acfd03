// ActionDrivers: how the runtime carries out each kind of action, read from
// the plan's runtime block (DESIGN §5.2): a command (migrate, move_back, and
// install_transit or reinstall when the block names one), the operator's
// `ferry confirm` (install_transit and reinstall by default), or
// bookkeeping that completes when it may start (prepare, acquire_transit,
// release_transit). Also the rollback command and the retry settings.
//   StatusOr<ActionDrivers> d = ActionDrivers::from(plan.fleet.runtime);
//   if (d->of(ActionKind::migrate) == Driver::command) d->command(kind)->fill(...)
#pragma once

#include <array>
#include <optional>

#include "plan/fleet.hpp"
#include "plan/plan.hpp"
#include "plan/status.hpp"
#include "runtime/command_template.hpp"

namespace ferry::runtime {

enum class Driver { bookkeeping, manual, command };

class ActionDrivers {
 public:
  // Refused: no runtime block, no migrate or move_back, a template that
  // does not parse (the message names the key).
  static StatusOr<ActionDrivers> from(const std::optional<plan::RuntimeSettings>& runtime);

  Driver of(plan::ActionKind kind) const { return drivers_[static_cast<std::size_t>(kind)]; }
  const CommandTemplate& command(plan::ActionKind kind) const { return *commands_[static_cast<std::size_t>(kind)]; }
  const std::optional<CommandTemplate>& rollback() const { return rollback_; }
  const plan::RuntimeSettings& settings() const { return settings_; }

 private:
  static constexpr std::size_t kKinds = 7;
  std::array<Driver, kKinds> drivers_{};
  std::array<std::optional<CommandTemplate>, kKinds> commands_;
  std::optional<CommandTemplate> rollback_;
  plan::RuntimeSettings settings_;
};

}  // namespace ferry::runtime
