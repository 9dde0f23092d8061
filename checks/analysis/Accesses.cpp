//===--- Accesses.cpp -----------------------------------------------------===//

#include "Accesses.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::parsafe::analysis {

namespace {

/// What an access expression reaches: a variable (`v`, `v.a.b`, `v[i]`), or
/// with pointers followed, the object a pointer variable points to (`p->x`,
/// `*p`, `p[i]`) or `*this` (Var null), and one level further, what a pointer
/// or reference field of those points to (Holder: `a->total` in `*a->total`).
/// `a->b->c->d` reaches no named object.
struct Root {
  const VarDecl *Var = nullptr;
  bool Pointee = false;
  bool Found = false;
  const MemberExpr *Holder = nullptr; ///< the pointer or reference field read on the way
  const FunctionDecl *ReturnedBy = nullptr; ///< `get_s()->n`: any object of its type
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

/// The field a member expression reads when it is a pointer or a reference.
const FieldDecl *indirectField(const Expr *E) {
  if (const auto *Member = dyn_cast<MemberExpr>(E->IgnoreParenCasts()))
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
        Field && (Field->getType()->isPointerType() || Field->getType()->isReferenceType()))
      return Field;
  return nullptr;
}

Root rootOf(const Expr *E, bool ThroughPointers);
Root pointeeOf(const Expr *Pointer);

/// What the pointer or reference field \p Holder leads to, rooted where the
/// field itself is stored; only when that is reached without another one.
Root throughField(const MemberExpr *Holder) {
  Root R = Holder->isArrow() ? pointeeOf(Holder->getBase()) : rootOf(Holder->getBase(), true);
  if (!R.Found || R.Holder || R.ReturnedBy)
    return {};
  R.Holder = Holder;
  return R;
}

/// The pointee reached by `p`, `this`, `a->ptr_field`, or null.
Root pointeeOf(const Expr *Pointer) {
  if (isa<CXXThisExpr>(Pointer->IgnoreParenCasts()))
    return {nullptr, true, true};
  if (const VarDecl *Var = pointerVariable(Pointer))
    return {Var, true, true};
  if (const FunctionDecl *Returner = opaqueReturner(Pointer))
    return {nullptr, true, true, nullptr, Returner};
  if (const FieldDecl *Field = indirectField(Pointer); Field && Field->getType()->isPointerType())
    return throughField(cast<MemberExpr>(Pointer->IgnoreParenCasts()));
  // An element of an array of pointers (`slot[i]->next`, `c.slots[k]->n`):
  // what any of its elements points to. The elements of a variable are its
  // pointee; those of an array field are reached like a pointer field's.
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Pointer->IgnoreParenCasts())) {
    const Expr *Array = Subscript->getBase()->IgnoreParenImpCasts();
    if (!Array->getType()->isArrayType())
      return {};
    if (const auto *Member = dyn_cast<MemberExpr>(Array); Member && isa<FieldDecl>(Member->getMemberDecl()))
      return throughField(Member);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Array))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
        return {Var, true, true};
  }
  return {};
}

Root rootOf(const Expr *E, bool ThroughPointers) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (const FieldDecl *Field = indirectField(Member);
          Field && Field->getType()->isReferenceType())
        return ThroughPointers ? throughField(Member) : Root{}; // the referent
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
/// Subscripts of arrays keep the path of their array (an element is inside
/// it). The path stops where memory is left through a pointer (`p->a.b`
/// gives "a.b") or a reference field.
std::string memberPath(const Expr *E) {
  llvm::SmallVector<StringRef, 4> Names;
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (const FieldDecl *Field = indirectField(Member);
          Field && Field->getType()->isReferenceType())
        break; // `r.a` for a reference field r: "a" inside what r refers to
      // `v.size()` names a method: the access is to `v` itself.
      if (isa<FieldDecl>(Member->getMemberDecl()))
        Names.push_back(Member->getMemberDecl()->getName());
      if (Member->isArrow())
        break; // `p->a.b`: "a.b" inside what p points to
      E = Member->getBase();
    } else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      Names.clear(); // members of an element: the element as a whole
      if (!Subscript->getBase()->IgnoreParenImpCasts()->getType()->isArrayType())
        break; // `p[i]`: an element of what p points to
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

