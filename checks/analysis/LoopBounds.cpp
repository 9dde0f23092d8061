//===--- LoopBounds.cpp ---------------------------------------------------===//

#include "LoopBounds.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::parsafe::analysis {

namespace {

/// Looks for calls that reveal where a bound comes from.
class BoundEvidence : public RecursiveASTVisitor<BoundEvidence> {
public:
  bool CoreCount = false;
  bool DataSize = false;
  bool Input = false;

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD || !FD->getIdentifier())
      return true;
    StringRef Name = FD->getName();
    if (llvm::StringSwitch<bool>(Name)
            .Cases("hardware_concurrency", "get_nprocs", "get_nprocs_conf", true)
            .Cases("omp_get_max_threads", "omp_get_num_procs", true)
            .Default(false))
      CoreCount = true;
    if (Name == "sysconf")
      CoreCount = true; // sysconf(_SC_NPROCESSORS_ONLN) and friends
    if (llvm::StringSwitch<bool>(Name)
            .Cases("size", "length", "count", "end", "cend", "rend", true)
            .Cases("distance", "strlen", "wcslen", true)
            .Default(false))
      DataSize = true;
    if (llvm::StringSwitch<bool>(Name)
            .Cases("getline", "fgets", "getc", "fgetc", "getchar", "read", true)
            .Cases("accept", "accept4", "recv", "recvfrom", "readdir", "scanf", true)
            .Cases("fscanf", "fread", "empty", "pop", "try_pop", true)
            .Default(false))
      Input = true;
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Call) {
    // `std::cin >> x`, `std::getline(in, line)` as a condition: input-driven.
    if (Call->getOperator() == OO_GreaterGreater)
      Input = true;
    return true;
  }
};

bool isFixedSizeRange(QualType Type) {
  Type = Type.getNonReferenceType().getCanonicalType();
  if (Type->isConstantArrayType())
    return true;
  if (const auto *Record = Type->getAsCXXRecordDecl())
    return Record->isInStdNamespace() &&
           (Record->getName() == "array" || Record->getName() == "initializer_list");
  return false;
}

LoopBound classifyBoundExpr(const Expr *Bound, ASTContext &Ctx,
                            llvm::SmallPtrSetImpl<const VarDecl *> &Seen) {
  Bound = Bound->IgnoreParenImpCasts();
  if (Bound->isValueDependent() || Bound->containsErrors())
    return LoopBound::ChosenCount;
  if (Bound->isIntegerConstantExpr(Ctx))
    return LoopBound::Constant;
  BoundEvidence Evidence;
  Evidence.TraverseStmt(const_cast<Expr *>(Bound));
  if (Evidence.CoreCount)
    return LoopBound::CoreCount;
  if (Evidence.DataSize)
    return LoopBound::DataDependent;
  // Follow a local variable to its initializer: `size_t n = items.size();`.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Bound))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      if (Var->getInit() && Seen.insert(Var).second)
        return classifyBoundExpr(Var->getInit(), Ctx, Seen);
  return LoopBound::ChosenCount;
}

/// For `i < n`, `n > i`, `i != n`, ...: the side that is not the counter. The
/// counter is the side the increment (or body) modifies; without that
/// knowledge, prefer the side that is not a plain local variable reference.
const Expr *boundSide(const BinaryOperator *Compare, const Stmt *Inc) {
  const Expr *LHS = Compare->getLHS()->IgnoreParenImpCasts();
  const Expr *RHS = Compare->getRHS()->IgnoreParenImpCasts();
  auto RefersToIncremented = [Inc](const Expr *Side) {
    const auto *Ref = dyn_cast<DeclRefExpr>(Side);
    if (!Ref || !Inc)
      return false;
    bool Found = false;
    struct Finder : RecursiveASTVisitor<Finder> {
      const ValueDecl *D;
      bool *Found;
      bool VisitDeclRefExpr(DeclRefExpr *E) {
        if (E->getDecl() == D)
          *Found = true;
        return true;
      }
    } F;
    F.D = Ref->getDecl();
    F.Found = &Found;
    F.TraverseStmt(const_cast<Stmt *>(Inc));
    return Found;
  };
  if (RefersToIncremented(LHS))
    return RHS;
  if (RefersToIncremented(RHS))
    return LHS;
  return Compare->getOpcode() == BO_GT || Compare->getOpcode() == BO_GE ? LHS : RHS;
}

LoopBound classifyCondition(const Expr *Cond, const Stmt *Inc, ASTContext &Ctx) {
  if (!Cond)
    return LoopBound::DataDependent; // for (;;) spawning until something breaks
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *Compare = dyn_cast<BinaryOperator>(Cond)) {
    if (Compare->isLogicalOp()) {
      // `i < n && !stop`: the tighter of the two bounds the loop.
      LoopBound L = classifyCondition(Compare->getLHS(), Inc, Ctx);
      LoopBound R = classifyCondition(Compare->getRHS(), Inc, Ctx);
      return Compare->getOpcode() == BO_LAnd ? std::min(L, R) : std::max(L, R);
    }
    // `(fd = accept(...)) >= 0`: the comparison's constant is not the bound,
    // the input is.
    BoundEvidence Evidence;
    Evidence.TraverseStmt(const_cast<Expr *>(Cond));
    if (Evidence.Input)
      return LoopBound::DataDependent;
    if (Compare->isRelationalOp() || Compare->isEqualityOp()) {
      llvm::SmallPtrSet<const VarDecl *, 4> Seen;
      return classifyBoundExpr(boundSide(Compare, Inc), Ctx, Seen);
    }
  }
  BoundEvidence Evidence;
  Evidence.TraverseStmt(const_cast<Expr *>(Cond));
  if (Evidence.Input || Evidence.DataSize)
    return LoopBound::DataDependent;
  return LoopBound::ChosenCount;
}

} // namespace

LoopBound classifyLoopBound(const Stmt *Loop, ASTContext &Ctx) {
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Loop))
    return isFixedSizeRange(Range->getRangeInit()->getType()) ? LoopBound::Constant
                                                              : LoopBound::DataDependent;
  if (const auto *For = dyn_cast<ForStmt>(Loop))
    return classifyCondition(For->getCond(), For->getInc() ? For->getInc() : For->getBody(), Ctx);
  if (const auto *While = dyn_cast<WhileStmt>(Loop))
    return classifyCondition(While->getCond(), While->getBody(), Ctx);
  if (const auto *Do = dyn_cast<DoStmt>(Loop))
    return classifyCondition(Do->getCond(), Do->getBody(), Ctx);
  return LoopBound::ChosenCount;
}

bool containsThreadJoin(const Stmt *S) {
  struct JoinFinder : RecursiveASTVisitor<JoinFinder> {
    bool Found = false;
    bool VisitCallExpr(CallExpr *Call) {
      const FunctionDecl *FD = Call->getDirectCallee();
      if (FD && FD->getIdentifier() &&
          (FD->getName() == "join" || FD->getName() == "pthread_join" ||
           FD->getName() == "thrd_join"))
        Found = true;
      return !Found;
    }
  } Finder;
  if (S)
    Finder.TraverseStmt(const_cast<Stmt *>(S));
  return Finder.Found;
}

} // namespace clang::tidy::parsafe::analysis
