// Status and StatusOr<T>: the one error convention for new code (abseil's
// Status, narrowed). A Status is a value whose kind tells the caller what to
// do next, and a message for the operator; StatusOr carries a result or the
// Status that explains its absence. Both are [[nodiscard]].
//   Status s = journal.record(change);
//   if (!s.ok()) return s;                       // or act on s.kind()
//   StatusOr<Approval> a = journal.approval(sha);  if (a.ok()) use(*a);
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace ferry {

class [[nodiscard]] Status {
 public:
  // A closed set: each kind is something the caller does, not a cause.
  enum class Kind {
    ok,
    retry,         // the attempt failed; it may be tried again (a command's non-zero exit, a timeout)
    pause_server,  // this action cannot go on; its server waits for the operator, the others go on
    refused,       // the request is refused as asked (not approved, stale plan, bad id): tell the user
    stop,          // nothing can go on safely (journal unwritable, lock lost): stop now, resume later
  };

  Status() = default;
  static Status success() { return {}; }
  static Status retry(std::string message) { return {Kind::retry, std::move(message)}; }
  static Status pause_server(std::string message) { return {Kind::pause_server, std::move(message)}; }
  static Status refused(std::string message) { return {Kind::refused, std::move(message)}; }
  static Status stop(std::string message) { return {Kind::stop, std::move(message)}; }

  bool ok() const { return kind_ == Kind::ok; }
  Kind kind() const { return kind_; }
  const std::string& message() const { return message_; }

 private:
  Status(Kind kind, std::string message) : kind_(kind), message_(std::move(message)) {}
  Kind kind_ = Kind::ok;
  std::string message_;
};

template <class T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit, as abseil's
  StatusOr(Status status) : status_(std::move(status)) {}  // NOLINT
  bool ok() const { return value_.has_value(); }
  // The failure; an ok StatusOr's status is success.
  const Status& status() const { return status_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace ferry
