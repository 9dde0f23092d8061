//===--- ThreadEntries.h - the code a spawn site runs, and what it gets ---===//
//
// For an expression that ConcurrencyStarts classifies as starting a thread,
// finds the entry — the function, lambda call operator, functor operator()
// or member function that runs concurrently — and the expressions that reach
// it: the callable as written, the arguments passed to it (for pthread_create
// and thrd_create, the void * argument), and the object of a member function.
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_ANALYSIS_THREADENTRIES_H
#define PARSAFE_ANALYSIS_THREADENTRIES_H

#include "ConcurrencyStarts.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::parsafe::analysis {

struct ThreadEntry {
  const Expr *Start = nullptr;
  StartKind Kind = StartKind::Thread;
  /// The callable argument as written at the spawn site.
  const Expr *Callable = nullptr;
  /// The definition that runs in the new thread, when it is known.
  const FunctionDecl *Function = nullptr;
  /// Set when the callable is a lambda (directly or through a variable).
  const LambdaExpr *Lambda = nullptr;
  /// Arguments bound to the entry's parameters (after the callable; for a
  /// member function, after the object).
  llvm::SmallVector<const Expr *, 4> Args;
  /// The object a member function runs on.
  const Expr *Object = nullptr;
};

/// The entry of \p Start, a spawn site of kind \p Kind (thread-starting kinds
/// only: Thread, Async, PosixThread, C11Thread, PoolTask, and user
/// functions, whose callable is taken to be the first argument).
std::optional<ThreadEntry> threadEntry(const Expr *Start, StartKind Kind);

/// The code a callable expression runs: a function, a lambda (directly or
/// through a variable), or a functor's operator(). Fills Callable, Function
/// and Lambda of the result.
ThreadEntry entryOfCallable(const Expr *Callable);

/// Submissions to a thread pool: a member call named submit, detach, map,
/// enqueue, post or push_task on an object of a class in \p PoolClasses
/// (qualified names; parsafe::ThreadPool is always included).
bool isPoolSubmission(const CXXMemberCallExpr *Call, llvm::ArrayRef<std::string> PoolClasses);

/// The declaration an object expression names: a variable, a field through
/// `this`, or a captured variable. Used to tell whether two expressions
/// denote the same pool, thread or container.
const ValueDecl *namedObject(const Expr *E);

} // namespace clang::tidy::parsafe::analysis

#endif
