//===--- Analyzer.cpp - one translation unit through clang-tidy -----------===//
//
// Mirrors clang::tidy::runClangTidy, minus what does not suit many units on
// many threads at once:
//  * one ToolInvocation per compile command, with its own physical file system
//    whose working directory is the command's (ClangTool's real file system
//    would chdir the whole process);
//  * no ClangTool, which prints "Error while processing" lines to stderr;
//  * the resource directory of the clang this was built against (ClangTool
//    guesses it from this executable's path, where there is none);
//  * before the AST is freed, the spans of the function definitions, so each
//    finding knows its enclosing function (part of its baseline fingerprint).
//
//===----------------------------------------------------------------------===//

#include "Analyzer.h"

#include "ClangTidy.h"
#include "ClangTidyDiagnosticConsumer.h"
#include "ClangTidyModule.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/VirtualFileSystem.h"

using namespace clang;
using namespace clang::tidy;

namespace parsafe::check {
namespace {

struct FunctionSpan {
  std::string File;
  unsigned Begin, End;
  std::string Name;
};

/// Records the written function definitions outside system headers. Lambdas
/// are not named functions: a finding inside one belongs to the function
/// around it.
class FunctionSpanCollector : public RecursiveASTVisitor<FunctionSpanCollector> {
public:
  FunctionSpanCollector(const SourceManager &SM, llvm::StringRef BuildDir,
                        std::vector<FunctionSpan> &Out)
      : SM(SM), BuildDir(BuildDir), Out(Out) {}

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && SM.isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody())
      return true;
    if (const auto *M = dyn_cast<CXXMethodDecl>(FD); M && M->getParent()->isLambda())
      return true;
    auto [BeginFile, Begin] = SM.getDecomposedExpansionLoc(FD->getBeginLoc());
    auto [EndFile, End] = SM.getDecomposedExpansionLoc(FD->getEndLoc());
    if (BeginFile != EndFile)
      return true;
    OptionalFileEntryRef Entry = SM.getFileEntryRefForID(BeginFile);
    if (!Entry)
      return true;
    Out.push_back({normalizePath(Entry->getName(), BuildDir), Begin, End + 1,
                   FD->getQualifiedNameAsString()});
    return true;
  }

private:
  const SourceManager &SM;
  llvm::StringRef BuildDir;
  std::vector<FunctionSpan> &Out;
};

/// runClangTidy's action factory, plus the span collection at the end of the
/// translation unit.
class TidyActionFactory : public tooling::FrontendActionFactory {
public:
  TidyActionFactory(ClangTidyContext &Context, llvm::StringRef BuildDir,
                    std::vector<FunctionSpan> &Spans)
      : ConsumerFactory(Context), BuildDir(BuildDir), Spans(Spans) {}

  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(*this);
  }

  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation, FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *DiagConsumer) override {
    // clang-tidy defines __clang_analyzer__; code guarded by it must look the same.
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    // The compiler's "N warnings generated." would interleave between units.
    Invocation->getDiagnosticOpts().ShowCarets = false;
    return FrontendActionFactory::runInvocation(std::move(Invocation), Files,
                                                std::move(PCHContainerOps), DiagConsumer);
  }

private:
  class Action : public ASTFrontendAction {
  public:
    explicit Action(TidyActionFactory &Owner) : Owner(Owner) {}
    std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &Compiler,
                                                   llvm::StringRef File) override {
      return Owner.ConsumerFactory.createASTConsumer(Compiler, File);
    }
    void EndSourceFileAction() override {
      CompilerInstance &CI = getCompilerInstance();
      if (!CI.hasASTContext())
        return;
      FunctionSpanCollector(CI.getSourceManager(), Owner.BuildDir, Owner.Spans)
          .TraverseDecl(CI.getASTContext().getTranslationUnitDecl());
    }

  private:
    TidyActionFactory &Owner;
  };

  ClangTidyASTConsumerFactory ConsumerFactory;
  std::string BuildDir;
  std::vector<FunctionSpan> &Spans;
};

/// The innermost recorded function containing Offset of File.
std::string enclosingFunction(const std::vector<FunctionSpan> &Spans, llvm::StringRef File,
                              unsigned Offset) {
  const FunctionSpan *Best = nullptr;
  for (const FunctionSpan &S : Spans)
    if (S.File == File && S.Begin <= Offset && Offset < S.End &&
        (!Best || S.End - S.Begin < Best->End - Best->Begin))
      Best = &S;
  return Best ? Best->Name : "";
}

Location locate(const tooling::DiagnosticMessage &M, llvm::StringRef BuildDir, Sources &Files) {
  Location L;
  if (M.FilePath.empty())
    return L;
  L.File = normalizePath(M.FilePath, BuildDir);
  L.Offset = M.FileOffset;
  std::tie(L.Line, L.Column) = Files.lineColumn(L.File, L.Offset);
  return L;
}

const char *levelName(ClangTidyError::Level Level) {
  switch (Level) {
  case ClangTidyError::Error:
    return "error";
  case ClangTidyError::Remark:
    return "remark";
  default:
    return "warning";
  }
}

