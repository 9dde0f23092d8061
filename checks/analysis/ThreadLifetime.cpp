//===--- ThreadLifetime.cpp -----------------------------------------------===//

#include "ThreadLifetime.h"
#include "ReachableCalls.h"
#include "StmtContext.h"
#include "ThreadEntries.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include <deque>

namespace clang::tidy::parsafe::analysis {

static bool isThreadRecord(const CXXRecordDecl *Record) {
  return Record && Record->isInStdNamespace() && Record->getIdentifier() &&
         Record->getName() == "thread";
}

bool isStdThreadType(QualType Type) {
  return !Type.isNull() && isThreadRecord(Type.getNonReferenceType()->getAsCXXRecordDecl());
}

bool isContainerOfStdThread(QualType Type) {
  if (Type.isNull())
    return false;
  const auto *Container =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(Type->getAsCXXRecordDecl());
  if (!Container || !Container->isInStdNamespace() || Container->getTemplateArgs().size() == 0)
    return false;
  const TemplateArgument &Element = Container->getTemplateArgs()[0];
  return Element.getKind() == TemplateArgument::Type && isStdThreadType(Element.getAsType());
}

namespace {

const VarDecl *referencedVar(const Expr *E) {
  if (!E)
    return nullptr;
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

bool isMemberNamed(const CXXMemberCallExpr *Call, std::initializer_list<StringRef> Names) {
  const CXXMethodDecl *Method = Call->getMethodDecl();
  if (!Method || !Method->getIdentifier())
    return false;
  for (StringRef Name : Names)
    if (Method->getName() == Name)
      return true;
  return false;
}

/// Does \p S call join() or detach() on an object that \p Matches?
template <class Pred> bool joinsElement(const Stmt *S, Pred Matches) {
  struct Finder : RecursiveASTVisitor<Finder> {
    Pred *Match;
    bool Found = false;
    bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
      if (isMemberNamed(Call, {"join", "detach"}) && (*Match)(Call->getImplicitObjectArgument()))
        Found = true;
      return !Found;
    }
  } F;
  F.Match = &Matches;
  if (S)
    F.TraverseStmt(const_cast<Stmt *>(S));
  return F.Found;
}

class Analysis {
public:
  Analysis(const FunctionDecl *FD, ASTContext &Ctx, const ConcurrencyStarts &Starts)
      : FD(FD), Ctx(Ctx), Starts(Starts), Calls(Ctx.getSourceManager(), 4) {}

  llvm::SmallVector<JoinableThread, 2> run();

private:
  void collectTracked();
  void collectJoinLoops();
  /// Applies one CFG element to \p State. With \p Report set, records exits.
  void transfer(const CFGElement &Element, llvm::BitVector &State, bool Report);
  void gen(unsigned Index, const Stmt *Where, llvm::BitVector &State, bool Report);
  void recordExit(unsigned Index, const Stmt *Where, ExitKind Kind);
  bool caughtWithinScope(const Stmt *Thrower, const VarDecl *Var);
  bool mayThrow(const FunctionDecl *Callee, unsigned Depth);
  std::optional<unsigned> indexOf(const VarDecl *Var) const {
    auto It = Index.find(Var);
    return It == Index.end() ? std::nullopt : std::optional(It->second);
  }

