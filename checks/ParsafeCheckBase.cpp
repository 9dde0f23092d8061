//===--- ParsafeCheckBase.cpp - base of every parsafe check --------------===//

#include "ParsafeCheckBase.h"
#include "analysis/EnabledChecks.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parsafe {

namespace {

/// Narrows the traversal scope of the AST it sees to the top-level
/// declarations outside system headers. Stateless, so one instance serves
/// every check and every translation unit (parsafe-check runs several at
/// once).
class UserCodeScope : public MatchFinder::MatchCallback {
public:
  void run(const MatchFinder::MatchResult &Result) override {
    ASTContext &Ctx = *Result.Context;
    std::vector<Decl *> Scope = Ctx.getTraversalScope();
    if (Scope.size() != 1 || !isa<TranslationUnitDecl>(Scope.front()))
      return; // Already narrowed, by another parsafe check or by the host.
    const SourceManager &SM = Ctx.getSourceManager();
    std::vector<Decl *> UserDecls;
    for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
      // Implicit declarations (builtin typedefs) have no location and stay.
      if (!SM.isInSystemHeader(D->getLocation()))
        UserDecls.push_back(D);
    Ctx.setTraversalScope(UserDecls);
  }
};

} // namespace

ParsafeCheckBase::ParsafeCheckBase(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      MayNarrowTraversal(!Context->getOptions().SystemHeaders.value_or(false) &&
                         analysis::enablesOnlyChecksWithPrefix(Context->getOptions().Checks.value_or(""),
                                                     "parsafe-")) {}

void ParsafeCheckBase::narrowTraversalToUserCode(MatchFinder *Finder) {
  static UserCodeScope Narrower;
  if (MayNarrowTraversal)
    Finder->addMatcher(translationUnitDecl(), &Narrower);
}

} // namespace clang::tidy::parsafe
