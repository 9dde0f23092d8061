//===--- Finding.h - what parsafe-check reports ---------------------------===//
//
// The tool's own model of a diagnostic, independent of clang-tidy's classes so
// that findings can be read back from JSON (merge) and compared across runs
// (baseline). Locations carry both the file offset (for fixes and dedup) and
// the 1-based line/column (for people and SARIF).
//
//===----------------------------------------------------------------------===//

#pragma once

#include <string>
#include <vector>

namespace parsafe::check {

struct Location {
  std::string File; // absolute, normalized
  unsigned Offset = 0;
  unsigned Line = 0;
  unsigned Column = 0;
};

struct Note {
  std::string Message;
  Location Where;
};

/// One replacement of a fix-it: [Offset, Offset + Length) becomes Text.
struct Edit {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Text;
  // Filled for SARIF's regions; computed from the file contents.
  unsigned Line = 0, Column = 0, EndLine = 0, EndColumn = 0;
};

struct Finding {
  std::string Check;   // "parsafe-unjoined-thread", "clang-diagnostic-error"
  std::string Level;   // "warning", "error", "remark"
  std::string Message;
  Location Where;
  std::vector<Note> Notes;
  std::vector<Edit> Fixes;
  std::string Function;    // innermost enclosing named function, or ""
  std::string Fingerprint; // see Fingerprint.h
};

/// A translation unit that could not be analysed (parse errors or a crash).
struct Failure {
  std::string File;
  std::string Reason;
};

struct Report {
  std::vector<Finding> Findings;
  std::vector<Failure> Failures;
  unsigned Units = 0;      // translation units analysed
  unsigned Suppressed = 0; // findings matched by the baseline
};

} // namespace parsafe::check
