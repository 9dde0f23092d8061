//===--- ParsafeCheckBase.h - base of every parsafe check ----------------===//
//
// clang-tidy matches every node of the translation unit, system headers
// included, and throws the system-header diagnostics away at the end. For a
// typical parsafe input (a few hundred lines including <thread>, <vector> and
// <mutex>) the headers are over 95% of the AST, so walking them is most of
// the analysis cost. parsafe's checks never report in system headers, so when
// parsafe's checks are the only AST matchers enabled and system-header
// diagnostics are off, the traversal is narrowed to the top-level
// declarations outside system headers (what clangd does for its main file).
// Function bodies in system headers stay reachable to the analysis through
// their declarations; only the matcher walk skips them.
//
// With any other matcher-based check enabled (or `SystemHeaders: true`) the
// traversal is left alone: another check may rely on seeing system headers,
// and the static analyzer walks the same traversal scope.
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_PARSAFECHECKBASE_H
#define PARSAFE_PARSAFECHECKBASE_H

#include "ClangTidyCheck.h"

namespace clang::tidy::parsafe {

class ParsafeCheckBase : public ClangTidyCheck {
protected:
  ParsafeCheckBase(StringRef Name, ClangTidyContext *Context);

  /// Every parsafe check calls this first in registerMatchers(). When the
  /// traversal may be narrowed (see the file comment), registers a callback
  /// that narrows it once the matcher walk reaches the translation unit:
  /// the walk reads the scope only after matching that first node.
  void narrowTraversalToUserCode(ast_matchers::MatchFinder *Finder);

private:
  const bool MayNarrowTraversal;
};

} // namespace clang::tidy::parsafe

#endif
