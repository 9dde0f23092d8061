//===--- UnboundedThreadSpawnCheck.h - parsafe-unbounded-thread-spawn -----===//
//
// One thread per data item: a thread started in every iteration of a loop
// whose trip count grows with the input (a range over a container, a bound of
// items.size(), input read until it ends), and not joined in that iteration.
//
// docs/checks/unbounded-thread-spawn.md
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_UNBOUNDEDTHREADSPAWNCHECK_H
#define PARSAFE_UNBOUNDEDTHREADSPAWNCHECK_H

#include "ClangTidyCheck.h"
#include "analysis/ConcurrencyStarts.h"
#include <string>

namespace clang::tidy::parsafe {

class UnboundedThreadSpawnCheck : public ClangTidyCheck {
public:
  UnboundedThreadSpawnCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  const std::string ThreadStartFunctions;
  const analysis::ConcurrencyStarts Starts;
};

} // namespace clang::tidy::parsafe

#endif
