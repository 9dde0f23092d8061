//===--- Locksets.cpp -----------------------------------------------------===//

#include "Locksets.h"
#include "ReachableCalls.h"
#include "StmtContext.h"
#include "ThreadEntries.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::parsafe::analysis {

namespace {

enum class LockOp { None, Acquire, AcquireShared, Release };

/// The mutex an argument names: `&m`, `m`, `obj.m`.
const ValueDecl *mutexOf(const Expr *Arg) {
  if (!Arg)
    return nullptr;
  Arg = Arg->IgnoreParenImpCasts();
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(Arg); AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    Arg = AddrOf->getSubExpr();
  return namedObject(Arg);
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

/// Lock operations performed by a call: C functions on a mutex argument, or
/// member lock()/unlock() on a mutex or a unique_lock.
LockOp lockOpOfCall(const CallExpr *Call, const ValueDecl *&Mutex,
                    const llvm::DenseMap<const ValueDecl *, const ValueDecl *> &Guards) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->getIdentifier())
    return LockOp::None;
  StringRef Name = FD->getName();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    LockOp Op = llvm::StringSwitch<LockOp>(Name)
                    .Cases("lock", "try_lock", LockOp::Acquire)
                    .Cases("lock_shared", "try_lock_shared", LockOp::AcquireShared)
                    .Cases("unlock", "unlock_shared", LockOp::Release)
                    .Default(LockOp::None);
    if (Op == LockOp::None)
      return Op;
    const ValueDecl *Object = namedObject(Member->getImplicitObjectArgument());
    // lk.lock() on a unique_lock: the mutex it guards.
    auto Guard = Guards.find(Object);
    Mutex = Guard != Guards.end() ? Guard->second : Object;
    return Mutex ? Op : LockOp::None;
  }
  if (Call->getNumArgs() == 0)
    return LockOp::None;
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
                  .Default(LockOp::None);
  if (Op != LockOp::None)
    Mutex = mutexOf(Call->getArg(0));
  return Mutex ? Op : LockOp::None;
}

bool isTryLock(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  return FD && FD->getIdentifier() && FD->getName().contains("try");
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
      LockTracker Then = *this, Else = *this;
      Then.applyCalls(If->getCond(), If->getCond(), true);
      Else.applyCalls(If->getCond(), If->getCond(), false);
      Then.apply(If->getThen());
      Else.apply(If->getElse());
      bool ThenEnds = endsFlow(If->getThen()), ElseEnds = endsFlow(If->getElse());
      if (ThenEnds && !ElseEnds)
        *this = std::move(Else);
      else if (ElseEnds && !ThenEnds)
        *this = std::move(Then);
      else
        meet(Then, Else);
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
        applyCalls(Cond);
      LockTracker Inside = *this;
      if (RunsOnce)
        Inside.applyCalls(Cond);
      Inside.apply(Body);
      if (RunsOnce)
        *this = std::move(Inside);
      else
        meet(*this, Inside);
      return;
    }
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
  void applyCalls(const Stmt *S, const Stmt *Cond = nullptr, bool OnThen = true) {
    if (!S)
      return;
    struct CallFinder : RecursiveASTVisitor<CallFinder> {
      llvm::SmallVector<const CallExpr *, 4> Calls;
      bool TraverseLambdaExpr(LambdaExpr *) { return true; }
      bool VisitCallExpr(CallExpr *C) {
        Calls.push_back(C);
        return true;
      }
    } Finder;
    Finder.TraverseStmt(const_cast<Stmt *>(S));
    for (const CallExpr *Call : Finder.Calls) {
      const ValueDecl *Mutex = nullptr;
      LockOp Op = lockOpOfCall(Call, Mutex, Guards);
      if ((Op == LockOp::Acquire || Op == LockOp::AcquireShared) && Cond && isTryLock(Call) &&
          tryLockSucceedsOnThen(cast<Expr>(Cond), Call) != OnThen)
        continue;
      switch (Op) {
      case LockOp::Acquire:
        add(Mutex, false, nullptr);
        break;
      case LockOp::AcquireShared:
        add(Mutex, true, nullptr);
        break;
      case LockOp::Release:
        remove(Mutex);
        break;
      case LockOp::None:
        break;
      }
    }
  }

  Lockset Held;

