// parsafe/errors.hpp — the exceptions the runtime reports.
//
// Every error the runtime raises derives from parsafe::Error, so callers can
// catch the library's failures in one place without catching everything.
#pragma once

#include <cstddef>
#include <exception>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace parsafe {

/// Base of every exception thrown by parsafe.
class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// A queued task that never ran because its pool was shut down with
/// cancellation; its future fails with this.
class Cancelled : public Error {
public:
  Cancelled() : Error("parsafe: task cancelled before it ran (pool shut down)") {}
};

/// Work submitted to a pool that is shutting down or shut down.
class PoolShutDown : public Error {
public:
  explicit PoolShutDown(const char* pool)
      : Error(std::string("parsafe: ") + pool + " is shut down; no new work is accepted") {}
};

/// More than one fire-and-forget task failed before wait() or shutdown():
/// all of their exceptions, in the order they were raised.
class TaskErrors : public Error {
public:
  explicit TaskErrors(std::vector<std::exception_ptr> errors)
      : Error("parsafe: " + std::to_string(errors.size()) +
              " detached tasks failed; errors() has each exception"),
        errors_(std::move(errors)) {}
  const std::vector<std::exception_ptr>& errors() const noexcept { return errors_; }

private:
  std::vector<std::exception_ptr> errors_;
};

}  // namespace parsafe
