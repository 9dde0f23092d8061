//===--- ForkLostWriteCheck.cpp -------------------------------------------===//

#include "ForkLostWriteCheck.h"
#include "analysis/Accesses.h"
#include "analysis/ForkRegions.h"
#include "analysis/ReachableCalls.h"
#include "analysis/StmtContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parsafe {

using analysis::Access;
using analysis::AccessKind;

void ForkLostWriteCheck::registerMatchers(MatchFinder *Finder) {
  narrowTraversalToUserCode(Finder);
  auto ForkCall = callExpr(callee(functionDecl(hasName("::fork"))));
  Finder->addMatcher(functionDecl(unless(isExpansionInSystemHeader()), isDefinition(),
                                  hasBody(hasDescendant(ForkCall))).bind("fn"),
                     this);
}

/// Objects whose change the parent could see: globals and statics, and locals
/// of the forking function declared before the fork. A variable declared in
/// the child's own region is the child's business.
static bool visibleToParent(const VarDecl *Var, const FunctionDecl *Fn, const CallExpr *Fork,
                            const SourceManager &SM) {
  if (Var->getType().isConstQualified() || Var->isConstexpr())
    return false;
  if (Var->hasGlobalStorage() && !Var->getTLSKind())
    return true;
  return Var->hasLocalStorage() && Var->getParentFunctionOrMethod() == Fn &&
         !Var->getType()->isReferenceType() &&
         SM.isBeforeInTranslationUnit(Var->getLocation(), Fork->getBeginLoc());
}

void ForkLostWriteCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Fn || Fn->isInvalidDecl() || Fn->isDependentContext())
    return;
  ASTContext &Ctx = *Result.Context;
  const SourceManager &SM = *Result.SourceManager;

  for (const analysis::ForkSite &Site : analysis::findForkSites(Fn, Ctx)) {
    if (Site.IsVfork || Site.Child.empty() || !Site.Decision)
      continue;
    // What the child writes: in its own statements, and in the functions of
    // this TU it calls (globals only there: their locals are theirs).
    llvm::DenseMap<const VarDecl *, const Expr *> ChildWrites;
    llvm::DenseMap<const VarDecl *, const Expr *> ChildCallSite;
    for (const Stmt *S : Site.Child) {
      for (const Access &A : analysis::accessesIn(S))
        if (A.Kind == AccessKind::Write && visibleToParent(A.Object, Fn, Site.Fork, SM))
          ChildWrites.try_emplace(A.Object, A.Where);
      analysis::ReachableCalls Walker(SM, 4);
      Walker.walk(S, [&](const Expr *Call, llvm::ArrayRef<analysis::CallStep>) {
        if (const FunctionDecl *Callee = Walker.definitionCalled(Call))
          for (const Access &A : analysis::accessesIn(Callee->getBody()))
            if (A.Kind == AccessKind::Write && A.Object->hasGlobalStorage() &&
                !A.Object->getTLSKind() && !A.Object->getType().isConstQualified() &&
                ChildWrites.try_emplace(A.Object, A.Where).second)
              ChildCallSite[A.Object] = Call;
        return analysis::ReachableCalls::Action::Descend;
      });
    }
    if (ChildWrites.empty())
      continue;

    // What the parent does after the decision: its own branch, then what
    // follows in every enclosing block (after the loop around a fork, too).
    llvm::SmallVector<const Stmt *, 8> ParentCode(Site.Parent.begin(), Site.Parent.end());
    DynTypedNode Node = DynTypedNode::create(*Site.Decision);
    while (!Site.ChildIsRestOfFunction) {
      DynTypedNode Parent = analysis::singleParent(Node, Ctx);
      if (Parent.getNodeKind().isNone() || Parent.get<FunctionDecl>() || Parent.get<LambdaExpr>())
        break;
      if (const auto *Block = Parent.get<CompoundStmt>()) {
        bool After = false;
        for (const Stmt *S : Block->body()) {
          if (After)
            ParentCode.push_back(S);
          After |= S == Node.get<Stmt>();
        }
      }
      Node = Parent;
    }
    llvm::DenseMap<const VarDecl *, bool> Reported;
    for (const Stmt *S : ParentCode) {
      for (const Access &A : analysis::accessesIn(S)) {
        auto Write = ChildWrites.find(A.Object);
        if (Write == ChildWrites.end() || Reported.count(A.Object))
          continue;
        // The parent overwrote it first: its own value is what it reads.
        if (A.Kind == AccessKind::Write) {
          Reported[A.Object] = false;
          continue;
        }
        Reported[A.Object] = true;
        // A write made in a helper is reported at the child's call: that is
        // the line to change.
        auto Via = ChildCallSite.find(A.Object);
        SourceLocation Primary = Via != ChildCallSite.end() ? Via->second->getBeginLoc()
                                                            : Write->second->getBeginLoc();
        diag(Primary, "the child's write to %0 changes only the child's copy of memory; the "
                      "parent reads %0 after fork() and never sees it")
            << A.Object;
        if (Via != ChildCallSite.end())
          diag(Write->second->getBeginLoc(), "the called function writes %0 here",
               DiagnosticIDs::Note)
              << A.Object;
        diag(A.Where->getBeginLoc(), "the parent reads %0 here", DiagnosticIDs::Note)
            << A.Object;
        diag(Site.Fork->getBeginLoc(), "the processes split here", DiagnosticIDs::Note);
        diag(Primary,
             "send the value back through a pipe, return it from a parsafe::ProcessPool task, "
             "or keep it in memory mapped with MAP_SHARED",
             DiagnosticIDs::Note);
      }
    }
  }
}

} // namespace clang::tidy::parsafe
