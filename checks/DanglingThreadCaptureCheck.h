//===--- DanglingThreadCaptureCheck.h - parsafe-dangling-thread-capture ---===//
//
// References and pointers to local variables given to a thread that can
// outlive the function: by-reference lambda captures, std::ref/std::cref
// arguments, &local and local arrays, when the thread is detached, moved out,
// returned, stored in a long-lived container, or (pthread) never joined.
//
// docs/checks/dangling-thread-capture.md
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_DANGLINGTHREADCAPTURECHECK_H
#define PARSAFE_DANGLINGTHREADCAPTURECHECK_H

#include "ClangTidyCheck.h"
#include "analysis/ConcurrencyStarts.h"
#include <string>

namespace clang::tidy::parsafe {

class DanglingThreadCaptureCheck : public ClangTidyCheck {
public:
  DanglingThreadCaptureCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  const std::string ThreadStartFunctions;
  const analysis::ConcurrencyStarts Starts;
};

} // namespace clang::tidy::parsafe

#endif
