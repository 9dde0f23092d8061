// transfer-classify TABLE -- COMPILER-ARGS
//
// Runs the checker's Transferability classifier (level "serializable") over
// every PARSAFE_TRANSFER_CASE of a table header and compares it with the
// table's expected verdict. Prints one line per case and a summary; exits 1
// on any mismatch, 2 on a table that does not parse.
#include "analysis/Transferability.h"
#include "clang/AST/Decl.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

using namespace clang;

int main(int argc, char **argv) {
  if (argc < 2) {
    llvm::errs() << "usage: transfer-classify TABLE -- COMPILER-ARGS\n";
    return 2;
  }
  std::string Table = argv[1];
  std::vector<std::string> Args;
  for (int I = 2; I < argc; ++I)
    if (std::string(argv[I]) != "--")
      Args.push_back(argv[I]);
  Args.push_back("-xc++");
  auto Buffer = llvm::MemoryBuffer::getFile(Table);
  if (!Buffer) {
    llvm::errs() << "transfer-classify: cannot read " << Table << "\n";
    return 2;
  }
  std::string Code = "#define PARSAFE_TRANSFER_CASE(Name, Expected, ...) "
                     "using parsafe_case_##Name = __VA_ARGS__; "
                     "constexpr bool parsafe_expect_##Name = Expected;\n" +
                     (*Buffer)->getBuffer().str();
  std::unique_ptr<ASTUnit> AST =
      tooling::buildASTFromCodeWithArgs(Code, Args, Table + ".cpp", "transfer-classify");
  if (!AST || AST->getDiagnostics().hasErrorOccurred()) {
    llvm::errs() << "transfer-classify: the table does not compile\n";
    return 2;
  }
  ASTContext &Ctx = AST->getASTContext();
  tidy::parsafe::analysis::Transferability Classifier(Ctx);
  unsigned Cases = 0, Mismatches = 0;
  for (const Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    const auto *Alias = dyn_cast<TypedefNameDecl>(D);
    if (!Alias || !Alias->getName().starts_with("parsafe_case_"))
      continue;
    std::string Name = Alias->getName().drop_front(strlen("parsafe_case_")).str();
    bool Expected = false;
    for (const Decl *E : Ctx.getTranslationUnitDecl()->decls())
      if (const auto *Var = dyn_cast<VarDecl>(E))
        if (Var->getName() == "parsafe_expect_" + Name && Var->getInit())
          if (auto Value = Var->getInit()->getIntegerConstantExpr(Ctx))
            Expected = Value->getBoolValue();
    const auto &Verdict = Classifier.classify(
        Alias->getUnderlyingType(), tidy::parsafe::analysis::TransferLevel::Serializable);
    ++Cases;
    bool Mismatch = Verdict.Portable != Expected;
    Mismatches += Mismatch;
    llvm::outs() << Name << ": " << (Verdict.Portable ? "transferable" : "not transferable");
    if (!Verdict.Portable)
      llvm::outs() << " ('" << (Verdict.Path.empty() ? Verdict.OffendingType : Verdict.Path)
                   << "' is " << Verdict.Reason << ")";
    if (Mismatch)
      llvm::outs() << " MISMATCH: the table says "
                   << (Expected ? "transferable" : "not transferable");
    llvm::outs() << "\n";
  }
  llvm::outs() << Cases << " cases, " << Mismatches << " mismatches\n";
  return Mismatches ? 1 : 0;
}
