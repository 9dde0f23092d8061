//===--- Docs.h - the check pages (docs/checks/*.md) ----------------------===//
//
// --explain prints a page and SARIF rules carry its text. Pages are found in
// $PARSAFE_DOCS_DIR, next to an installed binary (<prefix>/share/doc/parsafe/
// checks), or in the source tree this binary was built from.
//
//===----------------------------------------------------------------------===//

#pragma once

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace parsafe::check {

struct CheckDoc {
  std::string Page;  // the whole markdown page
  std::string Short; // first sentence of the first paragraph
  std::string Full;  // the first paragraph, on one line
};

/// Remembers where the executable is (for the installed layout).
void setExecutablePath(llvm::StringRef Argv0, void *MainAddr);

/// The page of Check ("parsafe-unjoined-thread"), if there is one.
std::optional<CheckDoc> findCheckDoc(llvm::StringRef Check);

/// Where pages are looked for, in order (for error messages).
std::string docSearchPath();

} // namespace parsafe::check
