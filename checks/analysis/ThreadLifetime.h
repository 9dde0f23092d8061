//===--- ThreadLifetime.h - std::thread objects destroyed while joinable ---===//
//
// A std::thread destroyed while joinable calls std::terminate. This analysis
// tracks, over the CFG of one function, every local std::thread (and every
// local container of std::thread) from the point where it becomes joinable
// (constructed or assigned with a callable; a thread emplaced into the
// container) to the point where it stops being joinable (join(), detach(), a
// move out of the variable, a loop that joins the container's elements, or a
// branch on joinable()), and reports the scope exits and throws that can be
// reached in between.
//
// It is a forward "may be joinable" dataflow: a path that joins on one branch
// and not the other is still reported at the exit the other branch reaches.
// It prefers silence where it cannot see: a thread handed to another function
// (by reference, by move) is assumed to be taken care of there.
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_ANALYSIS_THREADLIFETIME_H
#define PARSAFE_ANALYSIS_THREADLIFETIME_H

#include "ConcurrencyStarts.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::parsafe::analysis {

/// How control leaves the thread's scope while it may be joinable.
enum class ExitKind {
  ScopeEnd, ///< falls off the end of the enclosing block
  Return,
  Break,
  Continue,
  Goto,
  Throw,         ///< a throw expression in this function
  ThrowingCall,  ///< a call to a function of this TU that throws
};

struct JoinableExit {
  const Stmt *Where; ///< the return/break/throw/call, or the block whose end is reached
  ExitKind Kind;
};

struct JoinableThread {
  const VarDecl *Thread;   ///< a std::thread, or a container of them
  bool IsContainer;
  const Stmt *Start;       ///< where it (first) becomes joinable
  llvm::SmallVector<JoinableExit, 2> Exits;
};

/// True if \p Type is std::thread (not jthread, which joins itself).
bool isStdThreadType(QualType Type);
/// True if \p Type is a standard container whose elements are std::thread.
bool isContainerOfStdThread(QualType Type);

/// Analyses the local threads of \p FD. Returns those that can be destroyed
/// while joinable, with every such exit.
llvm::SmallVector<JoinableThread, 2> findJoinableExits(const FunctionDecl *FD, ASTContext &Ctx,
                                                        const ConcurrencyStarts &Starts);

/// Why a thread (or task) started at a spawn site can outlive the function
/// that started it.
struct OutlivingEvidence {
  enum Kind {
    Detached,         ///< t.detach(), std::thread(...).detach(), pthread_detach, pool.detach
    MovedOut,         ///< std::move(t) handed to another function or object
    Returned,         ///< the thread or its future is returned
    StoredOutside,    ///< emplaced/pushed into a member, global or reference parameter
    NeverJoined,      ///< pthread_create/thrd_create without a join in this function
  } What;
  const Stmt *Where; ///< the statement that shows it
};

/// Evidence that the thread started by \p Start (of kind \p Kind, inside
/// \p Fn) can still run after \p Fn returns; std::nullopt when the function
/// joins it (or waits for it) or nothing shows otherwise.
std::optional<OutlivingEvidence> outlivesFunction(const Expr *Start, StartKind Kind,
                                                  const FunctionDecl *Fn, ASTContext &Ctx);

} // namespace clang::tidy::parsafe::analysis

#endif
