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

/// The dot-member path from the root variable to \p E: `s.a.b` gives "a.b".
/// Subscripts keep the path of their array (an element is inside it).
std::string memberPath(const Expr *E) {
  llvm::SmallVector<StringRef, 4> Names;
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (Member->isArrow())
        break;
      // `v.size()` names a method: the access is to `v` itself.
      if (isa<FieldDecl>(Member->getMemberDecl()))
        Names.push_back(Member->getMemberDecl()->getName());
      E = Member->getBase();
    } else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      Names.clear(); // members of an element: the element as a whole
      E = Subscript->getBase();
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
               Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2) {
      Names.clear();
      E = Op->getArg(0);
    } else {
      break;
    }
  }
  std::string Path;
  for (auto It = Names.rbegin(); It != Names.rend(); ++It) {
    if (!Path.empty())
      Path += '.';
    Path += It->str();
  }
  return Path;
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
  // A read of `s.a.b` is recorded once, at the outermost member expression
  // (visited before its base), with its path.
  bool VisitMemberExpr(MemberExpr *Member) {
    if (ConsumedMembers.count(Member) || Member->isArrow())
      return true;
    if (const VarDecl *Var = rootVariable(Member)) {
      markRoot(Member);
      Out.push_back({Member, Var, AccessKind::Read, memberPath(Member)});
    }
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      if (!Consumed.count(Ref))
        Out.push_back({Ref, Var, AccessKind::Read, ""});
    return true;
  }

private:
  void recordRead(const Expr *E) {
    if (const VarDecl *Var = rootVariable(E))
      Out.push_back({E, Var, AccessKind::Read, memberPath(E)});
  }
  /// Records the write, and traverses what the written expression itself
  /// evaluates (subscripts, bases through pointers), marking the written
  /// variable's own reference so it is not also counted as a read.
  void recordWriteAndSubscripts(const Expr *Target, const Expr *Whole) {
    const VarDecl *Var = rootVariable(Target);
    if (Var) {
      markRoot(Target);
      Out.push_back({Whole, Var, AccessKind::Write, memberPath(Target)});
    }
    TraverseStmt(const_cast<Expr *>(Target));
  }
  void markRoot(const Expr *E) {
    while (true) {
      E = E->IgnoreParenImpCasts();
      if (const auto *Member = dyn_cast<MemberExpr>(E)) {
        ConsumedMembers.insert(Member);
        E = Member->getBase();
      }
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
  llvm::SmallPtrSet<const MemberExpr *, 8> ConsumedMembers;
};

} // namespace

bool sameMemory(const Access &A, const Access &B) {
  if (A.Object != B.Object)
    return false;
  StringRef P = A.Path, Q = B.Path;
  if (P.size() > Q.size())
    std::swap(P, Q);
  // "a" overlaps "a.b"; "a" does not overlap "ab".
  return Q.starts_with(P) && (P.empty() || Q.size() == P.size() || Q[P.size()] == '.');
}

llvm::SmallVector<Access, 8> accessesIn(const Stmt *S) {
  Collector C;
  if (S)
    C.TraverseStmt(const_cast<Stmt *>(S));
  return std::move(C.Out);
}

} // namespace clang::tidy::parsafe::analysis
