//===--- PointerTargets.cpp -----------------------------------------------===//

#include "PointerTargets.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

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

/// One function's local pointers: the values each is given, and the
/// reaching definitions of them over the function's CFG.
struct LocalPointerDefs {
  struct Given {
    llvm::SmallVector<const Expr *, 2> Values;
    bool Unknown = false;
  };
  llvm::DenseMap<const VarDecl *, Given> Vars;

  /// Definitions: an assignment or initialization of a tracked variable.
  struct Def {
    const VarDecl *Var;
    const Expr *Value;
  };
  std::vector<Def> Defs;
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<unsigned, 4>> DefsOf;
  std::unique_ptr<CFG> Graph;
  /// Each CFG element's statement: its block and index there.
  llvm::DenseMap<const Stmt *, std::pair<unsigned, unsigned>> Where;
  /// The definition a statement makes (an index into Defs).
  llvm::DenseMap<const Stmt *, int> DefAt;
  std::vector<llvm::BitVector> In;      ///< per block ID
  std::vector<const CFGBlock *> Blocks; ///< by ID
};

/// The global pointer variable \p E names (`g`), or null.
const VarDecl *globalPointerNamed(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && Var->hasGlobalStorage() && Var->getType()->isPointerType() ? Var : nullptr;
}

/// A definition made by statement \p S: `p = v` or `T *p = v`; and
/// `g = p` with g a global pointer, which publishes p's object: from there
/// on p points where g does (`*g`), so its accesses are the other threads'
/// `g->...` accesses.
std::optional<std::pair<const VarDecl *, const Expr *>> definition(const Stmt *S) {
  if (const auto *Op = dyn_cast<BinaryOperator>(S); Op && Op->getOpcode() == BO_Assign) {
    if (const VarDecl *Var = localPointerNamed(Op->getLHS()))
      return std::make_pair(Var, Op->getRHS());
    if (const VarDecl *Var = localPointerNamed(Op->getRHS()); Var && globalPointerNamed(Op->getLHS()))
      return std::make_pair(Var, Op->getLHS());
  }
  if (const auto *Decl = dyn_cast<DeclStmt>(S); Decl && Decl->isSingleDecl())
    if (const auto *Var = dyn_cast<VarDecl>(Decl->getSingleDecl());
        isLocalPointer(Var) && Var->getInit())
      return std::make_pair(static_cast<const VarDecl *>(Var), Var->getInit());
  return std::nullopt;
}

/// The DeclRefExpr naming \p Var inside \p S, first in traversal order.
const DeclRefExpr *useOf(const Stmt *S, const VarDecl *Var) {
  if (!S)
    return nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == Var)
    return Ref;
  for (const Stmt *Child : S->children())
    if (const DeclRefExpr *Found = useOf(Child, Var))
      return Found;
  return nullptr;
}

} // namespace

struct PointerTargets::Impl {
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<LocalPointerDefs>> Functions;
  /// Targets per variable (flow-insensitive, Use null) or per use.
  llvm::DenseMap<std::pair<const VarDecl *, const DeclRefExpr *>,
                 std::optional<llvm::SmallVector<Access, 2>>>
      Resolved;
  llvm::SmallPtrSet<const VarDecl *, 4> InProgress;

  LocalPointerDefs *function(const VarDecl *Var);
  void buildReaching(LocalPointerDefs &F, const FunctionDecl *Function);
  /// The values of \p Var that reach \p Use; null when the use is not in
  /// the CFG (then every value does).
  std::optional<llvm::SmallVector<const Expr *, 2>> reaching(LocalPointerDefs &F,
                                                             const VarDecl *Var,
                                                             const DeclRefExpr *Use);
  bool targetsOfValue(const Expr *Value, ASTContext &Ctx, llvm::SmallVectorImpl<Access> &Out,
                      unsigned Depth);
  const llvm::SmallVector<Access, 2> *targets(const VarDecl *Var, const DeclRefExpr *Use,
                                              unsigned Depth);
};