  const FunctionDecl *FD;
  ASTContext &Ctx;
  const ConcurrencyStarts &Starts;
  ReachableCalls Calls;
  llvm::SmallVector<JoinableThread, 4> Tracked;
  llvm::DenseMap<const VarDecl *, unsigned> Index;
  /// Statements whose evaluation means "this container's threads get joined".
  llvm::DenseMap<const Stmt *, unsigned> JoinLoopMarkers;
  llvm::DenseMap<const FunctionDecl *, bool> ThrowCache;
};

void Analysis::collectTracked() {
  struct Collector : RecursiveASTVisitor<Collector> {
    const FunctionDecl *FD;
    llvm::SmallVectorImpl<JoinableThread> *Out;
    bool TraverseLambdaExpr(LambdaExpr *) { return true; } // analysed on their own
    bool VisitVarDecl(VarDecl *Var) {
      if (!Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
          Var->getType()->isReferenceType() || Var->getParentFunctionOrMethod() != FD)
        return true;
      if (isStdThreadType(Var->getType()))
        Out->push_back({Var, false, nullptr, {}});
      else if (isContainerOfStdThread(Var->getType()))
        Out->push_back({Var, true, nullptr, {}});
      return true;
    }
  } C;
  C.FD = FD;
  C.Out = &Tracked;
  C.TraverseStmt(FD->getBody());
  for (unsigned I = 0; I < Tracked.size(); ++I)
    Index[Tracked[I].Thread] = I;
}

void Analysis::collectJoinLoops() {
  struct Collector : RecursiveASTVisitor<Collector> {
    Analysis *A;
    bool VisitCXXForRangeStmt(CXXForRangeStmt *Range) {
      std::optional<unsigned> I = A->indexOf(referencedVar(Range->getRangeInit()));
      const VarDecl *LoopVar = Range->getLoopVariable();
      if (I && joinsElement(Range->getBody(), [LoopVar](const Expr *Object) {
            return referencedVar(Object) == LoopVar;
          })) {
        A->JoinLoopMarkers[Range->getRangeInit()] = *I;
        if (Range->getRangeStmt())
          A->JoinLoopMarkers[Range->getRangeStmt()] = *I;
      }
      return true;
    }
    bool VisitForStmt(ForStmt *For) {
      // for (i = 0; i < v.size(); ++i) v[i].join();
      for (unsigned I = 0; I < A->Tracked.size(); ++I) {
        if (!A->Tracked[I].IsContainer)
          continue;
        const VarDecl *Container = A->Tracked[I].Thread;
        if (joinsElement(For->getBody(), [Container](const Expr *Object) {
              Object = Object->IgnoreParenImpCasts();
              if (const auto *Subscript = dyn_cast<CXXOperatorCallExpr>(Object))
                return Subscript->getOperator() == OO_Subscript &&
                       referencedVar(Subscript->getArg(0)) == Container;
              if (const auto *At = dyn_cast<CXXMemberCallExpr>(Object))
                return referencedVar(At->getImplicitObjectArgument()) == Container;
              return false;
            }) &&
            For->getCond())
          A->JoinLoopMarkers[For->getCond()] = I;
      }
      return true;
    }
  } C;
  C.A = this;
  C.TraverseStmt(FD->getBody());
}

bool Analysis::mayThrow(const FunctionDecl *Callee, unsigned Depth) {
  auto It = ThrowCache.find(Callee);
  if (It != ThrowCache.end())
    return It->second;
  ThrowCache[Callee] = false; // recursion: assume not while computing
  const auto *Proto = Callee->getType()->getAs<FunctionProtoType>();
  if (Proto && Proto->canThrow() == CT_Cannot)
    return false;
  struct ThrowFinder : RecursiveASTVisitor<ThrowFinder> {
    bool Found = false;
    bool TraverseCXXTryStmt(CXXTryStmt *Try) {
      // What the try block throws is caught (we assume by a matching handler);
      // a rethrow from a handler escapes.
      for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
        TraverseStmt(Try->getHandler(I));
      return !Found;
    }
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    bool VisitCXXThrowExpr(CXXThrowExpr *) {
      Found = true;
      return false;
    }
  } Finder;
  Finder.TraverseStmt(Callee->getBody());
  bool Result = Finder.Found;
  if (!Result && Depth > 0)
    for (const Expr *Call : Calls.callsIn(Callee))
      if (const FunctionDecl *Inner = Calls.definitionCalled(Call))
        if (mayThrow(Inner, Depth - 1)) {
          Result = true;
          break;
        }
  return ThrowCache[Callee] = Result;
}

bool Analysis::caughtWithinScope(const Stmt *Thrower, const VarDecl *Var) {
  // Walk up from the throw: a try block met before leaving the variable's
  // declaration block catches it while the thread is still alive.
  const Stmt *Scope = nullptr;
  DynTypedNode DeclParent = singleParent(DynTypedNode::create(*Var), Ctx);
  if (DeclParent.get<DeclStmt>())
    Scope = singleParent(DeclParent, Ctx).get<Stmt>();
  DynTypedNode Node = DynTypedNode::create(*Thrower);
  while (true) {
    DynTypedNode Parent = singleParent(Node, Ctx);
    const auto *ParentStmt = Parent.get<Stmt>();
    if (!ParentStmt || ParentStmt == Scope)
      return false;
    if (const auto *Try = dyn_cast<CXXTryStmt>(ParentStmt))
      if (Node.get<Stmt>() == Try->getTryBlock())
        return true;
    Node = Parent;
  }
}

void Analysis::recordExit(unsigned I, const Stmt *Where, ExitKind Kind) {
  for (const JoinableExit &Exit : Tracked[I].Exits)
    if (Exit.Where == Where)
      return;
  Tracked[I].Exits.push_back({Where, Kind});
}

void Analysis::gen(unsigned I, const Stmt *Where, llvm::BitVector &State, bool Report) {
  State.set(I);
  if (Report && !Tracked[I].Start)
    Tracked[I].Start = Where;
}

void Analysis::transfer(const CFGElement &Element, llvm::BitVector &State, bool Report) {
  if (auto Dtor = Element.getAs<CFGAutomaticObjDtor>()) {
    std::optional<unsigned> I = indexOf(Dtor->getVarDecl());
    if (I && State.test(*I) && Report) {
      const Stmt *Trigger = Dtor->getTriggerStmt();
      ExitKind Kind = isa_and_nonnull<ReturnStmt>(Trigger)     ? ExitKind::Return
                      : isa_and_nonnull<BreakStmt>(Trigger)    ? ExitKind::Break
                      : isa_and_nonnull<ContinueStmt>(Trigger) ? ExitKind::Continue
                      : isa_and_nonnull<GotoStmt>(Trigger)     ? ExitKind::Goto
                                                               : ExitKind::ScopeEnd;
      if (Trigger)
        recordExit(*I, Trigger, Kind);
    }
    if (I)
      State.reset(*I);
    return;
  }
  auto AsStmt = Element.getAs<CFGStmt>();
  if (!AsStmt)
    return;
  const Stmt *S = AsStmt->getStmt();

  auto Marker = JoinLoopMarkers.find(S);
  if (Marker != JoinLoopMarkers.end())
    State.reset(Marker->second);

  if (const auto *Declaration = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : Declaration->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D))
        if (std::optional<unsigned> I = indexOf(Var)) {
          State.reset(*I);
          if (!Tracked[*I].IsContainer && Var->getInit() &&
              Starts.classify(stripCopies(Var->getInit())) == StartKind::Thread)
            gen(*I, S, State, Report);
        }
    return;
  }

