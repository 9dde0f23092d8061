//===--- Accesses.h - reads and writes of named objects -------------------===//
//
// The access model shared by the checks that reason about memory: which named
// objects (variables, and fields or elements of them) a statement reads and
// writes. It is the base layer of the race engine; fork-lost-write uses it to
// find what a fork child writes and what the parent reads afterwards.
//
// A write is an assignment or compound assignment to the object (or a field
// or element of it), ++/--, or a non-const member call on it (a container's
// push_back, insert, operator[] of a map, ...). Every other evaluation of the
// object is a read. Calls are not followed here; callers that want callees
// combine this with ReachableCalls. Code inside lambdas is not the
// statement's own (it runs when the lambda is called).
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_ANALYSIS_ACCESSES_H
#define PARSAFE_ANALYSIS_ACCESSES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"
#include <string>

namespace clang::tidy::parsafe::analysis {

enum class AccessKind { Read, Write };

struct Access {
  const Expr *Where;     ///< the whole access expression (e.g. `s.count`)
  const VarDecl *Object; ///< the variable it reaches
  AccessKind Kind;
  /// The fields on the way, "stats.done" as "done"; empty for the whole
  /// variable. Two accesses touch the same memory when one path is a prefix
  /// of the other.
  std::string Path;
};

/// True when the two accesses may touch the same memory (same variable and
/// overlapping member paths).
bool sameMemory(const Access &A, const Access &B);

/// The accesses to variables that \p S makes itself, in source order.
llvm::SmallVector<Access, 8> accessesIn(const Stmt *S);

} // namespace clang::tidy::parsafe::analysis

#endif
