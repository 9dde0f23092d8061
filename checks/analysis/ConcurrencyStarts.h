//===--- ConcurrencyStarts.h - what starts threads and processes ---------===//
//
// One classifier for every expression that makes code run concurrently with
// its caller: thread constructors, std::async, pthread_create, thrd_create,
// parsafe pools, fork/vfork, exec*, system/popen, posix_spawn, and functions
// the user names in a check option. Every parsafe check that needs to know
// "is concurrency started here?" asks this class, so they all agree.
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_ANALYSIS_CONCURRENCYSTARTS_H
#define PARSAFE_ANALYSIS_CONCURRENCYSTARTS_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace clang::tidy::parsafe::analysis {

/// What an expression starts.
enum class StartKind {
  Thread,        ///< std::thread / std::jthread constructed with a callable
  Async,         ///< std::async without a deferred-only policy
  PosixThread,   ///< pthread_create
  C11Thread,     ///< thrd_create
  ThreadPool,    ///< parsafe::ThreadPool constructed
  PoolTask,      ///< a task submitted to a parsafe::ThreadPool (submit, detach, map)
  ProcessPool,   ///< parsafe::ProcessPool constructed
  Fork,          ///< fork / vfork
  Exec,          ///< exec* family: replaces the process image
  Shell,         ///< system / popen: a shell child process
  ProcessSpawn,  ///< posix_spawn / posix_spawnp
  UserFunction,  ///< a function named in the check's options
};

/// True for kinds that start another process rather than another thread.
bool startsProcess(StartKind Kind);

/// A short noun phrase for messages: "a thread", "a parsafe::ProcessPool", ...
std::string describeStart(StartKind Kind, const Expr *Site);

class ConcurrencyStarts {
public:
  /// \p ExtraFunctions are fully qualified names ("ns::spawn_worker" or
  /// "::spawn_worker"), as read from a check option.
  explicit ConcurrencyStarts(llvm::ArrayRef<std::string> ExtraFunctions = {});

  /// Classifies a CallExpr or CXXConstructExpr; std::nullopt when \p E starts
  /// nothing.
  std::optional<StartKind> classify(const Expr *E) const;

private:
  bool isExtraFunction(const FunctionDecl *FD) const;
  llvm::SmallVector<std::string, 4> ExtraFunctions;
};

/// Splits a semicolon- or comma-separated option value into trimmed names.
llvm::SmallVector<std::string, 4> splitOptionList(llvm::StringRef Value);

/// The name of the function \p E calls or the class it constructs, for
/// messages ("pthread_create", "std::thread").
std::string calleeName(const Expr *E);

} // namespace clang::tidy::parsafe::analysis

#endif
