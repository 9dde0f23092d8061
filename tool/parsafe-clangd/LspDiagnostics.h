//===- LspDiagnostics.h - clang-tidy results as LSP diagnostics ------------===//
//
// clang-tidy reports byte offsets; LSP wants 0-based lines and UTF-16 code
// units, and file:// URIs. A diagnostic keeps its fixes as ready-made LSP
// code actions, so answering textDocument/codeAction is a range test.
//
//===----------------------------------------------------------------------===//
#ifndef PARSAFE_CLANGD_LSPDIAGNOSTICS_H
#define PARSAFE_CLANGD_LSPDIAGNOSTICS_H

#include "TidyRun.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace parsafe::clangd {

struct Position {
  int64_t Line = 0;
  int64_t Character = 0; ///< UTF-16 code units
  bool operator<=(const Position &O) const {
    return Line < O.Line || (Line == O.Line && Character <= O.Character);
  }
};

/// LSP position of a byte offset in Text (clamped to its end).
Position positionOf(llvm::StringRef Text, size_t Offset);
/// Byte offset of an LSP position in Text (clamped to the line / text end).
size_t offsetOf(llvm::StringRef Text, Position Pos);
llvm::json::Value toJSON(Position Pos);
std::optional<Position> positionFromJSON(const llvm::json::Value *V);

std::string pathToUri(llvm::StringRef Path);
/// The path of a file:// URI; std::nullopt for other schemes.
std::optional<std::string> uriToPath(llvm::StringRef Uri);

struct ParsafeDiagnostic {
  Position Start, End;
  llvm::json::Object Lsp;                ///< the LSP Diagnostic
  std::vector<llvm::json::Object> Fixes; ///< CodeActions, without "diagnostics"
};

struct ConversionOptions {
  std::string FileUri;         ///< the analysed file's URI, as the editor spells it
  std::string DocsUrl;         ///< base URL of docs/checks/
  bool RelatedInformation;     ///< the client shows relatedInformation
  /// Contents of a file other than the analysed one (for notes and edits in
  /// headers): the open buffer or the file on disk.
  std::function<std::optional<std::string>(llvm::StringRef Path)> ReadFile;
};

/// The parsafe diagnostics among Diagnostics that belong to File (whose
/// analysed contents are Text), as LSP diagnostics.
std::vector<ParsafeDiagnostic> toLspDiagnostics(const std::vector<TidyDiagnostic> &Diagnostics,
                                                llvm::StringRef File, llvm::StringRef Text,
                                                const ConversionOptions &Options);

} // namespace parsafe::clangd

#endif
