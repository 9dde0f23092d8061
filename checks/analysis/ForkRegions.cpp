//===--- ForkRegions.cpp --------------------------------------------------===//

#include "ForkRegions.h"
#include "StmtContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::parsafe::analysis {

static bool isGlobalCFunction(const FunctionDecl *FD) {
  return FD && FD->getIdentifier() &&
         (FD->getDeclContext()->getRedeclContext()->isTranslationUnit() || FD->isExternC() ||
          FD->isInStdNamespace());
}

bool isProcessExit(const FunctionDecl *FD) {
  if (!FD)
    return false;
  if (FD->isNoReturn())
    return true;
  return isGlobalCFunction(FD) &&
         llvm::StringSwitch<bool>(FD->getName())
             .Cases("_exit", "_Exit", "exit", "quick_exit", "abort", true)
             .Default(false);
}

bool isExec(const FunctionDecl *FD) {
  return isGlobalCFunction(FD) &&
         llvm::StringSwitch<bool>(FD->getName())
             .Cases("execl", "execle", "execlp", "execv", "execve", "execvp", true)
             .Cases("execvpe", "fexecve", "execveat", true)
             .Default(false);
}

static bool containsBreakFor(const Stmt *Loop) {
  struct Finder : RecursiveASTVisitor<Finder> {
    bool Found = false;
    unsigned Nesting = 0;
    // A break inside a nested loop or switch does not leave this loop.
    bool TraverseForStmt(ForStmt *S) { return nested(S); }
    bool TraverseWhileStmt(WhileStmt *S) { return nested(S); }
    bool TraverseDoStmt(DoStmt *S) { return nested(S); }
    bool TraverseCXXForRangeStmt(CXXForRangeStmt *S) { return nested(S); }
    bool TraverseSwitchStmt(SwitchStmt *S) { return nested(S); }
    bool nested(Stmt *S) {
      ++Nesting;
      for (Stmt *Child : S->children())
        if (Child)
          TraverseStmt(Child);
      --Nesting;
      return !Found;
    }
    bool VisitBreakStmt(BreakStmt *) {
      Found |= Nesting == 0;
      return !Found;
    }
  } F;
  if (const Stmt *Body = loopBody(Loop))
    F.TraverseStmt(const_cast<Stmt *>(Body));
  return F.Found;
}

static bool containsReturn(const Stmt *S) {
  struct Finder : RecursiveASTVisitor<Finder> {
    bool Found = false;
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    bool VisitReturnStmt(ReturnStmt *) {
      Found = true;
      return false;
    }
  } F;
  F.TraverseStmt(const_cast<Stmt *>(S));
  return F.Found;
}

static RegionEnd sequenceEnd(llvm::ArrayRef<const Stmt *> Statements);

RegionEnd regionEnd(const Stmt *S) {
  if (!S)
    return RegionEnd::FallsThrough;
  if (const auto *Block = dyn_cast<CompoundStmt>(S))
    return sequenceEnd(llvm::ArrayRef<const Stmt *>(Block->body_begin(), Block->body_end()));
  if (isa<ReturnStmt>(S) || isa<CXXThrowExpr>(S))
    return RegionEnd::Returns;
  if (const auto *Label = dyn_cast<LabelStmt>(S))
    return regionEnd(Label->getSubStmt());
  if (const auto *Attributed = dyn_cast<AttributedStmt>(S))
    return regionEnd(Attributed->getSubStmt());
  if (const auto *If = dyn_cast<IfStmt>(S)) {
    if (!If->getElse())
      return RegionEnd::FallsThrough;
    RegionEnd Then = regionEnd(If->getThen()), Else = regionEnd(If->getElse());
    if (Then == RegionEnd::FallsThrough || Else == RegionEnd::FallsThrough)
      return RegionEnd::FallsThrough;
    return Then == RegionEnd::Exits && Else == RegionEnd::Exits ? RegionEnd::Exits
                                                                : RegionEnd::Returns;
  }
  if (isa<WhileStmt, ForStmt, DoStmt>(S)) {
    // A server loop `for (;;)` / `while (1)` with no break never falls out.
    const Expr *Cond = isa<WhileStmt>(S)  ? cast<WhileStmt>(S)->getCond()
                       : isa<ForStmt>(S) ? cast<ForStmt>(S)->getCond()
                                         : cast<DoStmt>(S)->getCond();
    bool Forever = !Cond;
    if (Cond && !Cond->isValueDependent()) {
      if (const auto *Literal = dyn_cast<IntegerLiteral>(Cond->IgnoreParenImpCasts()))
        Forever = Literal->getValue() != 0;
      else if (const auto *Bool = dyn_cast<CXXBoolLiteralExpr>(Cond->IgnoreParenImpCasts()))
        Forever = Bool->getValue();
    }
    if (Forever && !containsBreakFor(S))
      return containsReturn(S) ? RegionEnd::Returns : RegionEnd::Exits;
    return RegionEnd::FallsThrough;
  }
  if (const auto *E = dyn_cast<Expr>(S)) {
    E = E->IgnoreImplicit();
    if (isa<CXXThrowExpr>(E))
      return RegionEnd::Returns;
    if (const auto *Call = dyn_cast<CallExpr>(E))
      if (isProcessExit(Call->getDirectCallee()))
        return RegionEnd::Exits;
  }
  return RegionEnd::FallsThrough;
}

