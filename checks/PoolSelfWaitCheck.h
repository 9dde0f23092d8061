//===--- PoolSelfWaitCheck.h - parsafe-pool-self-wait ---------------------===//
//
// A task that blocks (get/wait) on work it queued to the pool it runs on.
// When every worker does that, no worker is left to run the queued work and
// the pool deadlocks. Pools are the classes named in the options (hand-written
// pools whose enqueue returns std::future) and Asio thread pools;
// parsafe::ThreadPool is silent: its waiting workers run queued tasks.
//
// docs/checks/pool-self-wait.md
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_POOLSELFWAITCHECK_H
#define PARSAFE_POOLSELFWAITCHECK_H

#include "ParsafeCheckBase.h"
#include <string>

namespace clang::tidy::parsafe {

class PoolSelfWaitCheck : public ParsafeCheckBase {
public:
  PoolSelfWaitCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  const std::string PoolClasses;
  llvm::SmallVector<std::string, 4> PoolClassNames;
};

} // namespace clang::tidy::parsafe

#endif
