//===--- FunctionPointers.h - what a call through a pointer reaches -------===//
//
// `handler()` with `void (*handler)(void) = count;`, `cb()` inside
// `run_cb(void (*cb)(void))` called as `run_cb(bump)`, or a local copy of
// either: the function a call through a function-pointer variable reaches,
// when the translation unit gives that variable exactly one function (by its
// initializer, assignments, and for a parameter the arguments of the direct
// calls). A variable whose address is taken, or that is given anything but
// functions, null and other such variables, has no known target.
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_ANALYSIS_FUNCTIONPOINTERS_H
#define PARSAFE_ANALYSIS_FUNCTIONPOINTERS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::parsafe::analysis {

class FunctionPointers {
public:
  /// The function \p Call reaches through a function-pointer variable, or
  /// null (a direct call, or a target not known to be unique).
  const FunctionDecl *targetOf(const CallExpr *Call);
  /// Every function \p Call may reach through a function-pointer variable
  /// (`g = f; g();` with `f` given `good` and later `bad`): empty for a
  /// direct call or when the variable may hold anything else.
  llvm::SmallVector<const FunctionDecl *, 2> targetsOf(const CallExpr *Call);

private:
  struct Given {
    llvm::SmallPtrSet<const FunctionDecl *, 2> Functions;
    llvm::SmallPtrSet<const VarDecl *, 2> Variables;
    bool Unknown = false;
  };
  friend class FunctionPointerIndexer;

  /// Indexes the declarations outside system headers, once per TU.
  void index(ASTContext &Ctx);
  /// Adds the functions \p Var may hold to \p Out; false when it may hold
  /// something unknown.
  bool allTargets(const VarDecl *Var, llvm::SmallVectorImpl<const FunctionDecl *> &Out) const;

  std::optional<llvm::DenseMap<const VarDecl *, Given>> Values;
};

} // namespace clang::tidy::parsafe::analysis

#endif
