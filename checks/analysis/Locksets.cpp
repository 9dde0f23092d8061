//===--- Locksets.cpp -----------------------------------------------------===//

#include "Locksets.h"
#include "ReachableCalls.h"
#include "StmtContext.h"
#include "ThreadEntries.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSwitch.h"
#include <optional>

namespace clang::tidy::parsafe::analysis {

namespace {

enum class LockOp {
  None,
  Acquire,
  AcquireShared,
  Release,
  Post,        ///< publishes: a store to an atomic, a condition signal, a promise set
  Observe,     ///< sees what was published: an atomic load, a condition wait, a future wait
  SpinAcquire, ///< an exchange / test-and-set: a lock when spun on in a loop condition
  /// pthread_barrier_wait: publishes what the thread did before it, and
  /// sees what the other waiters did before theirs.
  Barrier,
};

/// The mutex an argument names: `&m`, `m`, `obj.m`; for an element of an
/// array of mutexes (`&m[2]`), the array (placeMutex tells which).
const ValueDecl *mutexOf(const Expr *Arg) {
  if (!Arg)
    return nullptr;
  Arg = Arg->IgnoreParenImpCasts();
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(Arg); AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    Arg = AddrOf->getSubExpr()->IgnoreParenImpCasts();
  while (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Arg))
    Arg = Subscript->getBase()->IgnoreParenImpCasts();
  return namedObject(Arg);
}

} // namespace

void placeMutex(const Expr *Arg, HeldLock &L, bool InField) {
  bool ThroughPointer = false;
  while (Arg) {
    Arg = Arg->IgnoreParenImpCasts();
    if (const auto *AddrOf = dyn_cast<UnaryOperator>(Arg); AddrOf && AddrOf->getOpcode() == UO_AddrOf) {
      Arg = AddrOf->getSubExpr();
    } else if (const auto *Member = dyn_cast<MemberExpr>(Arg)) {
      InField = true;
      ThroughPointer |= Member->isArrow();
      Arg = Member->getBase();
    } else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Arg)) {
      const Expr *Index = Subscript->getIdx()->IgnoreParenImpCasts();
      std::optional<int64_t> Value;
      if (const auto *Literal = dyn_cast<IntegerLiteral>(Index))
        Value = Literal->getValue().getLimitedValue(INT32_MAX);
      else if (const auto *Ref = dyn_cast<DeclRefExpr>(Index))
        if (const auto *Enumerator = dyn_cast<EnumConstantDecl>(Ref->getDecl()))
          Value = Enumerator->getInitVal().getLimitedValue(INT32_MAX);
      if (!Value)
        L.Index = Index; // the one nearest the variable, as elementIndicesOf
      if (!Value || L.Element == ElementAtRunTime)
        L.Element = ElementAtRunTime;
      else
        L.Element = L.Element == WholeMutex ? *Value : L.Element * 1000003 + *Value;
      ThroughPointer |= !Subscript->getBase()->IgnoreParenImpCasts()->getType()->isArrayType();
      Arg = Subscript->getBase();
    } else {
      if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg); Ref && InField && !ThroughPointer)
        L.Root = Ref->getDecl();
      return;
    }
  }
}

namespace {

/// The expression naming the mutex of a lock call: the object of
/// `m.lock()`, the first argument of `pthread_mutex_lock(&m)`.
const Expr *lockedExpr(const Expr *Operation) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Operation))
    return Member->getImplicitObjectArgument();
  if (const auto *Call = dyn_cast<CallExpr>(Operation))
    return Call->getNumArgs() ? Call->getArg(0) : nullptr;
  return nullptr;
}

bool isLockGuardType(QualType Type, bool &Shared, bool &Deferrable) {
  const auto *Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !Record->isInStdNamespace() || !Record->getIdentifier())
    return false;
  StringRef Name = Record->getName();
  Shared = Name == "shared_lock";
  Deferrable = Name == "unique_lock" || Name == "shared_lock";
  return Name == "lock_guard" || Name == "unique_lock" || Name == "scoped_lock" || Shared;
}

/// An atomic object (std::atomic, its bases, std::atomic_flag).
bool isAtomicObject(const Expr *E) {
  const auto *Record = E->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record)
    if (const auto *Pointee = E->getType()->getPointeeType().getTypePtrOrNull())
      Record = Pointee->getAsCXXRecordDecl();
  return Record && Record->isInStdNamespace() && Record->getIdentifier() &&
         Record->getName().contains("atomic");
}

/// The promise a future was obtained from: `auto f = p.get_future();`.
const ValueDecl *promiseOfFuture(const ValueDecl *Future) {
  const auto *Var = dyn_cast_or_null<VarDecl>(Future);
  if (!Var || !Var->getInit())
    return nullptr;
  if (const auto *Get = dyn_cast_or_null<CXXMemberCallExpr>(stripCopies(Var->getInit())))
    if (Get->getMethodDecl() && Get->getMethodDecl()->getIdentifier() &&
        Get->getMethodDecl()->getName() == "get_future")
      return namedObject(Get->getImplicitObjectArgument());
  return nullptr;
}

