//===--- ConcurrencyStarts.cpp --------------------------------------------===//

#include "ConcurrencyStarts.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::parsafe::analysis {

bool startsProcess(StartKind Kind) {
  switch (Kind) {
  case StartKind::ProcessPool:
  case StartKind::Fork:
  case StartKind::Exec:
  case StartKind::Shell:
  case StartKind::ProcessSpawn:
    return true;
  default:
    return false;
  }
}

std::string calleeName(const Expr *E) {
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(E))
    return Construct->getConstructor()->getParent()->getQualifiedNameAsString();
  if (const auto *Call = dyn_cast_or_null<CallExpr>(E))
    if (const FunctionDecl *FD = Call->getDirectCallee())
      return FD->getQualifiedNameAsString();
  return "<call>";
}

std::string describeStart(StartKind Kind, const Expr *Site) {
  switch (Kind) {
  case StartKind::Thread:
    if (const auto *Emplace = dyn_cast_or_null<CXXMemberCallExpr>(Site))
      return "a thread ('" + Emplace->getMethodDecl()->getNameAsString() + "' of a container of "
             "threads)";
    return "a thread ('" + calleeName(Site) + "')";
  case StartKind::Async:
    return "asynchronous work ('std::async')";
  case StartKind::PosixThread:
    return "a thread ('pthread_create')";
  case StartKind::C11Thread:
    return "a thread ('thrd_create')";
  case StartKind::ThreadPool:
    return "a thread pool ('parsafe::ThreadPool')";
  case StartKind::PoolTask:
    return "a pool task ('" + calleeName(Site) + "')";
  case StartKind::ProcessPool:
    return "a process pool ('parsafe::ProcessPool')";
  case StartKind::Fork:
    return "a child process ('" + calleeName(Site) + "')";
  case StartKind::Exec:
    return "a new program image ('" + calleeName(Site) + "')";
  case StartKind::Shell:
    return "a shell process ('" + calleeName(Site) + "')";
  case StartKind::ProcessSpawn:
    return "a child process ('" + calleeName(Site) + "')";
  case StartKind::UserFunction:
    return "concurrent work ('" + calleeName(Site) + "')";
  }
  llvm_unreachable("unknown StartKind");
}

llvm::SmallVector<std::string, 4> splitOptionList(llvm::StringRef Value) {
  llvm::SmallVector<std::string, 4> Result;
  while (!Value.empty()) {
    size_t End = Value.find_first_of(";,");
    llvm::StringRef Part = Value.substr(0, End).trim();
    if (!Part.empty())
      Result.push_back(Part.str());
    Value = End == llvm::StringRef::npos ? llvm::StringRef() : Value.substr(End + 1);
  }
  return Result;
}

ConcurrencyStarts::ConcurrencyStarts(llvm::ArrayRef<std::string> Extra) {
  for (const std::string &Name : Extra)
    ExtraFunctions.push_back(llvm::StringRef(Name).ltrim(':').str());
}

bool ConcurrencyStarts::isExtraFunction(const FunctionDecl *FD) const {
  if (ExtraFunctions.empty())
    return false;
  std::string Name = FD->getQualifiedNameAsString();
  for (const std::string &Extra : ExtraFunctions)
    if (Name == Extra)
      return true;
  return false;
}

static bool isParsafeClass(const CXXRecordDecl *RD, llvm::StringRef Name) {
  if (!RD || RD->getName() != Name)
    return false;
  const auto *NS = dyn_cast<NamespaceDecl>(RD->getDeclContext()->getEnclosingNamespaceContext());
  while (NS && NS->isInline())
    NS = dyn_cast<NamespaceDecl>(NS->getParent());
  return NS && NS->getName() == "parsafe" && NS->getParent()->isTranslationUnit();
}

static bool isStdThreadClass(const CXXRecordDecl *Class) {
  return Class && Class->isInStdNamespace() && Class->getIdentifier() &&
         (Class->getName() == "thread" || Class->getName() == "jthread");
}

