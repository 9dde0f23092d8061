//===--- ThreadEntries.cpp ------------------------------------------------===//

#include "ThreadEntries.h"
#include "StmtContext.h"
#include "clang/AST/DeclCXX.h"

namespace clang::tidy::parsafe::analysis {

const ValueDecl *namedObject(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *Unary = dyn_cast<UnaryOperator>(E); Unary && Unary->getOpcode() == UO_Deref)
    E = Unary->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl();
  return nullptr;
}

bool isPoolSubmission(const CXXMemberCallExpr *Call, llvm::ArrayRef<std::string> PoolClasses) {
  const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
  if (!Method || !Method->getIdentifier())
    return false;
  if (!llvm::is_contained({"submit", "detach", "map", "enqueue", "post", "push_task",
                           "try_submit"},
                          Method->getName()))
    return false;
  const CXXRecordDecl *Class = Method->getParent();
  std::string Name = Class->getQualifiedNameAsString();
  if (Name == "parsafe::ThreadPool")
    return true;
  for (const std::string &Pool : PoolClasses)
    if (Name == llvm::StringRef(Pool).ltrim(':'))
      return true;
  return false;
}

/// The operator() of a class, for functor entries.
static const FunctionDecl *callOperatorOf(QualType Type) {
  const CXXRecordDecl *Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return nullptr;
  if (Record->isLambda())
    return Record->getLambdaCallOperator();
  for (const CXXMethodDecl *Method : Record->methods())
    if (Method->getOverloadedOperator() == OO_Call)
      return Method;
  return nullptr;
}

static void resolveCallable(const Expr *Callable, ThreadEntry &Entry) {
  const Expr *E = stripCopies(Callable);
  if (!E)
    return;
  E = E->IgnoreParenImpCasts();
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(E); AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    E = AddrOf->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
    Entry.Lambda = Lambda;
    Entry.Function = Lambda->getCallOperator();
    return;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *FD = dyn_cast<FunctionDecl>(Ref->getDecl())) {
      Entry.Function = FD;
      return;
    }
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl())) {
      // auto work = [&] { ... }; std::thread t(work);
      if (Var->getInit())
        if (const auto *Lambda =
                dyn_cast_or_null<LambdaExpr>(stripCopies(Var->getInit())->IgnoreParenImpCasts())) {
          Entry.Lambda = Lambda;
          Entry.Function = Lambda->getCallOperator();
          return;
        }
      Entry.Function = callOperatorOf(Var->getType());
      return;
    }
  }
  Entry.Function = callOperatorOf(E->getType());
}

ThreadEntry entryOfCallable(const Expr *Callable) {
  ThreadEntry Entry;
  Entry.Callable = Callable;
  resolveCallable(Callable, Entry);
  return Entry;
}

std::optional<ThreadEntry> threadEntry(const Expr *Start, StartKind Kind) {
  ThreadEntry Entry;
  Entry.Start = Start;
  Entry.Kind = Kind;
  llvm::SmallVector<const Expr *, 6> Args;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Start))
    Args.append(Construct->arg_begin(), Construct->arg_end());
  else if (const auto *Call = dyn_cast<CallExpr>(Start))
    Args.append(Call->arg_begin(), Call->arg_end());
  else
    return std::nullopt;

  unsigned CallableIndex = 0;
  switch (Kind) {
  case StartKind::PosixThread:
    CallableIndex = 2;
    break;
  case StartKind::C11Thread:
    CallableIndex = 1;
    break;
  case StartKind::Async:
    // std::async(policy, f, args...) or std::async(f, args...)
    if (!Args.empty() && Args[0]->getType()->isEnumeralType())
      CallableIndex = 1;
    break;
  case StartKind::Thread:
    // v.emplace(pos, f, args...) takes an iterator first.
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Start))
      if (Member->getMethodDecl() && Member->getMethodDecl()->getIdentifier() &&
          Member->getMethodDecl()->getName() == "emplace")
        CallableIndex = 1;
    break;
  case StartKind::PoolTask:
  case StartKind::UserFunction:
    break;
  default:
    return std::nullopt; // processes have no thread entry
  }
  if (CallableIndex >= Args.size())
    return std::nullopt;
  Entry.Callable = Args[CallableIndex];
  resolveCallable(Entry.Callable, Entry);
  unsigned FirstArg = CallableIndex + 1;
  if (const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Entry.Function);
      Method && !Method->isStatic() && !Entry.Lambda &&
      Method->getOverloadedOperator() != OO_Call && FirstArg < Args.size()) {
    Entry.Object = Args[FirstArg]; // std::thread(&Worker::run, &worker, ...)
    ++FirstArg;
  }
  for (unsigned I = FirstArg; I < Args.size(); ++I)
    if (!isa<CXXDefaultArgExpr>(Args[I]))
      Entry.Args.push_back(Args[I]);
  return Entry;
}

} // namespace clang::tidy::parsafe::analysis
