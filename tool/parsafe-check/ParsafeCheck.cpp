//===--- ParsafeCheck.cpp - parsafe-check, the whole project in one command ===//
//
//   parsafe-check -p build [paths...]        every TU of compile_commands.json
//   parsafe-check file.cpp -- -std=c++17     one file, flags after --
//   parsafe-check merge a.sarif b.sarif      join the reports of --shard runs
//
// Exit codes: 0 no findings, 1 findings, 2 usage or configuration error,
// 3 a translation unit could not be analysed (the others still were).
//
//===----------------------------------------------------------------------===//

#include "Analyzer.h"
#include "Baseline.h"
#include "Docs.h"
#include "Reports.h"
#include "Sources.h"

#include "ClangTidy.h"
#include "ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/WithColor.h"

#include <parsafe/thread_pool.hpp>

#include <chrono>
#include <mutex>
#include <thread>

using namespace llvm;
using namespace parsafe::check;
namespace tidy = clang::tidy;
namespace tooling = clang::tooling;

namespace {

enum ExitCode { Clean = 0, FoundProblems = 1, UsageError = 2, UnitFailed = 3 };
enum class Format { Text, Json, Sarif };
enum class When { Auto, Always, Never };

cl::OptionCategory Category("parsafe-check options");
cl::SubCommand MergeCommand("merge", "Join the JSON or SARIF reports of several runs "
                                     "(e.g. of --shard K/N) into one");

cl::opt<std::string> BuildPath("p", cl::desc("Build directory with compile_commands.json "
                                             "(or the path of that file)"),
                               cl::value_desc("BUILD_DIR"), cl::cat(Category));
cl::list<std::string> Paths(cl::Positional, cl::desc("[files or directories...]"),
                            cl::cat(Category));
cl::opt<unsigned> Jobs("j", cl::desc("Translation units analysed at once (default: cores)"),
                       cl::init(0), cl::cat(Category));
cl::opt<Format> OutputFormat(
    "format", cl::desc("Output format"), cl::init(Format::Text),
    cl::values(clEnumValN(Format::Text, "text", "clang-style diagnostics (default)"),
               clEnumValN(Format::Json, "json", "parsafe-check's JSON report"),
               clEnumValN(Format::Sarif, "sarif", "SARIF 2.1.0 (GitHub code scanning)")),
    cl::cat(Category), cl::sub(cl::SubCommand::getTopLevel()), cl::sub(MergeCommand));
cl::opt<std::string> OutputFile("output", cl::desc("Write the report to FILE, not stdout"),
                                cl::value_desc("FILE"), cl::cat(Category),
                                cl::sub(cl::SubCommand::getTopLevel()), cl::sub(MergeCommand));
cl::alias OutputFileShort("o", cl::desc("Alias for --output"), cl::aliasopt(OutputFile));
cl::opt<std::string> BaselineFile("baseline",
                                  cl::desc("Findings listed in FILE do not fail the run"),
                                  cl::value_desc("FILE"), cl::cat(Category));
cl::opt<std::string> WriteBaselineFile(
    "write-baseline", cl::desc("Write every finding of this run to FILE and succeed"),
    cl::value_desc("FILE"), cl::cat(Category));
cl::opt<bool> Fix("fix", cl::desc("Apply the fix-its of the findings"), cl::cat(Category));
cl::opt<std::string> Checks("checks",
                            cl::desc("Check globs, like clang-tidy's (added to .clang-tidy's; "
                                     "default: -*,parsafe-*)"),
                            cl::cat(Category));
cl::opt<std::string> HeaderFilter("header-filter",
                                  cl::desc("Regex of the headers reported (default: every "
                                           "non-system header)"),
                                  cl::cat(Category));
cl::opt<std::string> Explain("explain", cl::desc("Print the documentation page of CHECK"),
                             cl::value_desc("CHECK"), cl::cat(Category));
cl::opt<bool> ListChecks("list-checks", cl::desc("List the enabled checks and exit"),
                         cl::cat(Category));
cl::opt<std::string> Shard("shard", cl::desc("Analyse only the K-th of N equal parts of the "
                                             "translation units (1 <= K <= N)"),
                           cl::value_desc("K/N"), cl::cat(Category));
cl::opt<std::string> SourceRoot("source-root",
                                cl::desc("Paths in reports are relative to DIR (default: the "
                                         "current directory)"),
                                cl::value_desc("DIR"), cl::cat(Category));
cl::opt<When> ShowProgress("progress",
                           cl::desc("Progress on stderr: a bar on a terminal, lines otherwise"),
                           cl::init(When::Auto),
                           cl::values(clEnumValN(When::Auto, "auto", "bar on a terminal, "
                                                                     "lines otherwise"),
                                      clEnumValN(When::Always, "bar", "always a bar"),
                                      clEnumValN(When::Never, "never", "nothing")),
                           cl::cat(Category));
cl::list<std::string> MergeInputs(cl::Positional, cl::OneOrMore, cl::desc("<reports...>"),
                                  cl::sub(MergeCommand));

int usageError(const Twine &Message) {
  WithColor::error(errs(), "parsafe-check") << Message << "\n";
  return UsageError;
}

//===-- Progress ----------------------------------------------------------===//

/// "[12/43] 27% ETA 0:31 file.cpp" redrawn in place on a terminal; one line
/// per finished unit otherwise (CI logs).
class Progress {
public:
  Progress(unsigned Total, bool Enabled, bool Bar)
      : Total(Total), Enabled(Enabled), Bar(Bar), Start(std::chrono::steady_clock::now()) {}