/// Lock operations performed by a call: C functions on a mutex argument,
/// member lock()/unlock() on a mutex or a unique_lock, and the publish /
/// observe pairs that order memory without a lock (atomics, condition
/// variables, promises and futures, semaphores).
LockOp lockOpOfCall(const CallExpr *Call, const ValueDecl *&Mutex,
                    const llvm::DenseMap<const ValueDecl *, const ValueDecl *> &Guards) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD)
    return LockOp::None;
  const Expr *Object = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    Object = Member->getImplicitObjectArgument();
  else if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(FD) && Call->getNumArgs() > 0)
    Object = Call->getArg(0);
  if (Object) {
    const ValueDecl *Named = mutexOf(Object);
    if (!Named)
      return LockOp::None;
    StringRef Name = FD->getIdentifier() ? FD->getName() : "";
    LockOp Op = LockOp::None;
    if (isAtomicObject(Object)) {
      if (isa<CXXConversionDecl>(FD) || Name == "load" || Name == "test" || Name == "wait")
        Op = LockOp::Observe;
      else if (Name == "exchange" || Name.starts_with("compare_exchange") ||
               Name == "test_and_set")
        Op = LockOp::SpinAcquire;
      else if (Name == "clear")
        Op = LockOp::Release;
      else if (Name == "store" || Name.starts_with("fetch_") || Name.starts_with("notify") ||
               FD->isOverloadedOperator())
        Op = LockOp::Post;
      Mutex = Named;
      return Op;
    }
    const auto *Class = cast<CXXMethodDecl>(FD)->getParent();
    if (Class->isInStdNamespace() && Class->getIdentifier()) {
      StringRef ClassName = Class->getName();
      if (ClassName == "promise" && Name.starts_with("set_")) {
        Mutex = Named;
        return LockOp::Post;
      }
      if ((ClassName == "future" || ClassName == "shared_future" ||
           ClassName == "__basic_future") &&
          (Name == "wait" || Name == "get")) {
        Mutex = promiseOfFuture(Named);
        return Mutex ? LockOp::Observe : LockOp::None;
      }
      if (ClassName.starts_with("condition_variable")) {
        Mutex = Named;
        return Name.starts_with("notify") ? LockOp::Post
               : Name.starts_with("wait") ? LockOp::Observe
                                          : LockOp::None;
      }
    }
    Op = llvm::StringSwitch<LockOp>(Name)
             .Cases("lock", "try_lock", LockOp::Acquire)
             .Cases("lock_shared", "try_lock_shared", LockOp::AcquireShared)
             .Cases("unlock", "unlock_shared", LockOp::Release)
             .Default(LockOp::None);
    if (Op == LockOp::None)
      return Op;
    // lk.lock() on a unique_lock: the mutex it guards.
    auto Guard = Guards.find(Named);
    Mutex = Guard != Guards.end() ? Guard->second : Named;
    return Op;
  }
  if (!FD->getIdentifier() || Call->getNumArgs() == 0)
    return LockOp::None;
  StringRef Name = FD->getName();
  LockOp Op = llvm::StringSwitch<LockOp>(Name)
                  .Cases("pthread_mutex_lock", "pthread_mutex_trylock", "pthread_spin_lock",
                         LockOp::Acquire)
                  .Cases("pthread_rwlock_wrlock", "pthread_rwlock_trywrlock", "mtx_lock",
                         "mtx_trylock", "mtx_timedlock", LockOp::Acquire)
                  .Cases("pthread_mutex_timedlock", "pthread_spin_trylock", LockOp::Acquire)
                  .Cases("pthread_rwlock_rdlock", "pthread_rwlock_tryrdlock",
                         LockOp::AcquireShared)
                  .Cases("pthread_mutex_unlock", "pthread_rwlock_unlock", "pthread_spin_unlock",
                         "mtx_unlock", LockOp::Release)
                  // A semaphore used as a lock: wait acquires, post releases.
                  .Cases("sem_wait", "sem_trywait", "sem_timedwait", LockOp::Acquire)
                  .Case("sem_post", LockOp::Release)
                  .Case("pthread_barrier_wait", LockOp::Barrier)
                  .Cases("pthread_cond_signal", "pthread_cond_broadcast", "cnd_signal",
                         "cnd_broadcast", LockOp::Post)
                  .Cases("pthread_cond_wait", "pthread_cond_timedwait", "cnd_wait",
                         "cnd_timedwait", LockOp::Observe)
                  .Cases("atomic_flag_clear", "atomic_flag_clear_explicit", "__sync_lock_release",
                         LockOp::Release)
                  .Default(LockOp::None);
  if (Op == LockOp::None) {
    // C11 and GCC atomics on the object the first argument points to.
    if (Name.starts_with("atomic_load") || Name.starts_with("__atomic_load"))
      Op = LockOp::Observe;
    else if (Name.starts_with("atomic_flag_test_and_set") ||
             Name.starts_with("atomic_exchange") ||
             Name.starts_with("atomic_compare_exchange") ||
             Name.starts_with("__sync_lock_test_and_set") ||
             Name.starts_with("__sync_bool_compare_and_swap") ||
             Name.starts_with("__sync_val_compare_and_swap") ||
             Name.starts_with("__atomic_exchange") ||
             Name.starts_with("__atomic_compare_exchange") ||
             Name.starts_with("__atomic_test_and_set"))
      Op = LockOp::SpinAcquire;
    else if (Name.starts_with("atomic_store") || Name.starts_with("atomic_fetch_") ||
             Name.starts_with("__atomic_store") || Name.starts_with("__atomic_fetch_") ||
             Name.starts_with("__sync_"))
      Op = LockOp::Post;
  }
  if (Op != LockOp::None)
    Mutex = mutexOf(Call->getArg(0));
  return Mutex ? Op : LockOp::None;
}

/// The C11 atomic builtins (`atomic_load(&x)` expands to one).
LockOp lockOpOfAtomic(const AtomicExpr *Atomic, const ValueDecl *&Object) {
  Object = mutexOf(Atomic->getPtr());
  switch (Atomic->getOp()) {
  case AtomicExpr::AO__c11_atomic_load:
  case AtomicExpr::AO__atomic_load:
  case AtomicExpr::AO__atomic_load_n:
    return Object ? LockOp::Observe : LockOp::None;
  case AtomicExpr::AO__c11_atomic_exchange:
  case AtomicExpr::AO__c11_atomic_compare_exchange_strong:
  case AtomicExpr::AO__c11_atomic_compare_exchange_weak:
  case AtomicExpr::AO__atomic_exchange:
  case AtomicExpr::AO__atomic_exchange_n:
  case AtomicExpr::AO__atomic_compare_exchange:
  case AtomicExpr::AO__atomic_compare_exchange_n:
    return Object ? LockOp::SpinAcquire : LockOp::None;
  default:
    return Object ? LockOp::Post : LockOp::None; // stores and read-modify-writes
  }
}

