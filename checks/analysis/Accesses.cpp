//===--- Accesses.cpp -----------------------------------------------------===//

#include "Accesses.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::parsafe::analysis {

namespace {

/// The variable at the root of `v`, `v.a.b`, `v[i]`, `v->x` is not followed
/// (that is another object), nor is `*p`.
const VarDecl *rootVariable(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (Member->isArrow())
        return nullptr;
      E = Member->getBase();
      continue;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      // Only arrays: a pointer's elements are another object.
      if (!Subscript->getBase()->IgnoreParenImpCasts()->getType()->isArrayType())
        return nullptr;
      E = Subscript->getBase();
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
        Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2) {
      E = Op->getArg(0);
      continue;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<VarDecl>(Ref->getDecl());
    return nullptr;
  }
}

class Collector : public RecursiveASTVisitor<Collector> {
public:
  llvm::SmallVector<Access, 8> Out;

  bool TraverseLambdaExpr(LambdaExpr *) { return true; }

  // `x += 1` is a CompoundAssignOperator, traversed separately from `x = 1`.
  bool TraverseCompoundAssignOperator(CompoundAssignOperator *Op) { return assignment(Op); }
  bool TraverseBinaryOperator(BinaryOperator *Op) {
    if (!Op->isAssignmentOp())
      return RecursiveASTVisitor::TraverseBinaryOperator(Op);
    return assignment(Op);
  }
  bool assignment(BinaryOperator *Op) {
    // Compound assignment reads, then writes.
    if (Op->isCompoundAssignmentOp())
      recordRead(Op->getLHS());
    TraverseStmt(Op->getRHS());
    recordWriteAndSubscripts(Op->getLHS(), Op);
    return true;
  }
  bool TraverseUnaryOperator(UnaryOperator *Op) {
    if (!Op->isIncrementDecrementOp())
      return RecursiveASTVisitor::TraverseUnaryOperator(Op);
    recordRead(Op->getSubExpr());
    recordWriteAndSubscripts(Op->getSubExpr(), Op);
    return true;
  }
  bool TraverseCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    // Overloaded assignment (std::string = ..., vector = ...) writes arg 0.
    if (Op->isAssignmentOp() && Op->getNumArgs() == 2) {
      TraverseStmt(Op->getArg(1));
      recordWriteAndSubscripts(Op->getArg(0), Op);
      return true;
    }
    return RecursiveASTVisitor::TraverseCXXOperatorCallExpr(Op);
  }
  bool TraverseCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    const Expr *Object = Call->getImplicitObjectArgument();
    if (Method && Object && !Method->isConst() && !Method->isStatic()) {
      for (Expr *Arg : Call->arguments())
        TraverseStmt(Arg);
      recordWriteAndSubscripts(Object, Call);
      return true;
    }
    return RecursiveASTVisitor::TraverseCXXMemberCallExpr(Call);
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      if (!Consumed.count(Ref))
        Out.push_back({Ref, Var, AccessKind::Read});
    return true;
  }

private:
  void recordRead(const Expr *E) {
    if (const VarDecl *Var = rootVariable(E))
      Out.push_back({E, Var, AccessKind::Read});
  }
  /// Records the write, and traverses what the written expression itself
  /// evaluates (subscripts, bases through pointers), marking the written
  /// variable's own reference so it is not also counted as a read.
  void recordWriteAndSubscripts(const Expr *Target, const Expr *Whole) {
    const VarDecl *Var = rootVariable(Target);
    if (Var) {
      markRoot(Target);
      Out.push_back({Whole, Var, AccessKind::Write});
    }
    TraverseStmt(const_cast<Expr *>(Target));
  }
  void markRoot(const Expr *E) {
    while (true) {
      E = E->IgnoreParenImpCasts();
      if (const auto *Member = dyn_cast<MemberExpr>(E))
        E = Member->getBase();
      else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
        E = Subscript->getBase();
      else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
               Op && Op->getOperator() == OO_Subscript)
        E = Op->getArg(0);
      else
        break;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      Consumed.insert(Ref);
  }
  llvm::SmallPtrSet<const DeclRefExpr *, 8> Consumed;
};

} // namespace

llvm::SmallVector<Access, 8> accessesIn(const Stmt *S) {
  Collector C;
  if (S)
    C.TraverseStmt(const_cast<Stmt *>(S));
  return std::move(C.Out);
}

} // namespace clang::tidy::parsafe::analysis
