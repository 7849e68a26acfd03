#include "runtime/action_drivers.hpp"

namespace ferry::runtime {

using plan::ActionKind;

StatusOr<ActionDrivers> ActionDrivers::from(const std::optional<plan::RuntimeSettings>& runtime) {
  if (!runtime) return Status::refused("the plan has no runtime block: nothing says how to run its actions");
  ActionDrivers d;
  d.settings_ = *runtime;
  d.drivers_.fill(Driver::bookkeeping);
  d.drivers_[static_cast<std::size_t>(ActionKind::install_transit)] = Driver::manual;
  d.drivers_[static_cast<std::size_t>(ActionKind::reinstall)] = Driver::manual;
  struct Named {
    const char* key;
    const std::string* text;
    ActionKind kind;
  };
  for (Named n : {Named{"migrate", &runtime->migrate, ActionKind::migrate},
                  Named{"move_back", &runtime->move_back, ActionKind::move_back},
                  Named{"install_transit", &runtime->install_transit, ActionKind::install_transit},
                  Named{"reinstall", &runtime->reinstall, ActionKind::reinstall}}) {
    if (n.text->empty()) {
      if (n.kind == ActionKind::migrate || n.kind == ActionKind::move_back)
        return Status::refused(std::string("the runtime block has no `") + n.key +
                               "` command: a plan cannot be applied without one");
      continue;
    }
    StatusOr<CommandTemplate> parsed = CommandTemplate::parse(*n.text);
    if (!parsed.ok()) return Status::refused(std::string("runtime.") + n.key + ": " + parsed.status().message());
    d.commands_[static_cast<std::size_t>(n.kind)] = std::move(*parsed);
    d.drivers_[static_cast<std::size_t>(n.kind)] = Driver::command;
  }
  if (!runtime->rollback.empty()) {
    StatusOr<CommandTemplate> parsed = CommandTemplate::parse(runtime->rollback);
    if (!parsed.ok()) return Status::refused("runtime.rollback: " + parsed.status().message());
    d.rollback_ = std::move(*parsed);
  }
  return d;
}

}  // namespace ferry::runtime
