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

#include "SpawnAwareCheck.h"

namespace clang::tidy::parsafe {

class UnboundedThreadSpawnCheck : public SpawnAwareCheck {
public:
  UnboundedThreadSpawnCheck(StringRef Name, ClangTidyContext *Context)
      : SpawnAwareCheck(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace clang::tidy::parsafe

#endif
