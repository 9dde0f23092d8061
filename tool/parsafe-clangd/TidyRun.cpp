//===- TidyRun.cpp --------------------------------------------------------===//
#include "TidyRun.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <csignal>
#include <thread>

using namespace parsafe::clangd;

LLVM_YAML_IS_SEQUENCE_VECTOR(parsafe::clangd::TidyReplacement)
LLVM_YAML_IS_SEQUENCE_VECTOR(parsafe::clangd::TidyRange)
LLVM_YAML_IS_SEQUENCE_VECTOR(parsafe::clangd::TidyMessage)
LLVM_YAML_IS_SEQUENCE_VECTOR(parsafe::clangd::TidyDiagnostic)

namespace {
struct ExportedFixes {
  std::string MainSourceFile;
  std::vector<TidyDiagnostic> Diagnostics;
};
} // namespace

namespace llvm::yaml {
template <> struct MappingTraits<TidyReplacement> {
  static void mapping(IO &Io, TidyReplacement &R) {
    Io.mapRequired("FilePath", R.FilePath);
    Io.mapRequired("Offset", R.Offset);
    Io.mapRequired("Length", R.Length);
    Io.mapRequired("ReplacementText", R.ReplacementText);
  }
};
template <> struct MappingTraits<TidyRange> {
  static void mapping(IO &Io, TidyRange &R) {
    Io.mapRequired("FilePath", R.FilePath);
    Io.mapRequired("FileOffset", R.FileOffset);
    Io.mapRequired("Length", R.Length);
  }
};
template <> struct MappingTraits<TidyMessage> {
  static void mapping(IO &Io, TidyMessage &M) {
    Io.mapRequired("Message", M.Message);
    Io.mapOptional("FilePath", M.FilePath);
    Io.mapOptional("FileOffset", M.FileOffset);
    Io.mapOptional("Replacements", M.Replacements);
    Io.mapOptional("Ranges", M.Ranges);
  }
};
template <> struct MappingTraits<TidyDiagnostic> {
  static void mapping(IO &Io, TidyDiagnostic &D) {
    Io.mapRequired("DiagnosticName", D.DiagnosticName);
    Io.mapRequired("DiagnosticMessage", D.DiagnosticMessage);
    Io.mapOptional("Notes", D.Notes);
    Io.mapOptional("Level", D.Level);
  }
};
template <> struct MappingTraits<ExportedFixes> {
  static void mapping(IO &Io, ExportedFixes &F) {
    Io.mapOptional("MainSourceFile", F.MainSourceFile);
    Io.mapOptional("Diagnostics", F.Diagnostics);
  }
};
} // namespace llvm::yaml

namespace parsafe::clangd {

bool parseExportedFixes(llvm::StringRef Yaml, std::vector<TidyDiagnostic> &Out,
                        std::string &Error) {
  ExportedFixes Fixes;
  std::string Messages;
  llvm::raw_string_ostream MessageStream(Messages);
  llvm::yaml::Input In(Yaml, nullptr,
                       [](const llvm::SMDiagnostic &Diag, void *Context) {
                         Diag.print("export-fixes", *static_cast<llvm::raw_ostream *>(Context),
                                    /*ShowColors=*/false);
                       },
                       &MessageStream);
  // Newer clang-tidy versions add keys (BuildDirectory, Level, ...): ignore
  // what we do not use rather than reject the whole document.
  In.setAllowUnknownKeys(true);
  In >> Fixes;
  if (In.error()) {
    // The first line says what and where; the rest quotes the source.
    Error = "malformed --export-fixes output: " +
            llvm::StringRef(MessageStream.str()).split('\n').first.str();
    return false;
  }
  Out = std::move(Fixes.Diagnostics);
  return true;
}

std::string findCompileCommandsDir(llvm::StringRef File) {
  for (llvm::StringRef Dir = llvm::sys::path::parent_path(File); !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    for (llvm::StringRef Sub : {"", "build"}) {
      llvm::SmallString<256> Candidate(Dir);
      llvm::sys::path::append(Candidate, Sub, "compile_commands.json");
      if (llvm::sys::fs::exists(Candidate))
        return llvm::sys::path::parent_path(Candidate).str();
    }
  }
  return "";
}

static bool writeFile(llvm::StringRef Path, llvm::StringRef Contents, std::string &Error) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (!EC) {
    OS << Contents;
    OS.close();
    EC = OS.error();
  }
  if (EC)
    Error = ("cannot write " + Path + ": " + EC.message()).str();
  return !EC;
}

/// What clang-tidy said went wrong, on one line for the log: its lines that
/// mention an error (it may print its whole usage first), else its last line.
static std::string errorSummary(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return "";
  llvm::SmallVector<llvm::StringRef> Lines, Errors;
  (*Buffer)->getBuffer().split(Lines, '\n', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Line : Lines)
    if ((Line.starts_with_insensitive("error") || Line.contains_insensitive("error:")) &&
        Errors.size() < 3)
      Errors.push_back(Line.trim());
  if (Errors.empty() && !Lines.empty())
    Errors.push_back(Lines.back().trim());
  return llvm::join(Errors, " | ");
}

