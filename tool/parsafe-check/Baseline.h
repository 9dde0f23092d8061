//===--- Baseline.h - findings a project has accepted for now -------------===//
//
// A finding's fingerprint hashes its check, its file (relative to the source
// root), its enclosing function and the whitespace-normalized text of its
// line: an edit that moves the code keeps the fingerprint, an edit of the
// flagged line or a move to another function makes it a new finding.
//
//===----------------------------------------------------------------------===//

#pragma once

#include "Finding.h"
#include "Sources.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

namespace parsafe::check {

std::string fingerprint(const Finding &F, llvm::StringRef SourceRoot, Sources &Files);

class Baseline {
public:
  static llvm::Expected<Baseline> load(llvm::StringRef Path);
  static llvm::Error write(llvm::StringRef Path, const std::vector<Finding> &Findings,
                           llvm::StringRef SourceRoot);

  /// True when F is accepted; each baseline entry accepts one finding.
  bool consume(const Finding &F);

private:
  llvm::StringMap<unsigned> Remaining; // fingerprint -> count
};

} // namespace parsafe::check
