//===--- StaticInitConcurrencyCheck.cpp -----------------------------------===//

#include "StaticInitConcurrencyCheck.h"
#include "analysis/ReachableCalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parsafe {

using analysis::CallStep;
using analysis::ReachableCalls;
using analysis::StartKind;

StaticInitConcurrencyCheck::StaticInitConcurrencyCheck(StringRef Name,
                                                       ClangTidyContext *Context)
    : SpawnAwareCheck(Name, Context, "ConcurrencyStartFunctions"),
      MaxCallDepth(Options.get("MaxCallDepth", 16U)) {}

void StaticInitConcurrencyCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  SpawnAwareCheck::storeOptions(Opts);
  Options.store(Opts, "MaxCallDepth", MaxCallDepth);
}

void StaticInitConcurrencyCheck::registerMatchers(MatchFinder *Finder) {
  narrowTraversalToUserCode(Finder);
  // Function-local statics are initialized when control first reaches them:
  // after main starts, unless a static initializer calls their function, and
  // the walk from that initializer finds them there.
  Finder->addMatcher(varDecl(unless(isExpansionInSystemHeader()), hasGlobalStorage(),
                             unless(isStaticLocal()),
                             unless(hasThreadStorageDuration()), hasInitializer(expr()))
                         .bind("var"),
                     this);
  Finder->addMatcher(functionDecl(unless(isExpansionInSystemHeader()), isDefinition(),
                                  hasAttr(attr::Constructor)).bind("ctor-fn"),
                     this);
}

void StaticInitConcurrencyCheck::check(const MatchFinder::MatchResult &Result) {
  const SourceManager &SM = *Result.SourceManager;
  if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("var")) {
    const Expr *Init = Var->getInit();
    if (Var->isInvalidDecl() || !Init || Init->containsErrors() || Init->isValueDependent() ||
        Var->getDeclContext()->isDependentContext())
      return;
    // Constant initialization happens before any code runs; only dynamic
    // initializers execute calls.
    if (Var->hasConstantInitialization())
      return;
    reportStarts(Var, /*IsConstructorFunction=*/false, Init, SM);
    return;
  }
  if (const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("ctor-fn")) {
    if (Fn->isInvalidDecl() || Fn->isDependentContext() || !Fn->getBody() ||
        Fn->isInvalidDecl())
      return;
    reportStarts(Fn, /*IsConstructorFunction=*/true, nullptr, SM);
  }
}

static StringRef recommendation(StartKind Kind) {
  if (analysis::startsProcess(Kind))
    return "start processes from 'main', after 'PARSAFE_MAIN_GUARD(argc, argv)': create a "
           "parsafe::ProcessPool there, so re-executed workers never reach it";
  return "start it from 'main' instead: create a parsafe::ThreadPool there and pass it to the "
         "code that needs it";
}

void StaticInitConcurrencyCheck::reportStarts(const NamedDecl *Root, bool IsConstructorFunction,
                                              const Stmt *Init, const SourceManager &SM) {
  struct Finding {
    const Expr *Site;
    StartKind Kind;
    llvm::SmallVector<CallStep, 4> Chain;
  };
  llvm::SmallVector<Finding, 2> Findings;
  llvm::SmallPtrSet<const Expr *, 4> Seen;
  auto Visit = [&](const Expr *Call, llvm::ArrayRef<CallStep> Chain) {
    std::optional<StartKind> Kind = Starts.classify(Call);
    if (!Kind)
      return ReachableCalls::Action::Descend;
    if (Seen.insert(Call).second)
      Findings.push_back({Call, *Kind, {Chain.begin(), Chain.end()}});
    // What the started thread runs is not static initialization.
    return ReachableCalls::Action::Skip;
  };
  ReachableCalls Walker(SM, MaxCallDepth);
  if (IsConstructorFunction)
    Walker.walkFunction(cast<FunctionDecl>(Root), Visit);
  else
    Walker.walk(Init, Visit);

  for (const Finding &F : Findings) {
    std::string What = analysis::describeStart(F.Kind, F.Site);
    if (IsConstructorFunction)
      diag(Root->getLocation(),
           "constructor function %0 starts %1 before 'main' runs")
          << Root << What;
    else
      diag(Root->getLocation(),
           "dynamic initialization of %0 starts %1 before 'main' runs")
          << Root << What;
    for (const CallStep &Step : F.Chain)
      diag(Step.Call->getBeginLoc(), "%select{%1 called|constructor of %1 runs}0 here",
           DiagnosticIDs::Note)
          << isa<CXXConstructorDecl>(Step.Callee)
          << (isa<CXXConstructorDecl>(Step.Callee)
                  ? cast<NamedDecl>(cast<CXXConstructorDecl>(Step.Callee)->getParent())
                  : cast<NamedDecl>(Step.Callee));
    diag(F.Site->getBeginLoc(), "%0 started here", DiagnosticIDs::Note)
        << analysis::describeStart(F.Kind, F.Site);
    diag(Root->getLocation(),
         "static initialization runs before 'main', in every re-executed worker process, and in "
         "an unspecified order across translation units; %0",
         DiagnosticIDs::Note)
        << recommendation(F.Kind);
  }
}

} // namespace clang::tidy::parsafe
