//===--- Accesses.cpp -----------------------------------------------------===//

#include "Accesses.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::parsafe::analysis {

namespace {

/// What an access expression reaches: a variable (`v`, `v.a.b`, `v[i]`), or
/// with pointers followed, the object a pointer variable points to (`p->x`,
/// `*p`, `p[i]`) or `*this` (Var null). `a->b->c` reaches no named object.
struct Root {
  const VarDecl *Var = nullptr;
  bool Pointee = false;
  bool Found = false;
};

/// A pointer variable, looking through casts: `(struct args *)arg` gives arg.
const VarDecl *pointerVariable(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->getType().getNonReferenceType()->isPointerType())
      return Var;
  return nullptr;
}

/// The pointee reached by `p`, `this`, or null.
Root pointeeOf(const Expr *Pointer) {
  if (isa<CXXThisExpr>(Pointer->IgnoreParenCasts()))
    return {nullptr, true, true};
  if (const VarDecl *Var = pointerVariable(Pointer))
    return {Var, true, true};
  return {};
}

Root rootOf(const Expr *E, bool ThroughPointers) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (Member->isArrow())
        return ThroughPointers ? pointeeOf(Member->getBase()) : Root{};
      E = Member->getBase();
      continue;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      // Only arrays: a pointer's elements are another object.
      if (!Subscript->getBase()->IgnoreParenImpCasts()->getType()->isArrayType())
        return ThroughPointers ? pointeeOf(Subscript->getBase()) : Root{};
      E = Subscript->getBase();
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
        Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2) {
      E = Op->getArg(0);
      continue;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(E); Unary && Unary->getOpcode() == UO_Deref)
      return ThroughPointers ? pointeeOf(Unary->getSubExpr()) : Root{};
    if (ThroughPointers && isa<CXXThisExpr>(E))
      return {nullptr, true, true}; // `*this` as an object (a member call's object)
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
        return {Var, false, true};
    return {};
  }
}

/// The dot-member path from the root variable to \p E: `s.a.b` gives "a.b".
/// Subscripts keep the path of their array (an element is inside it).
std::string memberPath(const Expr *E) {
  llvm::SmallVector<StringRef, 4> Names;
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      // `v.size()` names a method: the access is to `v` itself.
      if (isa<FieldDecl>(Member->getMemberDecl()))
        Names.push_back(Member->getMemberDecl()->getName());
      if (Member->isArrow())
        break; // `p->a.b`: "a.b" inside what p points to
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
  explicit Collector(bool ThroughPointers) : ThroughPointers(ThroughPointers) {}
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
    if (ThroughPointers && Op->getOpcode() == UO_AddrOf) {
      // `&x` evaluates the subscripts on the way, not x itself.
      markRoot(Op->getSubExpr());
      return RecursiveASTVisitor::TraverseUnaryOperator(Op);
    }
    if (ThroughPointers && Op->getOpcode() == UO_Deref && !Consumed.count(Op)) {
      recordRead(Op);
      markRoot(Op);
      return RecursiveASTVisitor::TraverseUnaryOperator(Op);
    }
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
  bool TraverseCallExpr(CallExpr *Call) {
    // An object bound to a reference parameter of a function defined here,
    // or wrapped by std::ref, is not read by the binding: the callee's body
    // (or the thread it reaches) says what happens to it.
    if (ThroughPointers)
      if (const FunctionDecl *Callee = Call->getDirectCallee()) {
        bool Wrapper = Callee->isInStdNamespace() && Callee->getIdentifier() &&
                       (Callee->getName() == "ref" || Callee->getName() == "cref");
        if (Wrapper || Callee->hasBody())
          for (unsigned I = 0; I < Call->getNumArgs() && I < Callee->getNumParams(); ++I)
            if (Wrapper || Callee->getParamDecl(I)->getType()->isReferenceType())
              markRoot(Call->getArg(I));
      }
    return RecursiveASTVisitor::TraverseCallExpr(Call);
  }
  bool TraverseCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    const Expr *Object = Call->getImplicitObjectArgument();
    if (ThroughPointers && Method && Object && Method->hasBody() &&
        !Method->getParent()->isInStdNamespace()) {
      // A member function of this TU: its body says what it touches.
      markRoot(Object);
      return RecursiveASTVisitor::TraverseCXXMemberCallExpr(Call);
    }
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
    if (ConsumedMembers.count(Member) || (Member->isArrow() && !ThroughPointers) ||
        !isa<FieldDecl>(Member->getMemberDecl()))
      return true;
    Root R = rootOf(Member, ThroughPointers);
    if (R.Found) {
      markRoot(Member);
      Out.push_back({Member, R.Var, AccessKind::Read, memberPath(Member), R.Pointee,
                     Member->getType()});
    }
    return true;
  }
  bool VisitArraySubscriptExpr(ArraySubscriptExpr *Subscript) {
    // `p[i]` through a pointer (array elements are reached by the array's
    // DeclRefExpr, recorded below).
    if (!ThroughPointers || Consumed.count(Subscript) ||
        Subscript->getBase()->IgnoreParenImpCasts()->getType()->isArrayType())
      return true;
    Root R = rootOf(Subscript, true);
    if (R.Found) {
      markRoot(Subscript);
      Out.push_back({Subscript, R.Var, AccessKind::Read, "", true, Subscript->getType()});
    }
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      if (!Consumed.count(Ref))
        Out.push_back({Ref, Var, AccessKind::Read, "", false, Ref->getType()});
    return true;
  }

