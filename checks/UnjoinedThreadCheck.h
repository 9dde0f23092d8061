//===--- UnjoinedThreadCheck.h - parsafe-unjoined-thread ------------------===//
//
// A std::thread destroyed while joinable calls std::terminate. Reports local
// threads (and local containers of threads) that some path — an early
// return, a break, an exception — destroys before join() or detach().
//
// docs/checks/unjoined-thread.md
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_UNJOINEDTHREADCHECK_H
#define PARSAFE_UNJOINEDTHREADCHECK_H

#include "ParsafeCheckBase.h"
#include "analysis/ConcurrencyStarts.h"

namespace clang::tidy::parsafe {

class UnjoinedThreadCheck : public ParsafeCheckBase {
public:
  UnjoinedThreadCheck(StringRef Name, ClangTidyContext *Context)
      : ParsafeCheckBase(Name, Context) {}
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  const analysis::ConcurrencyStarts Starts;
};

} // namespace clang::tidy::parsafe

#endif
