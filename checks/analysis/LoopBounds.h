//===--- LoopBounds.h - how many times a loop runs ------------------------===//
//
// Classifies what bounds a loop's trip count: a compile-time constant, the
// number of cores, an integer the program chose (a worker count, usually), or
// the size of its data (a container, a range, input read until it ends). A
// thread started per iteration is bounded in the first three cases and grows
// with the input in the last.
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_ANALYSIS_LOOPBOUNDS_H
#define PARSAFE_ANALYSIS_LOOPBOUNDS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"

namespace clang::tidy::parsafe::analysis {

enum class LoopBound {
  Constant,      ///< an integer constant expression, or a fixed-size range
  CoreCount,     ///< derived from hardware_concurrency(), sysconf(_SC_NPROCESSORS_*), ...
  ChosenCount,   ///< an integer variable or parameter of unknown origin
  DataDependent, ///< a container's size, a range over a container, input until exhausted
};

/// Classifies the trip count of a for, range-for, while or do loop.
LoopBound classifyLoopBound(const Stmt *Loop, ASTContext &Ctx);

/// True if \p S calls join() on a thread, pthread_join or thrd_join.
bool containsThreadJoin(const Stmt *S);

} // namespace clang::tidy::parsafe::analysis

#endif
