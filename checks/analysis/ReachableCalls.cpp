//===--- ReachableCalls.cpp -----------------------------------------------===//

#include "ReachableCalls.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::parsafe::analysis {

namespace {

class DirectCallCollector : public RecursiveASTVisitor<DirectCallCollector> {
public:
  explicit DirectCallCollector(llvm::SmallVectorImpl<const Expr *> &Out) : Out(Out) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  // Implicit code includes default arguments and default member initializers,
  // which run at the call or construction that uses them.
  bool shouldVisitImplicitCode() const { return true; }
  // With implicit code visited, a lambda's class (and its call operator) is
  // traversed as a CXXRecordDecl: skipping records skips lambda bodies and
  // local classes alike, while capture initializers are still visited.
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool TraverseFunctionDecl(FunctionDecl *) { return true; }

  bool VisitCallExpr(CallExpr *E) {
    Out.push_back(E);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    Out.push_back(E);
    return true;
  }
private:
  llvm::SmallVectorImpl<const Expr *> &Out;
};

} // namespace

llvm::SmallVector<const Expr *, 8> directCalls(const Stmt *S) {
  llvm::SmallVector<const Expr *, 8> Calls;
  if (S)
    DirectCallCollector(Calls).TraverseStmt(const_cast<Stmt *>(S));
  return Calls;
}

const FunctionDecl *ReachableCalls::definitionCalled(const Expr *Call) const {
  const FunctionDecl *Callee = nullptr;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Call))
    Callee = Construct->getConstructor();
  else if (const auto *C = dyn_cast<CallExpr>(Call))
    Callee = C->getDirectCallee() ? C->getDirectCallee() : Pointers.targetOf(C);
  const FunctionDecl *Definition = nullptr;
  if (!Callee || !Callee->hasBody(Definition) || !Definition)
    return nullptr;
  if (Definition->isInvalidDecl() || SM.isInSystemHeader(Definition->getLocation()))
    return nullptr;
  return Definition;
}

/// The destructor defined in this TU that ends the object \p Construct
/// makes (a local, a temporary, a member, a `new`'d object), or null.
static const FunctionDecl *destructorOf(const CXXConstructExpr *Construct, const SourceManager &SM) {
  if (Construct->getConstructionKind() != CXXConstructionKind::Complete)
    return nullptr; // a base's destructor runs with the derived one's
  const CXXRecordDecl *Record = Construct->getType()->getAsCXXRecordDecl();
  const CXXDestructorDecl *Destructor = Record ? Record->getDestructor() : nullptr;
  const FunctionDecl *Definition = nullptr;
  if (!Destructor || !Destructor->isUserProvided() || !Destructor->hasBody(Definition) ||
      !Definition || Definition->isInvalidDecl() || SM.isInSystemHeader(Definition->getLocation()))
    return nullptr;
  return Definition;
}

llvm::SmallVector<const FunctionDecl *, 2>
ReachableCalls::definitionsCalled(const Expr *Call) const {
  llvm::SmallVector<const FunctionDecl *, 2> Out;
  const auto *C = dyn_cast<CallExpr>(Call);
  if (!C || C->getDirectCallee()) {
    if (const FunctionDecl *Definition = definitionCalled(Call))
      Out.push_back(Definition);
    // What is constructed is destroyed: its destructor runs in the same
    // thread, taken to run where it was made (a local's at its scope's end,
    // under the guards declared before it, which are released after it).
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Call))
      if (const FunctionDecl *Destructor = destructorOf(Construct, SM))
        Out.push_back(Destructor);
    return Out;
  }
  for (const FunctionDecl *Target : Pointers.targetsOf(C)) {
    const FunctionDecl *Definition = nullptr;
    if (Target->hasBody(Definition) && Definition && !Definition->isInvalidDecl() &&
        !SM.isInSystemHeader(Definition->getLocation()))
      Out.push_back(Definition);
  }
  return Out;
}

llvm::ArrayRef<const Expr *> ReachableCalls::callsIn(const FunctionDecl *FD) {
  auto It = CallsCache.find(FD);
  if (It != CallsCache.end())
    return It->second;
  llvm::SmallVector<const Expr *, 8> Calls;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->getInit())
        Calls.append(directCalls(Init->getInit()));
  Calls.append(directCalls(FD->getBody()));
  return CallsCache[FD] = std::move(Calls);
}

bool ReachableCalls::walkCalls(llvm::ArrayRef<const Expr *> Calls, Visitor Visit,
                               llvm::SmallVectorImpl<CallStep> &Chain,
                               llvm::DenseMap<const FunctionDecl *, bool> &Visited) {
  for (const Expr *Call : Calls) {
    Action Next = Visit(Call, Chain);
    if (Next == Action::Stop)
      return false;
    if (Next == Action::Skip || Chain.size() >= MaxDepth)
      continue;
    for (const FunctionDecl *Callee : definitionsCalled(Call)) {
      if (Visited.count(Callee))
        continue;
      // Each function is entered once per walk: recursion terminates and the
      // walk stays linear in the size of the reachable code.
      Visited[Callee] = true;
      Chain.push_back({Call, Callee});
      // callsIn() may grow the cache; copy the list so the ArrayRef stays valid.
      llvm::SmallVector<const Expr *, 8> Inner(callsIn(Callee));
      bool Continue = walkCalls(Inner, Visit, Chain, Visited);
      Chain.pop_back();
      if (!Continue)
        return false;
    }
  }
  return true;
}

void ReachableCalls::walk(const Stmt *Root, Visitor Visit) {
  llvm::SmallVector<CallStep, 8> Chain;
  llvm::DenseMap<const FunctionDecl *, bool> Visited;
  walkCalls(directCalls(Root), Visit, Chain, Visited);
}

void ReachableCalls::walkFunction(const FunctionDecl *FD, Visitor Visit) {
  llvm::SmallVector<CallStep, 8> Chain;
  llvm::DenseMap<const FunctionDecl *, bool> Visited;
  Visited[FD] = true;
  llvm::SmallVector<const Expr *, 8> Calls(callsIn(FD));
  walkCalls(Calls, Visit, Chain, Visited);
}

} // namespace clang::tidy::parsafe::analysis
