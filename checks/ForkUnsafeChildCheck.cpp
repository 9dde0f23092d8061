//===--- ForkUnsafeChildCheck.cpp -----------------------------------------===//

#include "ForkUnsafeChildCheck.h"
#include "analysis/AsyncSignalSafe.h"
#include "analysis/ReachableCalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parsafe {

using analysis::ForkSite;
using analysis::ReachableCalls;
using analysis::RegionEnd;
using analysis::StartKind;

ForkUnsafeChildCheck::ForkUnsafeChildCheck(StringRef Name, ClangTidyContext *Context)
    : SpawnAwareCheck(Name, Context),
      AssumeMultithreaded(Options.get("AssumeMultithreaded", false)) {}

void ForkUnsafeChildCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "AssumeMultithreaded", AssumeMultithreaded);
  SpawnAwareCheck::storeOptions(Opts);
}

void ForkUnsafeChildCheck::registerMatchers(MatchFinder *Finder) {
  narrowTraversalToUserCode(Finder);
  auto ForkCall = callExpr(callee(functionDecl(hasAnyName("::fork", "::vfork"))));
  Finder->addMatcher(functionDecl(unless(isExpansionInSystemHeader()), isDefinition(),
                                  hasBody(hasDescendant(ForkCall))).bind("fn"),
                     this);
  // Evidence that the process may have other threads when it forks.
  Finder->addMatcher(expr(unless(isExpansionInSystemHeader()),
                          anyOf(callExpr(), cxxConstructExpr()))
                         .bind("start"), this);
}

static bool isThreadStart(StartKind Kind) {
  return Kind == StartKind::Thread || Kind == StartKind::Async ||
         Kind == StartKind::PosixThread || Kind == StartKind::C11Thread ||
         Kind == StartKind::ThreadPool || Kind == StartKind::UserFunction;
}

void ForkUnsafeChildCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  if (const auto *Start = Result.Nodes.getNodeAs<Expr>("start")) {
    if (!ThreadEvidence && !Start->containsErrors() &&
        !Result.SourceManager->isInSystemHeader(Start->getBeginLoc()))
      if (std::optional<StartKind> Kind = Starts.classify(Start); Kind && isThreadStart(*Kind))
        ThreadEvidence = Start;
    return;
  }
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Fn || Fn->isInvalidDecl() || Fn->isDependentContext())
    return;
  for (ForkSite &Site : analysis::findForkSites(Fn, *Result.Context)) {
    checkRegionEnd(Fn, Site);
    if (Site.IsVfork)
      checkVforkChild(Site);
    else
      Pending.push_back(std::move(Site));
  }
}

/// The last statement of the child's region, looking into a block.
static const Stmt *lastChildStatement(const ForkSite &Site) {
  if (Site.Child.empty())
    return nullptr;
  const Stmt *Last = Site.Child.back();
  while (const auto *Block = dyn_cast_or_null<CompoundStmt>(Last))
    Last = Block->body_empty() ? nullptr : Block->body_back();
  return Last;
}