/// The access \p Where makes to \p Target, which reaches \p R.
Access makeAccess(const Expr *Where, const Expr *Target, const Root &R, AccessKind Kind,
                  QualType Type) {
  Access A{Where, R.Var, Kind, memberPath(Target), R.Pointee, Type};
  if (R.ReturnedBy) {
    A.ReturnedBy = R.ReturnedBy;
    A.AnyOf = R.ReturnedBy->getReturnType()->getPointeeType()->getAsRecordDecl()->getDefinition();
  }
  if (const auto *Member = dyn_cast<MemberExpr>(Target->IgnoreParenImpCasts()))
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()); Field && Field->isBitField())
      A.BitField = Field;
  if (R.Holder) {
    // The field holding the pointer, in the memory it is stored in.
    A.Through = cast<FieldDecl>(R.Holder->getMemberDecl());
    A.InnerPath = std::move(A.Path);
    A.Path = A.Through->getName().str();
    if (!R.Holder->isArrow())
      if (std::string Base = memberPath(R.Holder->getBase()); !Base.empty())
        A.Path = Base + "." + A.Path;
  }
  return A;
}

/// C library functions without a body in the TU that write (or free) the
/// memory one argument points to, and read what another points to.
struct LibraryMemoryCall {
  StringRef Name;
  int Written; ///< argument whose pointee is written, or -1
  int Read;    ///< argument whose pointee is read, or -1
};
constexpr LibraryMemoryCall LibraryMemoryCalls[] = {
    {"memset", 0, -1},  {"bzero", 0, -1},    {"explicit_bzero", 0, -1},
    {"memcpy", 0, 1},   {"memmove", 0, 1},   {"mempcpy", 0, 1},
    {"strcpy", 0, 1},   {"strncpy", 0, 1},   {"stpcpy", 0, 1},
    {"strcat", 0, 1},   {"strncat", 0, 1},   {"sprintf", 0, -1},
    {"snprintf", 0, -1}, {"vsprintf", 0, -1}, {"vsnprintf", 0, -1},
    {"fgets", 0, -1},   {"read", 1, -1},     {"pread", 1, -1},
    {"recv", 1, -1},    {"free", 0, -1},     {"realloc", 0, -1},
    {"wmemset", 0, -1}, {"wmemcpy", 0, 1},   {"wmemmove", 0, 1},
    {"memcmp", -1, 0},  {"strlen", -1, 0},   {"strcmp", -1, 0},
    {"write", -1, 1},   {"send", -1, 1},     {"fputs", -1, 0},
};

const LibraryMemoryCall *libraryMemoryCall(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || Callee->hasBody() || !Callee->getIdentifier() ||
      !Callee->getDeclContext()->getRedeclContext()->isTranslationUnit())
    return nullptr;
  for (const LibraryMemoryCall &Known : LibraryMemoryCalls)
    if (Callee->getName() == Known.Name)
      return &Known;
  return nullptr;
}

/// What a pointer argument designates: `&x` and an array `buf` designate x
/// and buf themselves (Pointer false); any other pointer p designates *p.
std::pair<const Expr *, bool> designated(const Expr *Arg) {
  const Expr *E = Arg->IgnoreParenCasts();
  if (const auto *Unary = dyn_cast<UnaryOperator>(E); Unary && Unary->getOpcode() == UO_AddrOf)
    return {Unary->getSubExpr(), false};
  if (E->getType()->isArrayType())
    return {E, false};
  return {E, true};
}

