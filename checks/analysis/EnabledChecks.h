//===--- EnabledChecks.h - what a clang-tidy `Checks` list can enable ----===//

#ifndef PARSAFE_ANALYSIS_ENABLEDCHECKS_H
#define PARSAFE_ANALYSIS_ENABLEDCHECKS_H

#include "llvm/ADT/StringRef.h"

namespace clang::tidy::parsafe::analysis {

/// Whether the check list \p Checks (clang-tidy's `Checks` globs) can enable
/// nothing but checks named \p Prefix... and compiler diagnostics
/// (`clang-diagnostic-*`, which are not AST matchers). Decided syntactically:
/// some `-*` must come after which every positive glob starts with \p Prefix
/// or `clang-diagnostic-`.
bool enablesOnlyChecksWithPrefix(llvm::StringRef Checks, llvm::StringRef Prefix);

} // namespace clang::tidy::parsafe::analysis

#endif