TidyOutcome runTidy(const TidyOptions &Options, llvm::StringRef File,
                    const std::map<std::string, std::string> &Buffers, llvm::StringRef WorkDir,
                    const std::atomic<bool> &Cancel) {
  TidyOutcome Outcome;
  auto InWorkDir = [&](const llvm::Twine &Name) {
    llvm::SmallString<256> Path(WorkDir);
    llvm::sys::path::append(Path, Name);
    return std::string(Path);
  };
  std::string Overlay = InWorkDir("overlay.json");
  std::string Export = InWorkDir("fixes.yaml");
  std::string Log = InWorkDir("clang-tidy.log");
  llvm::sys::fs::remove(Export);

  // One snapshot per buffer, grouped by directory in the overlay. The
  // snapshot keeps the extension: nothing depends on it but a human reading a
  // leftover file. use-external-names=false: the compiler names each file by
  // its real path, so diagnostics, #include "..." lookups and the compile
  // command all agree.
  std::map<std::string, llvm::json::Array> Directories;
  unsigned Index = 0;
  for (const auto &[Path, Contents] : Buffers) {
    std::string Snapshot =
        InWorkDir("snapshot" + llvm::Twine(Index++) + "-" + llvm::sys::path::filename(Path));
    if (!writeFile(Snapshot, Contents, Outcome.Error))
      return Outcome;
    Directories[llvm::sys::path::parent_path(Path).str()].push_back(
        llvm::json::Object{{"name", llvm::sys::path::filename(Path)},
                           {"type", "file"},
                           {"external-contents", Snapshot}});
  }
  llvm::json::Array Roots;
  for (auto &[Directory, Files] : Directories)
    Roots.push_back(llvm::json::Object{
        {"name", Directory}, {"type", "directory"}, {"contents", std::move(Files)}});
  llvm::json::Value OverlayDoc = llvm::json::Object{
      {"version", 0}, {"use-external-names", false}, {"roots", std::move(Roots)}};
  if (!writeFile(Overlay, llvm::formatv("{0}", OverlayDoc).str(), Outcome.Error))
    return Outcome;

  std::vector<std::string> Args = {Options.ClangTidy,
                                   "-load=" + Options.Plugin,
                                   "-checks=" + Options.Checks,
                                   "--vfsoverlay=" + Overlay,
                                   "--export-fixes=" + Export,
                                   "--quiet"};
  std::string Database =
      Options.CompileCommandsDir.empty() ? findCompileCommandsDir(File) : Options.CompileCommandsDir;
  if (!Database.empty())
    Args.push_back("-p=" + Database);
  Args.push_back(File.str());
  if (Database.empty())
    Args.push_back("--"); // no database: clangd's fallback, the file alone
  std::vector<llvm::StringRef> ArgRefs(Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), llvm::StringRef(Log),
                                                llvm::StringRef(Log)};

  std::string ExecError;
  bool ExecFailed = false;
  llvm::sys::ProcessInfo Process = llvm::sys::ExecuteNoWait(
      Options.ClangTidy, ArgRefs, std::nullopt, Redirects, 0, &ExecError, &ExecFailed);
  if (ExecFailed) {
    Outcome.Error = "cannot run " + Options.ClangTidy + ": " + ExecError;
    return Outcome;
  }
  llvm::sys::ProcessInfo Finished;
  std::optional<llvm::sys::ProcessStatistics> Statistics;
  for (;;) {
    Finished = llvm::sys::Wait(Process, /*SecondsToWait=*/0, &ExecError, &Statistics);
    if (Finished.Pid != 0)
      break;
    if (Cancel.load()) {
      ::kill(Process.Pid, SIGKILL);
      llvm::sys::Wait(Process, std::nullopt);
      Outcome.Status = TidyOutcome::Cancelled;
      return Outcome;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  // clang-tidy exits 1 when the file has compiler errors and still exports
  // what it found, and writes no export at all when it found nothing. A
  // crash (-2), or an error exit without an export, is a failed analysis.
  bool Exported = llvm::sys::fs::exists(Export);
  if (Statistics)
    Outcome.CpuTime = Statistics->TotalTime;
  if (Finished.ReturnCode == 0 && !Exported) {
    Outcome.Status = TidyOutcome::Done;
    return Outcome;
  }
  if (Finished.ReturnCode < 0 || !Exported) {
    Outcome.Error = (Finished.ReturnCode == -2 ? "clang-tidy crashed"
                                               : "clang-tidy exited with status " +
                                                     std::to_string(Finished.ReturnCode)) +
                    (ExecError.empty() ? "" : " (" + ExecError + ")");
    if (std::string Tail = errorSummary(Log); !Tail.empty())
      Outcome.Error += ": " + Tail;
    return Outcome;
  }
  auto Yaml = llvm::MemoryBuffer::getFile(Export);
  if (!Yaml) {
    Outcome.Error = "cannot read " + Export + ": " + Yaml.getError().message();
    return Outcome;
  }
  if (!parseExportedFixes((*Yaml)->getBuffer(), Outcome.Diagnostics, Outcome.Error))
    return Outcome;
  Outcome.Status = TidyOutcome::Done;
  return Outcome;
}

} // namespace parsafe::clangd