/// The calls and atomic builtins a statement evaluates, in order, without
/// entering lambdas.
llvm::SmallVector<const Expr *, 4> syncOperations(const Stmt *S) {
  struct Finder : RecursiveASTVisitor<Finder> {
    llvm::SmallVector<const Expr *, 4> Found;
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    bool VisitCallExpr(CallExpr *C) {
      Found.push_back(C);
      return true;
    }
    bool VisitAtomicExpr(AtomicExpr *A) {
      Found.push_back(A);
      return true;
    }
  } F;
  F.TraverseStmt(const_cast<Stmt *>(S));
  return std::move(F.Found);
}

LockOp lockOpOf(const Expr *E, const ValueDecl *&Mutex,
                const llvm::DenseMap<const ValueDecl *, const ValueDecl *> &Guards) {
  if (const auto *Atomic = dyn_cast<AtomicExpr>(E))
    return lockOpOfAtomic(Atomic, Mutex);
  return lockOpOfCall(cast<CallExpr>(E), Mutex, Guards);
}

bool isTryLock(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  return FD && FD->getIdentifier() && FD->getName().contains("try");
}

/// Whether \p Cond is the result of \p Call tested for success or failure:
/// `f()`, `!f()`, `f() == 0`, `f() != 0`. A lock call whose result is tested
/// may fail (`if (pthread_mutex_lock(&m)) { error... }`): it is held only on
/// the branch where it succeeded, as a try-lock.
bool testsResultOf(const Expr *Cond, const CallExpr *Call) {
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *Not = dyn_cast<UnaryOperator>(Cond); Not && Not->getOpcode() == UO_LNot)
    Cond = Not->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Cmp = dyn_cast<BinaryOperator>(Cond);
      Cmp && (Cmp->getOpcode() == BO_EQ || Cmp->getOpcode() == BO_NE))
    Cond = Cmp->getLHS()->IgnoreParenImpCasts();
  return Cond == Call;
}

/// Whether a try-lock in the condition of an if succeeds on its then-branch:
/// the C functions return 0 on success (`== 0`, `!f()`), a C++ try_lock()
/// returns true.
bool tryLockSucceedsOnThen(const Expr *Cond, const CallExpr *Try) {
  bool ZeroIsSuccess = !isa<CXXMemberCallExpr>(Try);
  bool Negated = false;
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *Not = dyn_cast<UnaryOperator>(Cond); Not && Not->getOpcode() == UO_LNot) {
    Negated = true;
    Cond = Not->getSubExpr()->IgnoreParenImpCasts();
  }
  if (const auto *Cmp = dyn_cast<BinaryOperator>(Cond);
      Cmp && (Cmp->getOpcode() == BO_EQ || Cmp->getOpcode() == BO_NE)) {
    // `f() == 0` is true when f returned zero.
    bool ZeroCompared = Cmp->getRHS()->IgnoreParenImpCasts()->isIntegerConstantExpr(
        Try->getCalleeDecl()->getASTContext());
    if (ZeroCompared)
      Negated ^= Cmp->getOpcode() == BO_EQ;
  }
  // Bare value: true means nonzero.
  return ZeroIsSuccess ? Negated : !Negated;
}

/// Control leaves the statement without reaching the next one.
bool endsFlow(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *Block = dyn_cast<CompoundStmt>(S))
    return !Block->body_empty() && endsFlow(Block->body_back());
  if (isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt, CXXThrowExpr>(S))
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *FD = Call->getDirectCallee())
      return FD->isNoReturn();
  return false;
}

/// What calling a function of this TU does to the locks: `lock_counter()`
/// wrapping pthread_mutex_lock acquires, `unlock_counter()` releases.
struct CallEffect {
  Lockset Acquired;
  llvm::SmallVector<const ValueDecl *, 2> Released;
};
struct CallEffects {
  virtual ~CallEffects() = default;
  virtual const CallEffect *effectOf(const FunctionDecl *Callee) = 0;
  /// False for a semaphore sem_init gives a count above one: waiting on it
  /// does not exclude the other waiters.
  virtual bool isBinarySemaphore(const ValueDecl *Sem) = 0;
};

/// What a branch condition tests: a local variable plus a constant
/// (`if (v)`: offset 0, `if (v - 1)`: offset -1), taken as true when that
/// sum is not zero.
struct TestedLocal {
  const VarDecl *Var = nullptr;
  int64_t Offset = 0;
  bool operator==(const TestedLocal &O) const { return Var == O.Var && Offset == O.Offset; }
};

/// The local a branch condition tests, and on which branch the test is
/// true: `if (v)`, `if (!v)`, `if (v != 0)`, `if (v == 0)`, `if (v - 1)`.
static TestedLocal testedLocal(const Expr *Cond, bool &OnThen) {
  OnThen = true;
  if (!Cond)
    return {};
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *Not = dyn_cast<UnaryOperator>(Cond); Not && Not->getOpcode() == UO_LNot) {
    OnThen = false;
    Cond = Not->getSubExpr()->IgnoreParenImpCasts();
  } else if (const auto *Cmp = dyn_cast<BinaryOperator>(Cond);
             Cmp && (Cmp->getOpcode() == BO_EQ || Cmp->getOpcode() == BO_NE) &&
             Cmp->getRHS()->IgnoreParenImpCasts()->getType()->isIntegerType()) {
    const auto *Zero = dyn_cast<IntegerLiteral>(Cmp->getRHS()->IgnoreParenImpCasts());
    if (!Zero || Zero->getValue() != 0)
      return {};
    OnThen = Cmp->getOpcode() == BO_NE;
    Cond = Cmp->getLHS()->IgnoreParenImpCasts();
  }
  TestedLocal Out;
  if (const auto *Sum = dyn_cast<BinaryOperator>(Cond);
      Sum && (Sum->getOpcode() == BO_Add || Sum->getOpcode() == BO_Sub)) {
    const auto *Constant = dyn_cast<IntegerLiteral>(Sum->getRHS()->IgnoreParenImpCasts());
    if (!Constant || Constant->getValue().getActiveBits() > 32)
      return {};
    Out.Offset = int64_t(Constant->getValue().getZExtValue()) * (Sum->getOpcode() == BO_Add ? 1 : -1);
    Cond = Sum->getLHS()->IgnoreParenImpCasts();
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Cond))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->hasLocalStorage() && (Out.Offset == 0 || Var->getType()->isIntegerType())) {
      Out.Var = Var;
      return Out;
    }
  return {};
}

