//===--- Races.cpp --------------------------------------------------------===//

#include "Races.h"
#include "StmtContext.h"
#include "ThreadEntries.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::parsafe::analysis {

namespace {

bool isThreadStart(StartKind Kind) {
  return Kind == StartKind::Thread || Kind == StartKind::Async ||
         Kind == StartKind::PosixThread || Kind == StartKind::C11Thread ||
         Kind == StartKind::PoolTask || Kind == StartKind::UserFunction;
}

/// Types whose objects may be touched by many threads without a data race.
bool isSynchronizedType(QualType Type, const RaceOptions &Options) {
  Type = Type.getNonReferenceType();
  while (const auto *Array = Type->getAsArrayTypeUnsafe())
    Type = Array->getElementType();
  if (Type->isAtomicType())
    return true; // C11 _Atomic
  std::string Spelled = Type.getUnqualifiedType().getCanonicalType().getAsString();
  for (StringRef Prefix : {"pthread_mutex_t", "pthread_rwlock_t", "pthread_cond_t",
                           "pthread_spinlock_t", "pthread_barrier_t", "pthread_once_t", "sem_t",
                           "mtx_t", "cnd_t", "once_flag", "union pthread_", "struct __pthread"})
    if (StringRef(Spelled).starts_with(Prefix))
      return true;
  const auto *Record = Type->getAsCXXRecordDecl();
  if (!Record)
    return false;
  std::string Name = Record->getQualifiedNameAsString();
  if (Record->isInStdNamespace() && Record->getIdentifier() &&
      llvm::is_contained({"atomic", "atomic_flag", "atomic_ref", "mutex", "recursive_mutex",
                          "timed_mutex", "recursive_timed_mutex", "shared_mutex",
                          "shared_timed_mutex", "condition_variable", "condition_variable_any",
                          "once_flag", "counting_semaphore", "binary_semaphore", "latch",
                          "barrier", "stop_source", "stop_token"},
                         Record->getName()))
    return true;
  for (const std::string &Safe : Options.ThreadSafeTypes)
    if (Name == StringRef(Safe).ltrim(':'))
      return true;
  return false;
}

bool isCandidate(const VarDecl *Var, const RaceOptions &Options) {
  if (Var->getTLSKind() || Var->getType().isConstQualified() || Var->isConstexpr() ||
      Var->getType()->isReferenceType())
    return false;
  return !isSynchronizedType(Var->getType(), Options);
}

/// `a[i]` (array or operator[]) with an index that is not a constant: an
/// element that may belong to one thread only.
bool isVariableElementAccess(const Access &A, ASTContext &Ctx) {
  const Expr *Target = A.Where;
  if (const auto *Assign = dyn_cast<BinaryOperator>(Target))
    Target = Assign->getLHS();
  else if (const auto *Unary = dyn_cast<UnaryOperator>(Target))
    Target = Unary->getSubExpr();
  else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Target);
           Op && Op->isAssignmentOp() && Op->getNumArgs() == 2)
    Target = Op->getArg(0);
  else if (isa<DeclRefExpr>(Target)) {
    // A read: look at what consumes the reference.
    DynTypedNode Node = DynTypedNode::create(*Target);
    for (int Up = 0; Up < 4; ++Up) {
      DynTypedNode Parent = singleParent(Node, Ctx);
      const auto *E = Parent.get<Expr>();
      if (!E)
        break;
      if (isa<ArraySubscriptExpr>(E) ||
          (isa<CXXOperatorCallExpr>(E) &&
           cast<CXXOperatorCallExpr>(E)->getOperator() == OO_Subscript)) {
        Target = E;
        break;
      }
      if (!isa<ImplicitCastExpr, ParenExpr, MemberExpr>(E))
        break;
      Node = Parent;
    }
  }
  while (true) {
    Target = Target->IgnoreParenImpCasts();
    const Expr *Index = nullptr;
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Target)) {
      Index = Subscript->getIdx();
      Target = Subscript->getBase();
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Target);
               Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2) {
      // Only containers whose operator[] reaches an existing element: a map's
      // inserts, which changes the whole container.
      const auto *Container = Op->getArg(0)->getType()->getAsCXXRecordDecl();
      if (!Container || !Container->isInStdNamespace() || !Container->getIdentifier() ||
          !llvm::is_contained({"vector", "array", "deque", "span"}, Container->getName()))
        return false;
      Index = Op->getArg(1);
      Target = Op->getArg(0);
    } else if (const auto *Member = dyn_cast<MemberExpr>(Target)) {
      Target = Member->getBase();
      continue;
    } else {
      return false;
    }
    if (Index && !Index->isValueDependent() && !Index->isIntegerConstantExpr(Ctx))
      return true;
  }
}

