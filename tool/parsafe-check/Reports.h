//===--- Reports.h - text, JSON and SARIF output, and merging them --------===//
#pragma once

#include "Finding.h"
#include "Sources.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace parsafe::check {

struct OutputOptions {
  std::string SourceRoot; // paths are shown (text) / made relative (SARIF) to it
  bool Color = false;
  std::vector<std::string> EnabledChecks; // SARIF rules, even without results
};

/// clang's style: "file:line:col: warning: message [check]", the source line
/// and a caret, then the notes.
void writeText(const Report &R, llvm::raw_ostream &OS, const OutputOptions &Opts, Sources &Files);
/// parsafe-check's own format; `parsafe-check merge` reads it back.
void writeJson(const Report &R, llvm::raw_ostream &OS);
/// SARIF 2.1.0, as GitHub code scanning accepts it.
void writeSarif(const Report &R, llvm::raw_ostream &OS, const OutputOptions &Opts);

/// Reads and parses a JSON file; errors name the file.
llvm::Expected<llvm::json::Value> readJsonFile(llvm::StringRef Path);

/// Reads a report written by writeJson.
llvm::Expected<Report> readJson(llvm::StringRef Path);

/// Joins SARIF logs written by writeSarif (one run each) into one run; the
/// results are deduplicated by rule, location and fingerprint.
llvm::Error mergeSarif(llvm::ArrayRef<std::string> Paths, llvm::raw_ostream &OS,
                       bool &HasResults, bool &HasFailures);

/// Sorts by file, line, column, check and drops findings reported by several
/// translation units (the same header seen from each of them).
void sortAndDeduplicate(std::vector<Finding> &Findings);

} // namespace parsafe::check