/// When \p S only adds a constant to \p Var (`v++`, `--v`, `v += 2`): that
/// constant.
static std::optional<int64_t> constantStep(const Stmt *S, const VarDecl *Var) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  if (!E)
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  auto Names = [&](const Expr *X) {
    const auto *Ref = dyn_cast<DeclRefExpr>(X->IgnoreParenImpCasts());
    return Ref && Ref->getDecl() == Var;
  };
  if (const auto *Op = dyn_cast<UnaryOperator>(E); Op && Op->isIncrementDecrementOp() && Names(Op->getSubExpr()))
    return Op->isIncrementOp() ? 1 : -1;
  if (const auto *Op = dyn_cast<CompoundAssignOperator>(E);
      Op && (Op->getOpcode() == BO_AddAssign || Op->getOpcode() == BO_SubAssign) && Names(Op->getLHS()))
    if (const auto *Constant = dyn_cast<IntegerLiteral>(Op->getRHS()->IgnoreParenImpCasts());
        Constant && Constant->getValue().getActiveBits() <= 32)
      return int64_t(Constant->getValue().getZExtValue()) * (Op->getOpcode() == BO_AddAssign ? 1 : -1);
  return std::nullopt;
}

/// The locks held along every path through the statements applied so far:
/// a must-analysis over the structured statements (branches meet, loops may
/// not run, a lock released on one branch is not held after the merge).
class LockTracker {
public:
  void apply(const Stmt *S) {
    if (!S)
      return;
    if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
      for (const Stmt *Child : Block->body())
        apply(Child);
      // Guards declared in this block release at its end.
      for (const Stmt *Child : Block->body())
        if (const auto *Decl = dyn_cast<DeclStmt>(Child))
          for (const auto *D : Decl->decls())
            llvm::erase_if(Held, [&](const HeldLock &L) { return L.Guard == D; });
      return;
    }
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      apply(If->getInit());
      forgetConditionsChangedBy(If->getCond());
      LockTracker Then = *this, Else = *this;
      bool TrueOnThen = true;
      TestedLocal Tested = testedLocal(If->getCond(), TrueOnThen);
      Then.enterBranch(Tested, TrueOnThen);
      Else.enterBranch(Tested, !TrueOnThen);
      Then.applyCalls(If->getCond(), If->getCond(), true);
      Else.applyCalls(If->getCond(), If->getCond(), false);
      Then.apply(If->getThen());
      Else.apply(If->getElse());
      bool ThenEnds = endsFlow(If->getThen()), ElseEnds = endsFlow(If->getElse());
      if (ThenEnds && !ElseEnds) {
        *this = std::move(Else);
      } else if (ElseEnds && !ThenEnds) {
        *this = std::move(Then);
      } else {
        meet(Then, Else);
        // `if (locked) lock(&m); ... if (locked) x++;`: held whenever the
        // tested local has the value of the branch that took it.
        if (Tested.Var) {
          rememberConditional(Then, Tested, TrueOnThen);
          rememberConditional(Else, Tested, !TrueOnThen);
        }
      }
      return;
    }
    const Stmt *Cond = nullptr, *Body = nullptr;
    bool RunsOnce = false;
    if (const auto *While = dyn_cast<WhileStmt>(S))
      Cond = While->getCond(), Body = While->getBody();
    else if (const auto *For = dyn_cast<ForStmt>(S)) {
      apply(For->getInit());
      Cond = For->getCond(), Body = For->getBody();
    } else if (const auto *Range = dyn_cast<CXXForRangeStmt>(S))
      Body = Range->getBody();
    else if (const auto *Do = dyn_cast<DoStmt>(S))
      Cond = Do->getCond(), Body = Do->getBody(), RunsOnce = true;
    else if (const auto *Switch = dyn_cast<SwitchStmt>(S))
      Cond = Switch->getCond(), Body = Switch->getBody();
    if (Body) {
      if (!RunsOnce)
        applyCalls(Cond, nullptr, true, /*LoopCondition=*/true);
      LockTracker Inside = *this;
      if (RunsOnce)
        Inside.applyCalls(Cond, nullptr, true, /*LoopCondition=*/true);
      Inside.apply(Body);
      if (RunsOnce) {
        *this = std::move(Inside);
        return;
      }
      meet(*this, Inside);
      // A loop that waits (`while (!ready) pthread_cond_wait(...)`) ends
      // once it has seen what it waited for.
      for (const HeldLock &L : Inside.Held)
        if (L.Role == HoldRole::After && !llvm::any_of(Held, [&](const HeldLock &M) {
              return M.Mutex == L.Mutex && M.Role == L.Role;
            }))
          Held.push_back(L);
      return;
    }
    forgetConditionsChangedBy(S);
    // A guard object declared here holds its mutex until the block ends.
    if (const auto *Decl = dyn_cast<DeclStmt>(S)) {
      for (const auto *D : Decl->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          declareGuard(Var);
    }
    applyCalls(S);
  }

  /// The lock calls in \p S, in order. Try-locks in the condition \p Cond of
  /// an if take effect on the branch where they succeeded (\p OnThen).
  void applyCalls(const Stmt *S, const Stmt *Cond = nullptr, bool OnThen = true,
                  bool LoopCondition = false) {
    if (!S)
      return;
    for (const Expr *Op_ : syncOperations(S)) {
      const ValueDecl *Mutex = nullptr;
      LockOp Op = lockOpOf(Op_, Mutex, Guards);
      const auto *Call = dyn_cast<CallExpr>(Op_);
      if (Op == LockOp::Acquire && Call && Effects && Call->getDirectCallee()->getName().starts_with("sem_") &&
          !Effects->isBinarySemaphore(Mutex))
        Op = LockOp::Observe;
      if (Op == LockOp::SpinAcquire) // `while (flag.exchange(true))` spins for a lock
        Op = LoopCondition ? LockOp::Acquire : LockOp::Observe;
      if (Op == LockOp::None && Effects && Call)
        if (const auto *Callee = Call->getDirectCallee())
          if (const CallEffect *Effect = Effects->effectOf(Callee)) {
            for (const ValueDecl *Released : Effect->Released)
              remove(Released);
            Held.append(Effect->Acquired.begin(), Effect->Acquired.end());
            continue;
          }
      if ((Op == LockOp::Acquire || Op == LockOp::AcquireShared) && Cond && Call &&
          (isTryLock(Call) || testsResultOf(cast<Expr>(Cond), Call)) &&
          tryLockSucceedsOnThen(cast<Expr>(Cond), Call) != OnThen)
        continue;
      switch (Op) {
      case LockOp::Acquire:
      case LockOp::AcquireShared:
        add(Mutex, Op == LockOp::AcquireShared, nullptr, lockedExpr(Op_));
        break;
      case LockOp::Release:
        if (releasesUnknownMutex(Mutex))
          llvm::erase_if(Held, [](const HeldLock &L) { return L.Role == HoldRole::Lock; });
        else
          remove(Mutex, /*Unlock=*/true);
        break;
      case LockOp::Post:
        remove(Mutex);
        break;
      case LockOp::Observe:
        if (!llvm::any_of(Held, [&](const HeldLock &L) {
              return L.Mutex == Mutex && L.Role == HoldRole::After;
            }))
          Held.push_back({Mutex, false, nullptr, HoldRole::After});
        break;
      case LockOp::Barrier:
        llvm::erase_if(Held, [&](const HeldLock &L) {
          return L.Mutex == Mutex && L.Role == HoldRole::Before;
        });
        if (!llvm::any_of(Held, [&](const HeldLock &L) {
              return L.Mutex == Mutex && L.Role == HoldRole::After;
            }))
          Held.push_back({Mutex, false, nullptr, HoldRole::After});
        break;
      case LockOp::None:
      case LockOp::SpinAcquire:
        break;
      }
    }
  }

  Lockset Held;

  /// Entering the branch of an if on which \p Tested has the value \p Value:
  /// the locks taken under that same value are held here.
  void enterBranch(const TestedLocal &Tested, bool Value) {
    for (const ConditionalLock &C : Conditional)
      if (C.Tested == Tested && C.Value == Value && !holds(C.Lock))
        Held.push_back(C.Lock);
  }