/// The spawner's variables a lambda entry captures by reference: the only
/// locals it shares with the spawner (by-value captures are its own copies).
llvm::DenseSet<const VarDecl *> byReferenceCaptures(const ThreadEntry &Entry) {
  llvm::DenseSet<const VarDecl *> ByRef;
  if (Entry.Lambda)
    for (const LambdaCapture &Capture : Entry.Lambda->captures())
      if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByRef)
        if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          ByRef.insert(Var);
  return ByRef;
}

/// One concurrent context: accesses made while it runs.
struct Context {
  const Expr *Spawn = nullptr; // null for the spawner itself
  llvm::SmallVector<RaceAccess, 16> Accesses;
};

class Engine {
public:
  Engine(const FunctionDecl *Spawner, ASTContext &Ctx, const ConcurrencyStarts &Starts,
         const RaceOptions &Options)
      : Spawner(Spawner), Ctx(Ctx), SM(Ctx.getSourceManager()), Starts(Starts),
        Options(Options) {}

  llvm::SmallVector<Race, 2> run();

private:
  struct SpawnInfo {
    ThreadEntry Entry;
    SourceLocation Begin, JoinAt; // the window in the spawner (JoinAt invalid: end)
    bool SelfConcurrent = false;
    Context Thread;
  };

  void collectSpawns();
  SourceLocation findJoin(const SpawnInfo &S);
  void collectEntryAccesses(SpawnInfo &S);
  Context spawnerWindow(const SpawnInfo &S);
  void compare(const Context &A, const Context &B);
  bool before(SourceLocation A, SourceLocation B) const {
    return B.isInvalid() || SM.isBeforeInTranslationUnit(A, B);
  }

  const FunctionDecl *Spawner;
  ASTContext &Ctx;
  const SourceManager &SM;
  const ConcurrencyStarts &Starts;
  const RaceOptions &Options;
  LocksetCache Locks{Ctx};
  llvm::SmallVector<SpawnInfo, 4> Spawns;
  llvm::SmallVector<Access, 32> SpawnerAccesses;
  llvm::DenseSet<const VarDecl *> Reported;
  llvm::SmallVector<Race, 2> Races;
};

void Engine::collectSpawns() {
  struct Finder : RecursiveASTVisitor<Finder> {
    llvm::SmallVector<const Expr *, 4> Found;
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    bool VisitCallExpr(CallExpr *E) {
      Found.push_back(E);
      return true;
    }
    bool VisitCXXConstructExpr(CXXConstructExpr *E) {
      Found.push_back(E);
      return true;
    }
  } Finder;
  Finder.TraverseStmt(Spawner->getBody());
  for (const Expr *E : Finder.Found) {
    std::optional<StartKind> Kind = Starts.classify(E);
    if (!Kind || !isThreadStart(*Kind))
      continue;
    std::optional<ThreadEntry> Entry = threadEntry(E, *Kind);
    const FunctionDecl *Body = nullptr;
    if (!Entry || !Entry->Function || !Entry->Function->hasBody(Body) || !Body)
      continue;
    SpawnInfo Info;
    Info.Entry = *Entry;
    Info.Entry.Function = Body;
    Info.Begin = E->getEndLoc();
    Info.Thread.Spawn = E;
    Spawns.push_back(std::move(Info));
  }
}

/// The handle a spawn can be joined through: the thread or future variable,
/// the container it was emplaced into, the pthread_t, or the pool.
static const ValueDecl *handleOf(const ThreadEntry &Entry, ASTContext &Ctx) {
  const Expr *Start = Entry.Start;
  if (Entry.Kind == StartKind::PosixThread || Entry.Kind == StartKind::C11Thread) {
    const auto *Call = cast<CallExpr>(Start);
    const Expr *Handle = Call->getArg(0)->IgnoreParenImpCasts();
    if (const auto *AddrOf = dyn_cast<UnaryOperator>(Handle); AddrOf && AddrOf->getOpcode() == UO_AddrOf)
      Handle = AddrOf->getSubExpr()->IgnoreParenImpCasts();
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Handle))
      Handle = Subscript->getBase();
    return namedObject(Handle);
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Start)) {
    if (Entry.Kind == StartKind::PoolTask) {
      const Expr *Outer = nullptr;
      if (const auto *Var = valueConsumer(Start, Ctx, Outer).get<VarDecl>())
        return Var; // auto f = pool.submit(...)
      return namedObject(Member->getImplicitObjectArgument()); // pool.wait()
    }
    return namedObject(Member->getImplicitObjectArgument()); // threads.emplace_back(...)
  }
  const Expr *Outer = nullptr;
  DynTypedNode Consumer = valueConsumer(Start, Ctx, Outer);
  if (const auto *Var = Consumer.get<VarDecl>())
    return Var;
  if (const auto *Call = Consumer.get<CXXMemberCallExpr>()) // v.push_back(std::thread(...))
    return namedObject(Call->getImplicitObjectArgument());
  return nullptr;
}

