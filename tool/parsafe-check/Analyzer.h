//===--- Analyzer.h - one translation unit through clang-tidy -------------===//
//
// Runs clang-tidy's engine (with every check linked into this binary) on one
// compile command, in this process, and turns its errors into Findings.
// Everything a run allocates belongs to that run, so units can be analysed on
// several threads at once; a crash inside the compiler or a check is caught
// by llvm::CrashRecoveryContext and reported as a Failure of that unit.
//
//===----------------------------------------------------------------------===//

#pragma once

#include "Finding.h"
#include "Sources.h"

#include "ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"

#include <functional>
#include <memory>
#include <optional>

namespace parsafe::check {

struct UnitResult {
  std::vector<Finding> Findings;
  std::optional<Failure> Failed;
};

/// Makes the options provider each run uses: defaults, then the .clang-tidy
/// files above the analysed file, then Overrides (the command line). Relative
/// file names are taken from WorkingDirectory (the compile command's).
using OptionsProviderFactory = std::function<std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>(
    llvm::StringRef WorkingDirectory)>;

/// Analyses one compile command. Offsets in the result are resolved to lines
/// and columns through Files.
UnitResult analyzeUnit(const clang::tooling::CompileCommand &Command,
                       const OptionsProviderFactory &MakeOptions, Sources &Files);

/// Must be called once before analyzeUnit, from the main thread.
void enableCrashRecovery();

} // namespace parsafe::check
