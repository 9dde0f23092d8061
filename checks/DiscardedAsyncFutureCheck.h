//===--- DiscardedAsyncFutureCheck.h - parsafe-discarded-async-future -----===//
//
// std::async returns a future whose destructor waits for the task. A future
// that is discarded, waited for at once, or destroyed at the end of each loop
// iteration before anything else runs turns "parallel" code into serial code.
//
// docs/checks/discarded-async-future.md
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_DISCARDEDASYNCFUTURECHECK_H
#define PARSAFE_DISCARDEDASYNCFUTURECHECK_H

#include "ParsafeCheckBase.h"
#include "analysis/ConcurrencyStarts.h"

namespace clang::tidy::parsafe {

class DiscardedAsyncFutureCheck : public ParsafeCheckBase {
public:
  DiscardedAsyncFutureCheck(StringRef Name, ClangTidyContext *Context)
      : ParsafeCheckBase(Name, Context) {}
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void checkLoopLocal(const CallExpr *Async, const VarDecl *Future, ASTContext &Ctx);
  const analysis::ConcurrencyStarts Starts;
};

} // namespace clang::tidy::parsafe

#endif