SourceLocation Engine::findJoin(const SpawnInfo &S) {
  if (S.Entry.Kind == StartKind::PoolTask) {
    const auto *Call = cast<CXXMemberCallExpr>(S.Entry.Start);
    if (Call->getMethodDecl()->getName() == "map")
      return S.Begin; // map returns when every task has run
  }
  const ValueDecl *Handle = handleOf(S.Entry, Ctx);
  if (!Handle)
    return {};
  // Loop variables over a container of threads join the container.
  llvm::DenseSet<const ValueDecl *> Aliases{Handle};
  struct Finder : RecursiveASTVisitor<Finder> {
    llvm::DenseSet<const ValueDecl *> *Aliases;
    llvm::SmallVector<const Expr *, 4> Joins;
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    bool TraverseCXXForRangeStmt(CXXForRangeStmt *Range) {
      if (Aliases->count(namedObject(Range->getRangeInit())))
        Aliases->insert(Range->getLoopVariable());
      return RecursiveASTVisitor::TraverseCXXForRangeStmt(Range);
    }
    bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
      const CXXMethodDecl *Method = Call->getMethodDecl();
      const Expr *Object = Call->getImplicitObjectArgument();
      if (Method && Method->getIdentifier() &&
          llvm::is_contained({"join", "get", "wait"}, Method->getName()) && Object) {
        const Expr *Base = Object->IgnoreParenImpCasts();
        if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Base);
            Op && Op->getOperator() == OO_Subscript)
          Base = Op->getArg(0);
        if (Aliases->count(namedObject(Base)))
          Joins.push_back(Call);
      }
      return true;
    }
    bool VisitCallExpr(CallExpr *Call) {
      const FunctionDecl *FD = Call->getDirectCallee();
      if (FD && FD->getIdentifier() &&
          (FD->getName() == "pthread_join" || FD->getName() == "thrd_join") &&
          Call->getNumArgs() > 0) {
        const Expr *Arg = Call->getArg(0)->IgnoreParenImpCasts();
        if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Arg))
          Arg = Subscript->getBase();
        if (Aliases->count(namedObject(Arg)))
          Joins.push_back(Call);
      }
      return true;
    }
  } F;
  F.Aliases = &Aliases;
  F.TraverseStmt(Spawner->getBody());
  SourceLocation First;
  for (const Expr *Join : F.Joins)
    if (SM.isBeforeInTranslationUnit(S.Begin, Join->getBeginLoc()) &&
        (First.isInvalid() || SM.isBeforeInTranslationUnit(Join->getBeginLoc(), First)))
      First = Join->getBeginLoc();
  return First;
}

void Engine::collectEntryAccesses(SpawnInfo &S) {
  const FunctionDecl *Body = S.Entry.Function;
  // Locals of the spawner reach a lambda entry only when captured by reference.
  llvm::DenseSet<const VarDecl *> ByRef = byReferenceCaptures(S.Entry);
  auto Shared = [&](const VarDecl *Var) {
    if (!isCandidate(Var, Options))
      return false;
    if (Var->hasGlobalStorage())
      return true;
    return ByRef.count(Var) > 0;
  };
  for (const Access &A : accessesIn(Body->getBody()))
    if (Shared(A.Object))
      S.Thread.Accesses.push_back({A, Locks.heldAt(A.Where), S.Thread.Spawn, {}});
  // Callees defined in this TU: their accesses to globals, under the locks
  // held at every call on the way there.
  ReachableCalls Walker(SM, 6);
  Walker.walkFunction(Body, [&](const Expr *Call, llvm::ArrayRef<CallStep> Chain) {
    const FunctionDecl *Callee = Walker.definitionCalled(Call);
    if (!Callee)
      return ReachableCalls::Action::Skip;
    Lockset AtCall = Locks.heldAt(Call);
    for (const CallStep &Step : Chain)
      for (const HeldLock &L : Locks.heldAt(Step.Call))
        AtCall.push_back(L);
    for (const Access &A : accessesIn(Callee->getBody())) {
      if (!A.Object->hasGlobalStorage() || !isCandidate(A.Object, Options))
        continue;
      RaceAccess R{A, Locks.heldAt(A.Where), S.Thread.Spawn, {Chain.begin(), Chain.end()}};
      R.Chain.push_back({Call, Callee});
      R.Locks.append(AtCall.begin(), AtCall.end());
      S.Thread.Accesses.push_back(std::move(R));
    }
    return ReachableCalls::Action::Descend;
  });
}

