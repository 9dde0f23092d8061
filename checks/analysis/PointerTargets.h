//===--- PointerTargets.h - what a function's local pointers point to -----===//
//
// A small points-to over local pointer variables, so that
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
// Storing the pointer into a global pointer (`g = p`) publishes its object:
// from there on p points where g does (`*g`), as if it had been given `g`.
//
// A variable given anything else (`malloc`, another call, arithmetic that
// names no object), whose address is taken, or that is bound to a reference
// has no known targets: accesses through it stay accesses through it.
// Several values make a may-set: `*d` may be `A.datum` or `B.datum`.
//
// Which values: those whose assignment reaches the use (reaching definitions
// over the function's CFG), so `p = A.next; use(p->datum); p = B.next;`
// reads A.next's pointee only. A use the CFG does not show (inside a lambda
// that captures the pointer) takes every value.
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_ANALYSIS_POINTERTARGETS_H
#define PARSAFE_ANALYSIS_POINTERTARGETS_H

#include "Accesses.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <optional>

namespace clang::tidy::parsafe::analysis {

class PointerTargets {
public:
  PointerTargets();
  ~PointerTargets();

  /// \p A through a local pointer with known targets, as one access per
  /// target (Spelled naming it as written); std::nullopt when \p A is not
  /// made through such a pointer. The pointer's value is the one reaching
  /// its use inside \p At (A.Where when null); when At is not in the
  /// pointer's function, any value it is given.
  std::optional<llvm::SmallVector<Access, 2>> resolve(const Access &A, const Stmt *At = nullptr);

  /// Whether the local pointer \p Var holds the same value (the same
  /// definitions reach) where it is used in \p A and in \p B: false after
  /// `s = get_s()` between them. True when that cannot be told.
  bool sameValue(const VarDecl *Var, const Stmt *A, const Stmt *B);

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

} // namespace clang::tidy::parsafe::analysis

#endif
