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

/// Bytes that do not decode as the expected type: truncated, oversized or
/// malformed input (parsafe/codec.hpp, ProcessPool frames).
class DecodeError : public Error {
public:
  using Error::Error;
};

/// A ProcessPool task raised an exception in its worker process: the
/// exception's type name and message, carried back as text.
class RemoteError : public Error {
public:
  RemoteError(std::string type_name, std::string message)
      : Error("parsafe: task raised " + type_name + ": " + message),
        type_name_(std::move(type_name)), message_(std::move(message)) {}
  /// The demangled type of the exception thrown in the worker.
  const std::string& type_name() const noexcept { return type_name_; }
  /// Its what() (empty for exceptions not derived from std::exception).
  const std::string& message() const noexcept { return message_; }

private:
  std::string type_name_;
  std::string message_;
};

/// The worker process running a task died (signal, abort(), exit()) before
/// answering. The pool replaced it; only this task failed.
class WorkerCrashed : public Error {
public:
  WorkerCrashed(std::string description, int signal, int exit_code)
      : Error("parsafe: the worker process running this task " + description),
        signal_(signal), exit_code_(exit_code) {}
  /// The signal that killed the worker, or 0.
  int signal() const noexcept { return signal_; }
  /// The worker's exit status if it exited, or -1.
  int exit_code() const noexcept { return exit_code_; }

private:
  int signal_;
  int exit_code_;
};

/// A task ran longer than PoolOptions::task_timeout; its worker was killed
/// (and replaced).
class TaskTimeout : public Error {
public:
  using Error::Error;
};

/// The pool cannot run tasks any more (an initializer failed, or a worker
/// could not be started); the message says why.
class BrokenPool : public Error {
public:
  using Error::Error;
};

/// Worker processes could not be started (e.g. 'spawn' without
/// PARSAFE_MAIN_GUARD, or 'fork' in a process that has other threads).
class StartError : public Error {
public:
  using Error::Error;
};

/// The task was queued or running when ProcessPool::terminate() killed the
/// workers.
class Terminated : public Error {
public:
  Terminated() : Error("parsafe: task stopped: ProcessPool::terminate() killed the workers") {}
};

}  // namespace parsafe
