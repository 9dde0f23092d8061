//===--- Races.cpp --------------------------------------------------------===//

#include "Races.h"
#include "Accesses.h"
#include "FieldStores.h"
#include "JoinCoverage.h"
#include "PointerTargets.h"
#include "StmtContext.h"
#include "ThreadEntries.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <functional>

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

/// Whether an access (already in the spawner's terms) can take part in a
/// race: not thread-local, const or a synchronization object.
bool isCandidate(const Access &A, const RaceOptions &Options) {
  // Through a pointer field, the variable only holds the pointer.
  if (const VarDecl *Var = A.Object; Var && !A.Through) {
    if (Var->getTLSKind() || Var->isConstexpr())
      return false;
    if (!A.Pointee && (Var->getType().isConstQualified() || Var->getType()->isReferenceType()))
      return false;
  }
  if (!A.Type.isNull() && (A.Type.isConstQualified() || isSynchronizedType(A.Type, Options)))
    return false;
  if (A.Object && !A.Pointee && !A.Through && isSynchronizedType(A.Object->getType(), Options))
    return false;
  return true;
}

/// Whether an index is read out of memory (`hist[data[i] % 8]`, `count[*p]`):
/// a value of the input, not a thread's own slot number.
bool readsElement(const Stmt *Index) {
  if (!Index)
    return false;
  if (isa<ArraySubscriptExpr>(Index))
    return true;
  if (const auto *Unary = dyn_cast<UnaryOperator>(Index); Unary && Unary->getOpcode() == UO_Deref)
    return true;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Index); Op && Op->getOperator() == OO_Subscript)
    return true;
  if (isa<CallExpr>(Index) || isa<LambdaExpr>(Index))
    return false;
  return llvm::any_of(Index->children(), [](const Stmt *Child) { return readsElement(Child); });
}

/// Whether \p Index is the counter of an enclosing loop that runs from one
/// constant to another (`for (i = 0; i < N; i++) slot[i]`): it reaches every
/// element, not a slot of one thread's own (which a thread's id or its share
/// of a range, `i < end`, picks).
bool countsThroughAll(const Expr *Index, ASTContext &Ctx) {
  const auto *Ref = dyn_cast<DeclRefExpr>(Index->IgnoreParenImpCasts());
  const auto *Counter = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Counter)
    return false;
  DynTypedNode Node = DynTypedNode::create(*Index);
  for (int Up = 0; Up < 64; ++Up) {
    DynTypedNode Parent = singleParent(Node, Ctx);
    if (Parent.getNodeKind().isNone() || Parent.get<Decl>())
      return false;
    Node = Parent;
    const auto *For = Parent.get<ForStmt>();
    if (!For || !For->getInit() || !For->getCond())
      continue;
    const Expr *Start = nullptr;
    if (const auto *Decl = dyn_cast<DeclStmt>(For->getInit());
        Decl && Decl->isSingleDecl() && Decl->getSingleDecl() == Counter)
      Start = Counter->getInit();
    else if (const auto *Assign = dyn_cast<BinaryOperator>(For->getInit());
             Assign && Assign->getOpcode() == BO_Assign)
      if (const auto *To = dyn_cast<DeclRefExpr>(Assign->getLHS()->IgnoreParenImpCasts());
          To && To->getDecl() == Counter)
        Start = Assign->getRHS();
    const auto *Cond = dyn_cast<BinaryOperator>(For->getCond()->IgnoreParenImpCasts());
    if (!Start)
      continue;
    return Cond && Cond->isComparisonOp() && !Start->isValueDependent() &&
           Start->isIntegerConstantExpr(Ctx) && !Cond->getRHS()->isValueDependent() &&
           Cond->getRHS()->isIntegerConstantExpr(Ctx);
  }
  return false;
}

/// The subscripts on the way from an access to its variable.
struct ElementIndices {
  /// `a[i]` (array or operator[]) with an index that is not a constant: an
  /// element that may belong to one thread only, unless the index is read
  /// out of memory (a histogram's bins).
  bool Variable = false;
  /// Every index, outermost first, when all are constants subscripting an
  /// array (`data[3]`, `grid[1][2]`, `s.slots[4].n`), or a global pointer
  /// (`d[3]`, see Pointer); empty otherwise. Another subscripted pointer
  /// (`p[3]`) may start anywhere in its array.
  llvm::SmallVector<int64_t, 2> Constants;
  /// The global pointer the constants count from (`d` in `d[3]`), if any.
  /// Two accesses through it with other constants touch other elements.
  const VarDecl *Pointer = nullptr;
  /// The outermost index that is not a constant, if any.
  const Expr *RunTimeIndex = nullptr;
  /// A subscripted pointer with an index other than 0 (`entry[1]`, `p[k]`).
  bool PointerOffset = false;
};

ElementIndices elementIndicesOfExpr(const Expr *Target, ASTContext &Ctx);

ElementIndices elementIndicesOf(const Access &A, ASTContext &Ctx) {
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
  return elementIndicesOfExpr(Target, Ctx);
}

/// The subscripts on the way from \p Target to the variable it reaches.
ElementIndices elementIndicesOfExpr(const Expr *Target, ASTContext &Ctx) {
  ElementIndices Out;
  bool AllConstant = true;
  while (true) {
    Target = Target->IgnoreParenImpCasts();
    const Expr *Index = nullptr;
    bool OfArray = false;
    const VarDecl *GlobalPointer = nullptr;
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Target)) {
      Index = Subscript->getIdx();
      Target = Subscript->getBase();
      OfArray = Target->IgnoreParenImpCasts()->getType()->isArrayType();
      if (const auto *Ref = dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts()))
        if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
            Var && !OfArray && Var->hasGlobalStorage() && !Out.Pointer)
          GlobalPointer = Var;
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Target);
               Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2) {
      // Only containers whose operator[] reaches an existing element: a map's
      // inserts, which changes the whole container.
      const auto *Container = Op->getArg(0)->getType()->getAsCXXRecordDecl();
      if (!Container || !Container->isInStdNamespace() || !Container->getIdentifier() ||
          !llvm::is_contained({"vector", "array", "deque", "span"}, Container->getName())) {
        AllConstant = false;
        break;
      }
      Index = Op->getArg(1);
      Target = Op->getArg(0);
      OfArray = true;
    } else if (const auto *Member = dyn_cast<MemberExpr>(Target)) {
      Target = Member->getBase();
      continue;
    } else {
      break;
    }
    if (!Index || Index->isValueDependent()) {
      AllConstant = false;
      continue;
    }
    std::optional<llvm::APSInt> Value = Index->getIntegerConstantExpr(Ctx);
    if (!Value)
      Out.RunTimeIndex = Index;
    if (!OfArray && (!Value || *Value != 0))
      Out.PointerOffset = true;
    if (!Value && countsThroughAll(Index, Ctx)) {
      AllConstant = false; // every element, as every other thread's loop
      continue;
    }
    if (!Value && !readsElement(Index)) {
      Out.Variable = true;
      break;
    }
    if (Value && (OfArray || GlobalPointer))
      Out.Constants.insert(Out.Constants.begin(), Value->getExtValue());
    else
      AllConstant = false;
    if (GlobalPointer)
      Out.Pointer = GlobalPointer;
  }
  if (!AllConstant || Out.Variable) {
    Out.Constants.clear();
    Out.Pointer = nullptr;
  }
  return Out;
}

/// `&x` as x.
const Expr *withoutAddressOf(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Unary = dyn_cast<UnaryOperator>(E); Unary && Unary->getOpcode() == UO_AddrOf)
    return Unary->getSubExpr();
  return E;
}

/// The pointer parameter whose pointee holds the mutex field \p Mutex names
/// (`entry` in `&entry->lock`, `&e->inner.lock`), or null.
const ParmVarDecl *fieldHolder(const Expr *Mutex) {
  if (!Mutex)
    return nullptr;
  const Expr *E = withoutAddressOf(Mutex)->IgnoreParenImpCasts();
  while (const auto *Member = dyn_cast<MemberExpr>(E)) {
    E = Member->getBase()->IgnoreParenImpCasts();
    if (Member->isArrow()) {
      const auto *Ref = dyn_cast<DeclRefExpr>(E);
      return Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    }
  }
  return nullptr;
}

/// Records lock striping (RaceAccess::Stripe) for an access to the element
/// \p Elements chooses: held under the element of a mutex array chosen by
/// the same index (`&m[i]` around `slot[i]`, `&m[4]` around `slot[4]`). An
/// element held under an element of a mutex array chosen at run time is
/// shared, not one thread's own slot: VariableElement no longer keeps it out.
void stripe(RaceAccess &R, const ElementIndices &Elements, ASTContext &Ctx) {
  if (!R.RunTimeIndex)
    R.RunTimeIndex = Elements.RunTimeIndex;
  for (const HeldLock &L : R.Locks) {
    if (L.Role != HoldRole::Lock)
      continue;
    if (L.Element == ElementAtRunTime && L.Index) {
      R.VariableElement = false;
      if (Elements.RunTimeIndex && !R.OffsetFromPointer && sameExpr(L.Index, Elements.RunTimeIndex, Ctx))
        R.Stripe = L;
    } else if (L.Element >= 0 && !Elements.RunTimeIndex && !R.OffsetFromPointer &&
               Elements.Constants.size() == 1 && Elements.Constants.front() == L.Element) {
      R.Stripe = L;
    }
  }
}

bool sameMutex(const HeldLock &L, const HeldLock &M) {
  return L.Mutex == M.Mutex && L.Root == M.Root;
}

/// Whether \p Y may be striped as \p X is: by the same mutex array, or by
/// an element of it that Y names through a pointer (`p = &a[i];
/// lock(&p->m); p->n++`) whose index is not visible (WholeMutex or
/// ElementAtRunTime, of no known variable): it is taken to be the element
/// Y accesses.
bool mayShareStripe(const RaceAccess &X, const RaceAccess &Y) {
  if (!X.Stripe)
    return false;
  if (Y.Stripe)
    return sameMutex(*X.Stripe, *Y.Stripe);
  if (Y.RunTimeIndex)
    return false; // `lock(&p->m); a[i].n++`: i need not choose p's element
  return llvm::any_of(Y.Locks, [&](const HeldLock &L) {
    return L.Role == HoldRole::Lock && L.Element < 0 && L.Mutex == X.Stripe->Mutex &&
           (!L.Root || L.Root == X.Stripe->Root) && !L.Index;
  });
}