void ForkUnsafeChildCheck::checkRegionEnd(const FunctionDecl *Fn, const ForkSite &Site) {
  const SourceManager &SM = Context->getSourceManager();
  // exit() and return-from-main in the child: run atexit handlers and flush
  // the stdio buffers inherited from the parent a second time.
  struct ExitFinder : RecursiveASTVisitor<ExitFinder> {
    llvm::SmallVector<const CallExpr *, 2> Exits;
    llvm::SmallVector<const ReturnStmt *, 2> Returns;
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    bool VisitCallExpr(CallExpr *Call) {
      const FunctionDecl *FD = Call->getDirectCallee();
      if (FD && FD->getIdentifier() && FD->getName() == "exit" &&
          analysis::isProcessExit(FD))
        Exits.push_back(Call);
      return true;
    }
    bool VisitReturnStmt(ReturnStmt *Return) {
      Returns.push_back(Return);
      return true;
    }
  } Finder;
  for (const Stmt *S : Site.Child)
    Finder.TraverseStmt(const_cast<Stmt *>(S));

  for (const CallExpr *Exit : Finder.Exits) {
    auto Warning = diag(Exit->getBeginLoc(),
                        "'exit' in the child of %select{fork|vfork}0() runs the parent's atexit "
                        "handlers and flushes the stdio buffers it inherited, writing their "
                        "contents a second time; use '_exit'")
                   << Site.IsVfork;
    const Expr *Callee = Exit->getCallee()->IgnoreImplicit();
    if (!Callee->getBeginLoc().isMacroID())
      Warning << FixItHint::CreateReplacement(Callee->getSourceRange(), "_exit");
  }
  if (Fn->isMain()) {
    for (const ReturnStmt *Return : Finder.Returns) {
      auto Warning = diag(Return->getBeginLoc(),
                          "returning from 'main' in the child of %select{fork|vfork}0() calls "
                          "exit(): the parent's atexit handlers run and its inherited stdio "
                          "buffers are flushed a second time; use '_exit'")
                     << Site.IsVfork;
      const Expr *Value = Return->getRetValue();
      if (Value && !Return->getBeginLoc().isMacroID() && !Value->getBeginLoc().isMacroID()) {
        StringRef Text = Lexer::getSourceText(
            CharSourceRange::getTokenRange(Value->getSourceRange()), SM, Context->getLangOpts());
        Warning << FixItHint::CreateReplacement(
            CharSourceRange::getTokenRange(Return->getBeginLoc(), Value->getEndLoc()),
            ("_exit(" + Text + ")").str());
      }
    }
  }

  // A child that leaves its branch runs the parent's code after it (in a
  // loop: forks again, from the child).
  bool LeavesBranch = Site.ChildEnd == RegionEnd::FallsThrough ||
                      (Site.ChildEnd == RegionEnd::Returns && !Fn->isMain());
  if (!LeavesBranch)
    return;
  // The rest of main ends with main's return: reported above as exit().
  if (Site.ChildIsRestOfFunction && Fn->isMain())
    return;
  const Stmt *Last = lastChildStatement(Site);
  const Expr *LastExpr = dyn_cast_or_null<Expr>(Last);
  const auto *LastCall = LastExpr ? dyn_cast<CallExpr>(LastExpr->IgnoreImplicit()) : nullptr;
  bool EndsWithExec = LastCall && analysis::isExec(LastCall->getDirectCallee());
  {
    auto Warning =
        diag(Site.Fork->getBeginLoc(),
             "%select{the child process can leave its branch and run the parent's code that "
             "follows|if '%1' fails, the child process continues into the parent's code}0")
        << EndsWithExec
        << (EndsWithExec ? LastCall->getDirectCallee()->getName() : StringRef());
    SourceLocation Close = Site.ChildCloseLoc;
    if (Close.isValid() && !Close.isMacroID() && SM.isWrittenInMainFile(Close) &&
        Site.ChildEnd == RegionEnd::FallsThrough) {
      unsigned Column = SM.getSpellingColumnNumber(Close);
      std::string Indent(Column > 0 ? Column - 1 : 0, ' ');
      bool BeforeBrace = isa<CompoundStmt>(Site.Child.back()) || Site.ChildIsRestOfFunction;
      std::string Text = (BeforeBrace ? "  " : "") + std::string("_exit(") +
                         (EndsWithExec ? "127" : "0") + ");\n" + Indent;
      Warning << FixItHint::CreateInsertion(Close, Text);
    }
  }
  if (Site.ChildCloseLoc.isValid())
    diag(Site.ChildCloseLoc, "the child's %select{branch|part of the function}0 ends here "
                             "without '_exit'",
         DiagnosticIDs::Note)
        << Site.ChildIsRestOfFunction;
  diag(Site.Fork->getBeginLoc(),
       "end the child with '_exit' (after a failed exec*, '_exit(127)'), or let "
       "parsafe::ProcessPool run the work in a worker process",
       DiagnosticIDs::Note);
}