  void finished(StringRef File, StringRef Root) {
    std::lock_guard<std::mutex> Lock(Mutex);
    ++Done;
    if (!Enabled)
      return;
    std::string Name = relativeTo(File, Root);
    if (!Bar) {
      errs() << "[" << Done << "/" << Total << "] " << Name << "\n";
      return;
    }
    double Elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
    unsigned Eta = unsigned(Elapsed / Done * (Total - Done) + 0.5);
    constexpr unsigned Width = 24;
    unsigned Filled = Width * Done / Total;
    errs() << "\r\x1b[K[" << std::string(Filled, '#') << std::string(Width - Filled, '.') << "] "
           << Done << "/" << Total << " ETA " << Eta / 60 << ":" << (Eta % 60 < 10 ? "0" : "")
           << Eta % 60 << " " << sys::path::filename(Name);
    if (Done == Total)
      errs() << "\r\x1b[K";
  }

private:
  std::mutex Mutex;
  unsigned Total, Done = 0;
  bool Enabled, Bar;
  std::chrono::steady_clock::time_point Start;
};

//===-- Selecting the translation units -----------------------------------===//

struct Database {
  std::unique_ptr<tooling::CompilationDatabase> DB;
  bool FromCommandLine = false;
};

Expected<std::unique_ptr<tooling::CompilationDatabase>> loadJsonDatabase(StringRef Path) {
  SmallString<256> File(Path);
  if (sys::fs::is_directory(File))
    sys::path::append(File, "compile_commands.json");
  if (!sys::fs::exists(File))
    return createStringError(inconvertibleErrorCode(),
                             "no compilation database: '%s' does not exist (configure the "
                             "build with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON, or give the "
                             "compiler flags after --)",
                             File.c_str());
  std::string Error;
  auto DB = tooling::JSONCompilationDatabase::loadFromFile(
      File, Error, tooling::JSONCommandLineSyntax::AutoDetect);
  if (!DB)
    return createStringError(inconvertibleErrorCode(),
                             "broken compilation database '%s': %s", File.c_str(),
                             Error.c_str());
  // Files outside the database (headers, new files) borrow the flags of the
  // closest entry, as clang-tidy and clangd do.
  return tooling::inferMissingCompileCommands(std::move(DB));
}

std::vector<tooling::CompileCommand> normalized(std::vector<tooling::CompileCommand> Commands) {
  for (tooling::CompileCommand &C : Commands) {
    C.Directory = normalizePath(C.Directory, ".");
    C.Filename = normalizePath(C.Filename, C.Directory);
  }
  return Commands;
}

Expected<std::vector<tooling::CompileCommand>>
selectUnits(const Database &Db, ArrayRef<std::string> Selected) {
  if (Selected.empty()) {
    if (Db.FromCommandLine)
      return createStringError(inconvertibleErrorCode(),
                               "no input files: name the files to analyse before --");
    return normalized(Db.DB->getAllCompileCommands());
  }
  std::vector<tooling::CompileCommand> Units;
  std::vector<tooling::CompileCommand> All =
      Db.FromCommandLine ? std::vector<tooling::CompileCommand>()
                         : normalized(Db.DB->getAllCompileCommands());
  for (const std::string &Raw : Selected) {
    SmallString<256> Cwd;
    sys::fs::current_path(Cwd);
    std::string Path = normalizePath(Raw, Cwd);
    if (sys::fs::is_directory(Path)) {
      size_t Before = Units.size();
      for (const tooling::CompileCommand &C : All)
        if (StringRef(C.Filename).starts_with(Path + "/"))
          Units.push_back(C);
      if (Units.size() == Before)
        return createStringError(inconvertibleErrorCode(),
                                 "no translation unit of the compilation database is under "
                                 "'%s'",
                                 Raw.c_str());
      continue;
    }
    if (std::error_code EC = sys::fs::access(Path, sys::fs::AccessMode::Exist))
      return createStringError(EC, "cannot read '%s': %s", Raw.c_str(), EC.message().c_str());
    if (auto Buffer = MemoryBuffer::getFile(Path); !Buffer)
      return createStringError(Buffer.getError(), "cannot read '%s': %s", Raw.c_str(),
                               Buffer.getError().message().c_str());
    size_t Before = Units.size();
    for (const tooling::CompileCommand &C : All)
      if (C.Filename == Path)
        Units.push_back(C);
    if (Units.size() == Before) {
      // Not in the database (a header, a new file): borrow the flags of the
      // closest entry, as clang-tidy and clangd do.
      std::vector<tooling::CompileCommand> Guessed = Db.DB->getCompileCommands(Path);
      for (tooling::CompileCommand &C : normalized(std::move(Guessed)))
        Units.push_back(std::move(C));
    }
  }
  return Units;
}

} // namespace