/// Constant subscripts that set two accesses apart: `data[3]` and
/// `data[4]`, `grid[1][2]` and `grid[1][3]` (same depth, one differs).
bool distinctElements(const RaceAccess &X, const RaceAccess &Y) {
  return !X.ConstantElements.empty() && X.ConstantElements.size() == Y.ConstantElements.size() &&
         X.ElementsOfPointer == Y.ElementsOfPointer && X.ConstantElements != Y.ConstantElements;
}

/// The local a function aliases to one of its pointer parameters:
/// `struct args *a = (struct args *)arg;` makes `a->n` an access through arg.
llvm::DenseMap<const VarDecl *, const VarDecl *> parameterAliases(const FunctionDecl *FD) {
  llvm::DenseMap<const VarDecl *, const VarDecl *> Aliases;
  auto ParamOf = [&](const Expr *E) -> const VarDecl * {
    if (!E)
      return nullptr;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts()))
      if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl());
          Param && Param->getDeclContext() == FD && Param->getType()->isPointerType())
        return Param;
    return nullptr;
  };
  struct Finder : RecursiveASTVisitor<Finder> {
    llvm::function_ref<void(const VarDecl *, const Expr *)> Found;
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    bool VisitVarDecl(VarDecl *Var) {
      if (Var->getType()->isPointerType() && Var->getInit())
        Found(Var, Var->getInit());
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *Op) {
      if (Op->getOpcode() == BO_Assign)
        if (const auto *Ref = dyn_cast<DeclRefExpr>(Op->getLHS()->IgnoreParenImpCasts()))
          if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
              Var && Var->getType()->isPointerType())
            Found(Var, Op->getRHS());
      return true;
    }
  } F;
  auto Record = [&](const VarDecl *Var, const Expr *Init) {
    if (const VarDecl *Param = ParamOf(Init))
      if (Var != Param && !isa<ParmVarDecl>(Var))
        Aliases[Var] = Param;
  };
  F.Found = Record;
  F.TraverseStmt(FD->getBody());
  return Aliases;
}

/// The object a pointer expression points to, in the terms of the function
/// it appears in: `&x`, `&s.f`, `p`, `p + k`, an array, `this`.
std::optional<Access> pointeeOfExpr(const Expr *E) {
  if (!E)
    return std::nullopt;
  E = E->IgnoreParenCasts();
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(E); AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    return accessedObject(AddrOf->getSubExpr());
  if (const auto *Arith = dyn_cast<BinaryOperator>(E);
      Arith && (Arith->getOpcode() == BO_Add || Arith->getOpcode() == BO_Sub) &&
      Arith->getLHS()->getType()->isPointerType())
    return pointeeOfExpr(Arith->getLHS());
  if (isa<CXXThisExpr>(E))
    return Access{E, nullptr, AccessKind::Read, "", true, E->getType()->getPointeeType()};
  const QualType Pointee = E->getType()->getPointeeType();
  // `slot[i]`, an element of an array of pointers: what any element points
  // to, as Accesses models it.
  bool Element = false;
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E);
      Subscript && E->getType()->isPointerType() &&
      Subscript->getBase()->IgnoreParenImpCasts()->getType()->isArrayType()) {
    E = Subscript->getBase()->IgnoreParenImpCasts();
    Element = true;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    // `a->total`: what the pointer field points to.
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    std::optional<Access> Holder = accessedObject(Member);
    if (!Field || !(Element || Field->getType()->isPointerType()) || !Holder || Holder->Through)
      return std::nullopt;
    Holder->Through = Field;
    Holder->Type = Pointee;
    return Holder;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl())) {
      if (Element)
        return Access{E, Var, AccessKind::Read, "", true, Pointee};
      if (Var->getType()->isArrayType())
        return Access{E, Var, AccessKind::Read, "", false, Var->getType()};
      if (Var->getType().getNonReferenceType()->isPointerType())
        return Access{E, Var, AccessKind::Read, "", true, Var->getType()->getPointeeType()};
    }
  return std::nullopt;
}

/// `std::ref(x)` / `std::cref(x)`: x.
const Expr *referenceWrapped(const Expr *E) {
  E = stripCopies(E);
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *FD = Call->getDirectCallee();
        FD && FD->isInStdNamespace() && FD->getIdentifier() &&
        (FD->getName() == "ref" || FD->getName() == "cref") && Call->getNumArgs() == 1)
      return Call->getArg(0);
  return nullptr;
}

/// Whether \p Var is assigned anywhere in \p S.
bool assignedWithin(const Stmt *S, const VarDecl *Var) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const VarDecl *Var;
    bool Found = false;
    bool VisitBinaryOperator(BinaryOperator *Op) {
      if (Op->isAssignmentOp())
        if (const auto *Ref = dyn_cast<DeclRefExpr>(Op->getLHS()->IgnoreParenImpCasts()))
          Found |= Ref->getDecl() == Var;
      return !Found;
    }
  } F;
  F.Var = Var;
  F.TraverseStmt(const_cast<Stmt *>(S));
  return F.Found;
}

/// The index of the subscript or pointer arithmetic on the way to the
/// object passed (`i` in `&args[i]`, `k` in `base + k`): each spawn gets its
/// own element. Null when there is none.
const Expr *selectedIndex(const Expr *E) {
  while (E) {
    E = E->IgnoreParenCasts();
    if (const auto *AddrOf = dyn_cast<UnaryOperator>(E); AddrOf && AddrOf->getOpcode() == UO_AddrOf)
      E = AddrOf->getSubExpr();
    else if (const Expr *Index = subscriptIndex(E))
      return Index;
    else if (const auto *Arith = dyn_cast<BinaryOperator>(E))
      return Arith->isAdditiveOp() && Arith->getType()->isPointerType() ? Arith->getRHS() : nullptr;
    else if (const auto *Member = dyn_cast<MemberExpr>(E))
      E = Member->getBase();
    else
      return nullptr;
  }
  return nullptr;
}

/// Accesses that may race, in a summary: the type decides (the variable
/// may still be a parameter standing for the caller's object).
bool isRacyAccess(const Access &A, const RaceOptions &Options) {
  if (A.Object && !A.Through && (A.Object->getTLSKind() || A.Object->isConstexpr()))
    return false;
  return A.Type.isNull() || !(A.Type.isConstQualified() || isSynchronizedType(A.Type, Options));
}



} // namespace

struct RaceAnalysis::Impl {
  Impl(ASTContext &Ctx, const ConcurrencyStarts &Starts, const RaceOptions &Options)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Starts(Starts), Options(Options), Calls(SM) {}

  ASTContext &Ctx;
  const SourceManager &SM;
  const ConcurrencyStarts &Starts;
  const RaceOptions &Options;
  LocksetCache Locks{Ctx};
  ReachableCalls Calls;
  FieldStores Fields{Ctx};
  PointerTargets Pointers;
  llvm::DenseMap<const FunctionDecl *, std::vector<RaceAccess>> Summaries;
  llvm::DenseSet<const FunctionDecl *> InProgress;

  const std::vector<RaceAccess> &summary(const FunctionDecl *FD);
  /// The POSIX and C11 threads \p FD (or a function it calls) starts.
  struct ThreadStarts {
    std::vector<ThreadEntry> Escaping; ///< not joined before it returns: they run on
    /// Joined before it returns, with the mutexes held from the start
    /// until that join (by the function that starts it).
    std::vector<std::pair<ThreadEntry, llvm::SmallVector<const ValueDecl *, 1>>> Joined;
  };
  const ThreadStarts &threadsStartedBy(const FunctionDecl *FD);
  const std::vector<ThreadEntry> &escapingThreads(const FunctionDecl *FD) {
    return threadsStartedBy(FD).Escaping;
  }
  llvm::DenseMap<const FunctionDecl *, ThreadStarts> StartedBy;
  llvm::DenseSet<const FunctionDecl *> Spawners; ///< functions found to start threads
  /// \p Held with each mutex taken through a local pointer whose targets
  /// are known (`m = &s->mutex`, s set to &A or &B) replaced by its target:
  /// one mutex, or, with several, one of them not known which (it then
  /// excludes no other hold). Through an unknown pointer it stays any mutex.
  /// When \p Made is itself one of several targets of a local pointer and
  /// its variable is one of the mutex's (`d = &s->datum; m = &s->mutex`),
  /// the two are taken to follow the same choice: the mutex is that
  /// variable's.
  Lockset resolveLockPointers(Lockset Held, const Access &Made);
  /// The local pointer \p L was taken through when it has been given
  /// another value before \p Made, which goes through it; null otherwise.
  const VarDecl *stalePointerOf(const HeldLock &L, const Access &Made);
  /// \p A, or when it is made through a local pointer whose targets are
  /// known, an access of each target (the pointer's value where it is used
  /// in \p At: the access, or the call or spawn it is passed to).
  llvm::SmallVector<Access, 2> resolveLocalPointer(const Access &A, const Stmt *At = nullptr) {
    llvm::SmallVector<Access, 2> Out;
    if (std::optional<llvm::SmallVector<Access, 2>> Targets = Pointers.resolve(A, At))
      Out = std::move(*Targets);
    else
      Out.push_back(A);
    for (Access &Each : Out)
      resolveInitializedField(Each);
    return Out;
  }
  /// A pointer field of a global that only initializers set (`struct s A =
  /// {3, &p};`, and no assignment to the field anywhere in the TU) points
  /// where the global's own initializer says: `A.next->datum` is p.datum.
  void resolveInitializedField(Access &X) {
    if (!X.Through || !X.Object || X.Pointee || !X.Object->hasGlobalStorage() ||
        X.Path != X.Through->getName() || !X.Through->getType()->isPointerType())
      return;
    llvm::ArrayRef<FieldStore> Stores = Fields.of(X.Through);
    if (Stores.empty() || llvm::any_of(Stores, [](const FieldStore &S) { return S.In || S.Reference; }))
      return;
    const Expr *Init = X.Object->getInit();
    const auto *List = Init ? dyn_cast<InitListExpr>(Init->IgnoreImplicit()) : nullptr;
    if (!List)
      return;
    const Expr *Value = nullptr;
    forEachFieldInit(List, [&](const FieldDecl *Field, const Expr *E) {
      if (Field->getCanonicalDecl() == X.Through->getCanonicalDecl())
        Value = E;
    });
    const auto *AddrOf = Value ? dyn_cast<UnaryOperator>(Value->IgnoreParenImpCasts()) : nullptr;
    if (!AddrOf || AddrOf->getOpcode() != UO_AddrOf)
      return;
    std::optional<Access> Target = accessedObject(AddrOf->getSubExpr());
    if (!Target || Target->Through || Target->Pointee || Target->AnyOf || !Target->Object)
      return;
    if (X.Spelled.empty())
      X.Spelled = spelledName(X, X.InnerPath);
    X.Object = Target->Object;
    X.Path = joinPath(Target->Path, X.InnerPath);
    X.Through = nullptr;
    X.InnerPath.clear();
  }
  std::optional<Access> bindToCaller(const Access &A, const Expr *Call, const FunctionDecl *Callee);
};

