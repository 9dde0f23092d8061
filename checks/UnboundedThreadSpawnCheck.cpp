//===--- UnboundedThreadSpawnCheck.cpp ------------------------------------===//

#include "UnboundedThreadSpawnCheck.h"
#include "analysis/LoopBounds.h"
#include "analysis/StmtContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parsafe {

using analysis::LoopBound;
using analysis::StartKind;

void UnboundedThreadSpawnCheck::registerMatchers(MatchFinder *Finder) {
  narrowTraversalToUserCode(Finder);
  // The classifier decides what starts a thread; asking it first is cheaper
  // than an ancestor matcher on every call.
  Finder->addMatcher(expr(unless(isExpansionInSystemHeader()),
                          anyOf(callExpr(), cxxConstructExpr()))
                         .bind("spawn"), this);
}

static bool startsOneThread(StartKind Kind) {
  switch (Kind) {
  case StartKind::Thread:
  case StartKind::Async:
  case StartKind::PosixThread:
  case StartKind::C11Thread:
  case StartKind::UserFunction:
    return true;
  default:
    return false;
  }
}

void UnboundedThreadSpawnCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Spawn = Result.Nodes.getNodeAs<Expr>("spawn");
  ASTContext &Ctx = *Result.Context;
  if (!Spawn || Spawn->containsErrors())
    return;
  std::optional<StartKind> Kind = Starts.classify(Spawn);
  if (!Kind || !startsOneThread(*Kind))
    return;

  // Walk out through the enclosing loops. A join inside a loop's body bounds
  // the threads alive at once to what that body starts; otherwise the first
  // data-dependent loop multiplies them by the size of the input.
  for (const Stmt *Loop = analysis::enclosingLoop(Spawn, Ctx); Loop;
       Loop = analysis::enclosingLoop(Loop, Ctx)) {
    if (analysis::containsThreadJoin(analysis::loopBody(Loop)))
      return;
    if (analysis::classifyLoopBound(Loop, Ctx) != LoopBound::DataDependent)
      continue;
    diag(Spawn->getBeginLoc(),
         "%0 started for every iteration of a loop over data; the number of threads "
         "grows with the input")
        << analysis::describeStart(*Kind, Spawn);
    diag(Loop->getBeginLoc(), "the loop's trip count depends on the data",
         DiagnosticIDs::Note);
    diag(Spawn->getBeginLoc(),
         "use a bounded pool instead: parsafe::ThreadPool "
         "pool(std::thread::hardware_concurrency()); pool.map(fn, items) runs at most that "
         "many at once and returns the results in input order",
         DiagnosticIDs::Note);
    return;
  }
}

} // namespace clang::tidy::parsafe
