//===--- FieldStores.cpp --------------------------------------------------===//

#include "FieldStores.h"
#include "Accesses.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ASTLambda.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::parsafe::analysis {

namespace {

bool isIndirect(const FieldDecl *Field) {
  QualType Type = Field->getType();
  return Type->isPointerType() || Type->isReferenceType();
}

class Collector : public RecursiveASTVisitor<Collector> {
public:
  Collector(ASTContext &Ctx, llvm::DenseMap<const FieldDecl *, llvm::SmallVector<FieldStore, 2>> &Out)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Out(Out) {}

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && SM.isInSystemHeader(D->getLocation()))
      return true;
    const FunctionDecl *Saved = Current;
    if (const auto *Function = dyn_cast_or_null<FunctionDecl>(D))
      if (!Current || !isLambdaCallOperator(Function)) // a lambda's body stays its function's
        Current = Function;
    bool Result = RecursiveASTVisitor::TraverseDecl(D);
    Current = Saved;
    return Result;
  }

  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->getOpcode() == BO_Assign)
      if (const auto *Member = dyn_cast<MemberExpr>(Op->getLHS()->IgnoreParenImpCasts()))
        if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
          store(Field, Op->getRHS(), false);
    return true;
  }

  bool VisitInitListExpr(InitListExpr *List) {
    // Both forms are visited; the semantic one has an initializer per field.
    InitListExpr *Semantic = List->isSemanticForm() ? List : List->getSemanticForm();
    if (!Semantic || !Seen.insert(Semantic).second)
      return true;
    forEachFieldInit(Semantic, [&](const FieldDecl *Field, const Expr *Init) {
      store(Field, Init, Field->getType()->isReferenceType());
    });
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    if (!Ctor || Ctor->isImplicit() || Ctor->isCopyOrMoveConstructor() ||
        SM.isInSystemHeader(Ctor->getLocation()))
      return true;
    for (const CXXCtorInitializer *Init : Ctor->inits()) {
      const FieldDecl *Field = Init->getMember();
      if (!Field || !Init->isWritten() || !isIndirect(Field))
        continue;
      bool Reference = Field->getType()->isReferenceType();
      const Expr *Value = Init->getInit()->IgnoreParenImpCasts();
      bool AddressOf = false;
      if (const auto *Unary = dyn_cast<UnaryOperator>(Value); Unary && Unary->getOpcode() == UO_AddrOf) {
        Value = Unary->getSubExpr()->IgnoreParenImpCasts();
        AddressOf = true;
      }
      // `total(t)` / `total(&t)` with t a parameter: what this construction passes.
      const auto *Ref = dyn_cast<DeclRefExpr>(Value);
      const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
      if (Param && Param->getDeclContext() == Ctor &&
          Param->getFunctionScopeIndex() < Construct->getNumArgs()) {
        bool ParamIsReference = Param->getType()->isReferenceType();
        if (Reference != ParamIsReference && !(AddressOf && ParamIsReference))
          continue; // a reference member bound to a by-value parameter: the callee's copy
        store(Field, Construct->getArg(Param->getFunctionScopeIndex()), ParamIsReference);
        continue;
      }
      store(Field, Init->getInit(), Reference);
    }
    return true;
  }

private:
  void store(const FieldDecl *Field, const Expr *Value, bool Reference) {
    if (!Field || !Value || !isIndirect(Field) || SM.isInSystemHeader(Field->getLocation()))
      return;
    if (!Reference && Value->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
      return;
    Out[Field->getCanonicalDecl()].push_back({Value, Reference, Current});
  }

  ASTContext &Ctx;
  const SourceManager &SM;
  llvm::DenseMap<const FieldDecl *, llvm::SmallVector<FieldStore, 2>> &Out;
  llvm::SmallPtrSet<const InitListExpr *, 8> Seen;
  const FunctionDecl *Current = nullptr;
};

} // namespace

llvm::ArrayRef<FieldStore> FieldStores::of(const FieldDecl *Field) {
  if (!Stores) {
    Stores.emplace();
    Collector(Ctx, *Stores).TraverseDecl(Ctx.getTranslationUnitDecl());
  }
  auto It = Stores->find(Field->getCanonicalDecl());
  if (It == Stores->end())
    return {};
  return It->second;
}

} // namespace clang::tidy::parsafe::analysis
