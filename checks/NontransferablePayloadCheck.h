//===--- NontransferablePayloadCheck.h - parsafe-nontransferable-payload --===//
//
// The C++ "can't pickle": objects that cannot survive a trip to another
// process given to a process boundary anyway — written to pipes and sockets,
// placed in iovecs, copied or constructed into MAP_SHARED / System V shared
// memory, or handed to process-pool APIs named in the options.
//
// docs/checks/nontransferable-payload.md
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_NONTRANSFERABLEPAYLOADCHECK_H
#define PARSAFE_NONTRANSFERABLEPAYLOADCHECK_H

#include "ParsafeCheckBase.h"
#include "analysis/Transferability.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <string>

namespace clang::tidy::parsafe {

class NontransferablePayloadCheck : public ParsafeCheckBase {
public:
  NontransferablePayloadCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void report(SourceLocation Loc, QualType Type, StringRef What, analysis::TransferLevel Level,
              ASTContext &Ctx, const Expr *Mapping);
  void checkProcessCall(const CallExpr *Call, ASTContext &Ctx);
  const CallExpr *sharedMapping(const Expr *E, ASTContext &Ctx, unsigned Depth) const;
  bool isProcessFunction(const FunctionDecl *FD) const;

  const std::string Sinks;
  const std::string AdditionalSinks;
  const std::string ProcessFunctions;
  llvm::StringMap<unsigned> SinkArgs;
  llvm::SmallVector<std::string, 2> ProcessFunctionNames;
  std::optional<analysis::Transferability> Classifier;
};

} // namespace clang::tidy::parsafe

#endif
