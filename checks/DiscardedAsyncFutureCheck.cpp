//===--- DiscardedAsyncFutureCheck.cpp ------------------------------------===//

#include "DiscardedAsyncFutureCheck.h"
#include "analysis/StmtContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parsafe {

using analysis::StartKind;

static constexpr llvm::StringLiteral KeepFutures =
    "keep the futures until every task is launched (collect them in a "
    "std::vector and call get() afterwards), or use parsafe::ThreadPool::submit or "
    "parsafe::ThreadPool::map";

void DiscardedAsyncFutureCheck::registerMatchers(MatchFinder *Finder) {
  narrowTraversalToUserCode(Finder);
  Finder->addMatcher(callExpr(unless(isExpansionInSystemHeader()),
                              callee(functionDecl(hasName("::std::async"))))
                         .bind("async"),
                     this);
}

/// The member call `x.m()` that a `x.m` member expression belongs to.
static const CXXMemberCallExpr *singleParentCall(const MemberExpr *Member, ASTContext &Ctx) {
  return analysis::singleParent(DynTypedNode::create(*Member), Ctx).get<CXXMemberCallExpr>();
}

static bool isWaitMember(const CXXMemberCallExpr *Call) {
  const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
  return Method && Method->getIdentifier() &&
         (Method->getName() == "get" || Method->getName() == "wait");
}

void DiscardedAsyncFutureCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Async = Result.Nodes.getNodeAs<CallExpr>("async");
  ASTContext &Ctx = *Result.Context;
  if (!Async || Async->containsErrors() || Starts.classify(Async) != StartKind::Async)
    return;

  const Expr *Outermost = nullptr;
  DynTypedNode Consumer = analysis::valueConsumer(Async, Ctx, Outermost);

  // `std::async(...);` or `(void)std::async(...);`: the temporary future dies
  // at the end of the full-expression and waits there.
  // A statement that is not an expression and not a return consumes nothing:
  // the call is an expression-statement (in a block or as a loop/if body).
  const auto *AsStmt = Consumer.get<Stmt>();
  bool IsStatement = AsStmt && !isa<Expr>(AsStmt) && !isa<ReturnStmt>(AsStmt);
  const auto *VoidCast = Consumer.get<ExplicitCastExpr>();
  if (IsStatement || (VoidCast && VoidCast->getType()->isVoidType())) {
    diag(Async->getBeginLoc(), "future returned by 'std::async' is discarded; its destructor "
                               "waits for the task, so this call runs synchronously");
    diag(Async->getBeginLoc(),
         "keep the future and call get() when the result is needed; for fire-and-forget work "
         "use parsafe::ThreadPool::detach, which also reports the task's exceptions",
         DiagnosticIDs::Note);
    return;
  }

  // `std::async(...).get()`: launched and waited for in one breath.
  if (const auto *Member = Consumer.get<MemberExpr>()) {
    const auto *Call = singleParentCall(Member, Ctx);
    if (isWaitMember(Call)) {
      diag(Async->getBeginLoc(), "result of 'std::async' is waited for at once, so the task "
                                 "runs synchronously on another thread");
      diag(Async->getBeginLoc(), "%0", DiagnosticIDs::Note) << KeepFutures;
    }
    return;
  }

  if (const auto *Var = Consumer.get<VarDecl>())
    if (Var->isLocalVarDecl() && Var->hasLocalStorage() && Var->getInit() == Outermost)
      checkLoopLocal(Async, Var, Ctx);
}

namespace {
/// Finds the uses of a variable inside a statement.
class UseCollector : public RecursiveASTVisitor<UseCollector> {
public:
  explicit UseCollector(const VarDecl *Var) : Var(Var) {}
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (Ref->getDecl() == Var)
      Uses.push_back(Ref);
    return true;
  }
  const VarDecl *Var;
  llvm::SmallVector<const DeclRefExpr *, 4> Uses;
};
} // namespace

void DiscardedAsyncFutureCheck::checkLoopLocal(const CallExpr *Async, const VarDecl *Future,
                                               ASTContext &Ctx) {
  // The declaration must be a statement of the loop body's own block: its
  // future then dies at the end of every iteration.
  DynTypedNode DeclNode = analysis::singleParent(DynTypedNode::create(*Future), Ctx);
  const auto *Decl = DeclNode.get<DeclStmt>();
  if (!Decl)
    return;
  const auto *Block = analysis::singleParent(DeclNode, Ctx).get<CompoundStmt>();
  const Stmt *Loop = analysis::enclosingLoop(Decl, Ctx);
  if (!Block || !Loop || analysis::loopBody(Loop) != Block)
    return;

  UseCollector Collector(Future);
  Collector.TraverseStmt(const_cast<CompoundStmt *>(Block));
  // Any use but get()/wait() (a move into a container, a reference passed on)
  // lets the future outlive the iteration.
  const Stmt *FirstWait = nullptr;
  for (const DeclRefExpr *Use : Collector.Uses) {
    // `f.wait()` reaches wait() through a derived-to-base cast to __basic_future.
    const Expr *Outer = nullptr;
    const auto *Member = analysis::valueConsumer(Use, Ctx, Outer).get<MemberExpr>();
    const CXXMemberCallExpr *Call = Member ? singleParentCall(Member, Ctx) : nullptr;
    if (!isWaitMember(Call))
      return;
    if (!FirstWait)
      FirstWait = Call;
  }

  // Nothing may run between the launch and the wait: work done in between
  // overlaps with the task, which is the point of std::async.
  auto It = llvm::find(Block->body(), Decl);
  const Stmt *Next = std::next(It) == Block->body_end() ? nullptr : *std::next(It);
  if (Next) {
    if (!FirstWait)
      return;
    // The next statement must be the one that waits.
    UseCollector InNext(Future);
    InNext.TraverseStmt(const_cast<Stmt *>(Next));
    if (InNext.Uses.empty())
      return;
  }

  diag(Async->getBeginLoc(),
       "%select{future %1 is destroyed at the end of each loop iteration|"
       "future %1 is waited for right after it is launched}0; each iteration waits for "
       "its task before the next one starts, so the loop runs serially")
      << (Next != nullptr) << Future;
  diag(Loop->getBeginLoc(), "loop here", DiagnosticIDs::Note);
  diag(Async->getBeginLoc(), "%0", DiagnosticIDs::Note) << KeepFutures;
}

} // namespace clang::tidy::parsafe
