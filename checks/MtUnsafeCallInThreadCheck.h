//===--- MtUnsafeCallInThreadCheck.h - parsafe-mt-unsafe-call-in-thread ---===//
//
// Non-reentrant C library functions (strtok, localtime, rand, getenv, ...)
// keep state in a static buffer that every thread shares. Reports calls to
// them in code reachable from a thread entry — and only there: unlike
// clang-tidy's concurrency-mt-unsafe, single-threaded code is left alone.
//
// docs/checks/mt-unsafe-call-in-thread.md
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_MTUNSAFECALLINTHREADCHECK_H
#define PARSAFE_MTUNSAFECALLINTHREADCHECK_H

#include "SpawnAwareCheck.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include <string>

namespace clang::tidy::parsafe {

class MtUnsafeCallInThreadCheck : public SpawnAwareCheck {
public:
  MtUnsafeCallInThreadCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  const std::string ExtraFunctions;
  const std::string IgnoredFunctions;
  /// Unsafe function name -> the reentrant replacement (may be empty).
  llvm::StringMap<std::string> Unsafe;
  /// Calls already reported: a helper reached from several threads is
  /// reported once.
  llvm::DenseSet<const Expr *> Reported;
};

} // namespace clang::tidy::parsafe

#endif