/// `threads.emplace_back(fn, args...)`: the std::thread is constructed inside
/// the container (in a system header), so the start site is the emplace call.
static bool emplacesThread(const CXXMemberCallExpr *Call) {
  const CXXMethodDecl *Method = Call->getMethodDecl();
  if (!Method || !Method->getIdentifier() || Call->getNumArgs() == 0)
    return false;
  StringRef Name = Method->getName();
  if (Name != "emplace_back" && Name != "emplace" && Name != "emplace_front")
    return false;
  const auto *Container =
      dyn_cast<ClassTemplateSpecializationDecl>(Method->getParent());
  if (!Container || Container->getTemplateArgs().size() == 0 ||
      Container->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return false;
  QualType Element = Container->getTemplateArgs()[0].getAsType();
  if (!isStdThreadClass(Element->getAsCXXRecordDecl()))
    return false;
  // emplace(pos, fn) on sequence containers: the callable is not the first argument,
  // but any argument list that is not a single thread (a move) starts one.
  const Expr *Last = Call->getArg(Call->getNumArgs() - 1)->IgnoreParenImpCasts();
  return Call->getNumArgs() > (Name == "emplace" ? 1u : 0u) &&
         !isStdThreadClass(Last->getType()->getAsCXXRecordDecl());
}

/// std::async(std::launch::deferred, f) runs f lazily on the waiting thread:
/// nothing concurrent is started.
static bool isDeferredOnlyAsync(const CallExpr *Call) {
  if (Call->getNumArgs() == 0)
    return false;
  const Expr *Policy = Call->getArg(0)->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(Policy);
  if (!Ref)
    return false;
  const auto *Enumerator = dyn_cast<EnumConstantDecl>(Ref->getDecl());
  return Enumerator && Enumerator->getName() == "deferred";
}

std::optional<StartKind> ConcurrencyStarts::classify(const Expr *E) const {
  if (!E)
    return std::nullopt;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    if (!Ctor || Ctor->isCopyOrMoveConstructor())
      return std::nullopt;
    const CXXRecordDecl *Class = Ctor->getParent();
    if (isStdThreadClass(Class))
      return Construct->getNumArgs() > 0 ? std::optional(StartKind::Thread) : std::nullopt;
    if (isParsafeClass(Class, "ThreadPool"))
      return StartKind::ThreadPool;
    if (isParsafeClass(Class, "ProcessPool"))
      return StartKind::ProcessPool;
    if (isExtraFunction(Ctor))
      return StartKind::UserFunction;
    return std::nullopt;
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return std::nullopt;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    if (emplacesThread(Member))
      return StartKind::Thread;
    const CXXMethodDecl *Method = Member->getMethodDecl();
    if (Method && Method->getIdentifier() && isParsafeClass(Method->getParent(), "ThreadPool") &&
        llvm::is_contained({"submit", "try_submit", "detach", "map"}, Method->getName()))
      return StartKind::PoolTask;
  }
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->getIdentifier())
    return std::nullopt;
  llvm::StringRef Name = FD->getName();
  if (FD->isInStdNamespace() && Name == "async")
    return isDeferredOnlyAsync(Call) ? std::nullopt : std::optional(StartKind::Async);
  // The C library functions: declared at global scope (or extern "C"); `std::system`
  // is a using-declaration of ::system and resolves to the same declaration.
  if (FD->getDeclContext()->getRedeclContext()->isTranslationUnit() || FD->isExternC()) {
    std::optional<StartKind> Kind = llvm::StringSwitch<std::optional<StartKind>>(Name)
        .Case("pthread_create", StartKind::PosixThread)
        .Case("thrd_create", StartKind::C11Thread)
        .Cases("fork", "vfork", StartKind::Fork)
        .Cases("execl", "execle", "execlp", "execv", "execve", StartKind::Exec)
        .Cases("execvp", "execvpe", "fexecve", "execveat", StartKind::Exec)
        .Cases("system", "popen", StartKind::Shell)
        .Cases("posix_spawn", "posix_spawnp", StartKind::ProcessSpawn)
        .Default(std::nullopt);
    if (Kind)
      return Kind;
  }
  if (isExtraFunction(FD))
    return StartKind::UserFunction;
  return std::nullopt;
}

} // namespace clang::tidy::parsafe::analysis