/// The argument \p Call passes for \p Param, a parameter of \p Callee; null
/// for anything else.
static const Expr *argumentFor(const ParmVarDecl *Param, const CallExpr *Call,
                               const FunctionDecl *Callee) {
  if (!Param || Param->getDeclContext() != Callee)
    return nullptr;
  unsigned Index = Param->getFunctionScopeIndex();
  if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee))
    ++Index; // argument 0 is the object
  return Index < Call->getNumArgs() ? Call->getArg(Index) : nullptr;
}

/// Bound so that a TU of thousands of functions with deep chains stays linear.
static constexpr size_t MaxSummarySize = 256;

static Lockset bindParameterLocks(const Lockset &Locks, const Expr *CallE,
                                  const FunctionDecl *Callee);

const std::vector<RaceAccess> &RaceAnalysis::Impl::summary(const FunctionDecl *FD) {
  static const std::vector<RaceAccess> Empty;
  auto It = Summaries.find(FD);
  if (It != Summaries.end())
    return It->second;
  if (!FD->getBody() || !InProgress.insert(FD).second)
    return Empty;
  std::vector<RaceAccess> Out;
  llvm::DenseMap<const VarDecl *, const VarDecl *> Aliases = parameterAliases(FD);
  for (Access Made : accessesIn(FD->getBody(), /*ThroughPointers=*/true)) {
    if (Made.Object)
      if (auto Alias = Aliases.find(Made.Object); Alias != Aliases.end())
        Made.Object = Alias->second;
    for (const Access &A : resolveLocalPointer(Made)) {
      if (!isRacyAccess(A, Options))
        continue;
      ElementIndices Elements = elementIndicesOf(A, Ctx);
      Lockset Held = Locks.heldAt(A.Where);
      RaceAccess R{A, resolveLockPointers(Held, A), nullptr, {}, Elements.Variable};
      for (const HeldLock &L : Held)
        if (const VarDecl *Pointer = stalePointerOf(L, A))
          R.StaleLock = {L.Named, Pointer};
      R.OffsetFromPointer = Elements.PointerOffset;
      stripe(R, Elements, Ctx);
      R.ConstantElements = std::move(Elements.Constants);
      R.ElementsOfPointer = Elements.Pointer;
      Out.push_back(std::move(R));
    }
  }
  llvm::SmallVector<std::pair<const Expr *, const FunctionDecl *>, 8> Callees;
  for (const Expr *Call : Calls.callsIn(FD))
    for (const FunctionDecl *Callee : Calls.definitionsCalled(Call)) // each target of `fp()`
      if (Callee != FD)
        Callees.push_back({Call, Callee});
  for (auto [Call, Callee] : Callees) {
    if (Out.size() >= MaxSummarySize)
      break;
    const std::vector<RaceAccess> &Inner = summary(Callee);
    if (Inner.empty())
      continue;
    Lockset AtCall = Locks.heldAt(Call);
    // `summary` may grow the map; index instead of holding iterators.
    std::vector<RaceAccess> Copy = Inner;
    for (const RaceAccess &In : Copy) {
      std::optional<Access> Bound = bindToCaller(In.What, Call, Callee);
      if (!Bound)
        continue;
      for (Access &Through : resolveLocalPointer(*Bound, Call)) { // `update(d)`, d = &s->datum
        Through.Spelled = Bound->Spelled; // not how the callee writes it
        RaceAccess R{Through, bindParameterLocks(In.Locks, Call, Callee), nullptr,
                     {{Call, Callee}}, In.VariableElement};
        R.ConstantElements = In.ConstantElements;
        R.ElementsOfPointer = In.ElementsOfPointer;
        R.OffsetFromPointer = In.OffsetFromPointer;
        R.RunTimeIndex = In.RunTimeIndex;
        R.Chain.append(In.Chain.begin(), In.Chain.end());
        // `lock(m); update(d);` with m = &s->mutex, d = &s->datum: the lock
        // resolved against the access it guards, as for a direct access.
        Lockset Caller = resolveLockPointers(AtCall, Through);
        R.Locks.append(Caller.begin(), Caller.end());
        // `lock(&m[i]); list_add(n, slot[i])`: the element the argument chooses.
        if (const auto *CallE = dyn_cast<CallExpr>(Call); CallE && !R.Stripe)
          if (const Expr *Arg = argumentFor(dyn_cast_or_null<ParmVarDecl>(In.What.Object), CallE, Callee))
            stripe(R, elementIndicesOfExpr(withoutAddressOf(Arg), Ctx), Ctx);
        Out.push_back(std::move(R));
      }
      if (Out.size() >= MaxSummarySize)
        break;
    }
  }
  InProgress.erase(FD);
  return Summaries[FD] = std::move(Out);
}

/// Locks a callee takes through its own pointer or reference parameters
/// (`pthread_mutex_lock(m)` in `bump(pthread_mutex_t *m)`), named by the
/// argument of this call: `bump(&a)` holds a, `bump(&s->lock)` the field
/// lock, `bump(m)` the caller's own parameter m (bound again at its callers).
/// Unbound, such a lock may be any mutex and excludes every other one.
static Lockset bindParameterLocks(const Lockset &Locks, const Expr *CallE,
                                  const FunctionDecl *Callee) {
  const auto *Call = dyn_cast<CallExpr>(CallE);
  Lockset Out(Locks.begin(), Locks.end());
  if (!Call)
    return Out;
  for (HeldLock &L : Out) {
    if (const auto *Param = dyn_cast_or_null<ParmVarDecl>(L.Mutex)) {
      const Expr *Arg = argumentFor(Param, Call, Callee);
      if (!Arg)
        continue;
      Arg = Arg->IgnoreParenImpCasts();
      if (Param->getType()->isPointerType()) {
        const auto *AddrOf = dyn_cast<UnaryOperator>(Arg);
        if (AddrOf && AddrOf->getOpcode() == UO_AddrOf)
          Arg = AddrOf->getSubExpr();
        else if (!isa<DeclRefExpr>(Arg))
          continue; // `bump(table[i].lock)`, `bump(get_lock())`: unknown
      } else if (!Param->getType()->isReferenceType()) {
        continue;
      }
      if (const ValueDecl *Mutex = namedObject(Arg))
        L.Mutex = Mutex;
      continue;
    }
    // `lock(&entry->m)` with entry a pointer parameter: the field m of the
    // object the argument names (`&cache[i]`: of element i of cache).
    const ParmVarDecl *Holder = L.Element == WholeMutex ? fieldHolder(L.Named) : nullptr;
    const Expr *Arg = argumentFor(Holder, Call, Callee);
    const auto *AddrOf = Arg ? dyn_cast<UnaryOperator>(Arg->IgnoreParenImpCasts()) : nullptr;
    if (!AddrOf || AddrOf->getOpcode() != UO_AddrOf)
      continue;
    L.Root = nullptr;
    placeMutex(AddrOf->getSubExpr(), L, /*InField=*/true);
  }
  return Out;
}

std::optional<Access> RaceAnalysis::Impl::bindToCaller(const Access &A, const Expr *CallE,
                                                       const FunctionDecl *Callee) {
  if ((A.Object && A.Object->hasGlobalStorage()) || A.AnyOf)
    return A;
  const auto *Call = dyn_cast<CallExpr>(CallE);
  if (!Call)
    return std::nullopt; // a constructor: the object it builds is new
  if (!A.Object) {
    // The callee's `*this`: the object of the member call.
    const Expr *Object = nullptr;
    bool Arrow = false;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      Object = Member->getImplicitObjectArgument();
      if (const auto *ME = dyn_cast<MemberExpr>(Member->getCallee()->IgnoreParens()))
        Arrow = ME->isArrow();
    } else if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) &&
               Call->getNumArgs() > 0) {
      Object = Call->getArg(0);
    }
    if (!Object)
      return std::nullopt;
    std::optional<Access> Base = Arrow ? pointeeOfExpr(Object) : accessedObject(Object);
    if (!Base)
      return std::nullopt;
    return rebase(A, *Base);
  }
  const auto *Param = dyn_cast<ParmVarDecl>(A.Object);
  const Expr *Arg = argumentFor(Param, Call, Callee);
  if (!Arg)
    return std::nullopt; // the callee's own locals
  std::optional<Access> Base;
  if (Param->getType()->isReferenceType() && !A.Pointee)
    Base = accessedObject(Arg);
  else if (Param->getType()->isPointerType() && A.Pointee)
    Base = pointeeOfExpr(Arg);
  if (!Base)
    return std::nullopt;
  return rebase(A, *Base);
}

namespace {

/// One concurrent context: accesses made while it runs.
struct Context {
  const Expr *Spawn = nullptr; // null for the spawner itself
  const Expr *StartedBy = nullptr; // the start elsewhere, when Spawn is a call or another spawn
  bool JoinedByStarter = false;    // that start's thread is joined by the thread that starts it
  llvm::SmallVector<RaceAccess, 16> Accesses;
};

class Engine {
public:
  Engine(const FunctionDecl *Spawner, RaceAnalysis::Impl &A)
      : Spawner(Spawner), A(A), Ctx(A.Ctx), SM(A.SM) {}

  llvm::SmallVector<Race, 2> run();
  llvm::SmallVector<Race, 2> runEntries(llvm::ArrayRef<const FunctionDecl *> Entries);

private:
  struct SpawnInfo {
    ThreadEntry Entry;
    SourceLocation Begin, JoinAt; // the window in the spawner (JoinAt invalid: end)
    const Stmt *Loop = nullptr;   // the loop that starts many copies, if any
    bool SelfConcurrent = false;
    /// Where the spawner starts it: the spawn itself, the call of a function
    /// that starts it and returns (`start_logger(); g++;`), or the spawn of
    /// the thread that starts it.
    const Expr *Site = nullptr;
    /// Started elsewhere (Site is a call or another spawn): only its accesses
    /// to globals are in the spawner's terms.
    bool Escaped = false;
    int Parent = -1; ///< the spawn whose thread starts this one, if any
    bool JoinedByParent = false; ///< and joins it: it ends before Parent does
    /// A callback handed to a function without a body here (Site), which
    /// may run it on a thread.
    bool HandedOver = false;
    /// Mutexes Parent holds from this thread's start until that join.
    llvm::SmallVector<const ValueDecl *, 1> HeldByParent;
    /// Mutexes the spawner holds from the start until the join (or for good).
    /// With who holds it: -1 the spawner, else the index of the spawn
    /// whose thread does (a parent that joins this one).
    llvm::SmallVector<std::pair<const ValueDecl *, int>, 1> HeldThroughout;
    Context Thread;
  };

