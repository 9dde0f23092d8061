//===--- Races.h - data races between a function's threads ----------------===//
//
// The race engine, first version. For a function that starts threads:
//
//  * contexts: each spawn's entry (ThreadEntries), with its callees in the
//    TU (ReachableCalls); the spawner's own code between the spawn and the
//    join of that thread (join(), get(), wait(), pthread_join, thrd_join,
//    pool.wait(), a loop joining a container of threads);
//  * multiplicity: a spawn in a loop whose body does not join it, or a pool
//    map, runs its entry concurrently with itself; two spawns whose windows
//    overlap run their entries concurrently with each other;
//  * accesses (Accesses): to globals and statics, and to the spawner's locals
//    that a lambda entry captures by reference; with the locks held at each
//    (Locksets, including the locks held at the calls leading to a callee);
//  * the rule: two accesses to the same object from concurrent contexts, at
//    least one a write, no lock in common.
//
// Precision first: never reported are atomics, thread_local and const data,
// synchronization objects, types named thread-safe, and element accesses with
// a non-constant index (each thread writing its own slot is the common safe
// idiom; it cannot be told apart without index analysis).
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_ANALYSIS_RACES_H
#define PARSAFE_ANALYSIS_RACES_H

#include "Accesses.h"
#include "ConcurrencyStarts.h"
#include "Locksets.h"
#include "ReachableCalls.h"
#include "clang/AST/ASTContext.h"
#include <string>

namespace clang::tidy::parsafe::analysis {

struct RaceAccess {
  Access What;
  Lockset Locks;
  const Expr *Spawn = nullptr; ///< the spawn whose thread makes it; null: the spawner
  llvm::SmallVector<CallStep, 2> Chain; ///< calls from the entry to the access
};

struct Race {
  const VarDecl *Object;
  RaceAccess First;  ///< reported (a write)
  RaceAccess Second; ///< the conflicting access
};

struct RaceOptions {
  /// Qualified names of types whose objects synchronize themselves.
  llvm::SmallVector<std::string, 8> ThreadSafeTypes;
};

/// The races among the threads that \p Spawner starts.
llvm::SmallVector<Race, 2> findRaces(const FunctionDecl *Spawner, ASTContext &Ctx,
                                     const ConcurrencyStarts &Starts, const RaceOptions &Options);

} // namespace clang::tidy::parsafe::analysis

#endif
