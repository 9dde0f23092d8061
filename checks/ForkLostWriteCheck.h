//===--- ForkLostWriteCheck.h - parsafe-fork-lost-write -------------------===//
//
// After fork(), the child writes a variable that the parent reads later,
// expecting to see the child's change — the C++ form of appending to a plain
// list in a child process. The child has its own copy of memory: the parent
// never sees the write.
//
// docs/checks/fork-lost-write.md
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_FORKLOSTWRITECHECK_H
#define PARSAFE_FORKLOSTWRITECHECK_H

#include "ParsafeCheckBase.h"

namespace clang::tidy::parsafe {

class ForkLostWriteCheck : public ParsafeCheckBase {
public:
  ForkLostWriteCheck(StringRef Name, ClangTidyContext *Context) : ParsafeCheckBase(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace clang::tidy::parsafe

#endif