private:
  /// A lock held on the paths where a local variable has one truth value.
  struct ConditionalLock {
    TestedLocal Tested;
    bool Value;
    HeldLock Lock;
  };
  llvm::SmallVector<ConditionalLock, 1> Conditional;

  bool holds(const HeldLock &L) const {
    return llvm::any_of(Held, [&](const HeldLock &M) {
      return M.Mutex == L.Mutex && M.Shared == L.Shared && M.Role == L.Role;
    });
  }
  /// After an if on \p Tested: what \p Branch holds beyond the merge is
  /// held when \p Tested again has \p Value.
  void rememberConditional(const LockTracker &Branch, const TestedLocal &Tested, bool Value) {
    for (const HeldLock &L : Branch.Held)
      if (L.Role == HoldRole::Lock && !L.Guard && !holds(L))
        Conditional.push_back({Tested, Value, L});
  }
  void forgetConditionsChangedBy(const Stmt *S) {
    if (!Conditional.empty())
      llvm::erase_if(Conditional, [&](ConditionalLock &C) {
        // `if (v) lock(&m); v++; if (v - 1) x++;`: the same test, shifted.
        if (std::optional<int64_t> Step = constantStep(S, C.Tested.Var)) {
          C.Tested.Offset -= *Step;
          return false;
        }
        return mayChange(S, C.Tested.Var);
      });
  }

  /// Keeps the locks held in both \p A and \p B, and the conditional holds
  /// both know.
  void meet(const LockTracker &A, const LockTracker &B) {
    Lockset Both;
    for (const HeldLock &L : A.Held)
      if (B.holds(L))
        Both.push_back(L);
    Held = std::move(Both);
    llvm::SmallVector<ConditionalLock, 1> Common;
    for (const ConditionalLock &C : A.Conditional)
      if (llvm::any_of(B.Conditional, [&](const ConditionalLock &D) {
            return D.Tested == C.Tested && D.Value == C.Value && D.Lock.Mutex == C.Lock.Mutex;
          }))
        Common.push_back(C);
    Conditional = std::move(Common);
  }
  void declareGuard(const VarDecl *Var) {
    bool Shared = false, Deferrable = false;
    bool Library = isLockGuardType(Var->getType(), Shared, Deferrable);
    const auto *Construct =
        dyn_cast_or_null<CXXConstructExpr>(Var->getInit() ? stripCopies(Var->getInit()) : nullptr);
    if (!Construct || (!Library && !isUserLockGuard(Construct)))
      return;
    bool Deferred = false;
    llvm::SmallVector<std::pair<const ValueDecl *, const Expr *>, 2> Mutexes;
    for (const Expr *Arg : Construct->arguments()) {
      QualType ArgType = Arg->getType();
      if (const auto *Tag = ArgType->getAsCXXRecordDecl();
          Tag && Tag->getIdentifier() && Tag->getName() == "defer_lock_t") {
        Deferred = true;
        continue;
      }
      if (const ValueDecl *Mutex = mutexOf(Arg))
        Mutexes.push_back({Mutex, Arg});
    }
    if (Deferrable && !Mutexes.empty())
      Guards[Var] = Mutexes.front().first;
    if (!Deferred)
      for (auto [Mutex, Named] : Mutexes)
        add(Mutex, Shared, Var, Named);
    // A guard of the TU's own may lock a global mutex it names itself
    // (`CriticalSection cs;`).
    if (!Library)
      for (const HeldLock &L : Effects->effectOf(Construct->getConstructor())->Acquired)
        if (const auto *Global = dyn_cast_or_null<VarDecl>(L.Mutex);
            Global && Global->hasGlobalStorage() && !holds(L)) {
          Held.push_back(L);
          Held.back().Guard = Var;
        }
  }
  /// A scoped lock class of the TU's own (`ScopedLock l(&m);`): its
  /// constructor takes a lock and its destructor releases one. It holds
  /// the mutex its argument names, as std::lock_guard does.
  bool isUserLockGuard(const CXXConstructExpr *Construct) const {
    const CXXRecordDecl *Record = Construct->getType()->getAsCXXRecordDecl();
    const CXXDestructorDecl *Destructor = Record ? Record->getDestructor() : nullptr;
    if (!Effects || !Destructor || !Destructor->isUserProvided())
      return false;
    const CallEffect *Takes = Effects->effectOf(Construct->getConstructor());
    const CallEffect *Releases = Effects->effectOf(Destructor);
    return Takes && !Takes->Acquired.empty() && Releases && !Releases->Released.empty();
  }
  /// An unlock through a local pointer that was not locked through it
  /// (`pthread_mutex_t *m; ... pthread_mutex_unlock(m)`) may release any
  /// mutex: none is known to be held after it. (A parameter is bound to the
  /// caller's argument instead, see bindParameterLocks.)
  bool releasesUnknownMutex(const ValueDecl *Mutex) const {
    const auto *Var = dyn_cast_or_null<VarDecl>(Mutex);
    return Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
           Var->getType()->isPointerType() &&
           !llvm::any_of(Held, [&](const HeldLock &L) { return L.Mutex == Mutex; });
  }
  /// \p Named: the expression naming the mutex (placeMutex).
  void add(const ValueDecl *Mutex, bool Shared, const VarDecl *Guard, const Expr *Named) {
    if (!Mutex)
      return;
    Held.push_back({Mutex, Shared, Guard, HoldRole::Lock});
    Held.back().Named = Named;
    placeMutex(Named, Held.back());
  }
  /// Releasing or publishing ends the holds of \p Mutex, except what was
  /// observed through it. A release of a lock not held is recorded (a
  /// function that unlocks its caller's lock).
  void remove(const ValueDecl *Mutex, bool Unlock = false) {
    llvm::erase_if(Conditional, [&](const ConditionalLock &C) { return C.Lock.Mutex == Mutex; });
    size_t Before = Held.size();
    llvm::erase_if(Held, [&](const HeldLock &L) {
      return L.Mutex == Mutex && L.Role != HoldRole::After;
    });
    if (Held.size() == Before)
      Released.push_back(Mutex);
    // Having held a mutex, the thread has seen what every earlier holder
    // did before releasing it (acquiring synchronizes with the last release).
    if (Unlock && !llvm::any_of(Held, [&](const HeldLock &L) {
          return L.Mutex == Mutex && L.Role == HoldRole::After;
        }))
      Held.push_back({Mutex, false, nullptr, HoldRole::After});
  }