LocalPointerDefs *PointerTargets::Impl::function(const VarDecl *Var) {
  const auto *Function = dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod());
  if (!Function || !Function->getBody())
    return nullptr;
  auto [It, New] = Functions.try_emplace(Function);
  if (!New)
    return It->second.get();
  It->second = std::make_unique<LocalPointerDefs>();
  LocalPointerDefs &F = *It->second;
  struct Walker : RecursiveASTVisitor<Walker> {
    LocalPointerDefs *F;
    bool VisitVarDecl(VarDecl *Var) {
      if (isLocalPointer(Var)) {
        auto &Given = F->Vars[Var];
        if (const Expr *Init = Var->getInit())
          Given.Values.push_back(Init);
      }
      // `int *&r = p;`: p can change through r.
      if (Var->getType()->isReferenceType() && Var->getInit())
        if (const VarDecl *Bound = localPointerNamed(Var->getInit()))
          F->Vars[Bound].Unknown = true;
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *Op) {
      if (auto Def = definition(Op))
        F->Vars[Def->first].Values.push_back(Def->second);
      return true;
    }
    bool VisitUnaryOperator(UnaryOperator *Op) {
      if (Op->getOpcode() == UO_AddrOf)
        if (const VarDecl *Var = localPointerNamed(Op->getSubExpr()))
          F->Vars[Var].Unknown = true; // it can be changed through `&p`
      return true;
    }
    bool VisitCallExpr(CallExpr *Call) {
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        for (unsigned I = 0; I < Call->getNumArgs() && I < Callee->getNumParams(); ++I)
          if (Callee->getParamDecl(I)->getType()->isReferenceType())
            if (const VarDecl *Var = localPointerNamed(Call->getArg(I)))
              F->Vars[Var].Unknown = true;
      return true;
    }
  } W;
  W.F = &F;
  W.TraverseStmt(Function->getBody());
  if (!F.Vars.empty())
    buildReaching(F, Function);
  return &F;
}

void PointerTargets::Impl::buildReaching(LocalPointerDefs &F, const FunctionDecl *Function) {
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  F.Graph = CFG::buildCFG(Function, Function->getBody(), &Function->getASTContext(), Options);
  if (!F.Graph)
    return;
  unsigned Blocks = F.Graph->getNumBlockIDs();
  std::vector<llvm::SmallVector<int, 4>> DefsIn(Blocks);
  F.Blocks.assign(Blocks, nullptr);
  for (const CFGBlock *Block : *F.Graph) {
    F.Blocks[Block->getBlockID()] = Block;
    unsigned Index = 0;
    for (const CFGElement &Element : *Block) {
      std::optional<CFGStmt> S = Element.getAs<CFGStmt>();
      if (!S) {
        ++Index;
        continue;
      }
      F.Where.try_emplace(S->getStmt(), Block->getBlockID(), Index++);
      if (auto Def = definition(S->getStmt()); Def && !F.DefAt.count(S->getStmt())) {
        F.DefAt[S->getStmt()] = F.Defs.size();
        DefsIn[Block->getBlockID()].push_back(F.Defs.size());
        F.DefsOf[Def->first].push_back(F.Defs.size());
        F.Defs.push_back({Def->first, Def->second});
      }
    }
  }
  // Gen and kill per block, then the usual forward may-analysis.
  unsigned N = F.Defs.size();
  std::vector<llvm::BitVector> Gen(Blocks, llvm::BitVector(N)), Kill(Blocks, llvm::BitVector(N));
  for (unsigned B = 0; B < Blocks; ++B)
    for (int D : DefsIn[B]) {
      for (unsigned Other : F.DefsOf[F.Defs[D].Var]) {
        Kill[B].set(Other);
        Gen[B].reset(Other);
      }
      Gen[B].set(D);
    }
  F.In.assign(Blocks, llvm::BitVector(N));
  std::vector<llvm::BitVector> Out(Blocks, llvm::BitVector(N));
  PostOrderCFGView Order(F.Graph.get()); // reverse post-order: few passes
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const CFGBlock *Block : Order) {
      unsigned B = Block->getBlockID();
      llvm::BitVector In(N);
      for (const CFGBlock::AdjacentBlock &Pred : Block->preds())
        if (const CFGBlock *P = Pred.getReachableBlock())
          In |= Out[P->getBlockID()];
      llvm::BitVector NewOut = In;
      NewOut.reset(Kill[B]);
      NewOut |= Gen[B];
      F.In[B] = In;
      if (NewOut != Out[B]) {
        Out[B] = std::move(NewOut);
        Changed = true;
      }
    }
  }
}

std::optional<llvm::SmallVector<const Expr *, 2>>
PointerTargets::Impl::reaching(LocalPointerDefs &F, const VarDecl *Var, const DeclRefExpr *Use) {
  if (!Use || !F.Graph)
    return std::nullopt;
  auto At = F.Where.find(Use);
  if (At == F.Where.end())
    return std::nullopt;
  auto [BlockID, Index] = At->second;
  // The last definition of Var before the use in its block, or else those
  // reaching the block.
  const CFGBlock &Block = *F.Blocks[BlockID];
  for (unsigned I = std::min<unsigned>(Index, Block.size()); I-- > 0;)
    if (std::optional<CFGStmt> S = Block[I].getAs<CFGStmt>())
      if (auto Def = F.DefAt.find(S->getStmt());
          Def != F.DefAt.end() && F.Defs[Def->second].Var == Var)
        return llvm::SmallVector<const Expr *, 2>{F.Defs[Def->second].Value};
  llvm::SmallVector<const Expr *, 2> Values;
  for (unsigned D : F.DefsOf[Var])
    if (F.In[BlockID].test(D))
      Values.push_back(F.Defs[D].Value);
  return Values;
}

