//===--- JoinCoverage.cpp -------------------------------------------------===//

#include "JoinCoverage.h"
#include "StmtContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/FoldingSet.h"
#include <optional>

namespace clang::tidy::parsafe::analysis {

namespace {

/// The values an index takes in `for (i = Lo; i < Hi; i++)`: [Lo, Hi), or
/// [Lo, Hi] when Inclusive. The index is any lvalue the loop counts with:
/// `i`, `c.index`, `*cursor`.
struct IndexRange {
  const Expr *Index = nullptr; ///< as the condition reads it
  const Expr *Lo = nullptr, *Hi = nullptr;
  bool Inclusive = false;
};

std::optional<IndexRange> rangeOf(const Stmt *Loop, ASTContext &Ctx) {
  const auto *For = dyn_cast_or_null<ForStmt>(Loop);
  if (!For || !For->getInit() || !For->getCond() || !For->getInc())
    return std::nullopt;
  const auto *Cond = dyn_cast<BinaryOperator>(For->getCond()->IgnoreParenImpCasts());
  if (!Cond)
    return std::nullopt;
  IndexRange R;
  R.Index = Cond->getLHS()->IgnoreParenImpCasts();
  if (const auto *Decl = dyn_cast<DeclStmt>(For->getInit()); Decl && Decl->isSingleDecl()) {
    const auto *Ref = dyn_cast<DeclRefExpr>(R.Index);
    if (!Ref || Ref->getDecl() != Decl->getSingleDecl())
      return std::nullopt;
    R.Lo = cast<VarDecl>(Decl->getSingleDecl())->getInit();
  } else if (const auto *Assign = dyn_cast<BinaryOperator>(For->getInit());
             Assign && Assign->getOpcode() == BO_Assign && sameExpr(Assign->getLHS(), R.Index, Ctx)) {
    R.Lo = Assign->getRHS();
  }
  if (!R.Lo)
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
  if (!Inc || !Inc->isIncrementOp() || !sameExpr(Inc->getSubExpr(), R.Index, Ctx))
    return std::nullopt;
  return R;
}

/// Whether \p E reads \p Index other than as a subscript (`i != 3`, `i % 2`;
/// not `done[i]`, which picks an element).
bool readsIndexItself(const Stmt *E, const Expr *Index, ASTContext &Ctx) {
  if (!E)
    return false;
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
    return readsIndexItself(Subscript->getBase(), Index, Ctx);
  if (const auto *Read = dyn_cast<Expr>(E); Read && sameExpr(Read, Index, Ctx))
    return true;
  return llvm::any_of(E->children(), [&](const Stmt *Child) { return readsIndexItself(Child, Index, Ctx); });
}

/// Whether the join at \p Handle runs for only some values of the loop's
/// index: under an if (or ?:, &&, ||) whose condition tests the index
/// itself (`if (i != 3) pthread_join(ids[i], 0)`). A test of the slot
/// (`if (started[i])`) skips threads that never ran: still a full join.
bool joinSkipsIndices(const Expr *Handle, const Stmt *Loop, const Expr *Index, ASTContext &Ctx) {
  return llvm::any_of(enclosingBranches(Handle, Ctx, Loop),
                      [&](const Branch &B) { return readsIndexItself(B.Cond, Index, Ctx); });
}

std::optional<llvm::APSInt> constantOf(const Expr *E, ASTContext &Ctx) {
  if (!E || E->isValueDependent())
    return std::nullopt;
  return E->IgnoreParenImpCasts()->getIntegerConstantExpr(Ctx);
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
  const Expr *SpawnIndex = SpawnHandle ? subscriptIndex(SpawnHandle) : nullptr;
  const Expr *JoinIndex = JoinHandle ? subscriptIndex(JoinHandle) : nullptr;
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
    std::optional<IndexRange> Spawned = rangeOf(SpawnLoop, Ctx), Joined = rangeOf(JoinLoop, Ctx);
    if (!Spawned || !Joined || !sameExpr(SpawnIndex, Spawned->Index, Ctx) ||
        !sameExpr(JoinIndex, Joined->Index, Ctx))
      return true;
    return rangeContains(*Joined, *Spawned, Ctx) &&
           !joinSkipsIndices(JoinHandle, JoinLoop, Joined->Index, Ctx);
  }
  // One thread, in slot SpawnAt.
  if (SpawnAt && JoinAt)
    return llvm::APSInt::isSameValue(*SpawnAt, *JoinAt);
  if (SpawnAt && JoinIndex) {
    std::optional<IndexRange> Joined = rangeOf(JoinLoop, Ctx);
    if (!Joined || !sameExpr(JoinIndex, Joined->Index, Ctx))
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

bool mayReplaceHandle(const Expr *Written, const Expr *SpawnHandle, ASTContext &Ctx) {
  std::optional<llvm::APSInt> At = constantOf(subscriptIndex(Written), Ctx);
  std::optional<llvm::APSInt> SpawnAt = constantOf(subscriptIndex(SpawnHandle), Ctx);
  return !(At && SpawnAt && !llvm::APSInt::isSameValue(*At, *SpawnAt));
}

} // namespace clang::tidy::parsafe::analysis