namespace {

//===-- Configuration -----------------------------------------------------===//

/// Options of every run: clang-tidy's defaults with parsafe's checks, then
/// .clang-tidy files, then the command line.
/// clang-tidy's .clang-tidy lookup with our parser, which reports errors to
/// the caller instead of printing them and carrying on.
class ConfigFileReader : public tidy::FileOptionsProvider {
public:
  using Parser = std::function<ErrorOr<tidy::ClangTidyOptions>(MemoryBufferRef)>;
  ConfigFileReader(const tidy::ClangTidyGlobalOptions &Global,
                   const tidy::ClangTidyOptions &Defaults,
                   const tidy::ClangTidyOptions &Overrides, Parser Parse,
                   StringRef WorkingDirectory)
      : FileOptionsProvider(Global, Defaults, Overrides, vfs::createPhysicalFileSystem()) {
    ConfigHandlers = {{".clang-tidy", std::move(Parse)}};
    if (!WorkingDirectory.empty())
      FS->setCurrentWorkingDirectory(WorkingDirectory);
  }
};

struct Configuration {
  tidy::ClangTidyGlobalOptions Global;
  tidy::ClangTidyOptions Defaults;
  tidy::ClangTidyOptions Overrides;

  Configuration() {
    Defaults = tidy::ClangTidyOptions::getDefaults();
    Defaults.Checks = "-*,parsafe-*";
    Defaults.HeaderFilterRegex = ".*";
    if (!Checks.empty())
      Overrides.Checks = Checks;
    if (!HeaderFilter.empty())
      Overrides.HeaderFilterRegex = HeaderFilter;
  }