/// Whether an operand of sizeof/alignof/typeof is evaluated: only when its
/// type is variably modified (a VLA's size is computed at run time).
bool evaluatesOperand(QualType Type) { return Type->isVariablyModifiedType(); }

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
  // Unevaluated operands (sizeof, alignof, _Generic's controlling
  // expression, decltype, typeof, noexcept, non-polymorphic typeid) access
  // nothing.
  bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *E) {
    QualType Operand = E->isArgumentType() ? E->getArgumentType() : E->getArgumentExpr()->getType();
    if (!evaluatesOperand(Operand))
      return true;
    return RecursiveASTVisitor::TraverseUnaryExprOrTypeTraitExpr(E);
  }
  bool TraverseGenericSelectionExpr(GenericSelectionExpr *E) {
    if (!E->isResultDependent())
      return TraverseStmt(E->getResultExpr());
    return true;
  }
  bool TraverseCXXNoexceptExpr(CXXNoexceptExpr *) { return true; }
  bool TraverseCXXTypeidExpr(CXXTypeidExpr *E) {
    if (!E->isPotentiallyEvaluated())
      return true;
    return RecursiveASTVisitor::TraverseCXXTypeidExpr(E);
  }
  bool TraverseDecltypeTypeLoc(DecltypeTypeLoc) { return true; }
  bool TraverseTypeOfExprTypeLoc(TypeOfExprTypeLoc TL) {
    if (!evaluatesOperand(TL.getUnderlyingExpr()->getType()))
      return true;
    return RecursiveASTVisitor::TraverseTypeOfExprTypeLoc(TL);
  }

  // `delete p`, like free(p): the end of the object p points to.
  bool TraverseCXXDeleteExpr(CXXDeleteExpr *Delete) {
    auto [Target, Pointer] = designated(Delete->getArgument());
    recordWriteAndSubscripts(Target, Delete, Pointer);
    return true;
  }

  bool TraverseCallExpr(CallExpr *Call) {
    if (const LibraryMemoryCall *Known = libraryMemoryCall(Call))
      return libraryCall(Call, *Known);
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
  // Binding a reference member (`Functor{total}`, `Worker w(total)` with a
  // constructor of this TU) is not an access: the object's code is followed.
  bool VisitInitListExpr(InitListExpr *List) {
    if (ThroughPointers)
      forEachFieldInit(List, [&](const FieldDecl *Field, const Expr *Init) {
        if (Field->getType()->isReferenceType())
          markRoot(Init);
      });
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    if (!ThroughPointers || !Ctor || !Ctor->hasBody() || Ctor->getParent()->isInStdNamespace())
      return true;
    for (unsigned I = 0; I < Construct->getNumArgs() && I < Ctor->getNumParams(); ++I)
      if (Ctor->getParamDecl(I)->getType()->isReferenceType())
        markRoot(Construct->getArg(I));
    return true;
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
      // `p->push_back(x)` writes what p points to.
      const auto *Callee = dyn_cast<MemberExpr>(Call->getCallee()->IgnoreParens());
      recordWriteAndSubscripts(Object, Call, Callee && Callee->isArrow());
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
      Out.push_back(makeAccess(Member, Member, R, AccessKind::Read, Member->getType()));
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
      Out.push_back(makeAccess(Subscript, Subscript, R, AccessKind::Read, Subscript->getType()));
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
  /// `memset(&x, ...)`, `memcpy(dst, src, n)`, `free(p)`: the memory the
  /// arguments designate is written or read by the call itself.
  bool libraryCall(CallExpr *Call, const LibraryMemoryCall &Known) {
    TraverseStmt(Call->getCallee());
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      const Expr *Arg = Call->getArg(I);
      bool Written = static_cast<int>(I) == Known.Written;
      if (!Written && static_cast<int>(I) != Known.Read) {
        TraverseStmt(const_cast<Expr *>(Arg));
        continue;
      }
      auto [Target, Pointer] = designated(Arg);
      if (Written) {
        recordWriteAndSubscripts(Target, Call, Pointer);
        continue;
      }
      if (!Pointer) {
        recordRead(Target);
        markRoot(Target);
      } else if (Root R = ThroughPointers ? pointeeOf(Target) : Root{}; R.Found) {
        Out.push_back(makeAccess(Call, Call, R, AccessKind::Read,
                                 Target->getType()->getPointeeType()));
      }
      TraverseStmt(const_cast<Expr *>(Target));
    }
    return true;
  }
  void recordRead(const Expr *E) {
    Root R = rootOf(E, ThroughPointers);
    if (R.Found)
      Out.push_back(makeAccess(E, E, R, AccessKind::Read, E->IgnoreParenImpCasts()->getType()));
  }
  /// Records the write, and traverses what the written expression itself
  /// evaluates (subscripts, bases through pointers), marking the written
  /// variable's own reference so it is not also counted as a read. With
  /// \p Pointer, Target is a pointer and the write is to what it points to.
  void recordWriteAndSubscripts(const Expr *Target, const Expr *Whole, bool Pointer = false) {
    Root R = !Pointer ? rootOf(Target, ThroughPointers)
             : ThroughPointers ? pointeeOf(Target)
                               : Root{};
    if (R.Found) {
      markRoot(Target);
      QualType Type = Target->IgnoreParenImpCasts()->getType();
      if (Pointer)
        Type = Type->getPointeeType();
      // `p->f()`: the pointee as a whole (the call has no member path).
      Out.push_back(makeAccess(Whole, Pointer ? Whole : Target, R, AccessKind::Write, Type));
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

/// Whether two bit-fields are in one run of adjacent bit-fields (one memory
/// location: no other member and no zero-width bit-field between them).
static bool sameBitFieldRun(const FieldDecl *X, const FieldDecl *Y) {
  if (X->getParent() != Y->getParent())
    return false;
  bool InRun = false, SeenOne = false;
  for (const FieldDecl *Field : X->getParent()->fields()) {
    if (!Field->isBitField() || Field->isZeroLengthBitField(X->getASTContext())) {
      if (InRun)
        return false; // the run holding one of them ended before the other
      continue;
    }
    if (Field == X || Field == Y) {
      if (SeenOne || X == Y)
        return true;
      SeenOne = InRun = true;
    }
  }
  return false;
}

/// Paths ending in bit-fields of one run, inside the same object.
static bool sameBitFieldLocation(StringRef P, StringRef Q, const Access &A, const Access &B) {
  if (!A.BitField || !B.BitField || !sameBitFieldRun(A.BitField, B.BitField))
    return false;
  return P.rsplit('.').second.empty() ? Q.rsplit('.').second.empty()
                                      : P.rsplit('.').first == Q.rsplit('.').first;
}

/// What a pointer, or each pointer of an array of them, points to; null for
/// anything else.
static QualType pointeeOfHolder(QualType Type) {
  while (const ArrayType *Array = Type->getAsArrayTypeUnsafe())
    Type = Array->getElementType();
  return Type->isPointerType() ? Type->getPointeeType() : QualType();
}

/// The record type of the object \p A's path starts in, and that path: for
/// an object of any type, for a global variable, what a global pointer
/// points to, or what a pointer field of a global points to. Null otherwise
/// (a local, `*this`, what a parameter points to: not what a function
/// without a body can return).
static std::pair<QualType, StringRef> typedRoot(const Access &A) {
  if (A.AnyOf)
    return {QualType(A.AnyOf->getTypeForDecl(), 0), A.Path};
  if (!A.Object || !A.Object->hasGlobalStorage())
    return {};
  if (A.Through)
    return {pointeeOfHolder(A.Through->getType()), A.InnerPath};
  QualType Type = A.Object->getType().getNonReferenceType();
  return {A.Pointee ? pointeeOfHolder(Type) : Type, A.Path};
}

/// The record inside \p Type (arrays looked through), or null.
static const RecordDecl *recordOf(QualType Type) {
  if (Type.isNull())
    return nullptr;
  while (const ArrayType *Array = Type->getAsArrayTypeUnsafe())
    Type = Array->getElementType();
  const RecordDecl *Record = Type->getAsRecordDecl();
  return Record ? Record->getDefinition() : nullptr;
}

/// The field of \p Record named \p Name, or null.
static const FieldDecl *fieldNamed(const RecordDecl *Record, StringRef Name) {
  for (const FieldDecl *Field : Record->fields())
    if (Field->getName() == Name)
      return Field;
  return nullptr;
}

const FieldDecl *fieldAtPath(QualType Root, StringRef Path) {
  const FieldDecl *Field = nullptr;
  for (QualType Type = Root; !Path.empty();) {
    auto [Name, Rest] = Path.split('.');
    const RecordDecl *Record = recordOf(Type);
    Field = Record ? fieldNamed(Record, Name) : nullptr;
    if (!Field)
      return nullptr;
    Type = Field->getType();
    Path = Rest;
  }
  return Field;
}

/// Whether a \p Record is \p Here or nested in it (members, array elements).
static bool nests(const RecordDecl *Here, const RecordDecl *Record, unsigned Depth = 0) {
  if (!Here || Depth > 8)
    return false;
  if (Here->getCanonicalDecl() == Record->getCanonicalDecl())
    return true;
  return llvm::any_of(Here->fields(), [&](const FieldDecl *Field) {
    return nests(recordOf(Field->getType()), Record, Depth + 1);
  });
}

/// Whether an object of any \p Record type may hold the memory at \p Path
/// in an object of type \p Root: at some member on the way (or at the
/// root) is a \p Record, and \p Inner overlaps the rest of the path there;
/// or the path ends at an object with a \p Record inside.
static bool containsAt(const RecordDecl *Record, StringRef Inner, QualType Root, StringRef Path) {
  const RecordDecl *Here = recordOf(Root);
  StringRef Rest = Path;
  while (Here) {
    if (Here->getCanonicalDecl() == Record->getCanonicalDecl())
      return overlappingPaths(Inner, Rest);
    if (Rest.empty())
      return nests(Here, Record);
    auto [Name, Next] = Rest.split('.');
    const FieldDecl *Field = fieldNamed(Here, Name);
    Here = Field ? recordOf(Field->getType()) : nullptr;
    Rest = Next;
  }
  return false;
}

/// Accesses of which at least one is in any object of a type (AnyOf): the
/// other is in an object of that type, or in one that contains it; and two
/// such accesses either way round.
static bool sameTypedMemory(const Access &A, const Access &B) {
  auto [RootA, PathA] = typedRoot(A);
  auto [RootB, PathB] = typedRoot(B);
  if (RootA.isNull() || RootB.isNull())
    return false;
  if (A.AnyOf && containsAt(A.AnyOf, PathA, RootB, PathB))
    return true;
  return B.AnyOf && containsAt(B.AnyOf, PathB, RootA, PathA);
}

bool sameMemory(const Access &A, const Access &B) {
  if (A.AnyOf || B.AnyOf)
    return sameTypedMemory(A, B);
  if (A.Object != B.Object || A.Pointee != B.Pointee || A.Through != B.Through)
    return false;
  if (A.Through) // through one pointer: the same field, then overlapping members
    return A.Path == B.Path && (overlappingPaths(A.InnerPath, B.InnerPath) ||
                                sameBitFieldLocation(A.InnerPath, B.InnerPath, A, B));
  return overlappingPaths(A.Path, B.Path) || sameBitFieldLocation(A.Path, B.Path, A, B);
}

std::string spelledName(const Access &A, StringRef Path) {
  std::string Root = A.Object       ? A.Object->getName().str()
                     : A.ReturnedBy ? A.ReturnedBy->getName().str() + "()"
                                    : "this";
  if (A.Through) {
    // The holder of the pointer field, then what it points to.
    std::string Holder = A.Pointee ? Root + "->" + A.Path : Root + "." + A.Path;
    if (A.Through->getType()->isArrayType())
      Holder += "[]";
    if (A.Through->getType()->isReferenceType())
      return Path.empty() ? Holder : Holder + "." + Path.str();
    return Path.empty() ? "*" + Holder : Holder + "->" + Path.str();
  }
  if (!A.Pointee)
    return Path.empty() ? Root : Root + "." + Path.str();
  if (A.Object && A.Object->getType()->isArrayType())
    Root += "[]";
  return Path.empty() ? "*" + Root : Root + "->" + Path.str();
}

std::string joinPath(StringRef Base, StringRef Rest) {
  if (Base.empty())
    return Rest.str();
  if (Rest.empty())
    return Base.str();
  return (Base + "." + Rest).str();
}

std::optional<Access> rebase(const Access &Inner, const Access &Base) {
  if (Inner.Through && (Base.Through || Base.AnyOf))
    return std::nullopt;
  Access Out = Inner;
  Out.Object = Base.Object;
  Out.Pointee = Base.Pointee;
  Out.AnyOf = Base.AnyOf;
  Out.ReturnedBy = Base.ReturnedBy;
  if (Base.Through) {
    Out.Through = Base.Through;
    Out.Path = Base.Path;
    Out.InnerPath = joinPath(Base.InnerPath, Inner.Path);
  } else {
    Out.Path = joinPath(Base.Path, Inner.Path);
  }
  return Out;
}

bool overlappingPaths(StringRef P, StringRef Q) {
  if (P.size() > Q.size())
    std::swap(P, Q);
  // "a" overlaps "a.b"; "a" does not overlap "ab".
  return Q.starts_with(P) && (P.empty() || Q.size() == P.size() || Q[P.size()] == '.');
}

void forEachFieldInit(const InitListExpr *List,
                      llvm::function_ref<void(const FieldDecl *, const Expr *)> Visit) {
  if (!List->isSemanticForm() && List->getSemanticForm())
    List = List->getSemanticForm();
  const RecordDecl *Record = List->getType()->getAsRecordDecl();
  if (!Record || Record->isUnion())
    return;
  unsigned Index = 0;
  if (const auto *Class = dyn_cast<CXXRecordDecl>(Record))
    Index = Class->getNumBases();
  for (const FieldDecl *Field : Record->fields()) {
    if (Field->isUnnamedBitField())
      continue;
    if (Index >= List->getNumInits())
      break;
    Visit(Field, List->getInit(Index++));
  }
}

/// Whether a function's name says it makes a new object (`create_node`,
/// `newBuffer`, `conn_alloc`, `strdup_s`): its result is the caller's own,
/// like malloc's. Words are split at '_' and at lower-to-upper case changes.
static bool namesFreshObject(StringRef Name) {
  llvm::SmallVector<std::string, 4> Words;
  std::string Word;
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    bool Boundary = C == '_' || (I > 0 && isUppercase(C) && isLowercase(Name[I - 1]));
    if (Boundary && !Word.empty())
      Words.push_back(std::exchange(Word, ""));
    if (C != '_')
      Word += toLowercase(C);
  }
  if (!Word.empty())
    Words.push_back(Word);
  return llvm::any_of(Words, [](StringRef W) {
    return llvm::is_contained({"new", "create", "make", "dup", "clone", "copy", "construct"}, W) ||
           W.starts_with("alloc") || W.ends_with("alloc") || W.starts_with("strdup");
  });
}

const FunctionDecl *opaqueReturner(const Expr *E) {
  const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenCasts());
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || Callee->hasBody() || isa<CXXMethodDecl>(Callee) && !cast<CXXMethodDecl>(Callee)->isStatic())
    return nullptr;
  const SourceManager &SM = Callee->getASTContext().getSourceManager();
  if (SM.isInSystemHeader(Callee->getLocation()) || Callee->isInStdNamespace() ||
      Callee->getBuiltinID())
    return nullptr;
  if (!Callee->getIdentifier() || namesFreshObject(Callee->getName()))
    return nullptr;
  QualType Returned = Callee->getReturnType();
  if (!Returned->isPointerType() || !Returned->getPointeeType()->getAsRecordDecl() ||
      !Returned->getPointeeType()->getAsRecordDecl()->getDefinition())
    return nullptr;
  return Callee;
}

std::optional<Access> accessedObject(const Expr *E) {
  Root R = rootOf(E, true);
  if (!R.Found)
    return std::nullopt;
  return makeAccess(E, E, R, AccessKind::Read, E->getType());
}

llvm::SmallVector<Access, 8> accessesIn(const Stmt *S, bool ThroughPointers) {
  Collector C(ThroughPointers);
  if (S)
    C.TraverseStmt(const_cast<Stmt *>(S));
  return std::move(C.Out);
}

} // namespace clang::tidy::parsafe::analysis
