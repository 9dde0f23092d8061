//===--- StmtContext.cpp --------------------------------------------------===//

#include "StmtContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/FoldingSet.h"

namespace clang::tidy::parsafe::analysis {

DynTypedNode singleParent(const DynTypedNode &Node, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(Node);
  if (Parents.size() != 1)
    return DynTypedNode();
  return Parents[0];
}

const FunctionDecl *enclosingFunction(const Stmt *S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*S);
  while (!Parents.empty()) {
    if (const auto *FD = Parents[0].get<FunctionDecl>())
      return FD;
    Parents = Ctx.getParents(Parents[0]);
  }
  return nullptr;
}

const Stmt *loopBody(const Stmt *Loop) {
  if (const auto *For = dyn_cast<ForStmt>(Loop))
    return For->getBody();
  if (const auto *While = dyn_cast<WhileStmt>(Loop))
    return While->getBody();
  if (const auto *Do = dyn_cast<DoStmt>(Loop))
    return Do->getBody();
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Loop))
    return Range->getBody();
  return nullptr;
}

const Stmt *enclosingLoop(const Stmt *S, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*S);
  while (true) {
    DynTypedNode Parent = singleParent(Node, Ctx);
    if (Parent.getNodeKind().isNone())
      return nullptr;
    // A loop around a lambda or a local function does not repeat its body.
    if (Parent.get<LambdaExpr>() || Parent.get<FunctionDecl>() || Parent.get<BlockExpr>())
      return nullptr;
    if (const auto *ParentStmt = Parent.get<Stmt>()) {
      if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(ParentStmt)) {
        // The init-statement of a for loop and the range of a range-for run once.
        const Stmt *Child = Node.get<Stmt>();
        if (const auto *For = dyn_cast<ForStmt>(ParentStmt); For && Child == For->getInit())
          return nullptr;
        if (const auto *Range = dyn_cast<CXXForRangeStmt>(ParentStmt);
            Range && Child != Range->getBody() && Child != Range->getLoopVarStmt())
          return nullptr;
        return ParentStmt;
      }
    }
    Node = Parent;
  }
}

llvm::SmallVector<Branch, 4> enclosingBranches(const Stmt *S, ASTContext &Ctx, const Stmt *Stop) {
  llvm::SmallVector<Branch, 4> Out;
  DynTypedNode Node = DynTypedNode::create(*S);
  while (true) {
    DynTypedNode Parent = singleParent(Node, Ctx);
    const auto *Up = Parent.get<Stmt>();
    if (!Up || Up == Stop)
      return Out;
    const Stmt *From = Node.get<Stmt>();
    if (const auto *If = dyn_cast<IfStmt>(Up); If && From != If->getCond() && From != If->getInit())
      Out.push_back({If, From, If->getCond()});
    else if (const auto *Choice = dyn_cast<ConditionalOperator>(Up); Choice && From != Choice->getCond())
      Out.push_back({Choice, From, Choice->getCond()});
    else if (const auto *Logic = dyn_cast<BinaryOperator>(Up);
             Logic && Logic->isLogicalOp() && From == Logic->getRHS())
      Out.push_back({Logic, From, Logic->getLHS()});
    Node = Parent;
  }
}

DynTypedNode valueConsumer(const Expr *E, ASTContext &Ctx, const Expr *&Outermost) {
  Outermost = E;
  DynTypedNode Node = DynTypedNode::create(*E);
  while (true) {
    DynTypedNode Parent = singleParent(Node, Ctx);
    const auto *ParentExpr = Parent.get<Expr>();
    if (!ParentExpr)
      return Parent;
    // `std::thread(f)` with one argument is a functional cast around the
    // construction: the same object.
    bool Transparent = isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr,
                           CXXBindTemporaryExpr, ExprWithCleanups, CXXFunctionalCastExpr>(
        ParentExpr);
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(ParentExpr))
      Transparent = Construct->getNumArgs() == 1 && Construct->getConstructor() &&
                    Construct->getConstructor()->isCopyOrMoveConstructor();
    if (!Transparent)
      return Parent;
    Outermost = ParentExpr;
    Node = Parent;
  }
}

const Expr *stripCopies(const Expr *E) {
  while (E) {
    E = E->IgnoreImplicit();
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() == 1 && Construct->getConstructor() &&
        Construct->getConstructor()->isCopyOrMoveConstructor()) {
      E = Construct->getArg(0);
      continue;
    }
    return E;
  }
  return nullptr;
}

const Expr *subscriptIndex(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *AddressOf = dyn_cast<UnaryOperator>(E); AddressOf && AddressOf->getOpcode() == UO_AddrOf)
    E = AddressOf->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
    return Subscript->getIdx()->IgnoreParenImpCasts();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
    return Op->getArg(1)->IgnoreParenImpCasts();
  return nullptr;
}

bool sameExpr(const Expr *A, const Expr *B, ASTContext &Ctx) {
  if (!A || !B)
    return false;
  llvm::FoldingSetNodeID IdA, IdB;
  A->IgnoreParenImpCasts()->Profile(IdA, Ctx, /*Canonical=*/true);
  B->IgnoreParenImpCasts()->Profile(IdB, Ctx, /*Canonical=*/true);
  return IdA == IdB;
}

bool mayChange(const Stmt *S, const VarDecl *Var) {
  if (!S)
    return false;
  auto Names = [&](const Expr *E) {
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return Ref && Ref->getDecl() == Var;
  };
  if (const auto *Op = dyn_cast<BinaryOperator>(S); Op && Op->isAssignmentOp() && Names(Op->getLHS()))
    return true;
  if (const auto *Op = dyn_cast<UnaryOperator>(S);
      Op && (Op->isIncrementDecrementOp() || Op->getOpcode() == UO_AddrOf) && Names(Op->getSubExpr()))
    return true;
  for (const Stmt *Child : S->children())
    if (mayChange(Child, Var))
      return true;
  return false;
}

} // namespace clang::tidy::parsafe::analysis