  /// Whether an object handed to threads is the same for all of them.
  enum class Sharing { Shared, PerThread, Unknown };
  /// What a pointer or reference field holds in every thread, from the
  /// values the TU stores into it.
  struct FieldTarget {
    Sharing How = Sharing::Unknown;
    std::optional<Access> Object; ///< when Shared, in the spawner's terms
    const Expr *Value = nullptr;  ///< when Shared, one of the values stored
  };

  void collectSpawns();
  SourceLocation findJoin(const SpawnInfo &S);
  void collectEntryAccesses(SpawnInfo &S);
  std::optional<Access> bindToSpawner(const Access &In, const SpawnInfo &S, const Expr **Slot = nullptr);
  /// What the spawn argument \p Arg names or points to, when every thread
  /// gets the same. With \p Slot, also the element a spawning loop hands one
  /// thread (`&args[i]`), and \p Slot is set to its index.
  std::optional<Access> spawnArgument(const Expr *Arg, bool Reference, const SpawnInfo &S,
                                      const Expr **Slot = nullptr);
  Sharing objectPassed(const Expr *E, bool Reference, const Stmt *Loop,
                       std::optional<Access> &Object);
  const FieldTarget &fieldTarget(const FieldDecl *Field);
  Lockset bindLocks(const Lockset &Locks);
  Context spawnerWindow(const SpawnInfo &S);
  void orderByCreationLocks(SpawnInfo &S);
  bool releasedBetween(const ValueDecl *Mutex, SourceLocation From, SourceLocation To);
  bool joinedUnconditionally(const SpawnInfo &S);
  /// For each spawn: the mutexes the spawner holds, exclusively, where it
  /// starts the thread (see orderByCreationLocks).
  llvm::DenseMap<const Expr *, llvm::SmallVector<const ValueDecl *, 2>> HeldAtStart;
  llvm::SmallVector<const ValueDecl *, 2> awaitsJoinOf(const SpawnInfo &S, const SpawnInfo &T);
  bool onExclusiveBranches(const Stmt *A, const Stmt *B);
  /// \p AAfterB: mutexes that order CA's accesses made after CA took them
  /// after every access of CB (see awaitsJoinOf); \p BAfterA likewise.
  bool slotTouchedAfterHandOver(const RaceAccess &Thread, const RaceAccess &Spawner) const;
  /// The one copy of a thread spawned in a loop that makes \p R, as the
  /// entry's parameter and the value it is tested equal to, when R is made
  /// under `if (id == C)` and each iteration passes its own loop counter.
  std::optional<std::pair<const ParmVarDecl *, int64_t>> singleCopy(const RaceAccess &R) const;
  void compare(const Context &A, const Context &B, llvm::ArrayRef<const ValueDecl *> AAfterB = {},
               llvm::ArrayRef<const ValueDecl *> BAfterA = {});
  void addOthers(Race &R, std::initializer_list<const RaceAccess *> Found);
  bool before(SourceLocation X, SourceLocation Y) const {
    return Y.isInvalid() || SM.isBeforeInTranslationUnit(X, Y);
  }
  bool inside(const Stmt *Outer, SourceLocation Loc) const {
    return Outer && !SM.isBeforeInTranslationUnit(Loc, Outer->getBeginLoc()) &&
           !SM.isBeforeInTranslationUnit(Outer->getEndLoc(), Loc);
  }

  const FunctionDecl *Spawner;
  RaceAnalysis::Impl &A;
  ASTContext &Ctx;
  const SourceManager &SM;
  llvm::SmallVector<SpawnInfo, 4> Spawns;
  llvm::DenseMap<const FieldDecl *, FieldTarget> FieldTargets;
  /// The race reported for each object (an index into Races).
  llvm::DenseMap<std::tuple<const VarDecl *, unsigned, const FieldDecl *>, size_t> Reported;
  llvm::SmallVector<Race, 2> Races;
};

/// The functions an argument of \p Call hands over: `f`, `&f`, and the
/// function pointers in the initializer of a variable passed by address or
/// by value (`&dev_ops` with `struct ops dev_ops = {.g = glob}`).
static llvm::SmallVector<const FunctionDecl *, 2> callbacksHandedOver(const CallExpr *Call) {
  llvm::SmallVector<const FunctionDecl *, 2> Out;
  std::function<void(const Expr *, int)> Collect = [&](const Expr *E, int Depth) {
    if (!E || Depth > 3)
      return;
    E = E->IgnoreParenCasts();
    if (const auto *AddrOf = dyn_cast<UnaryOperator>(E); AddrOf && AddrOf->getOpcode() == UO_AddrOf)
      E = AddrOf->getSubExpr()->IgnoreParenCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *FD = dyn_cast<FunctionDecl>(Ref->getDecl())) {
        if (!llvm::is_contained(Out, FD))
          Out.push_back(FD);
      } else if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
                 Var && Var->getType()->isRecordType() && Var->getInit()) {
        Collect(Var->getInit(), Depth + 1);
      }
      return;
    }
    if (const auto *List = dyn_cast<InitListExpr>(E))
      for (const Expr *Init : List->inits())
        Collect(Init, Depth + 1);
  };
  for (const Expr *Arg : Call->arguments())
    Collect(Arg, 0);
  return Out;
}

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
    std::optional<StartKind> Kind = A.Starts.classify(E);
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
    Info.Site = E;
    Spawns.push_back(std::move(Info));
  }
  // Threads that outlive the call that starts them: started by a function
  // this one calls, or by a thread this one starts, and not joined there.
  auto AddEscaped = [&](const ThreadEntry &Inner, const Expr *Site, SourceLocation Begin,
                        int Parent) {
    SpawnInfo Info;
    Info.Entry = Inner;
    Info.Begin = Begin;
    Info.Thread.Spawn = Site;
    Info.Thread.StartedBy = Inner.Start;
    Info.Site = Site;
    Info.Escaped = true;
    Info.Parent = Parent;
    Spawns.push_back(std::move(Info));
  };
  size_t Direct = Spawns.size();
  for (const Expr *E : Finder.Found) {
    const auto *Call = dyn_cast<CallExpr>(E);
    if (!Call || A.Starts.classify(E))
      continue;
    if (const FunctionDecl *Callee = A.Calls.definitionCalled(Call); Callee && Callee != Spawner)
      for (const ThreadEntry &Inner : A.escapingThreads(Callee))
        AddEscaped(Inner, Call, Call->getEndLoc(), -1);
  }
  // A function that takes a lock, handed to a function this TU does not
  // define (`register_handler(on_event)`, a struct of callbacks): the callee
  // may run it on a thread of its own, from the call on. Taking a lock is
  // what says the callback is written to run beside other threads.
  for (const Expr *E : Finder.Found) {
    const auto *Call = dyn_cast<CallExpr>(E);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee || Callee->hasBody() || SM.isInSystemHeader(Callee->getLocation()) ||
        A.Starts.classify(E))
      continue;
    for (const FunctionDecl *Callback : callbacksHandedOver(Call)) {
      const FunctionDecl *Body = nullptr;
      if (!Callback->hasBody(Body) || !Body || Body == Spawner || !takesLock(Body))
        continue;
      ThreadEntry Entry;
      Entry.Start = Call;
      Entry.Kind = StartKind::UserFunction;
      Entry.Function = Body;
      AddEscaped(Entry, Call, Call->getEndLoc(), -1);
      Spawns.back().HandedOver = true;
    }
  }
  for (size_t I = 0; I < Direct; ++I) {
    const RaceAnalysis::Impl::ThreadStarts &Inner = A.threadsStartedBy(Spawns[I].Entry.Function);
    for (const ThreadEntry &Child : Inner.Escaping)
      if (Child.Function != Spawns[I].Entry.Function)
        AddEscaped(Child, Spawns[I].Site, Spawns[I].Begin, int(I));
    // Joined by the thread that starts it: it lives within that thread's
    // window, against the spawner's other threads.
    for (const auto &[Child, Held] : Inner.Joined)
      if (Child.Function != Spawns[I].Entry.Function) {
        AddEscaped(Child, Spawns[I].Site, Spawns[I].Begin, int(I));
        Spawns.back().JoinedByParent = true;
        Spawns.back().HeldByParent = Held;
      }
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

/// The thread handle a join names: `pthread_join(id, 0)`, `thrd_join(ids[i], 0)`
/// (the array), `t.join()`; null for other calls. \p HandleExpr, if given,
/// receives the handle as written (`ids[i]`).
static const ValueDecl *joinedHandle(const Expr *E, const Expr **HandleExpr = nullptr) {
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    return Method && Method->getIdentifier() && Method->getName() == "join"
               ? namedObject(Member->getImplicitObjectArgument())
               : nullptr;
  }
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->getIdentifier() || Call->getNumArgs() == 0 ||
      (FD->getName() != "pthread_join" && FD->getName() != "thrd_join"))
    return nullptr;
  const Expr *Arg = Call->getArg(0)->IgnoreParenImpCasts();
  if (HandleExpr)
    *HandleExpr = Arg;
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Arg))
    Arg = Subscript->getBase();
  return namedObject(Arg);
}

} // namespace

/// The local pointer an expression reaches memory through (`s` in
/// `&s->mutex`, `s->data = 5`, `s->n++`), or null.
static const VarDecl *pointerBase(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *Assign = dyn_cast<BinaryOperator>(E); Assign && Assign->isAssignmentOp())
    E = Assign->getLHS()->IgnoreParenImpCasts();
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    E = Unary->getSubExpr()->IgnoreParenImpCasts();
  while (const auto *Member = dyn_cast<MemberExpr>(E)) {
    E = Member->getBase()->IgnoreParenImpCasts();
    if (Member->isArrow())
      break;
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && Var->isLocalVarDecl() && Var->getType()->isPointerType() ? Var : nullptr;
}