/// How a sequence of statements ends: the first one that does not fall
/// through decides.
static RegionEnd sequenceEnd(llvm::ArrayRef<const Stmt *> Statements) {
  for (const Stmt *S : Statements) {
    RegionEnd End = regionEnd(S);
    if (End != RegionEnd::FallsThrough)
      return End;
  }
  return RegionEnd::FallsThrough;
}

namespace {

enum class Test { ChildWhenTrue, ParentWhenTrue, ErrorWhenTrue, Unknown };

/// Is \p E the fork result: the pid variable, the fork call itself, or
/// `(pid = fork())`?
bool isForkResult(const Expr *E, const CallExpr *Fork, const VarDecl *Pid) {
  E = E->IgnoreParenImpCasts();
  if (E == Fork)
    return true;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Pid && Ref->getDecl() == Pid;
  if (const auto *Assign = dyn_cast<BinaryOperator>(E))
    return Assign->getOpcode() == BO_Assign && isForkResult(Assign->getRHS(), Fork, Pid);
  return false;
}

Test classifyTest(const Expr *Cond, const CallExpr *Fork, const VarDecl *Pid,
                  const ASTContext &Ctx) {
  if (!Cond)
    return Test::Unknown;
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *Not = dyn_cast<UnaryOperator>(Cond); Not && Not->getOpcode() == UO_LNot)
    return isForkResult(Not->getSubExpr(), Fork, Pid) ? Test::ChildWhenTrue : Test::Unknown;
  if (isForkResult(Cond, Fork, Pid))
    return Test::ParentWhenTrue; // non-zero: the parent (or -1)
  const auto *Compare = dyn_cast<BinaryOperator>(Cond);
  if (!Compare || !Compare->isComparisonOp())
    return Test::Unknown;
  BinaryOperatorKind Op = Compare->getOpcode();
  const Expr *Constant = nullptr;
  if (isForkResult(Compare->getLHS(), Fork, Pid)) {
    Constant = Compare->getRHS();
  } else if (isForkResult(Compare->getRHS(), Fork, Pid)) {
    Constant = Compare->getLHS();
    Op = BinaryOperator::reverseComparisonOp(Op);
  } else {
    return Test::Unknown;
  }
  Expr::EvalResult Value;
  if (Constant->isValueDependent() || !Constant->EvaluateAsInt(Value, Ctx))
    return Test::Unknown;
  int64_t C = Value.Val.getInt().getSExtValue();
  switch (Op) {
  case BO_EQ:
    return C == 0 ? Test::ChildWhenTrue : C < 0 ? Test::ErrorWhenTrue : Test::Unknown;
  case BO_NE:
    return C == 0 ? Test::ParentWhenTrue : Test::Unknown;
  case BO_GT:
    return C == 0 ? Test::ParentWhenTrue : Test::Unknown;
  case BO_LT:
    return C == 0 ? Test::ErrorWhenTrue : Test::Unknown;
  case BO_LE:
    return C == 0 ? Test::ChildWhenTrue : Test::Unknown; // child, or the error case
  default:
    return Test::Unknown;
  }
}

