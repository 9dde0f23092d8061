//===--- Sources.cpp ------------------------------------------------------===//

#include "Sources.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace parsafe::check {

std::string normalizePath(llvm::StringRef Path, llvm::StringRef Base) {
  llvm::SmallString<256> Result(Path);
  if (!llvm::sys::path::is_absolute(Result)) {
    Result = Base;
    llvm::sys::path::append(Result, Path);
  }
  llvm::sys::path::remove_dots(Result, /*remove_dot_dot=*/true);
  return std::string(Result);
}

std::string relativeTo(llvm::StringRef Path, llvm::StringRef Root) {
  if (Root.empty())
    return std::string(Path);
  llvm::SmallString<256> Prefix(Root);
  if (!Prefix.ends_with("/"))
    Prefix += "/";
  if (Path.starts_with(Prefix))
    return std::string(Path.drop_front(Prefix.size()));
  return std::string(Path);
}

const Sources::Text &Sources::get(llvm::StringRef File) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto &Slot = Files[File];
  if (!Slot) {
    Slot = std::make_unique<Text>();
    if (auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/true)) {
      Slot->Buffer = std::move(*Buffer);
      llvm::StringRef Data = Slot->Buffer->getBuffer();
      Slot->LineStarts.push_back(0);
      for (size_t I = 0; I < Data.size(); ++I)
        if (Data[I] == '\n')
          Slot->LineStarts.push_back(I + 1);
    }
  }
  return *Slot;
}

std::pair<unsigned, unsigned> Sources::lineColumn(llvm::StringRef File, unsigned Offset) {
  const Text &T = get(File);
  if (!T.Buffer || Offset > T.Buffer->getBufferSize())
    return {0, 0};
  auto Next = std::upper_bound(T.LineStarts.begin(), T.LineStarts.end(), Offset);
  unsigned Line = unsigned(Next - T.LineStarts.begin());
  return {Line, Offset - T.LineStarts[Line - 1] + 1};
}

std::string Sources::lineText(llvm::StringRef File, unsigned Line) {
  const Text &T = get(File);
  if (!T.Buffer || Line == 0 || Line > T.LineStarts.size())
    return "";
  llvm::StringRef Data = T.Buffer->getBuffer();
  size_t Begin = T.LineStarts[Line - 1];
  size_t End = Line < T.LineStarts.size() ? T.LineStarts[Line] : Data.size();
  return Data.slice(Begin, End).rtrim("\r\n").str();
}

} // namespace parsafe::check
