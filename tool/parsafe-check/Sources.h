//===--- Sources.h - file contents shared by the workers ------------------===//
//
// Findings carry file offsets; people, SARIF and fingerprints need lines and
// columns and the text of a line. Files are read once (headers are reported
// from many TUs) and shared between the analysis threads.
//
//===----------------------------------------------------------------------===//

#pragma once

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <mutex>
#include <string>
#include <utility>

namespace parsafe::check {

/// An absolute, dot-free spelling of Path; relative paths are taken from Base.
std::string normalizePath(llvm::StringRef Path, llvm::StringRef Base);

/// Path relative to Root when it is inside Root, otherwise Path unchanged.
std::string relativeTo(llvm::StringRef Path, llvm::StringRef Root);

class Sources {
public:
  /// 1-based line and column of Offset; {0, 0} when the file is unreadable.
  std::pair<unsigned, unsigned> lineColumn(llvm::StringRef File, unsigned Offset);
  /// The text of the 1-based Line without its newline; "" when unknown.
  std::string lineText(llvm::StringRef File, unsigned Line);

private:
  struct Text {
    std::unique_ptr<llvm::MemoryBuffer> Buffer; // null: unreadable
    std::vector<unsigned> LineStarts;
  };
  const Text &get(llvm::StringRef File);

  std::mutex Mutex;
  llvm::StringMap<std::unique_ptr<Text>> Files;
};

} // namespace parsafe::check