  if (const auto *Assign = dyn_cast<CXXOperatorCallExpr>(S);
      Assign && Assign->getOperator() == OO_Equal && Assign->getNumArgs() == 2) {
    if (std::optional<unsigned> I = indexOf(referencedVar(Assign->getArg(0)));
        I && !Tracked[*I].IsContainer) {
      // Assigning to a joinable thread terminates by itself; that is not
      // what this analysis reports, so only the new state matters.
      if (Starts.classify(stripCopies(Assign->getArg(1))) == StartKind::Thread)
        gen(*I, S, State, Report);
      else
        State.reset(*I);
      return;
    }
  }

  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S)) {
    if (std::optional<unsigned> I = indexOf(referencedVar(Member->getImplicitObjectArgument()))) {
      if (Tracked[*I].IsContainer) {
        bool AddsThread = Starts.classify(Member) == StartKind::Thread;
        if (!AddsThread && isMemberNamed(Member, {"push_back", "push_front", "insert"}))
          for (const Expr *Arg : Member->arguments())
            AddsThread |= Starts.classify(stripCopies(Arg)) == StartKind::Thread;
        if (AddsThread)
          gen(*I, S, State, Report);
      } else if (isMemberNamed(Member, {"join", "detach", "swap"})) {
        State.reset(*I);
      }
      return;
    }
  }

  // A thread (or container) handed to anything else is assumed handled there:
  // std::move(t), f(t), [&t]{...}, &t, return t.
  auto Escapes = [&](const Expr *Arg) {
    if (std::optional<unsigned> I = indexOf(referencedVar(Arg)))
      State.reset(*I);
    else if (const auto *Inner = dyn_cast<CXXMemberCallExpr>(Arg->IgnoreParenImpCasts()))
      if (std::optional<unsigned> I = indexOf(referencedVar(Inner->getImplicitObjectArgument())))
        State.reset(*I); // std::for_each(v.begin(), v.end(), join)
  };
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    for (const Expr *Arg : Call->arguments())
      Escapes(Arg);
    if (Report) {
      const FunctionDecl *Callee = Calls.definitionCalled(Call);
      if (Callee && mayThrow(Callee, 3))
        for (unsigned I : State.set_bits())
          if (!caughtWithinScope(S, Tracked[I].Thread))
            recordExit(I, S, ExitKind::ThrowingCall);
    }
  } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
    for (const Expr *Arg : Construct->arguments())
      Escapes(Arg);
  } else if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Capture.capturesVariable())
        if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          if (std::optional<unsigned> I = indexOf(Var))
            State.reset(*I);
  } else if (const auto *Unary = dyn_cast<UnaryOperator>(S);
             Unary && Unary->getOpcode() == UO_AddrOf) {
    Escapes(Unary->getSubExpr());
  } else if (const auto *Return = dyn_cast<ReturnStmt>(S)) {
    if (Return->getRetValue())
      Escapes(Return->getRetValue());
  } else if (const auto *Throw = dyn_cast<CXXThrowExpr>(S); Throw && Report) {
    for (unsigned I : State.set_bits())
      if (!caughtWithinScope(Throw, Tracked[I].Thread))
        recordExit(I, Throw, ExitKind::Throw);
  }
}

