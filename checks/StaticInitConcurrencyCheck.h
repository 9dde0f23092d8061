//===--- StaticInitConcurrencyCheck.h - parsafe-static-init-concurrency ---===//
//
// Finds threads, async work, pools, fork, exec, system and posix_spawn started
// while static storage is initialized: by dynamic initializers of variables
// with static storage duration (namespace scope, static members, inline
// variables), directly or through calls defined in the translation unit, and
// by __attribute__((constructor)) functions.
//
// docs/checks/static-init-concurrency.md
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_STATICINITCONCURRENCYCHECK_H
#define PARSAFE_STATICINITCONCURRENCYCHECK_H

#include "ClangTidyCheck.h"
#include "analysis/ConcurrencyStarts.h"
#include <string>

namespace clang::tidy::parsafe {

class StaticInitConcurrencyCheck : public ClangTidyCheck {
public:
  StaticInitConcurrencyCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void reportStarts(const NamedDecl *Root, bool IsConstructorFunction, const Stmt *Init,
                    const SourceManager &SM);

  const std::string ConcurrencyStartFunctions;
  const unsigned MaxCallDepth;
  const analysis::ConcurrencyStarts Starts;
};

} // namespace clang::tidy::parsafe

#endif