const VarDecl *RaceAnalysis::Impl::stalePointerOf(const HeldLock &L, const Access &Made) {
  // `lock(&s->mutex); s = get_s(); s->data++`: the mutex of the object s
  // pointed to before, which does not guard the one accessed now.
  const VarDecl *Base = pointerBase(L.Named);
  if (L.Role == HoldRole::Lock && isa_and_nonnull<FieldDecl>(L.Mutex) && Base &&
      Base == pointerBase(Made.Where) && !Pointers.sameValue(Base, L.Named, Made.Where))
    return Base;
  return nullptr;
}

Lockset RaceAnalysis::Impl::resolveLockPointers(Lockset Held, const Access &Made) {
  for (HeldLock &L : Held) {
    if (stalePointerOf(L, Made)) {
      L.Mutex = nullptr; // dropped below
      continue;
    }
    const auto *Pointer = dyn_cast_or_null<VarDecl>(L.Mutex);
    if (L.Role != HoldRole::Lock || !L.Named || !Pointer || !Pointer->getType()->isPointerType())
      continue;
    Access Through{L.Named, Pointer, AccessKind::Read, "", /*Pointee=*/true,
                   Pointer->getType()->getPointeeType()};
    std::optional<llvm::SmallVector<Access, 2>> Targets = Pointers.resolve(Through, L.Named);
    if (!Targets || Targets->empty())
      continue;
    const ValueDecl *Mutex = nullptr;
    const ValueDecl *Root = nullptr;
    bool Known = true, MadeAmongRoots = false;
    for (const Access &Target : *Targets) {
      MadeAmongRoots |= Made.OneOfSeveral && Target.Object == Made.Object && !Target.Path.empty();
      if (!Target.Object || Target.Pointee || Target.Through || Target.AnyOf) {
        Known = false;
        break;
      }
      const ValueDecl *Named = Target.Path.empty() ? static_cast<const ValueDecl *>(Target.Object)
                                                   : fieldAtPath(Target.Object->getType(), Target.Path);
      if (!Named || (Mutex && Named != Mutex)) {
        Known = false;
        break;
      }
      Mutex = Named;
      const ValueDecl *TargetRoot = Target.Path.empty() ? nullptr : Target.Object;
      if (Root && TargetRoot != Root)
        L.Element = ElementAtRunTime; // one of several: not known which
      Root = TargetRoot;
    }
    if (!Known)
      continue;
    L.Mutex = Mutex;
    if (L.Element == ElementAtRunTime && MadeAmongRoots) {
      L.Element = WholeMutex;
      Root = Made.Object;
    }
    if (L.Element != ElementAtRunTime)
      L.Root = Root;
  }
  llvm::erase_if(Held, [](const HeldLock &L) { return !L.Mutex; });
  return Held;
}

const RaceAnalysis::Impl::ThreadStarts &RaceAnalysis::Impl::threadsStartedBy(const FunctionDecl *FD) {
  auto It = StartedBy.find(FD);
  if (It != StartedBy.end())
    return It->second;
  ThreadStarts Out;
  StartedBy[FD]; // recursion: nothing while in progress
  llvm::SmallPtrSet<const FunctionDecl *, 8> Seen;
  auto Visit = [&](const FunctionDecl *In) {
    if (!Seen.insert(In).second)
      return; // called from several places: its starts count once
    llvm::SmallVector<const Expr *, 8> CallsMade(Calls.callsIn(In));
    for (const Expr *E : CallsMade) {
      std::optional<StartKind> Kind = Starts.classify(E);
      if (!Kind || (*Kind != StartKind::PosixThread && *Kind != StartKind::C11Thread))
        continue;
      std::optional<ThreadEntry> Entry = threadEntry(E, *Kind);
      const FunctionDecl *Body = nullptr;
      if (!Entry || !Entry->Function || !Entry->Function->hasBody(Body) || !Body ||
          SM.isInSystemHeader(Body->getLocation()))
        continue;
      const ValueDecl *Handle = handleOf(*Entry, Ctx);
      Entry->Function = Body;
      const Expr *const *Join = Handle ? llvm::find_if(CallsMade, [&](const Expr *C) {
        return joinedHandle(C) == Handle && SM.isBeforeInTranslationUnit(E->getEndLoc(), C->getBeginLoc());
      }) : CallsMade.end();
      if (Join == CallsMade.end()) {
        Out.Escaping.push_back(*Entry);
        continue;
      }
      // Joined before its starter returns. Held from the start to the join:
      // no other holder runs while it does.
      llvm::SmallVector<const ValueDecl *, 1> Held;
      Lockset AtJoin = Locks.heldAt(*Join);
      for (const HeldLock &L : Locks.heldAt(E))
        if (L.Role == HoldRole::Lock && !L.Shared && !llvm::is_contained(Held, L.Mutex) &&
            llvm::any_of(AtJoin, [&](const HeldLock &J) { return J.Mutex == L.Mutex && J.Role == HoldRole::Lock; }) &&
            llvm::none_of(CallsMade, [&](const Expr *C) {
              return SM.isBeforeInTranslationUnit(E->getEndLoc(), C->getBeginLoc()) &&
                     SM.isBeforeInTranslationUnit(C->getBeginLoc(), (*Join)->getBeginLoc()) &&
                     mutexReleasedBy(C) == L.Mutex;
            }))
          Held.push_back(L.Mutex);
      Out.Joined.push_back({*Entry, std::move(Held)});
    }
  };
  Visit(FD);
  Calls.walkFunction(FD, [&](const Expr *Call, llvm::ArrayRef<CallStep>) {
    if (const FunctionDecl *Callee = Calls.definitionCalled(Call))
      Visit(Callee);
    return ReachableCalls::Action::Descend;
  });
  return StartedBy[FD] = std::move(Out);
}

namespace {

SourceLocation Engine::findJoin(const SpawnInfo &S) {
  if (S.Escaped) {
    // Joined through a global handle by the spawner, or by a function it calls.
    const ValueDecl *Handle = handleOf(S.Entry, Ctx);
    const auto *Var = dyn_cast_or_null<VarDecl>(Handle);
    if (!Var || !Var->hasGlobalStorage())
      return {};
    for (const Expr *Call : directCalls(Spawner->getBody())) {
      if (!SM.isBeforeInTranslationUnit(S.Begin, Call->getBeginLoc()))
        continue;
      bool Joins = joinedHandle(Call) == Handle;
      if (!Joins)
        if (const FunctionDecl *Callee = A.Calls.definitionCalled(Call))
          A.Calls.walkFunction(Callee, [&](const Expr *Inner, llvm::ArrayRef<CallStep>) {
            Joins = joinedHandle(Inner) == Handle;
            return Joins ? ReachableCalls::Action::Stop : ReachableCalls::Action::Descend;
          });
      if (Joins)
        return Call->getBeginLoc();
    }
    return {};
  }
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
    llvm::SmallVector<std::pair<const Expr *, const Expr *>, 4> Joins; // join, handle
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
          Joins.push_back({Call, Object});
      }
      return true;
    }
    bool VisitCallExpr(CallExpr *Call) {
      const Expr *Handle = nullptr;
      if (isa<CXXMemberCallExpr>(Call))
        return true; // join() / get() / wait(): VisitCXXMemberCallExpr
      if (const ValueDecl *Joined = joinedHandle(Call, &Handle); Joined && Aliases->count(Joined))
        Joins.push_back({Call, Handle});
      // Given up (detached) or overwritten by another start.
      const FunctionDecl *FD = Call->getDirectCallee();
      if (FD && FD->getIdentifier() && Call->getNumArgs() > 0 && Call != Own &&
          llvm::is_contained({"pthread_detach", "thrd_detach", "pthread_create", "thrd_create"},
                             FD->getName()))
        noteReplaced(Call, Call->getArg(0));
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *Assign) {
      if (Assign->getOpcode() == BO_Assign)
        noteReplaced(Assign, Assign->getLHS());
      return true;
    }
    /// \p Handle (`ids[2]`, `&ids[0]`, `id`) is written by \p At.
    void noteReplaced(const Expr *At, const Expr *Handle) {
      Handle = Handle->IgnoreParenImpCasts();
      if (const auto *AddrOf = dyn_cast<UnaryOperator>(Handle); AddrOf && AddrOf->getOpcode() == UO_AddrOf)
        Handle = AddrOf->getSubExpr()->IgnoreParenImpCasts();
      const Expr *Base = Handle;
      if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Handle))
        Base = Subscript->getBase();
      if (Aliases->count(namedObject(Base)))
        Replaced.push_back({At, Handle});
    }
    const Expr *Own = nullptr; // the spawn's own start
    llvm::SmallVector<std::pair<const Expr *, const Expr *>, 2> Replaced; // where, handle
  } F;
  F.Aliases = &Aliases;
  F.Own = S.Entry.Start;
  F.TraverseStmt(Spawner->getBody());
  // The handle the spawn stores its thread in: `ids[i]`, `tids[1]`, `id`.
  const Expr *SpawnHandle = nullptr;
  bool ScalarHandle = false;
  if (S.Entry.Kind == StartKind::PosixThread || S.Entry.Kind == StartKind::C11Thread) {
    SpawnHandle = cast<CallExpr>(S.Entry.Start)->getArg(0)->IgnoreParenImpCasts();
    if (const auto *AddrOf = dyn_cast<UnaryOperator>(SpawnHandle); AddrOf && AddrOf->getOpcode() == UO_AddrOf)
      SpawnHandle = AddrOf->getSubExpr()->IgnoreParenImpCasts();
    ScalarHandle = isa<DeclRefExpr>(SpawnHandle) && !SpawnHandle->getType()->isArrayType();
  }
  SourceLocation First;
  for (auto [Join, Handle] : F.Joins) {
    if (!SM.isBeforeInTranslationUnit(S.Begin, Join->getBeginLoc()))
      continue;
    // A join in the loop that starts the threads waits for each in turn; one
    // after it must wait for all of them.
    if (!(S.Loop && inside(loopBody(S.Loop), Join->getBeginLoc())) &&
        !joinCoversSpawn(SpawnHandle, S.Loop, ScalarHandle, Handle, enclosingLoop(Join, Ctx), Ctx))
      continue;
    // The handle was detached or overwritten after the start: the join waits
    // for another thread, or for none.
    if (SpawnHandle && llvm::any_of(F.Replaced, [&](auto Write) {
          // Another start in the spawning loop fills a sibling slot
          // (`&ids[2 * i + 1]`).
          if (const auto *Start = dyn_cast<CallExpr>(Write.first);
              Start && S.Loop && Start->getDirectCallee()->getName().ends_with("_create") &&
              inside(S.Loop, Start->getBeginLoc()))
            return false;
          return SM.isBeforeInTranslationUnit(S.Begin, Write.first->getBeginLoc()) &&
                 SM.isBeforeInTranslationUnit(Write.first->getBeginLoc(), Join->getBeginLoc()) &&
                 mayReplaceHandle(Write.second, SpawnHandle, Ctx);
        }))
      continue;
    if (First.isInvalid() || SM.isBeforeInTranslationUnit(Join->getBeginLoc(), First))
      First = Join->getBeginLoc();
  }
  return First;
}