void appendBranch(llvm::SmallVectorImpl<const Stmt *> &Out, const Stmt *Branch) {
  if (Branch)
    Out.push_back(Branch);
}

SourceLocation closeLocOf(const Stmt *Branch) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Branch))
    return Block->getRBracLoc();
  return {};
}

class SiteFinder {
public:
  SiteFinder(const FunctionDecl *FD, ASTContext &Ctx) : FD(FD), Ctx(Ctx) {}

  std::optional<ForkSite> analyse(const CallExpr *Fork);

private:
  /// Fills Child/Parent from an if statement that tests the fork result.
  /// Returns false when the statement says nothing about which is which.
  bool fromIf(const IfStmt *If, ForkSite &Site, const CompoundStmt *Block);
  bool fromSwitch(const SwitchStmt *Switch, ForkSite &Site);

  const FunctionDecl *FD;
  ASTContext &Ctx;
};

bool SiteFinder::fromIf(const IfStmt *If, ForkSite &Site, const CompoundStmt *Block) {
  switch (classifyTest(If->getCond(), Site.Fork, Site.Pid, Ctx)) {
  case Test::ChildWhenTrue:
    appendBranch(Site.Child, If->getThen());
    appendBranch(Site.Parent, If->getElse());
    Site.ChildEnd = regionEnd(If->getThen());
    Site.ChildCloseLoc = closeLocOf(If->getThen());
    return true;
  case Test::ParentWhenTrue:
    appendBranch(Site.Parent, If->getThen());
    if (const Stmt *Else = If->getElse()) {
      if (const auto *ElseIf = dyn_cast<IfStmt>(Else))
        return fromIf(ElseIf, Site, nullptr) || true;
      appendBranch(Site.Child, Else);
      Site.ChildEnd = regionEnd(Else);
      Site.ChildCloseLoc = closeLocOf(Else);
      return true;
    }
    // `if (pid > 0) { ...; return; }`: what follows runs in the child.
    if (Block && regionEnd(If->getThen()) != RegionEnd::FallsThrough) {
      bool After = false;
      for (const Stmt *S : Block->body()) {
        if (After)
          Site.Child.push_back(S);
        After |= S == If;
      }
      Site.ChildIsRestOfFunction = Block == FD->getBody();
      Site.ChildEnd = sequenceEnd(Site.Child);
      Site.ChildCloseLoc = Block->getRBracLoc();
      return !Site.Child.empty();
    }
    return false;
  case Test::ErrorWhenTrue:
    if (const auto *ElseIf = dyn_cast_or_null<IfStmt>(If->getElse()))
      return fromIf(ElseIf, Site, nullptr);
    return false;
  case Test::Unknown:
    return false;
  }
  return false;
}

bool SiteFinder::fromSwitch(const SwitchStmt *Switch, ForkSite &Site) {
  if (!isForkResult(Switch->getCond(), Site.Fork, Site.Pid))
    return false;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Switch->getBody());
  if (!Body)
    return false;
  // Statements from `case 0:` to the first break (or the next label).
  bool InChild = false, InParent = false;
  for (const Stmt *S : Body->body()) {
    const Stmt *Inner = S;
    bool IsLabel = false;
    while (const auto *Case = dyn_cast<SwitchCase>(Inner)) {
      IsLabel = true;
      InChild = false;
      InParent = false;
      if (const auto *CaseLabel = dyn_cast<CaseStmt>(Case)) {
        Expr::EvalResult Value;
        const Expr *LHS = CaseLabel->getLHS();
        if (LHS && !LHS->isValueDependent() && LHS->EvaluateAsInt(Value, Ctx))
          InChild = Value.Val.getInt() == 0;
      } else {
        InParent = true; // default:
      }
      Inner = Case->getSubStmt();
    }
    (void)IsLabel;
    if (isa<BreakStmt>(Inner)) {
      if (InChild)
        Site.ChildCloseLoc = Inner->getBeginLoc();
      InChild = InParent = false;
      continue;
    }
    if (InChild)
      Site.Child.push_back(Inner);
    if (InParent)
      Site.Parent.push_back(Inner);
  }
  Site.ChildEnd = sequenceEnd(Site.Child);
  return !Site.Child.empty();
}

