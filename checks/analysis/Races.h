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
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace clang::tidy::parsafe::analysis {

/// An access in the spawner's terms: What.Object is a global, a local or
/// parameter of the spawner, or null for the spawner's `*this`; a thread's
/// pointer and reference parameters are replaced by what the spawn passed.
struct RaceAccess {
  Access What;
  Lockset Locks;
  const Expr *Spawn = nullptr; ///< the spawn whose thread makes it; null: the spawner
  llvm::SmallVector<CallStep, 2> Chain; ///< calls from the entry to the access
  /// An element reached with an index that is not a constant (each thread
  /// writing its own slot is the common safe idiom).
  bool VariableElement = false;
  /// The constant subscripts that reach the element (`data[3]`: {3}), when
  /// every subscript on the way is a constant into an array or a global
  /// pointer; else empty.
  llvm::SmallVector<int64_t, 2> ConstantElements = {};
  /// The global pointer ConstantElements count from (`d` in `d[3]`), or
  /// null when they subscript arrays.
  const VarDecl *ElementsOfPointer = nullptr;
  /// Lock striping: the element is chosen at run time by the same index as
  /// the element of this array of mutexes held around it (`lock(&m[i]);
  /// slot[i]->n++`). Two accesses striped by one mutex array exclude each
  /// other: the same index holds the same mutex, another one reaches
  /// another element.
  std::optional<HeldLock> Stripe = {};
  /// Made at an offset from what a pointer points to (`entry[1].refs`): not
  /// the element that the pointer's argument chooses, so not striped by it.
  bool OffsetFromPointer = false;
  /// A lock held here that does not guard this access: taken through a
  /// local pointer (`lock(&s->mutex)`) that was given another value before
  /// it (`s = get_s();`). The lock expression and the pointer.
  std::pair<const Expr *, const VarDecl *> StaleLock = {};
  /// Set when the memory is the element a spawning loop handed this thread
  /// (`&args[i]`): the index it was chosen by there. Such an access only
  /// conflicts with the spawner touching that element after the hand-over.
  const Expr *HandedSlot = nullptr;
  /// The index that is not a constant choosing the element (`i` in `a[i]`),
  /// as written where the access is made (or in the argument of the call
  /// that leads to it); null when there is none.
  const Expr *RunTimeIndex = nullptr;
  /// The start itself when Spawn is where the spawner set it going: a call
  /// of a function that starts it and returns, or the spawn of the thread
  /// that starts it.
  const Expr *StartedBy = nullptr;
  /// StartedBy's thread is joined by the thread that starts it: it ends
  /// first (rather than running on after it).
  bool JoinedByStarter = false;
  /// Set when the thread is this callback, handed (at Spawn) to a function
  /// without a body in this TU, which may run it on another thread.
  const FunctionDecl *HandedOver = nullptr;
  /// Set by findRacesBetweenEntries: the entry point that makes it.
  const FunctionDecl *Entry = nullptr;
};

struct Race {
  std::string Object; ///< the memory, as the spawner names it: "stats.done", "p->n"
  QualType Type;      ///< its type
  RaceAccess First;   ///< reported (a write)
  RaceAccess Second;  ///< the conflicting access
  /// The name of Second's memory when it is another one in the same memory
  /// location (a neighbouring bit-field); empty when it is Object.
  std::string SecondObject = {};
  /// Other accesses to the same variable (this or other members of it) that
  /// conflict with an access of a concurrent context: a few, on other lines
  /// than First and Second, each with the memory it touches.
  llvm::SmallVector<std::pair<std::string, RaceAccess>, 2> Others = {};
};

struct RaceOptions {
  /// Qualified names of types whose objects synchronize themselves.
  llvm::SmallVector<std::string, 8> ThreadSafeTypes;
};

/// Per translation unit: the access summaries of its functions (each
/// function's accesses to globals, through its parameters and `this`, with
/// the locks held, its callees' folded in), computed once and shared by
/// every spawner. Recursion-safe: a function being summarized contributes
/// nothing to its own recursive calls.
class RaceAnalysis {
public:
  RaceAnalysis(ASTContext &Ctx, const ConcurrencyStarts &Starts, const RaceOptions &Options);
  ~RaceAnalysis();
  ASTContext &context() const;

  /// Whether \p FD starts threads (after findRaces(FD)).
  bool startsThreads(const FunctionDecl *FD) const;

  /// The races among the threads that \p Spawner starts.
  llvm::SmallVector<Race, 2> findRaces(const FunctionDecl *Spawner);

  /// The races between \p Entries taken as threads that may all run at
  /// once (a library's functions, called from threads the TU cannot see):
  /// their accesses to globals, locks as held. Each pair is compared once;
  /// an entry is not compared with itself.
  llvm::SmallVector<Race, 2> findRacesBetweenEntries(llvm::ArrayRef<const FunctionDecl *> Entries);

  struct Impl;

private:
  std::unique_ptr<Impl> P;
};

} // namespace clang::tidy::parsafe::analysis

#endif