void Engine::collectEntryAccesses(SpawnInfo &S) {
  for (const RaceAccess &In : A.summary(S.Entry.Function)) {
    if (S.Escaped && !In.What.AnyOf &&
        !(In.What.Object && In.What.Object->hasGlobalStorage() && !In.What.Through))
      continue; // its arguments are another function's values
    const Expr *Slot = nullptr;
    std::optional<Access> Bound = bindToSpawner(In.What, S, &Slot);
    if (!Bound)
      continue;
    // A local pointer of the spawner passed to the thread: its targets.
    for (Access &Through : A.resolveLocalPointer(*Bound, S.Thread.Spawn)) {
      if (!isCandidate(Through, A.Options))
        continue;
      Through.Spelled = Bound->Spelled; // not how the thread writes it
      RaceAccess R = In;
      R.What = Through;
      R.Locks = bindLocks(In.Locks);
      // A thread starts holding nothing: an unlock without a lock in it
      // (a mismatched unlock) is no hold.
      llvm::erase_if(R.Locks, [](const HeldLock &L) { return L.OnEntry; });
      R.Spawn = S.Thread.Spawn;
      R.StartedBy = S.Thread.StartedBy;
      R.JoinedByStarter = S.JoinedByParent;
      R.HandedSlot = Slot;
      if (S.HandedOver)
        R.HandedOver = S.Entry.Function;
      S.Thread.Accesses.push_back(std::move(R));
    }
  }
}

std::optional<Access> Engine::spawnArgument(const Expr *Arg, bool Reference, const SpawnInfo &S,
                                            const Expr **Slot) {
  const Expr *E = Arg;
  if (const Expr *Wrapped = referenceWrapped(Arg)) {
    E = Wrapped; // std::ref(x)
    Reference = true;
  } else if (Reference && S.Entry.Kind != StartKind::PosixThread &&
             S.Entry.Kind != StartKind::C11Thread) {
    return std::nullopt; // std::thread and std::async copy what is not std::ref
  }
  std::optional<Access> Base;
  Sharing How = objectPassed(E, Reference, S.Loop, Base);
  if (How == Sharing::PerThread && Slot && S.Loop)
    if (const Expr *Index = selectedIndex(stripCopies(E))) {
      // `&args[i]` in a spawning loop: element i, which is this thread's.
      *Slot = Index;
      return Reference ? accessedObject(stripCopies(E)) : pointeeOfExpr(stripCopies(E));
    }
  if (How != Sharing::Shared)
    return std::nullopt;
  return Base;
}

/// The object \p E names (\p Reference) or points to, and whether a spawn
/// (or a store) in \p Loop hands every thread the same one.
Engine::Sharing Engine::objectPassed(const Expr *E, bool Reference, const Stmt *Loop,
                                     std::optional<Access> &Object) {
  E = stripCopies(E);
  if (!E)
    return Sharing::Unknown;
  if (selectedIndex(E))
    return Sharing::PerThread; // `&args[i]`: each thread its own element
  Object = Reference ? accessedObject(E) : pointeeOfExpr(E);
  if (!Object)
    return Sharing::Unknown;
  if (Loop && Object->Object) {
    // An object made in each iteration (declared in the loop, or a pointer
    // set again before each spawn, as `p = malloc(...)`) belongs to one thread.
    const Stmt *Body = loopBody(Loop);
    if (inside(Body, Object->Object->getLocation()))
      return Sharing::PerThread;
    if (Object->Pointee && assignedWithin(Body, Object->Object))
      return Sharing::PerThread;
  }
  return Sharing::Shared;
}

const Engine::FieldTarget &Engine::fieldTarget(const FieldDecl *Field) {
  Field = Field->getCanonicalDecl();
  if (auto It = FieldTargets.find(Field); It != FieldTargets.end())
    return It->second;
  // The spawner's own stores when it has some (it fills the arguments it
  // passes), or else every store of the TU.
  llvm::ArrayRef<FieldStore> All = A.Fields.of(Field);
  llvm::SmallVector<FieldStore, 4> Stores;
  for (const FieldStore &Store : All)
    if (Store.In == Spawner)
      Stores.push_back(Store);
  if (Stores.empty())
    Stores.assign(All.begin(), All.end());
  FieldTarget Result;
  bool First = true;
  for (const FieldStore &Store : Stores) {
    std::optional<Access> Object;
    Sharing How = objectPassed(Store.Value, Store.Reference, enclosingLoop(Store.Value, Ctx), Object);
    if (How == Sharing::Shared) {
      // Only objects that are the same wherever the store runs: globals, the
      // spawner's own variables, main's locals.
      const VarDecl *Var = Object->Object;
      const auto *Owner = Var ? dyn_cast<FunctionDecl>(Var->getDeclContext()) : nullptr;
      bool Known = Var && !Object->Through &&
                   (Var->hasGlobalStorage() || Owner == Spawner ||
                    (Owner && Owner->isMain() && !isa<ParmVarDecl>(Var)));
      if (!Known)
        How = Sharing::Unknown;
    }
    bool Same = First || (How == Result.How &&
                          (How != Sharing::Shared ||
                           (Object->Object == Result.Object->Object &&
                            Object->Pointee == Result.Object->Pointee &&
                            Object->Path == Result.Object->Path)));
    if (!Same || How == Sharing::Unknown) {
      Result = FieldTarget();
      break;
    }
    Result = {How, Object, Store.Value};
    First = false;
  }
  return FieldTargets[Field] = Result;
}

/// Locks taken through a pointer or reference field (`pthread_mutex_lock(a->lock)`)
/// named by what the field holds: one mutex for every thread is that mutex;
/// each thread's own mutex excludes no other thread; unknown, any mutex.
Lockset Engine::bindLocks(const Lockset &Locks) {
  Lockset Out;
  for (HeldLock L : Locks) {
    const auto *Field = dyn_cast_or_null<FieldDecl>(L.Mutex);
    if (Field && (Field->getType()->isPointerType() || Field->getType()->isReferenceType())) {
      const FieldTarget &Target = fieldTarget(Field);
      if (Target.How == Sharing::PerThread)
        continue;
      if (Target.How == Sharing::Shared) {
        if (const ValueDecl *Mutex = namedObject(withoutAddressOf(Target.Value)))
          L.Mutex = Mutex;
      }
    }
    Out.push_back(L);
  }
  return Out;
}

std::optional<Access> Engine::bindToSpawner(const Access &X, const SpawnInfo &S, const Expr **Slot) {
  if (X.Through) {
    // Through a pointer or reference field: what every thread's field holds,
    const FieldTarget &Target = fieldTarget(X.Through);
    if (Target.How == Sharing::PerThread)
      return std::nullopt;
    if (Target.How == Sharing::Shared) {
      Access Out = X;
      Out.Object = Target.Object->Object;
      Out.Pointee = Target.Object->Pointee;
      Out.Path = joinPath(Target.Object->Path, X.InnerPath);
      Out.Through = nullptr;
      Out.InnerPath.clear();
      return Out;
    }
    // or else, the field of one holder shared by the threads holds one pointer.
    Access Holder = X;
    Holder.Through = nullptr;
    Holder.InnerPath.clear();
    std::optional<Access> Bound = bindToSpawner(Holder, S);
    if (!Bound || Bound->Through)
      return std::nullopt;
    Bound->Through = X.Through;
    Bound->InnerPath = X.InnerPath;
    return Bound;
  }
  if ((X.Object && X.Object->hasGlobalStorage()) || X.AnyOf)
    return X;
  const FunctionDecl *Entry = S.Entry.Function;
  if (!X.Object) {
    // The entry's `*this`: the spawner's own for a lambda capturing this, the
    // object passed for a member function; a functor runs on its own copy.
    if (S.Entry.Lambda)
      return llvm::any_of(S.Entry.Lambda->captures(),
                          [](const LambdaCapture &C) { return C.capturesThis(); })
                 ? std::optional<Access>(X)
                 : std::nullopt;
    if (!S.Entry.Object)
      return std::nullopt;
    bool Pointer = stripCopies(S.Entry.Object)->getType()->isPointerType();
    std::optional<Access> Base = spawnArgument(S.Entry.Object, !Pointer, S);
    return Base ? rebase(X, *Base) : std::nullopt;
  }
  if (const auto *Param = dyn_cast<ParmVarDecl>(X.Object); Param && Param->getDeclContext() == Entry) {
    unsigned Index = Param->getFunctionScopeIndex();
    bool Reference = Param->getType()->isReferenceType();
    if (Index >= S.Entry.Args.size() || Reference == X.Pointee ||
        (!Reference && !Param->getType()->isPointerType()))
      return std::nullopt;
    std::optional<Access> Base = spawnArgument(S.Entry.Args[Index], Reference, S, Slot);
    return Base ? rebase(X, *Base) : std::nullopt;
  }
  // A lambda's captures: by reference, the spawner's variable itself; by
  // copy, only what a captured pointer points to.
  if (S.Entry.Lambda)
    for (const LambdaCapture &Capture : S.Entry.Lambda->captures())
      if (Capture.capturesVariable() && Capture.getCapturedVar() == X.Object) {
        if (Capture.getCaptureKind() == LCK_ByRef || X.Pointee)
          return X;
        return std::nullopt;
      }
  return std::nullopt; // the entry's own locals
}

