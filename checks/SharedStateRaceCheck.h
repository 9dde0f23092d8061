//===--- SharedStateRaceCheck.h - parsafe-shared-state-race ---------------===//
//
// Data races without annotations: two accesses to the same object from
// threads that may run at the same time, at least one a write, with no lock
// in common. The reasoning lives in analysis/Races (the race engine).
//
// docs/checks/shared-state-race.md
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_SHAREDSTATERACECHECK_H
#define PARSAFE_SHAREDSTATERACECHECK_H

#include "SpawnAwareCheck.h"
#include "analysis/Races.h"

namespace clang::tidy::parsafe {

class SharedStateRaceCheck : public SpawnAwareCheck {
public:
  SharedStateRaceCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void report(const analysis::Race &R);
  const std::string ThreadSafeTypes;
  const bool LibraryFunctionsAsThreads;
  analysis::RaceOptions RaceOptions;
  /// Summaries are per TU: made at the first function, dropped at the end.
  std::unique_ptr<analysis::RaceAnalysis> Analysis;
  /// For a TU without main that starts no thread (a library): its
  /// externally visible functions that take a lock.
  std::vector<const FunctionDecl *> LibraryEntries;
  bool SawMainOrStart = false;
};

} // namespace clang::tidy::parsafe

#endif