std::vector<std::string> commandLineFor(const tooling::CompileCommand &Command,
                                        const ClangTidyOptions &Options) {
  std::vector<std::string> Args = Command.CommandLine;
  if (Options.ExtraArgsBefore && !Args.empty())
    Args.insert(Args.begin() + 1, Options.ExtraArgsBefore->begin(),
                Options.ExtraArgsBefore->end());
  if (Options.ExtraArgs)
    Args.insert(Args.end(), Options.ExtraArgs->begin(), Options.ExtraArgs->end());
  tooling::ArgumentsAdjuster Adjust = tooling::combineAdjusters(
      tooling::getClangStripOutputAdjuster(),
      tooling::combineAdjusters(tooling::getClangSyntaxOnlyAdjuster(),
                                tooling::combineAdjusters(
                                    tooling::getClangStripDependencyFileAdjuster(),
                                    tooling::getStripPluginsAdjuster())));
  Args = Adjust(Args, Command.Filename);
  bool HasResourceDir = llvm::any_of(
      Args, [](llvm::StringRef A) { return A.starts_with("-resource-dir"); });
  if (!HasResourceDir && !Args.empty())
    Args.insert(Args.begin() + 1, "-resource-dir=" PARSAFE_CLANG_RESOURCE_DIR);
  return Args;
}

/// The analysis proper; runs inside a CrashRecoveryContext.
void runTidy(const tooling::CompileCommand &Command, const OptionsProviderFactory &MakeOptions,
             Sources &Files, UnitResult &Result) {
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS = llvm::vfs::createPhysicalFileSystem();
  if (std::error_code EC = FS->setCurrentWorkingDirectory(Command.Directory)) {
    Result.Failed = Failure{Command.Filename, "cannot enter the build directory " +
                                                  Command.Directory + ": " + EC.message()};
    return;
  }
  ClangTidyContext Context(MakeOptions(Command.Directory));
  Context.setCurrentBuildDirectory(Command.Directory);
  ClangTidyDiagnosticConsumer DiagConsumer(Context, nullptr, /*RemoveIncompatibleErrors=*/true,
                                           /*GetFixesFromNotes=*/false);
  DiagnosticsEngine DE(new DiagnosticIDs(), new DiagnosticOptions(), &DiagConsumer,
                       /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&DE);

  std::vector<FunctionSpan> Spans;
  TidyActionFactory Factory(Context, Command.Directory, Spans);
  llvm::IntrusiveRefCntPtr<FileManager> FileMgr(new FileManager(FileSystemOptions(), FS));
  tooling::ToolInvocation Invocation(
      commandLineFor(Command, Context.getOptionsForFile(Command.Filename)), &Factory,
      FileMgr.get(), std::make_shared<PCHContainerOperations>());
  Invocation.setDiagnosticConsumer(&DiagConsumer);
  bool Ran = Invocation.run();

  std::string FirstError;
  for (const ClangTidyError &E : DiagConsumer.take()) {
    Finding F;
    F.Check = E.DiagnosticName;
    F.Level = levelName(E.DiagLevel);
    F.Message = E.Message.Message;
    F.Where = locate(E.Message, E.BuildDirectory, Files);
    for (const tooling::DiagnosticMessage &N : E.Notes)
      F.Notes.push_back({N.Message, locate(N, E.BuildDirectory, Files)});
    for (const auto &[File, Replacements] : E.Message.Fix)
      for (const tooling::Replacement &R : Replacements)
        F.Fixes.push_back({normalizePath(R.getFilePath(), E.BuildDirectory), R.getOffset(),
                           R.getLength(), R.getReplacementText().str()});
    F.Function = enclosingFunction(Spans, F.Where.File, F.Where.Offset);
    if (E.DiagLevel == ClangTidyError::Error && FirstError.empty())
      FirstError = F.Where.File.empty()
                       ? F.Message
                       : F.Where.File + ":" + std::to_string(F.Where.Line) + ":" +
                             std::to_string(F.Where.Column) + ": " + F.Message;
    Result.Findings.push_back(std::move(F));
  }
  if (!FirstError.empty())
    Result.Failed = Failure{Command.Filename, "does not compile: " + FirstError};
  else if (!Ran)
    Result.Failed = Failure{Command.Filename, "the compiler could not run this command"};
}

} // namespace

void enableCrashRecovery() { llvm::CrashRecoveryContext::Enable(); }

UnitResult analyzeUnit(const tooling::CompileCommand &Command,
                       const OptionsProviderFactory &MakeOptions, Sources &Files) {
  // A crash abandons the run's objects where they are (their state is not
  // trustworthy); the other units and the report are unaffected.
  auto *Partial = new UnitResult;
  llvm::CrashRecoveryContext Recovery;
  if (!Recovery.RunSafely([&] { runTidy(Command, MakeOptions, Files, *Partial); })) {
    UnitResult Crashed;
    // RetCode is 128 + the signal number, as a shell reports it.
    int Signal = Recovery.RetCode > 128 ? Recovery.RetCode - 128 : Recovery.RetCode;
    Crashed.Failed = Failure{Command.Filename, "the analysis crashed (signal " +
                                                   std::to_string(Signal) +
                                                   "); no findings from this unit"};
    return Crashed;
  }
  UnitResult Result = std::move(*Partial);
  delete Partial;
  return Result;
}

} // namespace parsafe::check
