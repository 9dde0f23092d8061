//===--- SpawnAwareCheck.h - base of checks that know what starts threads -===//
//
// Many parsafe checks ask "does this start a thread or a process?" and let
// users name more start functions in an option. This base owns that option
// and the shared classifier, so each check does not repeat them.
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_SPAWNAWARECHECK_H
#define PARSAFE_SPAWNAWARECHECK_H

#include "ParsafeCheckBase.h"
#include "analysis/ConcurrencyStarts.h"
#include <string>

namespace clang::tidy::parsafe {

class SpawnAwareCheck : public ParsafeCheckBase {
public:
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override {
    Options.store(Opts, StartOptionName, StartFunctions);
  }

protected:
  /// \p OptionName names the option listing extra start functions
  /// (semicolon-separated qualified names).
  SpawnAwareCheck(StringRef Name, ClangTidyContext *Context,
                  StringRef OptionName = "ThreadStartFunctions")
      : ParsafeCheckBase(Name, Context), StartOptionName(OptionName.str()),
        StartFunctions(Options.get(OptionName, "")),
        Starts(analysis::splitOptionList(StartFunctions)) {}

  const std::string StartOptionName;
  const std::string StartFunctions;
  const analysis::ConcurrencyStarts Starts;
};

} // namespace clang::tidy::parsafe

#endif