Context Engine::spawnerWindow(const SpawnInfo &S) {
  Context Window;
  // The next iterations of a spawning loop (its condition and increment
  // too: `&i` passed to each thread) run while the threads started by the
  // earlier ones do.
  const Stmt *Loop = S.SelfConcurrent ? S.Loop : nullptr;
  for (const RaceAccess &In : A.summary(Spawner)) {
    SourceLocation Loc = In.Chain.empty() ? In.What.Where->getBeginLoc()
                                          : In.Chain.front().Call->getBeginLoc();
    bool During = SM.isBeforeInTranslationUnit(S.Begin, Loc) && before(Loc, S.JoinAt);
    if (!During && Loop && inside(Loop, Loc) && !inside(S.Site, Loc))
      During = true;
    const Stmt *At = In.Chain.empty() ? static_cast<const Stmt *>(In.What.Where) : In.Chain.front().Call;
    if (During && onExclusiveBranches(S.Site, At))
      During = false; // the other branch of the if that starts it
    if (!During || !isCandidate(In.What, A.Options))
      continue;
    Window.Accesses.push_back(In);
    // Held since the thread was started and not yet released: the thread
    // cannot take it before this access is done.
    for (const ValueDecl *Mutex : HeldAtStart.lookup(S.Site))
      if (llvm::any_of(In.Locks, [&](const HeldLock &L) {
            return L.Mutex == Mutex && L.Role == HoldRole::Lock;
          }) &&
          !releasedBetween(Mutex, S.Begin, Loc))
        Window.Accesses.back().Locks.push_back({Mutex, false, nullptr, HoldRole::Before});
  }
  return Window;
}

/// Never joined, or joined by a statement of the block that starts it (not
/// under an if or in a loop of its own).
bool Engine::joinedUnconditionally(const SpawnInfo &S) {
  if (S.JoinAt.isInvalid())
    return true;
  auto BlockOf = [&](const Stmt *E) -> const Stmt * {
    DynTypedNode Node = DynTypedNode::create(*E);
    while (true) {
      DynTypedNode Parent = singleParent(Node, Ctx);
      if (Parent.getNodeKind().isNone())
        return nullptr;
      if (const auto *Block = Parent.get<CompoundStmt>())
        return Block;
      if (!Parent.get<Expr>())
        return nullptr; // under an if, a loop, a case
      Node = Parent;
    }
  };
  for (const Expr *Call : directCalls(Spawner->getBody()))
    if (Call->getBeginLoc() == S.JoinAt)
      return BlockOf(Call) && BlockOf(Call) == BlockOf(S.Site);
  return false;
}

/// Whether unlocking \p Released may release \p Mutex: the same one, or a
/// pointer that may name it.
static bool releases(const ValueDecl *Released, const ValueDecl *Mutex) {
  return Released && (Released == Mutex || Released->getType()->isPointerType());
}

bool Engine::releasedBetween(const ValueDecl *Mutex, SourceLocation From, SourceLocation To) {
  for (const Expr *Call : directCalls(Spawner->getBody()))
    if (SM.isBeforeInTranslationUnit(From, Call->getBeginLoc()) && before(Call->getBeginLoc(), To) &&
        releases(mutexReleasedBy(Call), Mutex))
      return true;
  return false;
}

/// Locks around a thread's start order it against the spawner:
///  * a mutex the spawner holds from the start until the join (or for good)
///    is held, in effect, by the whole thread (`lock(&m); create; ...;
///    join; unlock(&m)`);
///  * a mutex the spawner holds at the start orders the spawner's accesses
///    made before it releases it before the thread's accesses made after the
///    thread first takes it (spawnerWindow, and Before/After holds);
///  * a thread started by a thread that holds or has held a mutex starts
///    after that thread took it: it has seen what earlier holders did;
///  * a thread its parent joins lives within the parent's holds, and within
///    what the parent keeps locked from its start to its join. Two threads
///    held throughout by different holders of one mutex never overlap.
void Engine::orderByCreationLocks(SpawnInfo &S) {
  Lockset AtStart = A.Locks.heldAt(S.Site);
  auto &Held = HeldAtStart[S.Site];
  for (const HeldLock &L : AtStart) {
    if (L.Role != HoldRole::Lock || L.Shared || !L.Mutex ||
        llvm::any_of(S.HeldThroughout, [&](auto Hold) { return Hold.first == L.Mutex; }))
      continue;
    // One site can start several threads (a thread and the ones it starts).
    if (!llvm::is_contained(Held, L.Mutex))
      Held.push_back(L.Mutex);
    if (!releasedBetween(L.Mutex, S.Begin, S.JoinAt) && joinedUnconditionally(S))
      S.HeldThroughout.push_back({L.Mutex, -1});
  }
  if (S.Parent < 0 || !S.Entry.Start)
    return;
  // Joined by its parent: within the parent's life, and within the parent's
  // own hold of what it keeps locked until the join.
  if (S.JoinedByParent) {
    S.HeldThroughout = Spawns[S.Parent].HeldThroughout;
    for (const ValueDecl *Mutex : S.HeldByParent)
      S.HeldThroughout.push_back({Mutex, S.Parent});
  }
  for (const HeldLock &L : A.Locks.heldAt(S.Entry.Start))
    if (L.Role == HoldRole::Lock || L.Role == HoldRole::After)
      for (RaceAccess &R : S.Thread.Accesses)
        R.Locks.push_back({L.Mutex, false, nullptr, HoldRole::After});
}

/// Records \p Found, accesses that conflict on the object of \p R, unless
/// one on the same line is shown already.
void Engine::addOthers(Race &R, std::initializer_list<const RaceAccess *> Found) {
  constexpr size_t MaxOthers = 4;
  for (const RaceAccess *A : Found) {
    auto SameLine = [&](const RaceAccess &B) {
      return SM.getExpansionLineNumber(B.What.Where->getBeginLoc()) ==
                 SM.getExpansionLineNumber(A->What.Where->getBeginLoc()) &&
             SM.getFileID(SM.getExpansionLoc(B.What.Where->getBeginLoc())) ==
                 SM.getFileID(SM.getExpansionLoc(A->What.Where->getBeginLoc()));
    };
    if (R.Others.size() >= MaxOthers || SameLine(R.First) || SameLine(R.Second) ||
        llvm::any_of(R.Others, [&](const auto &Other) { return SameLine(Other.second); }))
      continue;
    R.Others.emplace_back(
        spelledName(A->What, A->What.Through ? A->What.InnerPath : A->What.Path), *A);
  }
}

/// The mutexes that make thread \p S, once it takes one, wait for sibling
/// \p T's end: the spawner holds the mutex when it starts S and keeps it
/// until it has joined T.
///
///   lock(&m); create(&a, s); create(&b, t); join(b); unlock(&m);
///   s: lock(&m); unlock(&m); x++;   // after t's x++
///
/// Both started outside loops (a loop's next iteration takes the mutex
/// again), and T joined unconditionally by the spawner (directly, or
/// through a global handle when another thread starts it). S may be started
/// by a thread the spawner starts while holding the mutex: that is later
/// still. Not when a function the spawner calls starts S: it may release
/// the mutex before.
llvm::SmallVector<const ValueDecl *, 2> Engine::awaitsJoinOf(const SpawnInfo &S, const SpawnInfo &T) {
  llvm::SmallVector<const ValueDecl *, 2> Mutexes;
  if (S.Loop || T.Loop || (S.Escaped && S.Parent < 0) || T.JoinAt.isInvalid() ||
      !joinedUnconditionally(T))
    return Mutexes;
  for (const ValueDecl *Mutex : HeldAtStart.lookup(S.Site))
    if (SM.isBeforeInTranslationUnit(S.Begin, T.JoinAt) && !releasedBetween(Mutex, S.Begin, T.JoinAt))
      Mutexes.push_back(Mutex);
  return Mutexes;
}

/// Whether \p A and \p B lie on the two branches of one if that no loop of
/// the spawner repeats: one run of the spawner reaches only one of them.
bool Engine::onExclusiveBranches(const Stmt *A, const Stmt *B) {
  llvm::SmallVector<Branch, 4> Above = enclosingBranches(B, Ctx);
  for (const Branch &Of : enclosingBranches(A, Ctx)) {
    const auto *If = dyn_cast<IfStmt>(Of.Choice);
    if (If && If->getElse() && !enclosingLoop(If, Ctx) && llvm::any_of(Above, [&](const Branch &Other) {
          return Other.Choice == If && Other.Taken != Of.Taken;
        }))
      return true;
  }
  return false;
}

/// Whether \p X is made after its thread took one of \p Mutexes.
static bool madeAfterTaking(const RaceAccess &X, llvm::ArrayRef<const ValueDecl *> Mutexes) {
  return llvm::any_of(X.Locks, [&](const HeldLock &L) {
    return (L.Role == HoldRole::Lock || L.Role == HoldRole::After) && llvm::is_contained(Mutexes, L.Mutex);
  });
}

/// A thread's access to the element its spawning loop handed it
/// (HandedSlot), and an access of the spawner to the element of the same
/// index later in that loop's iteration (`pthread_create(&t[i], 0, f,
/// &args[i]); args[i] = i;`): the spawner touches what it just gave away.
bool Engine::slotTouchedAfterHandOver(const RaceAccess &Thread, const RaceAccess &Spawner) const {
  if (!Thread.HandedSlot || !Thread.Spawn || Spawner.Spawn || !Spawner.RunTimeIndex ||
      !sameExpr(Thread.HandedSlot, Spawner.RunTimeIndex, Ctx))
    return false;
  const Stmt *Loop = enclosingLoop(Thread.Spawn, Ctx);
  const Stmt *At = Spawner.Chain.empty() ? static_cast<const Stmt *>(Spawner.What.Where)
                                         : Spawner.Chain.front().Call;
  return Loop && SM.isBeforeInTranslationUnit(Thread.Spawn->getEndLoc(), At->getBeginLoc()) &&
         SM.isBeforeInTranslationUnit(At->getBeginLoc(), Loop->getEndLoc());
}

/// The entry's parameter that \p E reads: the parameter itself, or a local
/// initialised from it (`long id = (long)arg;`), when the entry never
/// changes either.
static const ParmVarDecl *parameterRead(const Expr *E, const FunctionDecl *Entry) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || mayChange(Entry->getBody(), Var))
    return nullptr;
  if (!isa<ParmVarDecl>(Var) && Var->isLocalVarDecl() && Var->getInit())
    if (const auto *Init = dyn_cast<DeclRefExpr>(Var->getInit()->IgnoreParenCasts()))
      Var = dyn_cast<VarDecl>(Init->getDecl());
  const auto *Param = dyn_cast_or_null<ParmVarDecl>(Var);
  return Param && Param->getDeclContext() == Entry && !mayChange(Entry->getBody(), Param) ? Param
                                                                                          : nullptr;
}