  /// A provider reading .clang-tidy files; their parse errors go to Errors
  /// when given (the run then stops with exit code 2 before analysing).
  std::unique_ptr<tidy::ClangTidyOptionsProvider>
  provider(StringRef WorkingDirectory = "", std::vector<std::string> *Errors = nullptr) const {
    auto Parse = [Errors](MemoryBufferRef Config) -> ErrorOr<tidy::ClangTidyOptions> {
      std::string Message;
      auto Parsed = tidy::parseConfigurationWithDiags(Config, [&](const SMDiagnostic &D) {
        raw_string_ostream OS(Message);
        D.print("parsafe-check", OS, /*ShowColors=*/false);
      });
      if (Parsed)
        return Parsed;
      if (Errors)
        Errors->push_back(Config.getBufferIdentifier().str() + ": " +
                          (Message.empty() ? Parsed.getError().message() : Message));
      return tidy::ClangTidyOptions();
    };
    return std::make_unique<ConfigFileReader>(Global, Defaults, Overrides, Parse,
                                              WorkingDirectory);
  }
};

StringSet<> registeredChecks() {
  tidy::ClangTidyOptions All = tidy::ClangTidyOptions::getDefaults();
  All.Checks = "*";
  StringSet<> Names;
  for (const std::string &Name : tidy::getCheckNames(All, false))
    Names.insert(Name);
  return Names;
}

/// An unknown check named without a wildcard is a typo: say so. From the
/// command line every name is checked; in .clang-tidy only parsafe's (the
/// file also configures clang-tidy's other modules, not linked here).
std::optional<std::string> unknownCheck(StringRef Globs, const StringSet<> &Known,
                                        bool OnlyParsafe) {
  SmallVector<StringRef, 16> Terms;
  Globs.split(Terms, ',');
  for (StringRef Term : Terms) {
    Term = Term.trim(" \t\r\n");
    Term.consume_front("-");
    Term = Term.trim();
    if (Term.empty() || Term.contains('*') || Known.contains(Term) ||
        Term.starts_with("clang-diagnostic-"))
      continue;
    if (!OnlyParsafe || Term.starts_with("parsafe-"))
      return Term.str();
  }
  return std::nullopt;
}

std::string currentDirectory() {
  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  return std::string(Cwd);
}

//===-- After the analysis ------------------------------------------------===//

void resolveEdits(Finding &F, Sources &Files) {
  for (Edit &E : F.Fixes) {
    std::tie(E.Line, E.Column) = Files.lineColumn(E.File, E.Offset);
    std::tie(E.EndLine, E.EndColumn) = Files.lineColumn(E.File, E.Offset + E.Length);
  }
}

/// Applies the fix-its, each file once with all its edits. Edits reported by
/// several TUs (a header) are the same edit and are applied once; an edit that
/// overlaps another one is skipped and said so.
unsigned applyFixes(const std::vector<Finding> &Findings) {
  std::map<std::string, std::set<std::tuple<unsigned, unsigned, std::string>>> ByFile;
  for (const Finding &F : Findings)
    for (const Edit &E : F.Fixes)
      ByFile[E.File].insert({E.Offset, E.Length, E.Text});
  unsigned Applied = 0;
  for (const auto &[File, Edits] : ByFile) {
    tooling::Replacements Replacements;
    for (const auto &[Offset, Length, Text] : Edits)
      if (Error E = Replacements.add(tooling::Replacement(File, Offset, Length, Text))) {
        WithColor::warning(errs(), "parsafe-check")
            << "fix-it at " << File << ":" << Offset << " overlaps another; not applied ("
            << toString(std::move(E)) << ")\n";
      } else {
        ++Applied;
      }
    auto Buffer = MemoryBuffer::getFile(File, /*IsText=*/true);
    if (!Buffer) {
      WithColor::error(errs(), "parsafe-check") << "cannot read " << File << " to fix it\n";
      continue;
    }
    Expected<std::string> Fixed =
        tooling::applyAllReplacements((*Buffer)->getBuffer(), Replacements);
    std::error_code EC;
    raw_fd_ostream Out(File, EC, sys::fs::OF_Text);
    if (!Fixed || EC) {
      if (!Fixed)
        consumeError(Fixed.takeError());
      WithColor::error(errs(), "parsafe-check") << "cannot write the fixes of " << File << "\n";
      continue;
    }
    Out << *Fixed;
  }
  return Applied;
}

int exitCodeFor(const Report &R) {
  if (!R.Failures.empty())
    return UnitFailed;
  return R.Findings.empty() ? Clean : FoundProblems;
}

//===-- merge -------------------------------------------------------------===//

int runMerge(raw_ostream &Out) {
  bool AnySarif = false, AnyJson = false;
  for (const std::string &Path : MergeInputs) {
    auto Buffer = MemoryBuffer::getFile(Path, /*IsText=*/true);
    if (!Buffer)
      return usageError("cannot read '" + Path + "': " + Buffer.getError().message());
    bool IsSarif = (*Buffer)->getBuffer().contains("\"runs\"");
    (IsSarif ? AnySarif : AnyJson) = true;
  }
  if (AnySarif && AnyJson)
    return usageError("cannot merge SARIF and JSON reports together");
  if (OutputFormat.getNumOccurrences() &&
      OutputFormat != (AnySarif ? Format::Sarif : Format::Json))
    return usageError("merge writes the format of its inputs; drop --format or convert "
                      "by running parsafe-check again");
  if (AnySarif) {
    bool HasResults = false, HasFailures = false;
    if (Error E = mergeSarif(MergeInputs, Out, HasResults, HasFailures))
      return usageError(toString(std::move(E)));
    return HasFailures ? UnitFailed : HasResults ? FoundProblems : Clean;
  }
  Report Merged;
  for (const std::string &Path : MergeInputs) {
    Expected<Report> Part = readJson(Path);
    if (!Part)
      return usageError(toString(Part.takeError()));
    Merged.Units += Part->Units;
    Merged.Suppressed += Part->Suppressed;
    llvm::append_range(Merged.Findings, Part->Findings);
    llvm::append_range(Merged.Failures, Part->Failures);
  }
  sortAndDeduplicate(Merged.Findings);
  writeJson(Merged, Out);
  return exitCodeFor(Merged);
}

std::unique_ptr<raw_fd_ostream> openOutput(std::string &Error) {
  std::error_code EC;
  auto Out = std::make_unique<raw_fd_ostream>(OutputFile.empty() ? "-" : OutputFile.getValue(),
                                              EC, sys::fs::OF_Text);
  if (EC)
    Error = "cannot write '" + OutputFile + "': " + EC.message();
  return Out;
}

} // namespace

