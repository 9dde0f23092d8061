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

#include "SpawnAwareCheck.h"

namespace clang::tidy::parsafe {

class StaticInitConcurrencyCheck : public SpawnAwareCheck {
public:
  StaticInitConcurrencyCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void reportStarts(const NamedDecl *Root, bool IsConstructorFunction, const Stmt *Init,
                    const SourceManager &SM);

  const unsigned MaxCallDepth;
};

} // namespace clang::tidy::parsafe

#endif