bool PointerTargets::Impl::targetsOfValue(const Expr *Value, ASTContext &Ctx,
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
    const llvm::SmallVector<Access, 2> *Inner =
        targets(Named->Object, useOf(Value, Named->Object), Depth + 1);
    if (!Inner)
      return false;
    for (const Access &Target : *Inner) {
      std::optional<Access> Moved = rebase(*Named, Target);
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

const llvm::SmallVector<Access, 2> *
PointerTargets::Impl::targets(const VarDecl *Var, const DeclRefExpr *Use, unsigned Depth) {
  static const llvm::SmallVector<Access, 2> Nothing;
  if (!isLocalPointer(Var))
    return nullptr;
  if (InProgress.count(Var))
    return &Nothing; // `p = p + 1`, `p = q; q = p;`: adds no other object
  LocalPointerDefs *F = function(Var);
  if (!F)
    return nullptr;
  auto Given = F->Vars.find(Var);
  if (Given == F->Vars.end() || Given->second.Unknown)
    return nullptr;
  std::optional<llvm::SmallVector<const Expr *, 2>> Values = reaching(*F, Var, Use);
  if (!Values)
    Use = nullptr; // every value
  auto Key = std::make_pair(Var, Use);
  if (auto It = Resolved.find(Key); It != Resolved.end())
    return It->second ? &*It->second : nullptr;
  if (!Values)
    Values.emplace(Given->second.Values.begin(), Given->second.Values.end());
  llvm::SmallVector<Access, 2> Out;
  InProgress.insert(Var);
  bool Known = !Values->empty(); // none: uninitialized
  for (const Expr *Value : *Values)
    Known = Known && targetsOfValue(Value, Var->getASTContext(), Out, Depth);
  InProgress.erase(Var);
  if (!Known || Out.empty()) // unknown, or only null
    return (Resolved[Key] = std::nullopt), nullptr;
  // One entry per object.
  llvm::SmallVector<Access, 2> Unique;
  for (const Access &Target : Out)
    if (!llvm::any_of(Unique, [&](const Access &Seen) {
          return Seen.Object == Target.Object && Seen.Pointee == Target.Pointee &&
                 Seen.Path == Target.Path && Seen.Through == Target.Through &&
                 Seen.InnerPath == Target.InnerPath && Seen.AnyOf == Target.AnyOf;
        }))
      Unique.push_back(Target);
  Resolved[Key] = std::move(Unique);
  return &*Resolved[Key];
}

PointerTargets::PointerTargets() : P(std::make_unique<Impl>()) {}
PointerTargets::~PointerTargets() = default;

std::optional<llvm::SmallVector<Access, 2>> PointerTargets::resolve(const Access &A,
                                                                    const Stmt *At) {
  if (!A.Pointee || A.AnyOf || !isLocalPointer(A.Object))
    return std::nullopt;
  const llvm::SmallVector<Access, 2> *Targets =
      P->targets(A.Object, useOf(At ? At : A.Where, A.Object), 0);
  if (!Targets)
    return std::nullopt;
  llvm::SmallVector<Access, 2> Out;
  for (const Access &Target : *Targets) {
    std::optional<Access> Moved = rebase(A, Target);
    if (!Moved)
      return std::nullopt;
    Moved->Spelled = spelledName(A, A.Through ? A.InnerPath : A.Path);
    Moved->OneOfSeveral = Targets->size() > 1;
    Out.push_back(std::move(*Moved));
  }
  return Out;
}

bool PointerTargets::sameValue(const VarDecl *Var, const Stmt *A, const Stmt *B) {
  LocalPointerDefs *F = isLocalPointer(Var) ? P->function(Var) : nullptr;
  if (!F)
    return true;
  auto ValuesA = P->reaching(*F, Var, useOf(A, Var));
  auto ValuesB = P->reaching(*F, Var, useOf(B, Var));
  if (!ValuesA || !ValuesB)
    return true; // not in the CFG: no evidence of a change
  llvm::SmallPtrSet<const Expr *, 4> SetA(ValuesA->begin(), ValuesA->end());
  llvm::SmallPtrSet<const Expr *, 4> SetB(ValuesB->begin(), ValuesB->end());
  return SetA == SetB;
}

} // namespace clang::tidy::parsafe::analysis