private:
  /// Keeps the locks held in both \p A and \p B.
  void meet(const LockTracker &A, const LockTracker &B) {
    Lockset Both;
    for (const HeldLock &L : A.Held)
      if (llvm::any_of(B.Held, [&](const HeldLock &M) {
            return M.Mutex == L.Mutex && M.Shared == L.Shared;
          }))
        Both.push_back(L);
    Held = std::move(Both);
  }
  void declareGuard(const VarDecl *Var) {
    bool Shared = false, Deferrable = false;
    if (!isLockGuardType(Var->getType(), Shared, Deferrable))
      return;
    const auto *Construct =
        dyn_cast_or_null<CXXConstructExpr>(Var->getInit() ? stripCopies(Var->getInit()) : nullptr);
    if (!Construct)
      return;
    bool Deferred = false;
    llvm::SmallVector<const ValueDecl *, 2> Mutexes;
    for (const Expr *Arg : Construct->arguments()) {
      QualType ArgType = Arg->getType();
      if (const auto *Tag = ArgType->getAsCXXRecordDecl();
          Tag && Tag->getIdentifier() && Tag->getName() == "defer_lock_t") {
        Deferred = true;
        continue;
      }
      if (const ValueDecl *Mutex = mutexOf(Arg))
        Mutexes.push_back(Mutex);
    }
    if (Deferrable && !Mutexes.empty())
      Guards[Var] = Mutexes.front();
    if (!Deferred)
      for (const ValueDecl *Mutex : Mutexes)
        add(Mutex, Shared, Var);
  }
  void add(const ValueDecl *Mutex, bool Shared, const VarDecl *Guard) {
    if (Mutex)
      Held.push_back({Mutex, Shared, Guard});
  }
  void remove(const ValueDecl *Mutex) {
    for (auto It = Held.begin(); It != Held.end(); ++It)
      if (It->Mutex == Mutex) {
        Held.erase(It);
        return;
      }
  }
  llvm::DenseMap<const ValueDecl *, const ValueDecl *> Guards; // unique_lock -> mutex
};

} // namespace

struct LocksetCache::Impl {
  explicit Impl(ASTContext &Ctx) : Ctx(Ctx) {}
  ASTContext &Ctx;
  // The tracker state before each statement of a block. A block's state on
  // entry depends only on the path above it (the AST is a tree), so it is
  // valid for every later query.
  llvm::DenseMap<const CompoundStmt *, std::vector<LockTracker>> Before;
  llvm::DenseMap<const Stmt *, Lockset> Signalled;

  /// The semaphores a function posts and never waits on: it hands what it
  /// did before the post to the thread that waits (`data = x; sem_post(&s)`
  /// against `sem_wait(&s); use(data)`), as if it held them from its start.
  const Lockset &signalled(const Stmt *Body) {
    auto It = Signalled.find(Body);
    if (It != Signalled.end())
      return It->second;
    Lockset Posted;
    llvm::SmallPtrSet<const ValueDecl *, 4> Waited;
    for (const Expr *E : directCalls(Body)) {
      const auto *Call = dyn_cast<CallExpr>(E);
      const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
      if (!FD || !FD->getIdentifier() || Call->getNumArgs() == 0 ||
          !FD->getName().starts_with("sem_"))
        continue;
      if (const ValueDecl *Sem = mutexOf(Call->getArg(0))) {
        if (FD->getName() == "sem_post")
          Posted.push_back({Sem, false, nullptr});
        else
          Waited.insert(Sem);
      }
    }
    llvm::erase_if(Posted, [&](const HeldLock &L) { return Waited.count(L.Mutex); });
    return Signalled[Body] = std::move(Posted);
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
  if (const Stmt *Body = Path.front().get<Stmt>())
    Tracker.Held = P->signalled(Body);
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
      Tracker.applyCalls(If->getCond(), If->getCond(), Inner == If->getThen());
    } else if (const auto *While = dyn_cast<WhileStmt>(Outer); While && Inner == While->getBody()) {
      Tracker.applyCalls(While->getCond());
    } else if (const auto *For = dyn_cast<ForStmt>(Outer); For && Inner == For->getBody()) {
      Tracker.apply(For->getInit());
      Tracker.applyCalls(For->getCond());
    }
  }
  return Tracker.Held;
}

Lockset locksHeldAt(const Stmt *E, ASTContext &Ctx) { return LocksetCache(Ctx).heldAt(E); }

/// A mutex reached through a pointer or reference variable (`m` in
/// `pthread_mutex_lock(m)`) may be any mutex: it is taken to match every one
/// (a missed race rather than a false one).
static bool namesAnyMutex(const ValueDecl *Mutex) {
  QualType Type = Mutex->getType();
  return Type->isPointerType() || Type->isReferenceType();
}

bool excludeEachOther(const Lockset &A, const Lockset &B) {
  for (const HeldLock &L : A)
    for (const HeldLock &M : B)
      if ((L.Mutex == M.Mutex || namesAnyMutex(L.Mutex) || namesAnyMutex(M.Mutex)) &&
          !(L.Shared && M.Shared))
        return true;
  return false;
}

} // namespace clang::tidy::parsafe::analysis