public:
  llvm::SmallVector<const ValueDecl *, 2> Released;
  CallEffects *Effects = nullptr;

private:
  llvm::DenseMap<const ValueDecl *, const ValueDecl *> Guards; // unique_lock -> mutex
};

} // namespace

/// `x = unlock_and_get()`: the store to x (the assignment, or \p Inner, its
/// left side) happens after the call returns, with the call's lock effects.
static bool isStoreAfter(const Stmt *Outer, const Stmt *Inner) {
  const auto *Assign = dyn_cast<BinaryOperator>(Outer);
  return Assign && Assign->isAssignmentOp() && (!Inner || Inner == Assign->getLHS());
}

struct LocksetCache::Impl : CallEffects {
  explicit Impl(ASTContext &Ctx) : Ctx(Ctx) {}
  ASTContext &Ctx;
  // The tracker state before each statement of a block. A block's state on
  // entry depends only on the path above it (the AST is a tree), so it is
  // valid for every later query.
  llvm::DenseMap<const CompoundStmt *, std::vector<LockTracker>> Before;
  llvm::DenseMap<const Stmt *, Lockset> Initial;
  llvm::DenseMap<const FunctionDecl *, std::optional<CallEffect>> Effects;

  /// What a function holds on entry: the locks it releases without taking
  /// (its caller's), and, as Before, the objects it publishes through and
  /// never waits on: it hands what it did before the post to the thread
  /// that waits (`data = x; sem_post(&s)` against `sem_wait(&s); use(data)`).
  const Lockset &initial(const Stmt *Body) {
    auto It = Initial.find(Body);
    if (It != Initial.end())
      return It->second;
    Lockset Held;
    llvm::SmallPtrSet<const ValueDecl *, 4> Taken;
    llvm::DenseMap<const ValueDecl *, const ValueDecl *> NoGuards;
    for (const Expr *E : syncOperations(Body)) {
      const auto *Call = dyn_cast<CallExpr>(E);
      const ValueDecl *Object = nullptr;
      LockOp Op = lockOpOf(E, Object, NoGuards);
      bool Shared = false, Deferrable = false;
      if (!Object || isLockGuardType(Object->getType(), Shared, Deferrable))
        continue; // lk.unlock() releases what the guard took in this function
      if (const auto *Var = dyn_cast<VarDecl>(Object);
          Op == LockOp::Release && Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
          Var->getType()->isPointerType())
        continue; // a local pointer cannot name a lock the caller holds
      // Every waiter passes a barrier once (not in a loop, where the next
      // round's accesses come after it): what it did before, it publishes.
      if (Op == LockOp::Barrier) {
        if (!enclosingLoop(E, Ctx))
          Held.push_back({Object, false, nullptr, HoldRole::Before});
        continue;
      }
      if (Op == LockOp::Post)
        Held.push_back({Object, false, nullptr, HoldRole::Before});
      else if (Op == LockOp::Release) {
        Held.push_back({Object, false, nullptr,
                        Call && Call->getDirectCallee()->getName() == "sem_post"
                            ? HoldRole::Before
                            : HoldRole::Lock});
        Held.back().OnEntry = Held.back().Role == HoldRole::Lock;
      }
      else if (Op != LockOp::None)
        Taken.insert(Object);
    }
    llvm::erase_if(Held, [&](const HeldLock &L) { return Taken.count(L.Mutex); });
    return Initial[Body] = std::move(Held);
  }

