//===--- MissingMainGuardCheck.h - parsafe-missing-main-guard -------------===//
//
// A process pool that starts workers by re-executing the program runs main()
// again in every worker. Unless main() first dispatches workers
// (PARSAFE_MAIN_GUARD(argc, argv)), every worker re-runs the program and
// starts a pool of its own. Reports a main() without the guard, or with
// statements that have side effects before it.
//
// docs/checks/missing-main-guard.md
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_MISSINGMAINGUARDCHECK_H
#define PARSAFE_MISSINGMAINGUARDCHECK_H

#include "ParsafeCheckBase.h"
#include "analysis/ConcurrencyStarts.h"
#include <string>

namespace clang::tidy::parsafe {

class MissingMainGuardCheck : public ParsafeCheckBase {
public:
  MissingMainGuardCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  const std::string ReexecutingFunctions;
  const std::string GuardMacros;
  const bool DefaultStartIsSpawn;
  const analysis::ConcurrencyStarts Reexecuting;
  llvm::SmallVector<std::string, 2> GuardMacroNames;

  // Collected over the TU, reported at its end (main may come first).
  const FunctionDecl *Main = nullptr;
  const Expr *FirstReexec = nullptr;
  std::string FirstReexecWhat;
  ASTContext *Context = nullptr;
};

} // namespace clang::tidy::parsafe

#endif