void ForkUnsafeChildCheck::checkVforkChild(const ForkSite &Site) {
  // The vfork child borrows the parent's memory and stack: POSIX allows only
  // _exit and exec* (and the evaluation of their arguments).
  for (const Stmt *S : Site.Child) {
    const Stmt *Offending = nullptr;
    struct Finder : RecursiveASTVisitor<Finder> {
      const Stmt *Found = nullptr;
      bool VisitCallExpr(CallExpr *Call) {
        const FunctionDecl *FD = Call->getDirectCallee();
        if (!analysis::isExec(FD) && !(FD && FD->getIdentifier() &&
                                       (FD->getName() == "_exit" || FD->getName() == "_Exit")))
          Found = Call;
        return !Found;
      }
      bool VisitBinaryOperator(BinaryOperator *Op) {
        if (Op->isAssignmentOp())
          Found = Op;
        return !Found;
      }
      bool VisitReturnStmt(ReturnStmt *Return) {
        Found = Return;
        return false;
      }
    } F;
    F.TraverseStmt(const_cast<Stmt *>(S));
    Offending = F.Found;
    if (!Offending)
      continue;
    diag(Offending->getBeginLoc(),
         "only '_exit' and exec* may follow vfork() in the child: it shares the parent's memory "
         "and stack, and anything else is undefined behaviour");
    diag(Site.Fork->getBeginLoc(), "vfork() called here", DiagnosticIDs::Note);
    diag(Offending->getBeginLoc(),
         "use posix_spawn() to start another program, or fork() to run code in a child",
         DiagnosticIDs::Note);
    return; // one report per vfork
  }
}

namespace {
struct UnsafeCall {
  const Expr *Site;
  std::string What;
  llvm::SmallVector<analysis::CallStep, 4> Chain;
};

bool isHarmlessStdFunction(const FunctionDecl *FD) {
  if (!FD->isInStdNamespace() || !FD->getIdentifier())
    return false;
  return llvm::is_contained({"move", "forward", "addressof", "as_const", "move_if_noexcept",
                             "get", "min", "max", "clamp", "abs", "size", "data", "begin",
                             "end", "swap", "exchange"},
                            FD->getName());
}
} // namespace

