//===--- PointerTargets.cpp -----------------------------------------------===//

#include "PointerTargets.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::parsafe::analysis {

namespace {

/// Cycles (`p = q; q = p;`) and long copy chains stop here.
constexpr unsigned MaxDepth = 8;

bool isLocalPointer(const VarDecl *Var) {
  return Var && Var->isLocalVarDecl() && !isa<ParmVarDecl>(Var) &&
         Var->getType()->isPointerType() && !Var->getType()->isFunctionPointerType();
}

const VarDecl *localPointerNamed(const Expr *E) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()); isLocalPointer(Var))
      return Var;
  return nullptr;
}

std::string joinPath(StringRef Base, StringRef Rest) {
  if (Base.empty())
    return Rest.str();
  if (Rest.empty())
    return Base.str();
  return (Base + "." + Rest).str();
}

/// \p A, made through a pointer, moved onto the object \p Target the
/// pointer points to; std::nullopt when that needs two pointer fields.
std::optional<Access> onto(const Access &A, const Access &Target) {
  if (Target.Through && A.Through)
    return std::nullopt;
  if (Target.AnyOf && A.Through)
    return std::nullopt;
  Access Out = A;
  Out.Object = Target.Object;
  Out.Pointee = Target.Pointee;
  Out.AnyOf = Target.AnyOf;
  Out.ReturnedBy = Target.ReturnedBy;
  if (Target.Through) {
    Out.Through = Target.Through;
    Out.Path = Target.Path;
    Out.InnerPath = joinPath(Target.InnerPath, A.Path);
  } else {
    Out.Path = joinPath(Target.Path, A.Path);
  }
  return Out;
}

/// `*p`, `p->f`, `p->f.g`, `p->sh->n` as written.
std::string spelled(const Access &A) {
  std::string Root = A.Object->getName().str();
  if (A.Through) {
    std::string Holder = Root + "->" + A.Path;
    if (A.Through->getType()->isReferenceType())
      return A.InnerPath.empty() ? Holder : Holder + "." + A.InnerPath;
    return A.InnerPath.empty() ? "*" + Holder : Holder + "->" + A.InnerPath;
  }
  return A.Path.empty() ? "*" + Root : Root + "->" + A.Path;
}

} // namespace

void PointerTargets::index(const FunctionDecl *Function) {
  if (!Indexed.try_emplace(Function, true).second || !Function->getBody())
    return;
  struct Walker : RecursiveASTVisitor<Walker> {
    PointerTargets *Self;
    bool VisitVarDecl(VarDecl *Var) {
      if (isLocalPointer(Var)) {
        if (const Expr *Init = Var->getInit())
          Self->Given[Var].Given.push_back(Init);
        else
          Self->Given[Var]; // known: given nothing yet
      }
      // `int *&r = p;`: p can change through r.
      if (Var->getType()->isReferenceType() && Var->getInit())
        if (const VarDecl *Bound = localPointerNamed(Var->getInit()))
          Self->Given[Bound].Unknown = true;
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *Op) {
      if (Op->getOpcode() == BO_Assign)
        if (const VarDecl *Var = localPointerNamed(Op->getLHS()))
          Self->Given[Var].Given.push_back(Op->getRHS());
      return true;
    }
    bool VisitUnaryOperator(UnaryOperator *Op) {
      if (Op->getOpcode() == UO_AddrOf)
        if (const VarDecl *Var = localPointerNamed(Op->getSubExpr()))
          Self->Given[Var].Unknown = true; // it can be changed through `&p`
      return true;
    }
    bool VisitCallExpr(CallExpr *Call) {
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        for (unsigned I = 0; I < Call->getNumArgs() && I < Callee->getNumParams(); ++I)
          if (Callee->getParamDecl(I)->getType()->isReferenceType())
            if (const VarDecl *Var = localPointerNamed(Call->getArg(I)))
              Self->Given[Var].Unknown = true;
      return true;
    }
  } W;
  W.Self = this;
  W.TraverseStmt(Function->getBody());
}

