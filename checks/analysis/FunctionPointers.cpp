//===--- FunctionPointers.cpp ---------------------------------------------===//

#include "FunctionPointers.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parsafe::analysis {

namespace {

bool isFunctionPointer(QualType Type) {
  Type = Type.getNonReferenceType();
  return Type->isFunctionPointerType() || Type->isFunctionReferenceType();
}

/// The function-pointer variable \p E names (`fp`, `*fp`, `(fp)`).
const VarDecl *pointerVariable(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Unary = dyn_cast<UnaryOperator>(E); Unary && Unary->getOpcode() == UO_Deref)
    E = Unary->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()); Var && isFunctionPointer(Var->getType()))
      return Var;
  return nullptr;
}

} // namespace

class FunctionPointerIndexer : public RecursiveASTVisitor<FunctionPointerIndexer> {
public:
  FunctionPointerIndexer(ASTContext &Ctx, llvm::DenseMap<const VarDecl *, FunctionPointers::Given> &Values)
      : Ctx(Ctx), Values(Values) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitVarDecl(VarDecl *Var) {
    if (isFunctionPointer(Var->getType()) && Var->getInit())
      give(Var, Var->getInit());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->getOpcode() == BO_Assign)
      if (const VarDecl *Var = pointerVariable(Op->getLHS()))
        give(Var, Op->getRHS());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *Op) {
    // `&fp`: it can be changed through the pointer.
    if (Op->getOpcode() == UO_AddrOf)
      if (const VarDecl *Var = pointerVariable(Op->getSubExpr()))
        Values[Var].Unknown = true;
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      for (unsigned I = 0; I < Call->getNumArgs() && I < Callee->getNumParams(); ++I)
        if (const ParmVarDecl *Param = Callee->getParamDecl(I); isFunctionPointer(Param->getType()))
          give(Param, Call->getArg(I));
    return true;
  }

private:
  void give(const VarDecl *Var, const Expr *Value) {
    FunctionPointers::Given &G = Values[Var];
    const Expr *E = Value->IgnoreParenCasts();
    if (const auto *Unary = dyn_cast<UnaryOperator>(E); Unary && Unary->getOpcode() == UO_AddrOf)
      E = Unary->getSubExpr()->IgnoreParenCasts();
    if (E->isValueDependent() || E->isTypeDependent())
      return;
    if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
      return;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *Function = dyn_cast<FunctionDecl>(Ref->getDecl())) {
        G.Functions.insert(Function->getCanonicalDecl());
        return;
      }
      if (const auto *Other = dyn_cast<VarDecl>(Ref->getDecl()); Other && isFunctionPointer(Other->getType())) {
        G.Variables.insert(Other);
        return;
      }
    }
    G.Unknown = true;
  }

  ASTContext &Ctx;
  llvm::DenseMap<const VarDecl *, FunctionPointers::Given> &Values;
};

void FunctionPointers::index(ASTContext &Ctx) {
  Values.emplace();
  FunctionPointerIndexer Indexer(Ctx, *Values);
  const SourceManager &SM = Ctx.getSourceManager();
  // Only the user's code: library internals would cost a walk of the whole
  // TU, and a call through a pointer the library sets is not followed.
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (!SM.isInSystemHeader(D->getLocation()))
      Indexer.TraverseDecl(D);
}

bool FunctionPointers::allTargets(const VarDecl *Var,
                                  llvm::SmallVectorImpl<const FunctionDecl *> &Out) const {
  llvm::SmallPtrSet<const VarDecl *, 4> Seen;
  llvm::SmallVector<const VarDecl *, 4> Work{Var};
  while (!Work.empty()) {
    const VarDecl *Next = Work.pop_back_val();
    if (!Seen.insert(Next).second)
      continue;
    auto It = Values->find(Next);
    if (It == Values->end())
      continue; // given nothing here (an extern declared elsewhere adds nothing)
    const Given &G = It->second;
    if (G.Unknown)
      return false;
    for (const FunctionDecl *Function : G.Functions)
      if (!llvm::is_contained(Out, Function))
        Out.push_back(Function);
    Work.append(G.Variables.begin(), G.Variables.end());
  }
  return true;
}

llvm::SmallVector<const FunctionDecl *, 2> FunctionPointers::targetsOf(const CallExpr *Call) {
  llvm::SmallVector<const FunctionDecl *, 2> Out;
  if (Call->getDirectCallee())
    return Out;
  const VarDecl *Var = pointerVariable(Call->getCallee());
  if (!Var)
    return Out;
  if (!Values)
    index(Var->getASTContext());
  if (!allTargets(Var, Out))
    Out.clear();
  return Out;
}

const FunctionDecl *FunctionPointers::targetOf(const CallExpr *Call) {
  llvm::SmallVector<const FunctionDecl *, 2> Targets = targetsOf(Call);
  return Targets.size() == 1 ? Targets.front() : nullptr;
}

} // namespace clang::tidy::parsafe::analysis