/// `if (t.joinable())`: which successor knows that t is not joinable.
std::optional<std::pair<const VarDecl *, unsigned>> joinableGuard(const CFGBlock &Block) {
  const Stmt *Cond = Block.getTerminatorCondition();
  const auto *E = dyn_cast_or_null<Expr>(Cond);
  if (!E)
    return std::nullopt;
  bool Negated = false;
  E = E->IgnoreParenImpCasts();
  while (const auto *Not = dyn_cast<UnaryOperator>(E)) {
    if (Not->getOpcode() != UO_LNot)
      return std::nullopt;
    Negated = !Negated;
    E = Not->getSubExpr()->IgnoreParenImpCasts();
  }
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
  if (!Call || !isMemberNamed(Call, {"joinable"}))
    return std::nullopt;
  const VarDecl *Var = referencedVar(Call->getImplicitObjectArgument());
  if (!Var)
    return std::nullopt;
  return std::make_pair(Var, Negated ? 0u : 1u);
}

llvm::SmallVector<JoinableThread, 2> Analysis::run() {
  llvm::SmallVector<JoinableThread, 2> Result;
  collectTracked();
  if (Tracked.empty())
    return Result;
  collectJoinLoops();

  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddTemporaryDtors = true;
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Cfg =
      CFG::buildCFG(FD, const_cast<Stmt *>(FD->getBody()), &Ctx, Options);
  if (!Cfg)
    return Result;

  // Forward may-analysis to a fixpoint: gen/kill transfer functions over a
  // finite lattice, so the worklist terminates.
  unsigned N = Tracked.size();
  std::vector<llvm::BitVector> In(Cfg->getNumBlockIDs(), llvm::BitVector(N));
  std::vector<bool> Queued(Cfg->getNumBlockIDs(), false);
  std::vector<bool> Visited(Cfg->getNumBlockIDs(), false);
  std::deque<const CFGBlock *> Worklist;
  Worklist.push_back(&Cfg->getEntry());
  Queued[Cfg->getEntry().getBlockID()] = true;
  Visited[Cfg->getEntry().getBlockID()] = true;
  while (!Worklist.empty()) {
    const CFGBlock *Block = Worklist.front();
    Worklist.pop_front();
    Queued[Block->getBlockID()] = false;
    llvm::BitVector State = In[Block->getBlockID()];
    for (const CFGElement &Element : *Block)
      transfer(Element, State, /*Report=*/false);
    auto Guard = joinableGuard(*Block);
    unsigned SuccIndex = 0;
    for (const CFGBlock::AdjacentBlock &Succ : Block->succs()) {
      const CFGBlock *Next = Succ.getReachableBlock();
      llvm::BitVector Out = State;
      if (Guard && Guard->second == SuccIndex)
        if (std::optional<unsigned> I = indexOf(Guard->first))
          Out.reset(*I);
      ++SuccIndex;
      if (!Next)
        continue;
      llvm::BitVector &Target = In[Next->getBlockID()];
      llvm::BitVector Merged = Target;
      Merged |= Out;
      // Every reachable block is processed once even when its state stays
      // empty: it may start a thread itself.
      bool Changed = Merged != Target || !Visited[Next->getBlockID()];
      Target = Merged;
      Visited[Next->getBlockID()] = true;
      if (Changed && !Queued[Next->getBlockID()]) {
        Queued[Next->getBlockID()] = true;
        Worklist.push_back(Next);
      }
    }
  }
  // Blocks never reached from the entry (dead code) report nothing.
  for (const CFGBlock *Block : *Cfg) {
    if (!Visited[Block->getBlockID()])
      continue;
    llvm::BitVector State = In[Block->getBlockID()];
    for (const CFGElement &Element : *Block)
      transfer(Element, State, /*Report=*/true);
  }
  for (JoinableThread &T : Tracked)
    if (!T.Exits.empty() && T.Start)
      Result.push_back(std::move(T));
  return Result;
}

} // namespace

