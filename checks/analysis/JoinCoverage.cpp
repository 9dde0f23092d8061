//===--- JoinCoverage.cpp -------------------------------------------------===//

#include "JoinCoverage.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/FoldingSet.h"
#include <optional>

namespace clang::tidy::parsafe::analysis {

namespace {

/// The index of a subscripted handle (`ids[i]`, `threads[k]`), or null.
const Expr *indexOf(const Expr *Handle) {
  Handle = Handle->IgnoreParenImpCasts();
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Handle))
    return Subscript->getIdx()->IgnoreParenImpCasts();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Handle);
      Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
    return Op->getArg(1)->IgnoreParenImpCasts();
  return nullptr;
}

const VarDecl *variableOf(const Expr *E) {
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr))
    return dyn_cast<VarDecl>(Ref->getDecl());
  return nullptr;
}

/// The values an index takes in `for (i = Lo; i < Hi; i++)`: [Lo, Hi), or
/// [Lo, Hi] when Inclusive.
struct IndexRange {
  const VarDecl *Index = nullptr;
  const Expr *Lo = nullptr, *Hi = nullptr;
  bool Inclusive = false;
};

std::optional<IndexRange> rangeOf(const Stmt *Loop) {
  const auto *For = dyn_cast_or_null<ForStmt>(Loop);
  if (!For || !For->getInit() || !For->getCond() || !For->getInc())
    return std::nullopt;
  IndexRange R;
  if (const auto *Decl = dyn_cast<DeclStmt>(For->getInit()); Decl && Decl->isSingleDecl()) {
    R.Index = dyn_cast<VarDecl>(Decl->getSingleDecl());
    R.Lo = R.Index ? R.Index->getInit() : nullptr;
  } else if (const auto *Assign = dyn_cast<BinaryOperator>(For->getInit());
             Assign && Assign->getOpcode() == BO_Assign) {
    R.Index = variableOf(Assign->getLHS());
    R.Lo = Assign->getRHS();
  }
  const auto *Cond = dyn_cast<BinaryOperator>(For->getCond()->IgnoreParenImpCasts());
  if (!R.Index || !R.Lo || !Cond || variableOf(Cond->getLHS()) != R.Index)
    return std::nullopt;
  switch (Cond->getOpcode()) {
  case BO_LT:
  case BO_NE:
    break;
  case BO_LE:
    R.Inclusive = true;
    break;
  default:
    return std::nullopt;
  }
  R.Hi = Cond->getRHS();
  const auto *Inc = dyn_cast<UnaryOperator>(For->getInc()->IgnoreParenImpCasts());
  if (!Inc || !Inc->isIncrementOp() || variableOf(Inc->getSubExpr()) != R.Index)
    return std::nullopt;
  return R;
}

std::optional<llvm::APSInt> constantOf(const Expr *E, ASTContext &Ctx) {
  if (!E || E->isValueDependent())
    return std::nullopt;
  return E->IgnoreParenImpCasts()->getIntegerConstantExpr(Ctx);
}

bool sameExpr(const Expr *A, const Expr *B, ASTContext &Ctx) {
  llvm::FoldingSetNodeID IdA, IdB;
  A->IgnoreParenImpCasts()->Profile(IdA, Ctx, /*Canonical=*/true);
  B->IgnoreParenImpCasts()->Profile(IdB, Ctx, /*Canonical=*/true);
  return IdA == IdB;
}

/// Whether the join loop's range contains the spawn loop's range; unknown
/// shapes count as containing it.
bool rangeContains(const IndexRange &Join, const IndexRange &Spawn, ASTContext &Ctx) {
  auto Lo = [&](const IndexRange &R) { return constantOf(R.Lo, Ctx); };
  auto Hi = [&](const IndexRange &R) -> std::optional<llvm::APSInt> {
    std::optional<llvm::APSInt> V = constantOf(R.Hi, Ctx);
    if (V && R.Inclusive)
      ++*V;
    return V;
  };
  std::optional<llvm::APSInt> JLo = Lo(Join), SLo = Lo(Spawn), JHi = Hi(Join), SHi = Hi(Spawn);
  if (JLo && SLo && llvm::APSInt::compareValues(*JLo, *SLo) > 0)
    return false;
  if (JHi && SHi)
    return llvm::APSInt::compareValues(*JHi, *SHi) >= 0;
  if (JHi || SHi || Join.Inclusive != Spawn.Inclusive)
    return true; // one constant, one not: cannot compare
  // `i < n - 1` against `i < n`: one short. Other differing bounds may still
  // hold the same value (two variables set alike): taken to cover.
  const auto *Shorter = dyn_cast<BinaryOperator>(Join.Hi->IgnoreParenImpCasts());
  if (Shorter && Shorter->getOpcode() == BO_Sub && sameExpr(Shorter->getLHS(), Spawn.Hi, Ctx))
    if (std::optional<llvm::APSInt> By = constantOf(Shorter->getRHS(), Ctx); By && By->isStrictlyPositive())
      return false;
  return true;
}

} // namespace

bool joinCoversSpawn(const Expr *SpawnHandle, const Stmt *SpawnLoop, bool ScalarHandle,
                     const Expr *JoinHandle, const Stmt *JoinLoop, ASTContext &Ctx) {
  const Expr *SpawnIndex = SpawnHandle ? indexOf(SpawnHandle) : nullptr;
  const Expr *JoinIndex = JoinHandle ? indexOf(JoinHandle) : nullptr;
  std::optional<llvm::APSInt> SpawnAt = constantOf(SpawnIndex, Ctx);
  std::optional<llvm::APSInt> JoinAt = constantOf(JoinIndex, Ctx);
  if (SpawnLoop && JoinLoop == SpawnLoop)
    return true; // joined in the iteration that started it
  if (SpawnLoop) {
    // Many threads: one handle overwritten by each, or one slot each.
    if (ScalarHandle && !SpawnIndex)
      return false;
    if (!SpawnIndex || SpawnAt)
      return true; // a container of threads, or one slot: as before
    if (JoinAt)
      return false; // one slot of many
    std::optional<IndexRange> Spawned = rangeOf(SpawnLoop), Joined = rangeOf(JoinLoop);
    if (!Spawned || !Joined || variableOf(SpawnIndex) != Spawned->Index ||
        variableOf(JoinIndex) != Joined->Index)
      return true;
    return rangeContains(*Joined, *Spawned, Ctx);
  }
  // One thread, in slot SpawnAt.
  if (SpawnAt && JoinAt)
    return llvm::APSInt::isSameValue(*SpawnAt, *JoinAt);
  if (SpawnAt && JoinIndex) {
    std::optional<IndexRange> Joined = rangeOf(JoinLoop);
    if (!Joined || variableOf(JoinIndex) != Joined->Index)
      return true;
    std::optional<llvm::APSInt> Lo = constantOf(Joined->Lo, Ctx), Hi = constantOf(Joined->Hi, Ctx);
    if (Lo && llvm::APSInt::compareValues(*Lo, *SpawnAt) > 0)
      return false;
    if (Hi) {
      int Cmp = llvm::APSInt::compareValues(*Hi, *SpawnAt);
      return Joined->Inclusive ? Cmp >= 0 : Cmp > 0;
    }
    return true;
  }
  return true;
}

} // namespace clang::tidy::parsafe::analysis