bool PointerTargets::targetsOfValue(const Expr *Value, ASTContext &Ctx,
                                    llvm::SmallVectorImpl<Access> &Out, unsigned Depth) {
  const Expr *E = Value->IgnoreParenCasts();
  if (E->isValueDependent() || E->isTypeDependent())
    return false;
  if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return true;
  if (const auto *Choice = dyn_cast<ConditionalOperator>(E))
    return targetsOfValue(Choice->getTrueExpr(), Ctx, Out, Depth) &&
           targetsOfValue(Choice->getFalseExpr(), Ctx, Out, Depth);
  if (const auto *Arith = dyn_cast<BinaryOperator>(E)) {
    // `q + k`: an element of the same object.
    if (Arith->isAdditiveOp() && Arith->getLHS()->getType()->isPointerType())
      return targetsOfValue(Arith->getLHS(), Ctx, Out, Depth);
    if (Arith->getOpcode() == BO_Add && Arith->getRHS()->getType()->isPointerType())
      return targetsOfValue(Arith->getRHS(), Ctx, Out, Depth);
    return false;
  }
  if (isa<CXXThisExpr>(E)) {
    Out.push_back({E, nullptr, AccessKind::Read, "", true, E->getType()->getPointeeType()});
    return true;
  }
  if (const FunctionDecl *Returner = opaqueReturner(E)) {
    Access Any{E, nullptr, AccessKind::Read, "", true, E->getType()->getPointeeType()};
    Any.ReturnedBy = Returner;
    Any.AnyOf = Returner->getReturnType()->getPointeeType()->getAsRecordDecl()->getDefinition();
    Out.push_back(Any);
    return true;
  }
  // The object named (`&x`, `&q->f`, an array) or, for a pointer variable
  // or field, the object it points to.
  std::optional<Access> Named;
  bool PointsInto = false; // Named holds the pointer: the target is its pointee
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(E); AddrOf && AddrOf->getOpcode() == UO_AddrOf) {
    Named = accessedObject(AddrOf->getSubExpr());
  } else if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var)
      return false;
    if (Var->getType()->isArrayType())
      Named = Access{E, Var, AccessKind::Read, "", false, Var->getType()};
    else if (Var->getType().getNonReferenceType()->isPointerType())
      Named = Access{E, Var, AccessKind::Read, "", true, Var->getType()->getPointeeType()};
  } else if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field || !Field->getType()->isPointerType())
      return false;
    Named = accessedObject(Member);
    PointsInto = true;
  }
  if (!Named || Depth >= MaxDepth)
    return false;
  // Through another local pointer: its targets.
  llvm::SmallVector<Access, 2> Holders;
  if (isLocalPointer(Named->Object) && Named->Pointee && !Named->AnyOf) {
    const llvm::SmallVector<Access, 2> *Inner = targets(Named->Object, Depth + 1);
    if (!Inner)
      return false;
    for (const Access &Target : *Inner) {
      std::optional<Access> Moved = onto(*Named, Target);
      if (!Moved)
        return false;
      Holders.push_back(*Moved);
    }
  } else if (Named->Object && Named->Object->isLocalVarDecl() && Named->Pointee) {
    return false; // a local pointer we do not track (a reference to one)
  } else {
    Holders.push_back(*Named);
  }
  for (Access &Holder : Holders) {
    if (PointsInto) {
      // `a->next`: what the pointer field of that object points to.
      if (Holder.Through || Holder.AnyOf)
        return false;
      Holder.Through = cast<FieldDecl>(cast<MemberExpr>(E)->getMemberDecl());
      Holder.Type = Holder.Through->getType()->getPointeeType();
    }
    Holder.Where = E;
    Out.push_back(Holder);
  }
  return true;
}

const llvm::SmallVector<Access, 2> *PointerTargets::targets(const VarDecl *Var, unsigned Depth) {
  if (!isLocalPointer(Var))
    return nullptr;
  static const llvm::SmallVector<Access, 2> Nothing;
  if (InProgress.count(Var))
    return &Nothing; // `p = p + 1`, `p = q; q = p;`: adds no other object
  if (auto It = Resolved.find(Var); It != Resolved.end())
    return It->second ? &*It->second : nullptr;
  if (const auto *Function = dyn_cast<FunctionDecl>(Var->getParentFunctionOrMethod()))
    index(Function);
  else
    return nullptr;
  auto Values = Given.find(Var);
  if (Values == Given.end() || Values->second.Unknown)
    return (Resolved[Var] = std::nullopt), nullptr;
  llvm::SmallVector<Access, 2> Out;
  InProgress.insert(Var);
  bool Known = true;
  for (const Expr *Value : llvm::SmallVector<const Expr *, 2>(Values->second.Given))
    Known = Known && targetsOfValue(Value, Var->getASTContext(), Out, Depth);
  InProgress.erase(Var);
  if (!Known)
    return (Resolved[Var] = std::nullopt), nullptr;
  if (Out.empty())
    return (Resolved[Var] = std::nullopt), nullptr; // given only null, or nothing
  // One entry per object.
  llvm::SmallVector<Access, 2> Unique;
  for (const Access &Target : Out)
    if (!llvm::any_of(Unique, [&](const Access &Seen) {
          return Seen.Object == Target.Object && Seen.Pointee == Target.Pointee &&
                 Seen.Path == Target.Path && Seen.Through == Target.Through &&
                 Seen.InnerPath == Target.InnerPath && Seen.AnyOf == Target.AnyOf;
        }))
      Unique.push_back(Target);
  Resolved[Var] = std::move(Unique);
  return &*Resolved[Var];
}

const llvm::SmallVector<Access, 2> *PointerTargets::of(const VarDecl *Var) {
  return targets(Var, 0);
}

std::optional<llvm::SmallVector<Access, 2>> PointerTargets::resolve(const Access &A) {
  if (!A.Pointee || A.AnyOf || !isLocalPointer(A.Object))
    return std::nullopt;
  const llvm::SmallVector<Access, 2> *Targets = of(A.Object);
  if (!Targets)
    return std::nullopt;
  llvm::SmallVector<Access, 2> Out;
  for (const Access &Target : *Targets) {
    std::optional<Access> Moved = onto(A, Target);
    if (!Moved)
      return std::nullopt;
    Moved->Spelled = spelled(A);
    Moved->OneOfSeveral = Targets->size() > 1;
    Out.push_back(std::move(*Moved));
  }
  return Out;
}

} // namespace clang::tidy::parsafe::analysis