Context Engine::spawnerWindow(const SpawnInfo &S) {
  Context Window;
  llvm::DenseSet<const VarDecl *> ByRef = byReferenceCaptures(S.Entry);
  for (const Access &A : SpawnerAccesses) {
    SourceLocation Loc = A.Where->getBeginLoc();
    if (!SM.isBeforeInTranslationUnit(S.Begin, Loc) || !before(Loc, S.JoinAt))
      continue;
    if (!isCandidate(A.Object, Options) || !(A.Object->hasGlobalStorage() || ByRef.count(A.Object)))
      continue;
    Window.Accesses.push_back({A, Locks.heldAt(A.Where), nullptr, {}});
  }
  return Window;
}

void Engine::compare(const Context &A, const Context &B) {
  // Three passes, best explanation first: write against write, then the
  // thread's (A's) write against a read, then any conflicting pair.
  for (int Pass = 0; Pass < 3; ++Pass)
  for (const RaceAccess &X : A.Accesses)
    for (const RaceAccess &Y : B.Accesses) {
      if (!sameMemory(X.What, Y.What) || Reported.count(X.What.Object))
        continue;
      if (Pass < 2 && X.What.Kind != AccessKind::Write)
        continue;
      if (Pass == 0 && Y.What.Kind != AccessKind::Write)
        continue;
      if (X.What.Kind != AccessKind::Write && Y.What.Kind != AccessKind::Write)
        continue;
      if (excludeEachOther(X.Locks, Y.Locks))
        continue;
      if (isVariableElementAccess(X.What, Ctx) || isVariableElementAccess(Y.What, Ctx))
        continue;
      Reported.insert(X.What.Object);
      // Report at a write, preferably one made by a thread.
      bool XFirst = X.What.Kind == AccessKind::Write && (X.Spawn || Y.What.Kind != AccessKind::Write);
      Races.push_back(XFirst ? Race{X.What.Object, X, Y} : Race{X.What.Object, Y, X});
    }
}

llvm::SmallVector<Race, 2> Engine::run() {
  collectSpawns();
  if (Spawns.empty())
    return Races;
  SpawnerAccesses = accessesIn(Spawner->getBody());
  for (SpawnInfo &S : Spawns) {
    S.JoinAt = findJoin(S);
    collectEntryAccesses(S);
    // In a loop that does not join it (or a pool map): many copies at once.
    const Stmt *Loop = enclosingLoop(S.Entry.Start, Ctx);
    bool JoinInLoop = Loop && S.JoinAt.isValid() &&
                      SM.isBeforeInTranslationUnit(S.JoinAt, loopBody(Loop)->getEndLoc()) &&
                      SM.isBeforeInTranslationUnit(loopBody(Loop)->getBeginLoc(), S.JoinAt);
    const auto *Member = dyn_cast<CXXMemberCallExpr>(S.Entry.Start);
    bool IsMap = S.Entry.Kind == StartKind::PoolTask && Member &&
                 Member->getMethodDecl()->getName() == "map";
    S.SelfConcurrent = (Loop && !JoinInLoop) || IsMap;
  }
  for (size_t I = 0; I < Spawns.size(); ++I) {
    SpawnInfo &S = Spawns[I];
    compare(S.Thread, spawnerWindow(S));
    if (S.SelfConcurrent)
      compare(S.Thread, S.Thread);
    for (size_t J = I + 1; J < Spawns.size(); ++J) {
      SpawnInfo &T = Spawns[J];
      // Both alive at once: each starts before the other is joined.
      if (before(T.Begin, S.JoinAt) && before(S.Begin, T.JoinAt))
        compare(S.Thread, T.Thread);
    }
  }
  return Races;
}

} // namespace

llvm::SmallVector<Race, 2> findRaces(const FunctionDecl *Spawner, ASTContext &Ctx,
                                     const ConcurrencyStarts &Starts, const RaceOptions &Options) {
  if (!Spawner || !Spawner->getBody() || Spawner->isDependentContext())
    return {};
  return Engine(Spawner, Ctx, Starts, Options).run();
}

} // namespace clang::tidy::parsafe::analysis
