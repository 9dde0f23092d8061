//===--- ReachableCalls.h - calls reachable from a root, with chains ------===//
//
// Walks what executes when a statement runs: its own calls, and, transitively,
// the bodies of the functions it calls that are defined in this translation
// unit (constructors with their member and base initializers included). Each
// call is reported with the chain of calls that led to it, so a diagnostic can
// put a note on every step.
//
// Deliberately not followed: code in system headers (the standard library's
// internals), lambda bodies and local classes that are only created, not called
// (a lambda stored in a std::function runs later, if ever), and indirect calls
// other than through a function-pointer variable with known targets
// (FunctionPointers.h; the walk follows each of them).
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_ANALYSIS_REACHABLECALLS_H
#define PARSAFE_ANALYSIS_REACHABLECALLS_H

#include "FunctionPointers.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parsafe::analysis {

/// One call on the way from the root: the call expression and the function
/// definition it enters.
struct CallStep {
  const Expr *Call;
  const FunctionDecl *Callee;
};

class ReachableCalls {
public:
  enum class Action {
    Descend, ///< follow the call into its callee's body
    Skip,    ///< do not look inside the callee
    Stop,    ///< end the whole walk
  };
  /// Called for every call found. \p Chain holds the calls entered to get
  /// here (empty for a call made directly by the root).
  using Visitor = llvm::function_ref<Action(const Expr *Call, llvm::ArrayRef<CallStep> Chain)>;

  explicit ReachableCalls(const SourceManager &SM, unsigned MaxDepth = 16)
      : SM(SM), MaxDepth(MaxDepth) {}

  /// Walks the calls made by \p Root and everything they reach.
  void walk(const Stmt *Root, Visitor Visit);
  /// Walks the calls made by \p FD's body (and constructor initializers).
  void walkFunction(const FunctionDecl *FD, Visitor Visit);

  /// The definition a call enters, or null when it has none in this TU or
  /// it lives in a system header.
  const FunctionDecl *definitionCalled(const Expr *Call) const;
  /// As definitionCalled, but a call through a function-pointer variable
  /// gives every definition it may reach, and a construction also gives the
  /// destructor that later ends its object.
  llvm::SmallVector<const FunctionDecl *, 2> definitionsCalled(const Expr *Call) const;

  /// The calls made directly by \p FD's definition, in source order (cached).
  llvm::ArrayRef<const Expr *> callsIn(const FunctionDecl *FD);

private:
  bool walkCalls(llvm::ArrayRef<const Expr *> Calls, Visitor Visit,
                 llvm::SmallVectorImpl<CallStep> &Chain,
                 llvm::DenseMap<const FunctionDecl *, bool> &Visited);

  const SourceManager &SM;
  unsigned MaxDepth;
  // Indexed on the first call through a pointer; mutable because the index
  // is a cache of the TU, not state of the walk.
  mutable FunctionPointers Pointers;
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const Expr *, 8>> CallsCache;
};

/// The calls made directly by a statement, in source order, without entering
/// lambda bodies or local class definitions.
llvm::SmallVector<const Expr *, 8> directCalls(const Stmt *S);

} // namespace clang::tidy::parsafe::analysis

#endif
