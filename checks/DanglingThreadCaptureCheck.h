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

#include "SpawnAwareCheck.h"

namespace clang::tidy::parsafe {

class DanglingThreadCaptureCheck : public SpawnAwareCheck {
public:
  DanglingThreadCaptureCheck(StringRef Name, ClangTidyContext *Context)
      : SpawnAwareCheck(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace clang::tidy::parsafe

#endif
