//===--- Locksets.cpp -----------------------------------------------------===//

#include "Locksets.h"
#include "StmtContext.h"
#include "ThreadEntries.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
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
                  .Default(LockOp::None);
  if (Op != LockOp::None)
    Mutex = mutexOf(Call->getArg(0));
  return Mutex ? Op : LockOp::None;
}

class LockTracker {
public:
  void apply(const Stmt *S) {
    if (!S)
      return;
    // A guard object declared here holds its mutex until the block ends.
    if (const auto *Decl = dyn_cast<DeclStmt>(S)) {
      for (const auto *D : Decl->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          declareGuard(Var);
    }
    // Lock calls anywhere in the statement (conditions included), in order.
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
      switch (lockOpOfCall(Call, Mutex, Guards)) {
      case LockOp::Acquire:
        add(Mutex, false);
        break;
      case LockOp::AcquireShared:
        add(Mutex, true);
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
        add(Mutex, Shared);
  }
  void add(const ValueDecl *Mutex, bool Shared) {
    if (Mutex)
      Held.push_back({Mutex, Shared});
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
  ASTContext &Ctx;
  // The tracker state before each statement of a block. A block's state on
  // entry depends only on the path above it (the AST is a tree), so it is
  // valid for every later query.
  llvm::DenseMap<const CompoundStmt *, std::vector<LockTracker>> Before;
};

LocksetCache::LocksetCache(ASTContext &Ctx) : P(new Impl{Ctx, llvm::DenseMap<const CompoundStmt *, std::vector<LockTracker>>()}) {}
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
    } else if (const auto *If = dyn_cast<IfStmt>(Outer); If && Inner == If->getThen()) {
      Tracker.apply(If->getCond()); // if (pthread_mutex_trylock(&m) == 0) { ... }
    } else if (const auto *While = dyn_cast<WhileStmt>(Outer); While && Inner == While->getBody()) {
      Tracker.apply(While->getCond());
    }
  }
  return Tracker.Held;
}

Lockset locksHeldAt(const Stmt *E, ASTContext &Ctx) { return LocksetCache(Ctx).heldAt(E); }

bool excludeEachOther(const Lockset &A, const Lockset &B) {
  for (const HeldLock &L : A)
    for (const HeldLock &M : B)
      if (L.Mutex == M.Mutex && !(L.Shared && M.Shared))
        return true;
  return false;
}

} // namespace clang::tidy::parsafe::analysis
