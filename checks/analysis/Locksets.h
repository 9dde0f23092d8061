//===--- Locksets.h - which mutexes are held at an expression -------------===//
//
// The locks held where an access happens, found structurally: walking out
// from the access through its enclosing blocks, the statements that come
// before it in each block acquire and release locks in order —
//
//   std::lock_guard / std::unique_lock / std::scoped_lock / std::shared_lock
//   declarations (a std::defer_lock unique_lock holds nothing until lock()),
//   m.lock() / m.unlock() / lk.lock() / lk.unlock(),
//   pthread_mutex_lock / _trylock / _unlock, pthread_rwlock_rdlock / _wrlock /
//   _unlock, pthread_spin_lock / _unlock, mtx_lock / mtx_unlock (C11),
//
// and the condition of an if/while the access is guarded by counts as well
// (`if (pthread_mutex_trylock(&m) == 0) { ... }`). A lock is named by the
// declaration of its mutex (a variable, a field), so different mutexes never
// protect each other. Reads under a shared lock are marked: two shared holds
// of one rwlock do not exclude each other, and a write made under a shared
// hold is not protected by it.
//
// Structural means: a must-analysis over the statement tree. Branches meet
// (a lock released on one branch is not held after the merge; one taken on
// one branch is not either), a branch that ends in return/break/continue or a
// noreturn call does not reach the merge, loops may run zero times, guards
// release at the end of their block, and a try-lock in an if's condition is
// held on the branch where it succeeded, as is a lock call whose result is
// tested (`if (pthread_mutex_lock(&m) != 0) { ...error... }`). An unlock
// through a local pointer not locked through it may release any mutex. A
// store whose value comes from a call (`x = unlock_and_get()`) happens after
// the call's lock effects. A mutex named through a pointer or
// reference variable may be any mutex and matches every one.
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_ANALYSIS_LOCKSETS_H
#define PARSAFE_ANALYSIS_LOCKSETS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>

namespace clang::tidy::parsafe::analysis {

/// How a synchronization object orders an access. Besides locks, a thread
/// that publishes through an object (stores an atomic, signals a condition,
/// posts a semaphore, sets a promise) and never waits on it makes its earlier
/// accesses visible to the threads that observe that object (load it, wait
/// on it): those are ordered, as if one lock were held by both.
enum class HoldRole : unsigned char {
  Lock,   ///< the mutex is held
  Before, ///< the thread publishes through the object after this access
  After,  ///< the thread has observed the object (or held the mutex) before this access
  /// The thread's spawner holds the mutex from the thread's start until its
  /// join: no other holder of it runs while the thread does.
  Spawner,
};

/// Which element of an array of mutexes a hold names (`&locks[2]`).
enum : int64_t {
  WholeMutex = -1,      ///< not an element, or not known (a bound parameter, a role)
  ElementAtRunTime = -2 ///< `&locks[i]`, or one of several a pointer may name: chosen at run time
};

struct HeldLock {
  const ValueDecl *Mutex;
  bool Shared; ///< held for reading (shared_lock, rdlock)
  const VarDecl *Guard = nullptr; ///< the lock_guard/unique_lock holding it, if any
  HoldRole Role = HoldRole::Lock;
  /// The element of Mutex, when Mutex is an array (or has one on the way:
  /// `&cache[4].m`): a constant index (several folded into one), or
  /// ElementAtRunTime. Two holds of different elements do not exclude each
  /// other, and neither do two of a variable one (`&m[i]` in one thread,
  /// `&m[j]` in another).
  int64_t Element = WholeMutex;
  /// The variable a mutex field belongs to (`A` in `&A.mutex`), when it is
  /// named directly; null otherwise (`s->mutex`, a mutex variable). Mutex is
  /// then the field: `A.mutex` and `B.mutex` are different mutexes.
  const ValueDecl *Root = nullptr;
  /// The expression that names the mutex where it was taken (`m` in
  /// `pthread_mutex_lock(m)`), for resolving a local pointer; may be null.
  const Expr *Named = nullptr;
  /// For ElementAtRunTime: the index that chooses the element, when it is
  /// written there (`i` in `&m[i]`, `&cache[i].m`), for lock striping.
  const Expr *Index = nullptr;
  /// Held on entry: the function releases it without taking it, so its
  /// caller is taken to hold it. A thread's entry function has no caller.
  bool OnEntry = false;
};

using Lockset = llvm::SmallVector<HeldLock, 2>;

/// Sets where the mutex \p Arg names lives (HeldLock::Element, Index and
/// Root): `&locks[2]`, `&cache[4].m`, `&A.mutex`, `s->locks[i]`. With
/// \p InField, the mutex is a field of the object \p Arg names (`&cache[i]`
/// passed for `entry` in `lock(&entry->m)`).
void placeMutex(const Expr *Arg, HeldLock &L, bool InField = false);

/// The locks held when \p E is evaluated, within its function.
Lockset locksHeldAt(const Stmt *E, ASTContext &Ctx);

/// locksHeldAt() for many expressions of the same functions: the state before
/// each statement of a block is computed once, so asking for every access of
/// a 5,000-statement function stays linear.
class LocksetCache {
public:
  explicit LocksetCache(ASTContext &Ctx);
  ~LocksetCache();
  Lockset heldAt(const Stmt *E);

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

/// Whether \p FD's own body takes a mutex (pthread_mutex_lock, m.lock(), a
/// lock_guard, ...): code written to run beside other threads.
bool takesLock(const FunctionDecl *FD);

/// The mutex \p Call unlocks directly (pthread_mutex_unlock(&m), m.unlock(),
/// a unique_lock's unlock() names the lock object), or null.
const ValueDecl *mutexReleasedBy(const Expr *Call);

/// True when some lock is held by both and at least one hold is exclusive;
/// a hold in shared mode does not protect a write (\p AWrites, \p BWrites).
bool excludeEachOther(const Lockset &A, bool AWrites, const Lockset &B, bool BWrites);

} // namespace clang::tidy::parsafe::analysis

#endif