std::optional<ForkSite> SiteFinder::analyse(const CallExpr *Fork) {
  ForkSite Site;
  Site.Fork = Fork;
  Site.IsVfork = Fork->getDirectCallee()->getName() == "vfork";

  // Walk up from the call: to a variable it initializes or is assigned to,
  // or to the if/switch whose condition it is part of.
  DynTypedNode Node = DynTypedNode::create(*Fork);
  const Stmt *Statement = nullptr; // the statement of the enclosing block
  while (true) {
    DynTypedNode Parent = singleParent(Node, Ctx);
    if (Parent.getNodeKind().isNone()) {
      // A condition variable (`switch (pid_t pid = fork())`) has two parents:
      // its DeclStmt and the statement it conditions. The statement decides.
      for (const DynTypedNode &Candidate : Ctx.getParents(Node))
        if (Candidate.get<IfStmt>() || Candidate.get<SwitchStmt>())
          Parent = Candidate;
      if (Parent.getNodeKind().isNone())
        return std::nullopt;
    }
    if (const auto *Var = Parent.get<VarDecl>()) {
      Site.Pid = Var;
    } else if (const auto *Assign = Parent.get<BinaryOperator>();
               Assign && Assign->getOpcode() == BO_Assign) {
      if (const auto *Ref = dyn_cast<DeclRefExpr>(Assign->getLHS()->IgnoreParenImpCasts()))
        Site.Pid = dyn_cast<VarDecl>(Ref->getDecl());
    }
    if (const auto *If = Parent.get<IfStmt>()) {
      const auto *Block = singleParent(Parent, Ctx).get<CompoundStmt>();
      if (fromIf(If, Site, Block)) {
        Site.Decision = If;
        return Site;
      }
      return std::nullopt;
    }
    if (const auto *Switch = Parent.get<SwitchStmt>()) {
      if (fromSwitch(Switch, Site)) {
        Site.Decision = Switch;
        return Site;
      }
      return std::nullopt;
    }
    if (Parent.get<CompoundStmt>()) {
      Statement = Node.get<Stmt>();
      break;
    }
    if (Parent.get<FunctionDecl>() || Parent.get<LambdaExpr>())
      return std::nullopt;
    Node = Parent;
  }
  if (!Site.Pid || !Statement)
    return std::nullopt;

  // The first if/switch after the fork that tests the pid decides.
  const auto *Block = singleParent(DynTypedNode::create(*Statement), Ctx).get<CompoundStmt>();
  bool After = false;
  for (const Stmt *S : Block->body()) {
    if (!After) {
      After = S == Statement;
      continue;
    }
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      ForkSite Candidate = Site;
      if (fromIf(If, Candidate, Block)) {
        Candidate.Decision = If;
        return Candidate;
      }
      // `if (pid < 0) { perror(); return; }` before the real decision.
      if (classifyTest(If->getCond(), Site.Fork, Site.Pid, Ctx) == Test::ErrorWhenTrue &&
          !If->getElse())
        continue;
      return std::nullopt;
    }
    if (const auto *Switch = dyn_cast<SwitchStmt>(S)) {
      ForkSite Candidate = Site;
      if (fromSwitch(Switch, Candidate)) {
        Candidate.Decision = Switch;
        return Candidate;
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

} // namespace

llvm::SmallVector<ForkSite, 2> findForkSites(const FunctionDecl *FD, ASTContext &Ctx) {
  llvm::SmallVector<ForkSite, 2> Sites;
  if (!FD || !FD->getBody())
    return Sites;
  struct ForkCalls : RecursiveASTVisitor<ForkCalls> {
    llvm::SmallVector<const CallExpr *, 2> Calls;
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    bool VisitCallExpr(CallExpr *Call) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (isGlobalCFunction(Callee) && !Callee->isInStdNamespace() &&
          (Callee->getName() == "fork" || Callee->getName() == "vfork"))
        Calls.push_back(Call);
      return true;
    }
  } Finder;
  Finder.TraverseStmt(FD->getBody());
  SiteFinder Analysis(FD, Ctx);
  for (const CallExpr *Fork : Finder.Calls)
    if (std::optional<ForkSite> Site = Analysis.analyse(Fork))
      Sites.push_back(std::move(*Site));
  return Sites;
}

} // namespace clang::tidy::parsafe::analysis
