//===--- EnabledChecks.cpp - what a clang-tidy `Checks` list can enable --===//

#include "EnabledChecks.h"
#include "llvm/ADT/SmallVector.h"
#include <algorithm>
#include <string>

namespace clang::tidy::parsafe::analysis {

using llvm::StringRef;

bool enablesOnlyChecksWithPrefix(StringRef Checks, StringRef Prefix) {
  // Globs are separated by commas or newlines (a YAML block in .clang-tidy).
  std::string List = Checks.str();
  std::replace(List.begin(), List.end(), '\n', ',');
  llvm::SmallVector<StringRef, 8> Globs;
  StringRef(List).split(Globs, ',', -1, /*KeepEmpty=*/false);
  bool DisabledAll = false;
  for (StringRef Glob : Globs) {
    Glob = Glob.trim();
    if (Glob.empty())
      continue;
    bool Positive = !Glob.consume_front("-");
    Glob = Glob.trim();
    if (!Positive) {
      DisabledAll |= Glob == "*";
      continue;
    }
    // A positive glob either stays inside the allowed names, or it may
    // enable something else: everything before it no longer matters, and
    // only a later `-*` can restore the property.
    if (!Glob.starts_with(Prefix) && !Glob.starts_with("clang-diagnostic-"))
      DisabledAll = false;
  }
  return DisabledAll;
}

} // namespace clang::tidy::parsafe::analysis