llvm::SmallVector<JoinableThread, 2> findJoinableExits(const FunctionDecl *FD, ASTContext &Ctx,
                                                        const ConcurrencyStarts &Starts) {
  if (!FD || !FD->getBody() || FD->isDependentContext() || FD->isInvalidDecl())
    return {};
  return Analysis(FD, Ctx, Starts).run();
}

} // namespace clang::tidy::parsafe::analysis

namespace clang::tidy::parsafe::analysis {

namespace {

/// Finds, in a function body, the statements that act on one named object.
struct ObjectUses : RecursiveASTVisitor<ObjectUses> {
  const ValueDecl *Object;
  llvm::SmallVector<const CXXMemberCallExpr *, 4> MemberCalls;
  llvm::SmallVector<const CallExpr *, 4> PassedTo; // f(obj), f(&obj), std::move(obj)
  const ReturnStmt *Returned = nullptr;

  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  static bool names(const Expr *E, const ValueDecl *D) {
    if (!E)
      return false;
    E = E->IgnoreParenImpCasts();
    if (const auto *Unary = dyn_cast<UnaryOperator>(E); Unary && Unary->getOpcode() == UO_AddrOf)
      E = Unary->getSubExpr()->IgnoreParenImpCasts();
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
      E = Subscript->getBase()->IgnoreParenImpCasts();
    return namedObject(E) == D;
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    if (names(Call->getImplicitObjectArgument(), Object))
      MemberCalls.push_back(Call);
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    if (isa<CXXMemberCallExpr>(Call))
      return true;
    for (const Expr *Arg : Call->arguments())
      if (names(Arg, Object)) {
        PassedTo.push_back(Call);
        break;
      }
    return true;
  }
  bool VisitReturnStmt(ReturnStmt *Return) {
    if (names(Return->getRetValue() ? stripCopies(Return->getRetValue()) : nullptr, Object))
      Returned = Return;
    return true;
  }
};

ObjectUses usesOf(const ValueDecl *Object, const FunctionDecl *Fn) {
  ObjectUses Uses;
  Uses.Object = Object;
  Uses.TraverseStmt(Fn->getBody());
  return Uses;
}

bool calleeNamed(const CallExpr *Call, std::initializer_list<StringRef> Names) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->getIdentifier())
    return false;
  return llvm::is_contained(Names, FD->getName());
}

