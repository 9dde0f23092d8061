//===--- Baseline.cpp -----------------------------------------------------===//

#include "Baseline.h"

#include "Reports.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

namespace parsafe::check {
namespace {

std::string normalizeWhitespace(llvm::StringRef Text) {
  std::string Result;
  bool PendingSpace = false;
  for (char C : Text.trim()) {
    if (llvm::isSpace(C)) {
      PendingSpace = true;
      continue;
    }
    if (PendingSpace)
      Result += ' ';
    PendingSpace = false;
    Result += C;
  }
  return Result;
}

} // namespace

std::string fingerprint(const Finding &F, llvm::StringRef SourceRoot, Sources &Files) {
  std::string Key = F.Check;
  Key += '\0';
  Key += relativeTo(F.Where.File, SourceRoot);
  Key += '\0';
  Key += F.Function;
  Key += '\0';
  // Without a source line (a diagnostic with no location) the message stands in.
  std::string Line = normalizeWhitespace(Files.lineText(F.Where.File, F.Where.Line));
  Key += Line.empty() ? F.Message : Line;
  return llvm::utohexstr(llvm::xxh3_64bits(llvm::StringRef(Key)), /*LowerCase=*/true, 16);
}

llvm::Expected<Baseline> Baseline::load(llvm::StringRef Path) {
  llvm::Expected<llvm::json::Value> Doc = readJsonFile(Path);
  if (!Doc)
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "baseline: %s",
                                   llvm::toString(Doc.takeError()).c_str());
  const llvm::json::Object *Root = Doc->getAsObject();
  const llvm::json::Array *Entries = Root ? Root->getArray("findings") : nullptr;
  if (!Entries)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "baseline '%s' has no \"findings\" array (write one with "
                                   "--write-baseline)",
                                   Path.str().c_str());
  Baseline Result;
  for (const llvm::json::Value &Entry : *Entries) {
    const llvm::json::Object *E = Entry.getAsObject();
    std::optional<llvm::StringRef> FP = E ? E->getString("fingerprint") : std::nullopt;
    if (!FP)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "baseline '%s': an entry has no \"fingerprint\"",
                                     Path.str().c_str());
    ++Result.Remaining[*FP];
  }
  return Result;
}

llvm::Error Baseline::write(llvm::StringRef Path, const std::vector<Finding> &Findings,
                            llvm::StringRef SourceRoot) {
  std::error_code EC;
  llvm::raw_fd_ostream Out(Path, EC, llvm::sys::fs::OF_Text);
  if (EC)
    return llvm::createStringError(EC, "cannot write baseline '%s': %s", Path.str().c_str(),
                                   EC.message().c_str());
  llvm::json::OStream J(Out, 2);
  J.object([&] {
    J.attribute("version", 1);
    J.attributeArray("findings", [&] {
      for (const Finding &F : Findings)
        J.object([&] {
          J.attribute("fingerprint", F.Fingerprint);
          J.attribute("check", F.Check);
          J.attribute("file", relativeTo(F.Where.File, SourceRoot));
          J.attribute("function", F.Function);
          J.attribute("message", F.Message);
        });
    });
  });
  Out << "\n";
  return llvm::Error::success();
}

bool Baseline::consume(const Finding &F) {
  auto It = Remaining.find(F.Fingerprint);
  if (It == Remaining.end() || It->second == 0)
    return false;
  --It->second;
  return true;
}

} // namespace parsafe::check
