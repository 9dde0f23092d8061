//===--- Docs.cpp ---------------------------------------------------------===//

#include "Docs.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

namespace parsafe::check {
namespace {

std::string ExecutablePath;

llvm::SmallVector<std::string, 3> docDirectories() {
  llvm::SmallVector<std::string, 3> Dirs;
  if (std::optional<std::string> Env = llvm::sys::Process::GetEnv("PARSAFE_DOCS_DIR"))
    Dirs.push_back(*Env);
  if (!ExecutablePath.empty()) {
    llvm::SmallString<256> Installed(llvm::sys::path::parent_path(
        llvm::sys::path::parent_path(ExecutablePath)));
    llvm::sys::path::append(Installed, "share", "doc", "parsafe", "checks");
    Dirs.push_back(std::string(Installed));
  }
  Dirs.push_back(PARSAFE_SOURCE_DOCS_DIR);
  return Dirs;
}

/// The first paragraph after the title, joined into one line.
std::string firstParagraph(llvm::StringRef Page) {
  std::string Result;
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  Page.split(Lines, '\n');
  bool Started = false;
  for (llvm::StringRef Line : Lines) {
    Line = Line.trim();
    if (!Started) {
      Started = !Line.empty() && !Line.starts_with("#");
      if (!Started)
        continue;
    } else if (Line.empty() || Line.starts_with("#")) {
      break;
    }
    if (!Result.empty())
      Result += ' ';
    Result += Line.str();
  }
  return Result;
}

std::string firstSentence(llvm::StringRef Paragraph) {
  size_t End = Paragraph.find(". ");
  return (End == llvm::StringRef::npos ? Paragraph : Paragraph.take_front(End + 1)).str();
}

} // namespace

void setExecutablePath(llvm::StringRef Argv0, void *MainAddr) {
  ExecutablePath = llvm::sys::fs::getMainExecutable(Argv0.str().c_str(), MainAddr);
}

std::optional<CheckDoc> findCheckDoc(llvm::StringRef Check) {
  if (!Check.consume_front("parsafe-") || Check.empty() || Check.contains('/'))
    return std::nullopt;
  for (const std::string &Dir : docDirectories()) {
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, Check + ".md");
    if (auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true)) {
      CheckDoc Doc;
      Doc.Page = (*Buffer)->getBuffer().str();
      Doc.Full = firstParagraph(Doc.Page);
      Doc.Short = firstSentence(Doc.Full);
      return Doc;
    }
  }
  return std::nullopt;
}

std::string docSearchPath() {
  std::string Joined;
  for (const std::string &Dir : docDirectories())
    Joined += (Joined.empty() ? "" : ", ") + Dir;
  return Joined;
}

} // namespace parsafe::check