private:
  void recordRead(const Expr *E) {
    Root R = rootOf(E, ThroughPointers);
    if (R.Found)
      Out.push_back({E, R.Var, AccessKind::Read, memberPath(E), R.Pointee,
                     E->IgnoreParenImpCasts()->getType()});
  }
  /// Records the write, and traverses what the written expression itself
  /// evaluates (subscripts, bases through pointers), marking the written
  /// variable's own reference so it is not also counted as a read.
  void recordWriteAndSubscripts(const Expr *Target, const Expr *Whole) {
    Root R = rootOf(Target, ThroughPointers);
    if (R.Found) {
      markRoot(Target);
      Out.push_back({Whole, R.Var, AccessKind::Write, memberPath(Target), R.Pointee,
                     Target->IgnoreParenImpCasts()->getType()});
    }
    TraverseStmt(const_cast<Expr *>(Target));
  }
  void markRoot(const Expr *E) {
    while (true) {
      E = E->IgnoreParenImpCasts();
      if (const auto *Member = dyn_cast<MemberExpr>(E)) {
        ConsumedMembers.insert(Member);
        E = Member->getBase();
      } else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
        Consumed.insert(Subscript);
        E = Subscript->getBase();
      } else if (const auto *Unary = dyn_cast<UnaryOperator>(E);
                 Unary && Unary->getOpcode() == UO_Deref && ThroughPointers) {
        Consumed.insert(Unary);
        E = Unary->getSubExpr()->IgnoreParenCasts();
      } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
               Op && Op->getOperator() == OO_Subscript)
        E = Op->getArg(0);
      else
        break;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      Consumed.insert(Ref);
  }
  bool ThroughPointers;
  llvm::SmallPtrSet<const Expr *, 8> Consumed;
  llvm::SmallPtrSet<const MemberExpr *, 8> ConsumedMembers;
};

} // namespace

bool sameMemory(const Access &A, const Access &B) {
  return A.Object == B.Object && A.Pointee == B.Pointee && overlappingPaths(A.Path, B.Path);
}

bool overlappingPaths(StringRef P, StringRef Q) {
  if (P.size() > Q.size())
    std::swap(P, Q);
  // "a" overlaps "a.b"; "a" does not overlap "ab".
  return Q.starts_with(P) && (P.empty() || Q.size() == P.size() || Q[P.size()] == '.');
}

std::optional<Access> accessedObject(const Expr *E) {
  Root R = rootOf(E, true);
  if (!R.Found)
    return std::nullopt;
  return Access{E, R.Var, AccessKind::Read, memberPath(E), R.Pointee, E->getType()};
}

llvm::SmallVector<Access, 8> accessesIn(const Stmt *S, bool ThroughPointers) {
  Collector C(ThroughPointers);
  if (S)
    C.TraverseStmt(const_cast<Stmt *>(S));
  return std::move(C.Out);
}

} // namespace clang::tidy::parsafe::analysis
