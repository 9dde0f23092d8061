//===- TidyRun.h - one clang-tidy run over an editor buffer ----------------===//
//
// The analysis runs in a clang-tidy-19 subprocess with the parsafe plugin, so
// a crash or a hang in a translation unit costs one analysis, never the
// editor's clangd session. The buffer is analysed as it is in the editor: a
// VFS overlay maps the file's real path to a snapshot of the buffer, so
// diagnostics name the real path and relative includes resolve as on disk.
// Results come back through --export-fixes, parsed here with LLVM's YAML I/O.
//
//===----------------------------------------------------------------------===//
#ifndef PARSAFE_CLANGD_TIDYRUN_H
#define PARSAFE_CLANGD_TIDYRUN_H

#include "llvm/ADT/StringRef.h"
#include <atomic>
#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace parsafe::clangd {

/// The fields of clang-tidy's exported diagnostics (clang/Tooling/DiagnosticsYaml.h)
/// that become LSP diagnostics and edits.
struct TidyReplacement {
  std::string FilePath;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string ReplacementText;
};
struct TidyRange {
  std::string FilePath;
  unsigned FileOffset = 0;
  unsigned Length = 0;
};
struct TidyMessage {
  std::string Message;
  std::string FilePath;
  unsigned FileOffset = 0;
  std::vector<TidyReplacement> Replacements;
  std::vector<TidyRange> Ranges;
};
struct TidyDiagnostic {
  std::string DiagnosticName;
  TidyMessage DiagnosticMessage;
  std::vector<TidyMessage> Notes;
  std::string Level;
};

struct TidyOptions {
  std::string ClangTidy;          ///< the clang-tidy-19 executable
  std::string Plugin;             ///< libparsafe-tidy.so
  std::string Checks;             ///< -checks= value
  std::string CompileCommandsDir; ///< empty: search upwards from the file, as clangd does
};

struct TidyOutcome {
  enum Kind { Done, Cancelled, Failed } Status = Failed;
  std::vector<TidyDiagnostic> Diagnostics; ///< Done: every diagnostic exported
  std::string Error;                        ///< Failed: what went wrong, with clang-tidy's output
  std::chrono::microseconds CpuTime{0};     ///< Done: clang-tidy's user + system time
};

/// Analyses the file File. Buffers maps paths (File's among them) to the
/// contents the analysis sees instead of the disk's: the editor's open
/// buffers. WorkDir is a private scratch directory (snapshots, overlay,
/// export, log). Polls Cancel while clang-tidy runs and kills it when set.
TidyOutcome runTidy(const TidyOptions &Options, llvm::StringRef File,
                    const std::map<std::string, std::string> &Buffers, llvm::StringRef WorkDir,
                    const std::atomic<bool> &Cancel);

/// Parses an --export-fixes document; false (and Error) if it is malformed.
bool parseExportedFixes(llvm::StringRef Yaml, std::vector<TidyDiagnostic> &Out,
                        std::string &Error);

/// The directory whose compile_commands.json clangd would use for File: the
/// nearest ancestor holding it directly or in build/. Empty if none.
std::string findCompileCommandsDir(llvm::StringRef File);

} // namespace parsafe::clangd

#endif
