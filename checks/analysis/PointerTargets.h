//===--- PointerTargets.h - what a function's local pointers point to -----===//
//
// A small flow-insensitive points-to over local pointer variables, so that
// an access through one (`int *p = &g; *p = 8;`, `d = &s->datum; *d = 8;`)
// is an access of what it points to. The values a local pointer is given —
// its initializer and every assignment to it in its function — are resolved
// to objects in that function's terms:
//
//   `&g`, `&g.f`, `&a[k]`, an array `a`   that object (a global, a local)
//   `q` or `q + k`, q a global pointer    what q points to (`*q`)
//   `&q->f`, q a parameter or global      the field of what q points to
//   `a->next`, a pointer field            what it points to (through the field)
//   another local pointer                 its targets (member paths joined)
//   `get_s()`, a function with no body    any object of its record type
//   null                                  nothing
//
// A variable given anything else (`malloc`, another call, arithmetic that
// names no object), whose address is taken, or that is bound to a reference
// has no known targets: accesses through it stay accesses through it.
// Several values make a may-set: `*d` may be `A.datum` or `B.datum`.
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_ANALYSIS_POINTERTARGETS_H
#define PARSAFE_ANALYSIS_POINTERTARGETS_H

#include "Accesses.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::parsafe::analysis {

class PointerTargets {
public:
  /// The objects the local pointer \p Var may point to, each as the access
  /// of the whole pointee; null when they are not known (or Var is not a
  /// local pointer variable).
  const llvm::SmallVector<Access, 2> *of(const VarDecl *Var);

  /// \p A through a local pointer with known targets, as one access per
  /// target (Spelled naming it as written); std::nullopt when \p A is not
  /// made through such a pointer.
  std::optional<llvm::SmallVector<Access, 2>> resolve(const Access &A);

private:
  struct Values {
    llvm::SmallVector<const Expr *, 2> Given;
    bool Unknown = false;
  };
  /// Indexes the values given to the local pointers of \p Function.
  void index(const FunctionDecl *Function);
  bool targetsOfValue(const Expr *Value, ASTContext &Ctx, llvm::SmallVectorImpl<Access> &Out,
                      unsigned Depth);
  const llvm::SmallVector<Access, 2> *targets(const VarDecl *Var, unsigned Depth);

  llvm::DenseMap<const FunctionDecl *, bool> Indexed;
  llvm::DenseMap<const VarDecl *, Values> Given;
  llvm::DenseMap<const VarDecl *, std::optional<llvm::SmallVector<Access, 2>>> Resolved;
  llvm::SmallPtrSet<const VarDecl *, 4> InProgress;
};

} // namespace clang::tidy::parsafe::analysis

#endif