  std::optional<llvm::DenseMap<const ValueDecl *, bool>> Semaphores;
  bool isBinarySemaphore(const ValueDecl *Sem) override {
    if (!Semaphores) {
      // One walk of the TU, only when a semaphore is waited on.
      struct Finder : RecursiveASTVisitor<Finder> {
        ASTContext *Ctx;
        llvm::DenseMap<const ValueDecl *, bool> Binary;
        bool VisitCallExpr(CallExpr *Call) {
          const FunctionDecl *FD = Call->getDirectCallee();
          if (FD && FD->getIdentifier() && FD->getName() == "sem_init" && Call->getNumArgs() == 3)
            if (const ValueDecl *Sem = mutexOf(Call->getArg(0))) {
              std::optional<llvm::APSInt> Count = Call->getArg(2)->getIntegerConstantExpr(*Ctx);
              Binary[Sem] = Count && *Count <= 1;
            }
          return true;
        }
      } F;
      F.Ctx = &Ctx;
      F.TraverseDecl(Ctx.getTranslationUnitDecl());
      Semaphores = std::move(F.Binary);
    }
    auto It = Semaphores->find(Sem);
    return It == Semaphores->end() || It->second;
  }

  const CallEffect *effectOf(const FunctionDecl *Callee) override {
    const FunctionDecl *Definition = nullptr;
    if (!Callee->hasBody(Definition) || !Definition ||
        Ctx.getSourceManager().isInSystemHeader(Definition->getLocation()))
      return nullptr;
    auto It = Effects.find(Definition);
    if (It != Effects.end())
      return It->second ? &*It->second : nullptr;
    Effects[Definition] = std::nullopt; // recursion: no effect while in progress
    LockTracker Tracker;
    Tracker.Effects = this;
    Tracker.apply(Definition->getBody());
    CallEffect Effect;
    for (const HeldLock &L : Tracker.Held)
      if (L.Role == HoldRole::Lock)
        Effect.Acquired.push_back(L);
    Effect.Released = Tracker.Released;
    if (Effect.Acquired.empty() && Effect.Released.empty())
      return nullptr;
    auto &Slot = Effects[Definition];
    Slot = std::move(Effect);
    return &*Slot;
  }
};

LocksetCache::LocksetCache(ASTContext &Ctx) : P(new Impl{Ctx}) {}
LocksetCache::~LocksetCache() = default;

Lockset LocksetCache::heldAt(const Stmt *E) {
  // The path from the function body down to E, outermost first.
  llvm::SmallVector<DynTypedNode, 16> Path;
  DynTypedNode Node = DynTypedNode::create(*E);
  while (true) {
    DynTypedNode Parent = singleParent(Node, P->Ctx);
    if (Parent.getNodeKind().isNone() || Parent.get<FunctionDecl>() || Parent.get<LambdaExpr>())
      break;
    Path.push_back(Node);
    Node = Parent;
  }
  Path.push_back(Node);
  std::reverse(Path.begin(), Path.end());

  LockTracker Tracker;
  Tracker.Effects = P.get();
  if (const Stmt *Body = Path.front().get<Stmt>())
    Tracker.Held = P->initial(Body);
  for (size_t I = 0; I + 1 < Path.size(); ++I) {
    const Stmt *Outer = Path[I].get<Stmt>();
    const Stmt *Inner = Path[I + 1].get<Stmt>();
    if (!Outer || !Inner)
      continue;
    if (const auto *Block = dyn_cast<CompoundStmt>(Outer)) {
      auto It = P->Before.find(Block);
      if (It == P->Before.end()) {
        std::vector<LockTracker> States;
        States.reserve(Block->size());
        LockTracker State = Tracker;
        for (const Stmt *S : Block->body()) {
          States.push_back(State);
          State.apply(S);
        }
        It = P->Before.try_emplace(Block, std::move(States)).first;
      }
      unsigned Index = 0;
      for (const Stmt *S : Block->body()) {
        if (S == Inner)
          break;
        ++Index;
      }
      if (Index < It->second.size())
        Tracker = It->second[Index];
    } else if (const auto *If = dyn_cast<IfStmt>(Outer);
               If && (Inner == If->getThen() || Inner == If->getElse())) {
      // if (pthread_mutex_trylock(&m) == 0) { ... }
      Tracker.apply(If->getInit());
      bool TrueOnThen = true;
      if (TestedLocal Tested = testedLocal(If->getCond(), TrueOnThen); Tested.Var)
        Tracker.enterBranch(Tested, (Inner == If->getThen()) == TrueOnThen);
      Tracker.applyCalls(If->getCond(), If->getCond(), Inner == If->getThen());
    } else if (isStoreAfter(Outer, Inner)) {
      Tracker.applyCalls(cast<BinaryOperator>(Outer)->getRHS());
    } else if (const auto *While = dyn_cast<WhileStmt>(Outer); While && Inner == While->getBody()) {
      Tracker.applyCalls(While->getCond());
    } else if (const auto *For = dyn_cast<ForStmt>(Outer); For && Inner == For->getBody()) {
      Tracker.apply(For->getInit());
      Tracker.applyCalls(For->getCond());
    }
  }
  if (isStoreAfter(E, nullptr))
    Tracker.applyCalls(cast<BinaryOperator>(E)->getRHS());
  return Tracker.Held;
}

