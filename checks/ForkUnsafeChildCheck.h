//===--- ForkUnsafeChildCheck.h - parsafe-fork-unsafe-child ---------------===//
//
// Code in the child of fork() that is not safe there:
//  * calls that are not async-signal-safe (malloc, stdio, iostreams, locks,
//    std::thread, ...) when the process may have other threads;
//  * exit() or returning from main: atexit handlers and inherited stdio
//    buffers run and flush twice (fix-it: _exit);
//  * a child that leaves its branch and runs the parent's code (fix-it: _exit
//    at the end of the branch);
//  * anything but _exit and exec* after vfork().
//
// docs/checks/fork-unsafe-child.md
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_FORKUNSAFECHILDCHECK_H
#define PARSAFE_FORKUNSAFECHILDCHECK_H

#include "SpawnAwareCheck.h"
#include "analysis/ForkRegions.h"
#include <vector>

namespace clang::tidy::parsafe {

class ForkUnsafeChildCheck : public SpawnAwareCheck {
public:
  ForkUnsafeChildCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void checkRegionEnd(const FunctionDecl *Fn, const analysis::ForkSite &Site);
  void checkVforkChild(const analysis::ForkSite &Site);

  const bool AssumeMultithreaded;

  // Per translation unit: the thread evidence may come after the fork.
  ASTContext *Context = nullptr;
  const Expr *ThreadEvidence = nullptr;
  std::vector<analysis::ForkSite> Pending;
};

} // namespace clang::tidy::parsafe

#endif