/// Whether \p Arg is the counter of the for loop \p Loop, changed only by
/// its increment: each iteration passes its own value.
static bool isLoopCounter(const Expr *Arg, const Stmt *Loop) {
  const auto *For = dyn_cast_or_null<ForStmt>(Loop);
  const auto *Ref = Arg ? dyn_cast<DeclRefExpr>(Arg->IgnoreParenCasts()) : nullptr;
  const auto *Counter = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!For || !Counter || !For->getInc() || mayChange(For->getBody(), Counter))
    return false;
  const auto *Inc = dyn_cast<UnaryOperator>(For->getInc()->IgnoreParenImpCasts());
  const auto *Stepped = Inc && Inc->isIncrementDecrementOp()
                            ? dyn_cast<DeclRefExpr>(Inc->getSubExpr()->IgnoreParenImpCasts())
                            : nullptr;
  return Stepped && Stepped->getDecl() == Counter;
}

std::optional<std::pair<const ParmVarDecl *, int64_t>> Engine::singleCopy(const RaceAccess &R) const {
  const SpawnInfo *S = nullptr;
  for (const SpawnInfo &Candidate : Spawns)
    if (Candidate.Thread.Spawn == R.Spawn && !Candidate.Escaped)
      S = &Candidate;
  if (!S || !S->Loop || !R.What.Where)
    return std::nullopt;
  const Stmt *At = R.Chain.empty() ? static_cast<const Stmt *>(R.What.Where) : R.Chain.front().Call;
  for (const Branch &Under : enclosingBranches(At, Ctx)) {
    const auto *If = dyn_cast<IfStmt>(Under.Choice);
    const auto *Equal = If ? dyn_cast<BinaryOperator>(If->getCond()->IgnoreParenImpCasts()) : nullptr;
    if (!Equal || Equal->getOpcode() != BO_EQ || Under.Taken != If->getThen())
      continue;
    const Expr *Tested = Equal->getLHS(), *Value = Equal->getRHS();
    std::optional<llvm::APSInt> Constant = Value->getIntegerConstantExpr(Ctx);
    if (!Constant) {
      std::swap(Tested, Value);
      Constant = Value->getIntegerConstantExpr(Ctx);
    }
    const ParmVarDecl *Param = Constant ? parameterRead(Tested, S->Entry.Function) : nullptr;
    if (Param && Param->getFunctionScopeIndex() < S->Entry.Args.size() &&
        isLoopCounter(S->Entry.Args[Param->getFunctionScopeIndex()], S->Loop))
      return std::make_pair(Param, Constant->getExtValue());
  }
  return std::nullopt;
}

void Engine::compare(const Context &CA, const Context &CB, llvm::ArrayRef<const ValueDecl *> AAfterB,
                     llvm::ArrayRef<const ValueDecl *> BAfterA) {
  // Three passes, best explanation first: write against write, then the
  // thread's (CA's) write against a read, then any conflicting pair.
  for (int Pass = 0; Pass < 3; ++Pass)
    for (const RaceAccess &X : CA.Accesses)
      for (const RaceAccess &Y : CB.Accesses) {
        std::tuple<const VarDecl *, unsigned, const FieldDecl *> Key{X.What.Object, X.What.Pointee,
                                                                  X.What.Through};
        if (!sameMemory(X.What, Y.What))
          continue;
        auto Known = Reported.find(Key);
        if (Pass < 2 && X.What.Kind != AccessKind::Write && Known == Reported.end())
          continue;
        if (Pass == 0 && Y.What.Kind != AccessKind::Write && Known == Reported.end())
          continue;
        if (X.What.Kind != AccessKind::Write && Y.What.Kind != AccessKind::Write)
          continue;
        if (madeAfterTaking(X, AAfterB) || madeAfterTaking(Y, BAfterA))
          continue;
        // Both in the one copy that `if (id == 0)` lets through: in order.
        if (&CA == &CB && singleCopy(X) && singleCopy(X) == singleCopy(Y))
          continue;
        bool HandedOver = slotTouchedAfterHandOver(X, Y) || slotTouchedAfterHandOver(Y, X);
        if ((X.HandedSlot || Y.HandedSlot) && !HandedOver)
          continue; // a thread's own element, against any other access
        if (mayShareStripe(X, Y) || mayShareStripe(Y, X) ||
            (!HandedOver && (X.VariableElement || Y.VariableElement)) || distinctElements(X, Y) || excludeEachOther(X.Locks, X.What.Kind == AccessKind::Write, Y.Locks,
                                                       Y.What.Kind == AccessKind::Write))
          continue;
        if (Known != Reported.end()) {
          addOthers(Races[Known->second], {&X, &Y});
          continue;
        }
        Reported[Key] = Races.size();
        // Report at a write, preferably one made by a thread.
        bool XFirst =
            X.What.Kind == AccessKind::Write && (X.Spawn || Y.What.Kind != AccessKind::Write);
        const RaceAccess &First = XFirst ? X : Y, &Second = XFirst ? Y : X;
        const std::string &PF = First.What.Through ? First.What.InnerPath : First.What.Path;
        const std::string &PS = Second.What.Through ? Second.What.InnerPath : Second.What.Path;
        // What a function without a body returns, against a global: two names.
        if (overlappingPaths(PF, PS) && First.What.AnyOf == Second.What.AnyOf) {
          const std::string &Longer = PF.size() >= PS.size() ? PF : PS;
          Races.push_back({spelledName(First.What, Longer), First.What.Type, First, Second});
        } else { // neighbouring bit-fields, or a typed alias: two names
          Races.push_back({spelledName(First.What, PF), First.What.Type, First, Second});
          Races.back().SecondObject = spelledName(Second.What, PS);
        }
      }
}

/// Each entry as a thread of its own, against the others: their accesses to
/// globals, with the locks they hold (no spawner, no windows, no ordering).
llvm::SmallVector<Race, 2> Engine::runEntries(llvm::ArrayRef<const FunctionDecl *> Entries) {
  std::vector<Context> Threads;
  for (const FunctionDecl *Entry : Entries) {
    Context C;
    for (const RaceAccess &In : A.summary(Entry)) {
      const VarDecl *Var = In.What.Object;
      if (!In.What.AnyOf && !(Var && Var->hasGlobalStorage() && !In.What.Through))
        continue; // a parameter's target is the caller's to name
      if (!isCandidate(In.What, A.Options))
        continue;
      C.Accesses.push_back(In);
      C.Accesses.back().Entry = Entry;
    }
    Threads.push_back(std::move(C));
  }
  for (size_t I = 0; I < Threads.size(); ++I)
    for (size_t J = I + 1; J < Threads.size(); ++J)
      compare(Threads[I], Threads[J]);
  return Races;
}

llvm::SmallVector<Race, 2> Engine::run() {
  collectSpawns();
  if (Spawns.empty())
    return Races;
  A.Spawners.insert(Spawner);
  for (SpawnInfo &S : Spawns) {
    // In a loop that does not join it (or a pool map): many copies at once.
    S.Loop = enclosingLoop(S.Site, Ctx);
    S.JoinAt = S.JoinedByParent ? Spawns[S.Parent].JoinAt : findJoin(S);
    bool JoinInLoop = S.Loop && S.JoinAt.isValid() && inside(loopBody(S.Loop), S.JoinAt);
    const auto *Member = dyn_cast<CXXMemberCallExpr>(S.Entry.Start);
    bool IsMap = S.Entry.Kind == StartKind::PoolTask && Member &&
                 Member->getMethodDecl()->getName() == "map";
    S.SelfConcurrent = (S.Loop && !JoinInLoop) || IsMap ||
                       (S.Escaped && enclosingLoop(S.Entry.Start, Ctx)) ||
                       (S.Parent >= 0 && Spawns[S.Parent].SelfConcurrent);
    collectEntryAccesses(S);
  }
  for (SpawnInfo &S : Spawns)
    orderByCreationLocks(S);
  for (SpawnInfo &S : Spawns)
    compare(S.Thread, spawnerWindow(S));
  // Against other threads, a mutex the spawner holds for the thread's whole
  // life protects it as if the thread held it.
  for (SpawnInfo &S : Spawns)
    for (auto [Mutex, Holder] : S.HeldThroughout)
      for (RaceAccess &R : S.Thread.Accesses)
        R.Locks.push_back({Mutex, false, nullptr, HoldRole::Spawner});
  for (size_t I = 0; I < Spawns.size(); ++I) {
    SpawnInfo &S = Spawns[I];
    if (S.SelfConcurrent)
      compare(S.Thread, S.Thread);
    for (size_t J = I + 1; J < Spawns.size(); ++J) {
      SpawnInfo &T = Spawns[J];
      // A thread and the one it starts: what the parent does before the
      // start is ordered before the child, and the parent's code is not
      // split at the start; not compared.
      if (T.Parent == int(I) || S.Parent == int(J))
        continue;
      // Each held throughout by a different holder of one mutex: the
      // holds exclude each other, and so do the threads.
      if (llvm::any_of(S.HeldThroughout, [&](auto Hold) {
            return llvm::any_of(T.HeldThroughout, [&](auto Other) {
              return Hold.first == Other.first && Hold.second != Other.second;
            });
          }))
        continue;
      // Started on the two branches of one if: never both.
      if (onExclusiveBranches(S.Site, T.Site))
        continue;
      // Both alive at once: each starts before the other is joined.
      if (before(T.Begin, S.JoinAt) && before(S.Begin, T.JoinAt))
        compare(S.Thread, T.Thread, awaitsJoinOf(S, T), awaitsJoinOf(T, S));
    }
  }
  return Races;
}

} // namespace

RaceAnalysis::RaceAnalysis(ASTContext &Ctx, const ConcurrencyStarts &Starts,
                           const RaceOptions &Options)
    : P(std::make_unique<Impl>(Ctx, Starts, Options)) {}
RaceAnalysis::~RaceAnalysis() = default;
ASTContext &RaceAnalysis::context() const { return P->Ctx; }
bool RaceAnalysis::startsThreads(const FunctionDecl *FD) const { return P->Spawners.count(FD); }

llvm::SmallVector<Race, 2> RaceAnalysis::findRaces(const FunctionDecl *Spawner) {
  if (!Spawner || !Spawner->getBody() || Spawner->isDependentContext())
    return {};
  return Engine(Spawner, *P).run();
}

llvm::SmallVector<Race, 2>
RaceAnalysis::findRacesBetweenEntries(llvm::ArrayRef<const FunctionDecl *> Entries) {
  return Engine(nullptr, *P).runEntries(Entries);
}

} // namespace clang::tidy::parsafe::analysis
