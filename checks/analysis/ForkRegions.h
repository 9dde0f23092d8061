//===--- ForkRegions.h - which code runs in the child of a fork -----------===//
//
// After `pid = fork()`, the program splits: the child sees 0, the parent the
// child's pid (or -1). This analysis finds, for each fork()/vfork() in a
// function, the statements that run only in the child and only in the parent,
// from the shapes fork code takes in practice:
//
//   if (pid == 0) {child} else {parent}     if (!pid) / if (0 == pid)
//   if (pid != 0) {parent} else {child}     if (pid > 0) ... else if (pid == 0) ...
//   if (pid < 0) {error} else if ...        if (fork() == 0) {child}
//   switch (pid) { case 0: child; ... }     if (pid > 0) return; <child...>
//
// and how the child's region ends: by a call that does not return (_exit,
// abort, exit), by returning (from main: through exit()), or by falling out of
// its branch into the code after it — the parent's code.
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_ANALYSIS_FORKREGIONS_H
#define PARSAFE_ANALYSIS_FORKREGIONS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parsafe::analysis {

/// How a sequence of statements ends.
enum class RegionEnd {
  Exits,        ///< every path calls a function that does not return
  Returns,      ///< some path returns from the function, none falls through
  FallsThrough, ///< some path reaches the statement after the region
};

struct ForkSite {
  const CallExpr *Fork = nullptr;
  bool IsVfork = false;
  const VarDecl *Pid = nullptr; ///< the variable holding fork's result, if any
  /// The statement that decides between child and parent (if/switch).
  const Stmt *Decision = nullptr;
  /// The statements that run in the child only, in order.
  llvm::SmallVector<const Stmt *, 4> Child;
  /// The statements that run in the parent only (may be empty when the
  /// parent simply continues after the decision).
  llvm::SmallVector<const Stmt *, 4> Parent;
  /// How the child's statements end.
  RegionEnd ChildEnd = RegionEnd::FallsThrough;
  /// Where the child's region closes: its branch's last statement or `}`,
  /// for a fix-it that adds `_exit`.
  SourceLocation ChildCloseLoc;
  /// True when the child region is the rest of the function (early-return
  /// shape): falling through there means returning to the caller.
  bool ChildIsRestOfFunction = false;
};

/// Every fork()/vfork() in \p FD whose child region could be identified.
llvm::SmallVector<ForkSite, 2> findForkSites(const FunctionDecl *FD, ASTContext &Ctx);

/// How \p S ends, for the child-region rule (see RegionEnd).
RegionEnd regionEnd(const Stmt *S);

/// True for functions that end the calling process without returning
/// (_exit, _Exit, exit, quick_exit, abort, and anything declared noreturn).
bool isProcessExit(const FunctionDecl *FD);

/// True for the exec* family (they return only on failure).
bool isExec(const FunctionDecl *FD);

} // namespace clang::tidy::parsafe::analysis

#endif