/// A container that lives beyond the function: a data member, a global, or
/// something the caller passed by reference or pointer.
bool outlivesFrame(const ValueDecl *Object) {
  if (!Object)
    return false;
  if (isa<FieldDecl>(Object))
    return true;
  if (const auto *Var = dyn_cast<VarDecl>(Object)) {
    if (Var->hasGlobalStorage())
      return true;
    if (isa<ParmVarDecl>(Var))
      return Var->getType()->isReferenceType() || Var->getType()->isPointerType();
  }
  return false;
}

/// std::thread / std::jthread objects: what happens to the one \p Start made.
std::optional<OutlivingEvidence> threadObjectFate(const Expr *Start, const FunctionDecl *Fn,
                                                  ASTContext &Ctx) {
  // Emplaced into a container: the container's lifetime decides.
  if (const auto *Emplace = dyn_cast<CXXMemberCallExpr>(Start)) {
    if (outlivesFrame(namedObject(Emplace->getImplicitObjectArgument())))
      return OutlivingEvidence{OutlivingEvidence::StoredOutside, Emplace};
    return std::nullopt;
  }
  const Expr *Outer = nullptr;
  DynTypedNode Consumer = valueConsumer(Start, Ctx, Outer);
  if (const auto *Member = Consumer.get<MemberExpr>()) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
    if (Method && Method->getIdentifier() && Method->getName() == "detach")
      return OutlivingEvidence{OutlivingEvidence::Detached, Member};
    return std::nullopt;
  }
  if (const auto *Return = Consumer.get<ReturnStmt>())
    return OutlivingEvidence{OutlivingEvidence::Returned, Return};
  // threads_.push_back(std::thread(...)) into a long-lived container.
  if (const auto *Call = Consumer.get<CXXMemberCallExpr>())
    if (outlivesFrame(namedObject(Call->getImplicitObjectArgument())))
      return OutlivingEvidence{OutlivingEvidence::StoredOutside, Call};
  const ValueDecl *Thread = nullptr;
  if (const auto *Var = Consumer.get<VarDecl>())
    Thread = Var;
  else if (const auto *Assign = Consumer.get<CXXOperatorCallExpr>();
           Assign && Assign->getOperator() == OO_Equal)
    Thread = namedObject(Assign->getArg(0));
  if (!Thread)
    return std::nullopt;
  if (outlivesFrame(Thread)) // worker_ = std::thread(...)
    return OutlivingEvidence{OutlivingEvidence::StoredOutside, Consumer.get<Stmt>()};
  ObjectUses Uses = usesOf(Thread, Fn);
  for (const CXXMemberCallExpr *Call : Uses.MemberCalls)
    if (Call->getMethodDecl() && Call->getMethodDecl()->getIdentifier() &&
        Call->getMethodDecl()->getName() == "detach")
      return OutlivingEvidence{OutlivingEvidence::Detached, Call};
  for (const CallExpr *Call : Uses.PassedTo)
    if (calleeNamed(Call, {"move"})) {
      // Where does the moved thread go? Into a long-lived container or member.
      const Expr *MoveOuter = nullptr;
      DynTypedNode Into = valueConsumer(Call, Ctx, MoveOuter);
      if (Into.get<ReturnStmt>())
        return OutlivingEvidence{OutlivingEvidence::Returned, Call};
      if (const auto *Sink = Into.get<CXXMemberCallExpr>();
          Sink && outlivesFrame(namedObject(Sink->getImplicitObjectArgument())))
        return OutlivingEvidence{OutlivingEvidence::StoredOutside, Sink};
      if (const auto *Assign = Into.get<CXXOperatorCallExpr>();
          Assign && outlivesFrame(namedObject(Assign->getArg(0))))
        return OutlivingEvidence{OutlivingEvidence::StoredOutside, Assign};
      if (Into.get<CallExpr>() || Into.get<CXXConstructExpr>())
        return OutlivingEvidence{OutlivingEvidence::MovedOut, Call};
    }
  if (Uses.Returned)
    return OutlivingEvidence{OutlivingEvidence::Returned, Uses.Returned};
  return std::nullopt;
}