void ForkUnsafeChildCheck::onEndOfTranslationUnit() {
  std::vector<ForkSite> Sites = std::move(Pending);
  Pending.clear();
  const Expr *Evidence = ThreadEvidence;
  ThreadEvidence = nullptr;
  if ((!Evidence && !AssumeMultithreaded) || !Context)
    return;
  const SourceManager &SM = Context->getSourceManager();
  ReachableCalls Walker(SM, 4);

  for (const ForkSite &Site : Sites) {
    llvm::SmallVector<UnsafeCall, 4> Unsafe;
    bool Ended = false;
    auto Visit = [&](const Expr *Call, llvm::ArrayRef<analysis::CallStep> Chain) {
      if (const auto *C = dyn_cast<CallExpr>(Call)) {
        const FunctionDecl *FD = C->getDirectCallee();
        if (!FD)
          return ReachableCalls::Action::Skip;
        // Operators (std::cout << x) have no identifier but are calls all the same.
        if (!FD->getIdentifier()) {
          if (SM.isInSystemHeader(FD->getLocation()) &&
              !(FD->getDeclContext()->isRecord() &&
                cast<CXXRecordDecl>(FD->getDeclContext())->getName() == "atomic"))
            Unsafe.push_back({Call, "'" + FD->getQualifiedNameAsString() + "'",
                              {Chain.begin(), Chain.end()}});
          return SM.isInSystemHeader(FD->getLocation()) ? ReachableCalls::Action::Skip
                                                        : ReachableCalls::Action::Descend;
        }
        if (analysis::isExec(FD) || analysis::isProcessExit(FD)) {
          // The region ends here; what follows an exec only runs if it failed.
          if (Chain.empty() && !FD->isNoReturn() && FD->getName() != "exit") {
            Ended = true;
            return ReachableCalls::Action::Stop;
          }
          return ReachableCalls::Action::Skip;
        }
        bool Library = !Walker.definitionCalled(C) &&
                       (SM.isInSystemHeader(FD->getLocation()) || FD->isExternC() ||
                        FD->getDeclContext()->getRedeclContext()->isTranslationUnit());
        if (FD->getName().starts_with("__builtin") || isHarmlessStdFunction(FD))
          return ReachableCalls::Action::Skip;
        if (SM.isInSystemHeader(FD->getLocation()) || (Library && FD->getBuiltinID())) {
          if (!analysis::isAsyncSignalSafe(FD->getName()) &&
              !(FD->getDeclContext()->isRecord() &&
                cast<CXXRecordDecl>(FD->getDeclContext())->getName() == "atomic"))
            Unsafe.push_back({Call, "'" + FD->getQualifiedNameAsString() + "'",
                              {Chain.begin(), Chain.end()}});
          return ReachableCalls::Action::Skip;
        }
        return ReachableCalls::Action::Descend;
      }
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(Call)) {
        const CXXConstructorDecl *Ctor = Construct->getConstructor();
        // Constructions written in the library itself (default arguments such
        // as allocators) are part of the call that is already reported.
        if (Ctor && !Ctor->isTrivial() && Ctor->getParent()->isInStdNamespace() &&
            SM.isInSystemHeader(Ctor->getLocation()) &&
            !SM.isInSystemHeader(Construct->getBeginLoc()))
          Unsafe.push_back({Call,
                            "constructing a '" +
                                Construct->getType().getUnqualifiedType().getAsString(
                                    PrintingPolicy(Context->getLangOpts())) +
                                "'",
                            {Chain.begin(), Chain.end()}});
        return ReachableCalls::Action::Descend;
      }
      return ReachableCalls::Action::Descend;
    };
    for (const Stmt *S : Site.Child) {
      Walker.walk(S, Visit);
      if (Ended)
        break;
    }
    // new and delete allocate even when no call is visible.
    struct AllocFinder : RecursiveASTVisitor<AllocFinder> {
      const Expr *Found = nullptr;
      bool TraverseLambdaExpr(LambdaExpr *) { return true; }
      bool VisitCXXNewExpr(CXXNewExpr *E) {
        if (!E->getNumPlacementArgs())
          Found = E;
        return !Found;
      }
      bool VisitCXXDeleteExpr(CXXDeleteExpr *E) {
        Found = E;
        return false;
      }
    } Alloc;
    for (const Stmt *S : Site.Child)
      Alloc.TraverseStmt(const_cast<Stmt *>(S));
    if (Alloc.Found)
      Unsafe.push_back({Alloc.Found,
                        isa<CXXNewExpr>(Alloc.Found) ? "'new' (malloc)" : "'delete' (free)",
                        {}});
    if (Unsafe.empty())
      continue;
    llvm::sort(Unsafe, [&SM](const UnsafeCall &A, const UnsafeCall &B) {
      SourceLocation LA = A.Chain.empty() ? A.Site->getBeginLoc() : A.Chain[0].Call->getBeginLoc();
      SourceLocation LB = B.Chain.empty() ? B.Site->getBeginLoc() : B.Chain[0].Call->getBeginLoc();
      return SM.isBeforeInTranslationUnit(LA, LB);
    });

    const UnsafeCall &First = Unsafe.front();
    SourceLocation Primary =
        First.Chain.empty() ? First.Site->getBeginLoc() : First.Chain[0].Call->getBeginLoc();
    if (First.Chain.empty())
      diag(Primary, "%0 is not async-signal-safe; in the child of fork() in a process that may "
                    "have other threads, it can deadlock on a lock another thread held at the "
                    "fork")
          << First.What;
    else
      diag(Primary, "%0 calls %1, which is not async-signal-safe; in the child of fork() in a "
                    "process that may have other threads, it can deadlock on a lock another "
                    "thread held at the fork")
          << First.Chain[0].Callee << First.What;
    for (unsigned I = 1; I < First.Chain.size(); ++I)
      diag(First.Chain[I].Call->getBeginLoc(), "%0 called here", DiagnosticIDs::Note)
          << First.Chain[I].Callee;
    if (!First.Chain.empty())
      diag(First.Site->getBeginLoc(), "%0 called here", DiagnosticIDs::Note) << First.What;
    for (unsigned I = 1; I < Unsafe.size() && I < 4; ++I)
      diag(Unsafe[I].Chain.empty() ? Unsafe[I].Site->getBeginLoc()
                                   : Unsafe[I].Chain[0].Call->getBeginLoc(),
           "%0 is not async-signal-safe either", DiagnosticIDs::Note)
          << Unsafe[I].What;
    diag(Site.Fork->getBeginLoc(), "fork() called here", DiagnosticIDs::Note);
    if (Evidence)
      diag(Evidence->getBeginLoc(),
           "the process may have other threads when it forks: one is started here",
           DiagnosticIDs::Note);
    diag(Primary,
         "between fork() and exec*() call only async-signal-safe functions (write, dup2, close, "
         "exec*, _exit); to run work in another process use posix_spawn() or "
         "parsafe::ProcessPool",
         DiagnosticIDs::Note);
  }
}

} // namespace clang::tidy::parsafe