Lockset locksHeldAt(const Stmt *E, ASTContext &Ctx) { return LocksetCache(Ctx).heldAt(E); }

bool takesLock(const FunctionDecl *FD) {
  const Stmt *Body = FD ? FD->getBody() : nullptr;
  if (!Body)
    return false;
  llvm::DenseMap<const ValueDecl *, const ValueDecl *> NoGuards;
  for (const Expr *E : syncOperations(Body)) {
    const ValueDecl *Mutex = nullptr;
    LockOp Op = lockOpOf(E, Mutex, NoGuards);
    if ((Op == LockOp::Acquire || Op == LockOp::AcquireShared) &&
        !(isa<CallExpr>(E) && cast<CallExpr>(E)->getDirectCallee()->getName().starts_with("sem_")))
      return true;
  }
  // std::lock_guard and its kin, and scoped lock classes of the TU's own
  // (a constructor that takes a lock, a destructor of the TU's).
  struct Finder : RecursiveASTVisitor<Finder> {
    bool Found = false;
    const FunctionDecl *Outer;
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    bool VisitVarDecl(VarDecl *Var) {
      bool Shared = false, Deferrable = false;
      Found |= isLockGuardType(Var->getType(), Shared, Deferrable);
      const auto *Construct =
          dyn_cast_or_null<CXXConstructExpr>(Var->getInit() ? stripCopies(Var->getInit()) : nullptr);
      const CXXRecordDecl *Record = Var->getType()->getAsCXXRecordDecl();
      const CXXDestructorDecl *Destructor = Record ? Record->getDestructor() : nullptr;
      // Bounded: constructors that make each other's objects end here.
      static thread_local unsigned Depth = 0;
      if (!Found && Construct && Destructor && Destructor->isUserProvided() &&
          Construct->getConstructor() != Outer && Depth < 4) {
        ++Depth;
        Found = takesLock(Construct->getConstructor());
        --Depth;
      }
      return !Found;
    }
  } F;
  F.Outer = FD;
  F.TraverseStmt(const_cast<Stmt *>(Body));
  return F.Found;
}

const ValueDecl *mutexReleasedBy(const Expr *Call) {
  const auto *C = dyn_cast<CallExpr>(Call);
  if (!C)
    return nullptr;
  const ValueDecl *Mutex = nullptr;
  llvm::DenseMap<const ValueDecl *, const ValueDecl *> NoGuards;
  return lockOpOfCall(C, Mutex, NoGuards) == LockOp::Release ? Mutex : nullptr;
}

/// A mutex reached through a pointer or reference variable (`m` in
/// `pthread_mutex_lock(m)`) may be any mutex: it is taken to match every one
/// (a missed race rather than a false one).
static bool namesAnyMutex(const ValueDecl *Mutex) {
  QualType Type = Mutex->getType();
  return Type->isPointerType() || Type->isReferenceType();
}

bool excludeEachOther(const Lockset &A, bool AWrites, const Lockset &B, bool BWrites) {
  for (const HeldLock &L : A)
    for (const HeldLock &M : B) {
      bool Same = L.Mutex == M.Mutex;
      bool AnyMutex = namesAnyMutex(L.Mutex) || namesAnyMutex(M.Mutex);
      if (!Same && !AnyMutex)
        continue;
      // `&locks[2]` against `&locks[3]`, `&locks[i]` against anything, or
      // `&A.mutex` against `&B.mutex`: not known to be one mutex. A hold
      // without an element or a root (a role, a bound parameter) is taken
      // to be the other's.
      bool OneMutex = AnyMutex || (L.Element != ElementAtRunTime && M.Element != ElementAtRunTime &&
                                   (L.Element == WholeMutex || M.Element == WholeMutex ||
                                    L.Element == M.Element) &&
                                   (!L.Root || !M.Root || L.Root == M.Root));
      // A shared hold licenses reads only: a write made under it is not
      // protected by it (other holders may be reading or writing too).
      if (OneMutex && L.Role == HoldRole::Lock && M.Role == HoldRole::Lock &&
          !(L.Shared && M.Shared) && !(L.Shared && AWrites) && !(M.Shared && BWrites))
        return true;
      // Held by one, held by the other's spawner throughout: excluded.
      if (OneMutex && ((L.Role == HoldRole::Spawner && M.Role == HoldRole::Lock) ||
                       (L.Role == HoldRole::Lock && M.Role == HoldRole::Spawner)))
        return true;
      // Ordering needs the very object: a pointer that may name any mutex
      // does not order anything.
      if (L.Role == HoldRole::Spawner || M.Role == HoldRole::Spawner || !Same)
        continue;
      // Published before, observed after: ordered.
      if ((L.Role == HoldRole::Before) != (M.Role == HoldRole::Before))
        return true;
    }
  return false;
}
} // namespace clang::tidy::parsafe::analysis
