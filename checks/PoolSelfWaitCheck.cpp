//===--- PoolSelfWaitCheck.cpp --------------------------------------------===//

#include "PoolSelfWaitCheck.h"
#include "analysis/ConcurrencyStarts.h"
#include "analysis/StmtContext.h"
#include "analysis/ThreadEntries.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parsafe {

PoolSelfWaitCheck::PoolSelfWaitCheck(StringRef Name, ClangTidyContext *Context)
    : ParsafeCheckBase(Name, Context),
      PoolClasses(Options.get("PoolClasses", "::ThreadPool;boost::asio::thread_pool;"
                                             "asio::thread_pool")),
      PoolClassNames(analysis::splitOptionList(PoolClasses)) {}

void PoolSelfWaitCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "PoolClasses", PoolClasses);
}

void PoolSelfWaitCheck::registerMatchers(MatchFinder *Finder) {
  narrowTraversalToUserCode(Finder);
  Finder->addMatcher(callExpr(unless(isExpansionInSystemHeader())).bind("submit"), this);
}

namespace {

bool isNamed(const CXXRecordDecl *Class, llvm::ArrayRef<std::string> Names) {
  if (!Class)
    return false;
  std::string Name = Class->getQualifiedNameAsString();
  for (const std::string &Pool : Names)
    if (Name == llvm::StringRef(Pool).ltrim(':'))
      return true;
  return false;
}

/// A submission to a pool of the configured classes: `pool.enqueue(f, ...)`
/// (any of the submission names), or Asio's `post(pool, f)`. Returns the
/// pool expression and the callable, or nulls.
std::pair<const Expr *, const Expr *> submission(const CallExpr *Call,
                                                 llvm::ArrayRef<std::string> Pools) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    if (analysis::isPoolSubmission(Member, Pools) &&
        isNamed(Member->getMethodDecl()->getParent(), Pools) && Call->getNumArgs() > 0)
      return {Member->getImplicitObjectArgument(), Call->getArg(0)};
    return {nullptr, nullptr};
  }
  const FunctionDecl *FD = Call->getDirectCallee();
  if (FD && FD->getIdentifier() && llvm::is_contained({"post", "dispatch", "defer"}, FD->getName()) &&
      Call->getNumArgs() >= 2 &&
      isNamed(Call->getArg(0)->getType().getNonReferenceType()->getAsCXXRecordDecl(), Pools))
    return {Call->getArg(0), Call->getArg(1)};
  return {nullptr, nullptr};
}

bool isBlockingWait(const CXXMemberCallExpr *Call) {
  const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
  return Method && Method->getIdentifier() &&
         llvm::is_contained({"get", "wait"}, Method->getName());
}

} // namespace

void PoolSelfWaitCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Outer = Result.Nodes.getNodeAs<CallExpr>("submit");
  if (!Outer || Outer->containsErrors() ||
      Result.SourceManager->isInSystemHeader(Outer->getBeginLoc()))
    return;
  auto [OuterPool, Callable] = submission(Outer, PoolClassNames);
  const ValueDecl *Pool = analysis::namedObject(OuterPool);
  if (!Pool || !Callable)
    return;
  // The task's code: a lambda, a function or a functor.
  analysis::ThreadEntry Entry = analysis::entryOfCallable(Callable);
  const FunctionDecl *Body = nullptr;
  if (!Entry.Function || !Entry.Function->hasBody(Body) || !Body)
    return;

  ASTContext &Ctx = *Result.Context;
  struct Finder : RecursiveASTVisitor<Finder> {
    const ValueDecl *Pool;
    llvm::ArrayRef<std::string> Pools;
    llvm::SmallVector<const CallExpr *, 2> Inner;
    bool VisitCallExpr(CallExpr *Call) {
      auto [InnerPool, InnerCallable] = submission(Call, Pools);
      if (InnerCallable && analysis::namedObject(InnerPool) == Pool)
        Inner.push_back(Call);
      return true;
    }
  } Submissions;
  Submissions.Pool = Pool;
  Submissions.Pools = PoolClassNames;
  Submissions.TraverseStmt(Body->getBody());

  for (const CallExpr *Inner : Submissions.Inner) {
    // The future of the inner submission: waited at once, or through a
    // variable waited later in the task.
    const CXXMemberCallExpr *Wait = nullptr;
    const Expr *Outermost = nullptr;
    DynTypedNode Consumer = analysis::valueConsumer(Inner, Ctx, Outermost);
    if (const auto *Member = Consumer.get<MemberExpr>())
      Wait = analysis::singleParent(DynTypedNode::create(*Member), Ctx).get<CXXMemberCallExpr>();
    else if (const auto *Future = Consumer.get<VarDecl>()) {
      struct WaitFinder : RecursiveASTVisitor<WaitFinder> {
        const VarDecl *Future;
        const CXXMemberCallExpr *Found = nullptr;
        bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
          if (!Found && isBlockingWait(Call) &&
              analysis::namedObject(Call->getImplicitObjectArgument()) == Future)
            Found = Call;
          return true;
        }
      } Waits;
      Waits.Future = Future;
      Waits.TraverseStmt(Body->getBody());
      Wait = Waits.Found;
    }
    // Asio: post(pool, std::move(task)) returns nothing; the future comes
    // from task.get_future() on the std::packaged_task that was posted.
    if (!Wait) {
      const auto *Moved = dyn_cast_or_null<CallExpr>(
          analysis::stripCopies(submission(Inner, PoolClassNames).second));
      const Expr *TaskExpr = Moved && Moved->getNumArgs() == 1 ? Moved->getArg(0)
                                                               : submission(Inner, PoolClassNames).second;
      const ValueDecl *Task = analysis::namedObject(TaskExpr);
      struct FutureOfTask : RecursiveASTVisitor<FutureOfTask> {
        const ValueDecl *Task;
        const VarDecl *Future = nullptr;
        const CXXMemberCallExpr *Wait = nullptr;
        bool VisitVarDecl(VarDecl *Var) {
          const auto *Get = dyn_cast_or_null<CXXMemberCallExpr>(
              Var->getInit() ? analysis::stripCopies(Var->getInit()) : nullptr);
          if (Task && Get && Get->getMethodDecl() && Get->getMethodDecl()->getIdentifier() &&
              Get->getMethodDecl()->getName() == "get_future" &&
              analysis::namedObject(Get->getImplicitObjectArgument()) == Task)
            Future = Var;
          return true;
        }
        bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
          if (Future && !Wait && isBlockingWait(Call) &&
              analysis::namedObject(Call->getImplicitObjectArgument()) == Future)
            Wait = Call;
          return true;
        }
      } Finder;
      Finder.Task = Task;
      Finder.TraverseStmt(Body->getBody());
      Wait = Finder.Wait;
    }
    if (!isBlockingWait(Wait))
      continue;
    diag(Wait->getExprLoc(), "task blocks on work it queued to its own pool %0; when every "
                             "worker does this, none is left to run the queued work and the "
                             "pool deadlocks")
        << Pool;
    diag(Inner->getBeginLoc(), "the work is queued to %0 here", DiagnosticIDs::Note) << Pool;
    diag(Outer->getBeginLoc(), "the waiting task itself runs on %0, queued here",
         DiagnosticIDs::Note)
        << Pool;
    diag(Wait->getExprLoc(),
         "use parsafe::ThreadPool, whose waiting workers run queued tasks, or do not block "
         "inside the task (return the future to the caller instead)",
         DiagnosticIDs::Note);
  }
}

} // namespace clang::tidy::parsafe