/// pthread_create(&t, ...) / thrd_create(&t, ...): joined in this function?
std::optional<OutlivingEvidence> handleFate(const CallExpr *Create, const FunctionDecl *Fn,
                                            bool Posix) {
  if (Create->getNumArgs() == 0)
    return std::nullopt;
  const Expr *Handle = Create->getArg(0)->IgnoreParenImpCasts();
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(Handle); AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    Handle = AddrOf->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Handle))
    Handle = Subscript->getBase()->IgnoreParenImpCasts();
  const ValueDecl *Object = namedObject(Handle);
  if (!Object)
    return std::nullopt; // handles we cannot follow: stay silent
  if (outlivesFrame(Object))
    return std::nullopt; // joined elsewhere, maybe: the caller owns the handle
  ObjectUses Uses = usesOf(Object, Fn);
  for (const CallExpr *Call : Uses.PassedTo) {
    if (calleeNamed(Call, Posix ? std::initializer_list<StringRef>{"pthread_join"}
                                : std::initializer_list<StringRef>{"thrd_join"}))
      return std::nullopt;
    if (calleeNamed(Call, {"pthread_detach", "thrd_detach"}))
      return OutlivingEvidence{OutlivingEvidence::Detached, Call};
  }
  // Handed to another function that may join it: stay silent.
  for (const CallExpr *Call : Uses.PassedTo)
    if (Call != Create && !calleeNamed(Call, {"pthread_create", "thrd_create"}))
      return std::nullopt;
  if (Uses.Returned)
    return std::nullopt;
  return OutlivingEvidence{OutlivingEvidence::NeverJoined, Create};
}

} // namespace

std::optional<OutlivingEvidence> outlivesFunction(const Expr *Start, StartKind Kind,
                                                  const FunctionDecl *Fn, ASTContext &Ctx) {
  if (!Start || !Fn || !Fn->getBody())
    return std::nullopt;
  switch (Kind) {
  case StartKind::Thread:
    return threadObjectFate(Start, Fn, Ctx);
  case StartKind::PosixThread:
  case StartKind::C11Thread:
    if (const auto *Call = dyn_cast<CallExpr>(Start))
      return handleFate(Call, Fn, Kind == StartKind::PosixThread);
    return std::nullopt;
  case StartKind::Async: {
    const Expr *Outer = nullptr;
    if (const auto *Return = valueConsumer(Start, Ctx, Outer).get<ReturnStmt>())
      return OutlivingEvidence{OutlivingEvidence::Returned, Return};
    return std::nullopt;
  }
  case StartKind::PoolTask: {
    // pool.detach(task) outlives the function unless it waits for the pool.
    const auto *Call = dyn_cast<CXXMemberCallExpr>(Start);
    if (!Call || !Call->getMethodDecl() || Call->getMethodDecl()->getName() != "detach")
      return std::nullopt;
    const ValueDecl *Pool = namedObject(Call->getImplicitObjectArgument());
    if (!Pool)
      return std::nullopt;
    ObjectUses Uses = usesOf(Pool, Fn);
    for (const CXXMemberCallExpr *Member : Uses.MemberCalls)
      if (Member->getMethodDecl() && Member->getMethodDecl()->getIdentifier() &&
          llvm::is_contained({"wait", "shutdown"}, Member->getMethodDecl()->getName()))
        return std::nullopt;
    // A local pool's destructor drains it before the frame dies.
    if (const auto *Var = dyn_cast<VarDecl>(Pool); Var && Var->hasLocalStorage() &&
                                                    !Var->getType()->isReferenceType())
      return std::nullopt;
    return OutlivingEvidence{OutlivingEvidence::Detached, Call};
  }
  default:
    return std::nullopt;
  }
}

} // namespace clang::tidy::parsafe::analysis
