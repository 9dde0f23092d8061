//===--- DanglingThreadCaptureCheck.cpp -----------------------------------===//

#include "DanglingThreadCaptureCheck.h"
#include "analysis/StmtContext.h"
#include "analysis/ThreadEntries.h"
#include "analysis/ThreadLifetime.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parsafe {

using analysis::OutlivingEvidence;
using analysis::StartKind;

void DanglingThreadCaptureCheck::registerMatchers(MatchFinder *Finder) {
  narrowTraversalToUserCode(Finder);
  // The enclosing function is looked up only for the starts found (a
  // hasAncestor() here would walk the parent map from every call in the TU).
  Finder->addMatcher(expr(unless(isExpansionInSystemHeader()),
                          anyOf(callExpr(), cxxConstructExpr()))
                         .bind("start"),
                     this);
}

namespace {
/// A reference or pointer to a local variable of the spawning function.
struct LocalBinding {
  const VarDecl *Var;
  SourceLocation Where;
  enum { CapturedByRef, StdRef, AddressOf, ArrayDecay, Object } How;
};

const VarDecl *localVar(const Expr *E, const FunctionDecl *Fn) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->hasLocalStorage() || Var->getType()->isReferenceType())
    return nullptr;
  // A parameter is the caller's copy: it dies with this frame too.
  const DeclContext *Owner = Var->getParentFunctionOrMethod();
  return Owner == Fn ? Var : nullptr;
}

void bindingsOfArg(const Expr *Arg, const FunctionDecl *Fn,
                   llvm::SmallVectorImpl<LocalBinding> &Out, bool IsObject) {
  const Expr *E = analysis::stripCopies(Arg);
  if (!E)
    return;
  E = E->IgnoreParenImpCasts();
  // std::ref(local) / std::cref(local)
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *FD = Call->getDirectCallee();
        FD && FD->isInStdNamespace() && FD->getIdentifier() &&
        (FD->getName() == "ref" || FD->getName() == "cref") && Call->getNumArgs() == 1)
      if (const VarDecl *Var = localVar(Call->getArg(0), Fn)) {
        Out.push_back({Var, Call->getBeginLoc(), LocalBinding::StdRef});
        return;
      }
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(E); AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    if (const VarDecl *Var = localVar(AddrOf->getSubExpr(), Fn)) {
      Out.push_back({Var, AddrOf->getBeginLoc(),
                     IsObject ? LocalBinding::Object : LocalBinding::AddressOf});
      return;
    }
  // A local array passed to std::thread binds by reference and is decayed
  // into the thread's copy of the arguments: a pointer to the local.
  if (const VarDecl *Var = localVar(E, Fn); Var && Var->getType()->isArrayType()) {
    Out.push_back({Var, E->getBeginLoc(), LocalBinding::ArrayDecay});
    return;
  }
  // A local array decays to a pointer to its first element.
  if (const auto *Decay = dyn_cast<ImplicitCastExpr>(analysis::stripCopies(Arg)->IgnoreParens());
      Decay && Decay->getCastKind() == CK_ArrayToPointerDecay)
    if (const VarDecl *Var = localVar(Decay->getSubExpr(), Fn))
      Out.push_back({Var, Decay->getBeginLoc(), LocalBinding::ArrayDecay});
}
} // namespace

void DanglingThreadCaptureCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Start = Result.Nodes.getNodeAs<Expr>("start");
  if (!Start || Start->containsErrors() ||
      Result.SourceManager->isInSystemHeader(Start->getBeginLoc()))
    return;
  std::optional<StartKind> Kind = Starts.classify(Start);
  if (!Kind)
    return;
  const FunctionDecl *Fn = analysis::enclosingFunction(Start, *Result.Context);
  if (!Fn || Fn->isDependentContext())
    return;
  std::optional<analysis::ThreadEntry> Entry = analysis::threadEntry(Start, *Kind);
  if (!Entry)
    return;

  llvm::SmallVector<LocalBinding, 4> Bindings;
  if (Entry->Lambda)
    for (const LambdaCapture &Capture : Entry->Lambda->captures())
      if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByRef)
        if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
            Var && Var->hasLocalStorage() && Var->getParentFunctionOrMethod() == Fn &&
            !Var->getType()->isReferenceType())
          Bindings.push_back({Var,
                              Capture.isImplicit() ? Entry->Lambda->getCaptureDefaultLoc()
                                                   : Capture.getLocation(),
                              LocalBinding::CapturedByRef});
  for (const Expr *Arg : Entry->Args)
    bindingsOfArg(Arg, Fn, Bindings, false);
  if (Entry->Object)
    bindingsOfArg(Entry->Object, Fn, Bindings, true);
  if (Bindings.empty())
    return;

  std::optional<OutlivingEvidence> Outlives =
      analysis::outlivesFunction(Start, *Kind, Fn, *Result.Context);
  if (!Outlives)
    return;

  // Point at `detach` in `t.detach()`, not at `t`.
  SourceLocation EvidenceLoc = Outlives->Where->getBeginLoc();
  if (const auto *Member = dyn_cast<MemberExpr>(Outlives->Where))
    EvidenceLoc = Member->getMemberLoc();
  else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Outlives->Where))
    if (const auto *Callee = dyn_cast<MemberExpr>(Call->getCallee()))
      EvidenceLoc = Callee->getMemberLoc();

  for (const LocalBinding &Binding : Bindings) {
    diag(Binding.Where,
         "local variable %0 is %select{captured by reference by|passed by reference "
         "(std::ref) to|passed by address to|passed (as a pointer to its first element) "
         "to|the object of}1 a thread that can outlive %2; the thread may use it after it is "
         "destroyed")
        << Binding.Var << Binding.How << Fn;
    diag(EvidenceLoc,
         "%select{the thread is detached here|the thread is moved out of %1 here|the thread is "
         "returned here|the thread is stored where it outlives %1|%1 never joins this thread}0",
         DiagnosticIDs::Note)
        << Outlives->What << Fn;
    diag(Binding.Where,
         "pass %0 by value (capture [%0], or pass a copy), or join the thread before %0 goes out "
         "of scope; parsafe::ThreadPool::submit returns a future to wait on",
         DiagnosticIDs::Note)
        << Binding.Var;
  }
}

} // namespace clang::tidy::parsafe