int main(int argc, const char **argv) {
  setExecutablePath(argv[0], reinterpret_cast<void *>(&main));

  // Flags after `--` are the compile command of the named files.
  Database Db;
  std::string FixedError;
  Db.DB = tooling::FixedCompilationDatabase::loadFromCommandLine(argc, argv, FixedError);
  if (!FixedError.empty())
    return usageError(FixedError);
  Db.FromCommandLine = Db.DB != nullptr;

  // LLVM's own --color (auto, =true, =false) decides the colours of the text.
  if (cl::Option *ColorOption = cl::getRegisteredOptions().lookup("color"))
    ColorOption->addCategory(Category);
  cl::HideUnrelatedOptions(Category);
  if (!cl::ParseCommandLineOptions(argc, argv,
                                   "parsafe-check: parsafe's checks on a whole project, in "
                                   "parallel.\n\nExit codes: 0 no findings, 1 findings, "
                                   "2 usage or configuration error, 3 a translation unit "
                                   "could not be analysed.\n",
                                   &errs()))
    return UsageError;

  std::string OpenError;
  if (MergeCommand) {
    auto Out = openOutput(OpenError);
    if (!OpenError.empty())
      return usageError(OpenError);
    return runMerge(*Out);
  }

  if (!Explain.empty()) {
    std::string Name = StringRef(Explain).starts_with("parsafe-") ? Explain.getValue()
                                                                  : "parsafe-" + Explain;
    if (!registeredChecks().contains(Name))
      return usageError("unknown check '" + Explain + "' (parsafe-check --list-checks "
                        "shows them)");
    std::optional<CheckDoc> Doc = findCheckDoc(Name);
    if (!Doc)
      return usageError("no documentation page for " + Name + " in " + docSearchPath() +
                        " (set PARSAFE_DOCS_DIR)");
    outs() << Doc->Page;
    return Clean;
  }

  Configuration Config;
  StringSet<> Known = registeredChecks();
  if (!Checks.empty())
    if (std::optional<std::string> Bad = unknownCheck(Checks, Known, /*OnlyParsafe=*/false))
      return usageError("unknown check '" + *Bad + "' in --checks (parsafe-check "
                        "--list-checks shows them)");
  if (!HeaderFilter.empty()) {
    std::string RegexError;
    if (!Regex(HeaderFilter).isValid(RegexError))
      return usageError("invalid --header-filter: " + RegexError);
  }

  std::string Root = SourceRoot.empty() ? currentDirectory()
                                        : normalizePath(SourceRoot, currentDirectory());

  if (ListChecks) {
    std::vector<std::string> ConfigErrors;
    auto Provider = Config.provider("", &ConfigErrors);
    tidy::ClangTidyOptions Options = Provider->getOptions(Root + "/-");
    if (!ConfigErrors.empty())
      return usageError("cannot read " + ConfigErrors.front());
    std::vector<std::string> Names = tidy::getCheckNames(Options, false);
    if (Names.empty())
      return usageError("no checks enabled");
    outs() << "Enabled checks:\n";
    for (const std::string &Name : Names)
      outs() << "    " << Name << "\n";
    return Clean;
  }

  if (!Db.FromCommandLine) {
    if (BuildPath.empty())
      return usageError("no compilation database: pass -p BUILD_DIR, or the compiler flags "
                        "after -- (parsafe-check file.cpp -- -std=c++17)");
    auto Loaded = loadJsonDatabase(BuildPath);
    if (!Loaded)
      return usageError(toString(Loaded.takeError()));
    Db.DB = std::move(*Loaded);
  }
  auto Selected = selectUnits(Db, Paths);
  if (!Selected)
    return usageError(toString(Selected.takeError()));
  std::vector<tooling::CompileCommand> Units = std::move(*Selected);

  if (!Shard.empty()) {
    unsigned K = 0, N = 0;
    auto [KText, NText] = StringRef(Shard).split('/');
    if (KText.getAsInteger(10, K) || NText.getAsInteger(10, N) || N == 0 || K == 0 || K > N)
      return usageError("--shard wants K/N with 1 <= K <= N, not '" + Shard + "'");
    // Round-robin over a fixed order: every runner computes the same split.
    llvm::sort(Units, [](const tooling::CompileCommand &A, const tooling::CompileCommand &B) {
      return std::tie(A.Filename, A.Directory) < std::tie(B.Filename, B.Directory);
    });
    std::vector<tooling::CompileCommand> Mine;
    for (size_t I = K - 1; I < Units.size(); I += N)
      Mine.push_back(std::move(Units[I]));
    Units = std::move(Mine);
  }

  // Configuration problems stop the run before any work.
  std::vector<std::string> ConfigErrors;
  auto Validator = Config.provider("", &ConfigErrors);
  std::vector<std::string> EnabledChecks;
  for (const tooling::CompileCommand &Unit : Units) {
    tidy::ClangTidyOptions Options = Validator->getOptions(Unit.Filename);
    if (!ConfigErrors.empty())
      return usageError("cannot read " + ConfigErrors.front());
    if (std::optional<std::string> Bad =
            unknownCheck(Options.Checks.value_or(""), Known, /*OnlyParsafe=*/true))
      return usageError("unknown check '" + *Bad + "' in the configuration of " +
                        Unit.Filename + " (parsafe-check --list-checks shows them)");
    if (EnabledChecks.empty())
      EnabledChecks = tidy::getCheckNames(Options, false);
  }
  if (!Units.empty() && EnabledChecks.empty())
    return usageError("no checks enabled (see --checks and .clang-tidy)");

  auto Out = openOutput(OpenError);
  if (!OpenError.empty())
    return usageError(OpenError);
  std::optional<Baseline> Accepted;
  if (!BaselineFile.empty()) {
    Expected<Baseline> Loaded = Baseline::load(BaselineFile);
    if (!Loaded)
      return usageError(toString(Loaded.takeError()));
    Accepted = std::move(*Loaded);
  }

  // Longest first (by source size, a fair proxy) so the last unit started is
  // a short one and the workers finish together.
  auto SizeOf = [](const tooling::CompileCommand &C) {
    uint64_t Size = 0;
    sys::fs::file_size(C.Filename, Size);
    return Size;
  };
  llvm::sort(Units, [&](const tooling::CompileCommand &A, const tooling::CompileCommand &B) {
    return std::make_tuple(SizeOf(B), A.Filename, A.Directory) <
           std::make_tuple(SizeOf(A), B.Filename, B.Directory);
  });

  enableCrashRecovery();
  Sources Files;
  Report Result;
  Result.Units = unsigned(Units.size());
  {
    unsigned Workers = Jobs ? Jobs.getValue() : std::max(1u, std::thread::hardware_concurrency());
    bool Bar = ShowProgress == When::Always ||
               (ShowProgress == When::Auto && sys::Process::StandardErrIsDisplayed());
    Progress Meter(unsigned(Units.size()), ShowProgress != When::Never, Bar);
    std::mutex Mutex;
    OptionsProviderFactory MakeOptions = [&Config](StringRef Dir) { return Config.provider(Dir); };
    parsafe::ThreadPool Pool(Workers);
    std::vector<parsafe::Future<void>> Done;
    for (const tooling::CompileCommand &Unit : Units)
      Done.push_back(Pool.submit([&, Unit] {
        UnitResult R = analyzeUnit(Unit, MakeOptions, Files);
        {
          std::lock_guard<std::mutex> Lock(Mutex);
          llvm::append_range(Result.Findings, R.Findings);
          if (R.Failed)
            Result.Failures.push_back(std::move(*R.Failed));
        }
        Meter.finished(Unit.Filename, Root);
      }));
    for (parsafe::Future<void> &F : Done)
      F.get();
  }

  sortAndDeduplicate(Result.Findings);
  llvm::sort(Result.Failures, [](const Failure &A, const Failure &B) { return A.File < B.File; });
  for (Finding &F : Result.Findings) {
    F.Fingerprint = fingerprint(F, Root, Files);
    resolveEdits(F, Files);
  }

  if (!WriteBaselineFile.empty()) {
    std::vector<Finding> Accept;
    for (const Finding &F : Result.Findings)
      if (F.Level != "error")
        Accept.push_back(F);
    if (Error E = Baseline::write(WriteBaselineFile, Accept, Root))
      return usageError(toString(std::move(E)));
    errs() << "parsafe-check: baseline of " << Accept.size() << " finding(s) written to "
           << WriteBaselineFile << "\n";
  }
  if (Accepted) {
    std::vector<Finding> New;
    for (Finding &F : Result.Findings)
      if (F.Level == "error" || !Accepted->consume(F))
        New.push_back(std::move(F));
    Result.Suppressed = unsigned(Result.Findings.size() - New.size());
    Result.Findings = std::move(New);
  }
  if (Fix) {
    unsigned Applied = applyFixes(Result.Findings);
    errs() << "parsafe-check: applied " << Applied << " fix-it(s)\n";
  }

  OutputOptions Opts;
  Opts.SourceRoot = Root;
  Opts.EnabledChecks = EnabledChecks;
  Opts.Color = OutputFormat == Format::Text && WithColor(*Out).colorsEnabled();
  switch (OutputFormat) {
  case Format::Text:
    writeText(Result, *Out, Opts, Files);
    break;
  case Format::Json:
    writeJson(Result, *Out);
    break;
  case Format::Sarif:
    writeSarif(Result, *Out, Opts);
    break;
  }
  Out->flush();

  for (const Failure &F : Result.Failures)
    WithColor::error(errs(), "parsafe-check")
        << "could not analyse " << relativeTo(F.File, Root) << ": " << F.Reason << "\n";
  errs() << "parsafe-check: " << Result.Findings.size() << " finding(s) in " << Result.Units
         << " translation unit(s)";
  if (Result.Suppressed)
    errs() << ", " << Result.Suppressed << " more accepted by the baseline";
  if (!Result.Failures.empty())
    errs() << ", " << Result.Failures.size() << " unit(s) not analysed";
  errs() << "\n";
  if (!WriteBaselineFile.empty())
    return Result.Failures.empty() ? Clean : UnitFailed;
  return exitCodeFor(Result);
}
