//===--- NontransferablePayloadCheck.cpp ----------------------------------===//

#include "NontransferablePayloadCheck.h"
#include "analysis/ConcurrencyStarts.h"
#include "analysis/StmtContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parsafe {

using analysis::TransferLevel;
using analysis::TransferVerdict;

static constexpr llvm::StringLiteral DefaultSinks =
    "write:1;pwrite:1;send:1;sendto:1;mq_send:1;msgsnd:1";

NontransferablePayloadCheck::NontransferablePayloadCheck(StringRef Name,
                                                         ClangTidyContext *Context)
    : ParsafeCheckBase(Name, Context), Sinks(Options.get("Sinks", DefaultSinks)),
      AdditionalSinks(Options.get("AdditionalSinks", "")),
      ProcessFunctions(Options.get("ProcessFunctions", "")) {
  for (const std::string &Entry : analysis::splitOptionList(Sinks + ";" + AdditionalSinks)) {
    StringRef Name, Index;
    std::tie(Name, Index) = StringRef(Entry).split(':');
    unsigned Arg = 1;
    if (!Index.empty() && Index.getAsInteger(10, Arg))
      continue; // a malformed entry is ignored rather than guessed
    SinkArgs[Name.ltrim(':').str()] = Arg;
  }
  for (const std::string &Name : analysis::splitOptionList(ProcessFunctions))
    ProcessFunctionNames.push_back(StringRef(Name).ltrim(':').str());
}

void NontransferablePayloadCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "Sinks", Sinks);
  Options.store(Opts, "AdditionalSinks", AdditionalSinks);
  Options.store(Opts, "ProcessFunctions", ProcessFunctions);
}

void NontransferablePayloadCheck::registerMatchers(MatchFinder *Finder) {
  narrowTraversalToUserCode(Finder);
  // Library code is not the user's to fix, and skipping it keeps the check cheap.
  auto InUserCode = unless(isExpansionInSystemHeader());
  Finder->addMatcher(callExpr(InUserCode, callee(functionDecl())).bind("call"), this);
  // struct iovec { void *iov_base; size_t iov_len; }: writev/sendmsg payloads.
  Finder->addMatcher(binaryOperator(InUserCode, isAssignmentOperator(),
                                    hasLHS(memberExpr(member(hasName("iov_base")))))
                         .bind("iov-assign"),
                     this);
  Finder->addMatcher(
      initListExpr(InUserCode, hasType(recordDecl(hasName("iovec")))).bind("iov-init"), this);
  // Shared memory: a typed view of a MAP_SHARED mapping or a System V segment.
  // C converts the void * of mmap/shmat implicitly: `struct node *p = mmap(...)`.
  Finder->addMatcher(
      expr(InUserCode,
           anyOf(explicitCastExpr(hasDestinationType(pointerType())),
                 implicitCastExpr(hasCastKind(CK_BitCast),
                                  hasImplicitDestinationType(pointerType()))))
          .bind("cast"),
      this);
  Finder->addMatcher(cxxNewExpr(InUserCode, hasAnyPlacementArg(expr())).bind("placement"), this);
}

/// A type as messages spell it: `Job`, not `struct Job`.
static std::string typeName(QualType Type, const ASTContext &Ctx) {
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressTagKeyword = true;
  return Type.getUnqualifiedType().getAsString(Policy);
}

/// The type the bytes at \p Buffer belong to: `&job` is a Job, a `Job *` is a
/// Job, `items.data()` is an element. std::nullopt for byte buffers (char,
/// unsigned char, std::byte, void), which a serializer produced.
static std::optional<QualType> payloadType(const Expr *Buffer) {
  const Expr *E = Buffer;
  // Casts to void * / char * say nothing about what the bytes are.
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    break;
  }
  QualType Type = E->getType();
  QualType Pointee;
  if (Type->isPointerType())
    Pointee = Type->getPointeeType();
  else if (Type->isArrayType())
    Pointee = Type->getAsArrayTypeUnsafe()->getElementType();
  else
    return std::nullopt;
  QualType Canonical = Pointee.getCanonicalType();
  if (Canonical->isVoidType() || Canonical->isAnyCharacterType() ||
      Canonical->isSpecificBuiltinType(BuiltinType::UChar) ||
      Canonical->isSpecificBuiltinType(BuiltinType::SChar) || Canonical->isStdByteType() ||
      Canonical->isIncompleteType())
    return std::nullopt;
  return Pointee;
}

/// mmap(..., MAP_SHARED | ..., ...) or shmat(...), looking through casts and
/// one variable initialized from one.
const CallExpr *NontransferablePayloadCheck::sharedMapping(const Expr *E, ASTContext &Ctx,
                                                           unsigned Depth) const {
  if (!E || Depth > 2)
    return nullptr;
  E = E->IgnoreParenCasts();
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD || !FD->getIdentifier())
      return nullptr;
    if (FD->getName() == "shmat")
      return Call;
    if ((FD->getName() == "mmap" || FD->getName() == "mmap64") && Call->getNumArgs() >= 4) {
      Expr::EvalResult Flags;
      const Expr *FlagsArg = Call->getArg(3);
      // MAP_SHARED is 0x01 (MAP_SHARED_VALIDATE 0x03); MAP_PRIVATE is 0x02.
      if (!FlagsArg->isValueDependent() && FlagsArg->EvaluateAsInt(Flags, Ctx) &&
          (Flags.Val.getInt().getZExtValue() & 0x01))
        return Call;
    }
    return nullptr;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      return sharedMapping(Var->getInit(), Ctx, Depth + 1);
  return nullptr;
}

void NontransferablePayloadCheck::report(SourceLocation Loc, QualType Type, StringRef What,
                                         TransferLevel Level, ASTContext &Ctx,
                                         const Expr *Mapping) {
  if (!Classifier || &Classifier->context() != &Ctx)
    Classifier.emplace(Ctx);
  const TransferVerdict &Verdict = Classifier->classify(Type, Level);
  if (Verdict.Portable)
    return;
  diag(Loc, "%0 cannot cross a process boundary: %select{it|'%2'}1 is %3")
      << What << !Verdict.Path.empty() << Verdict.Path << Verdict.Reason;
  if (Mapping)
    diag(Mapping->getBeginLoc(), "memory shared with other processes is mapped here",
         DiagnosticIDs::Note);
  diag(Loc,
       "%select{send it through parsafe::ProcessPool, which serializes std::string, containers "
       "and types with a serialize() member, or give it a portable layout (fixed-size arrays "
       "such as char[N] instead of pointers and std::string)|keep only portable data in shared "
       "memory: fixed-size arrays such as char[N] instead of pointers and std::string, offsets "
       "instead of pointers; or send values through parsafe::ProcessPool}0",
       DiagnosticIDs::Note)
      << (Mapping != nullptr);
}

bool NontransferablePayloadCheck::isProcessFunction(const FunctionDecl *FD) const {
  if (ProcessFunctionNames.empty() || !FD)
    return false;
  std::string Name = FD->getQualifiedNameAsString();
  return llvm::is_contained(ProcessFunctionNames, Name);
}

void NontransferablePayloadCheck::checkProcessCall(const CallExpr *Call, ASTContext &Ctx) {
  for (const Expr *Arg : Call->arguments()) {
    const Expr *Value = analysis::stripCopies(Arg);
    if (!Value)
      continue;
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Value->IgnoreImplicit())) {
      for (const LambdaCapture &Capture : Lambda->captures()) {
        if (!Capture.capturesVariable() && !Capture.capturesThis()) 
          continue;
        if (Capture.capturesThis()) {
          diag(Capture.getLocation(), "'this' captured by a task that runs in another process: "
                                      "the pointer means nothing there");
          continue;
        }
        const ValueDecl *Var = Capture.getCapturedVar();
        if (Capture.getCaptureKind() == LCK_ByRef) {
          diag(Capture.getLocation(), "%0 captured by reference by a task that runs in another "
                                      "process: the reference means nothing there")
              << Var;
          diag(Capture.getLocation(), "capture it by value, with a type parsafe::ProcessPool can "
                                      "serialize, or return results instead of writing to it",
               DiagnosticIDs::Note);
          continue;
        }
        // A by-copy capture of a reference copies the object referred to.
        report(Capture.getLocation(), Var->getType().getNonReferenceType(),
               ("captured variable '" + Var->getName() + "'").str(),
               TransferLevel::Serializable, Ctx, nullptr);
      }
      continue;
    }
    report(Arg->getBeginLoc(), Value->getType(),
           "argument of type '" + typeName(Value->getType(), Ctx) + "'",
           TransferLevel::Serializable, Ctx, nullptr);
  }
}

void NontransferablePayloadCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD || !FD->getIdentifier() || Call->containsErrors())
      return;
    if (isProcessFunction(FD)) {
      checkProcessCall(Call, Ctx);
      return;
    }
    StringRef Name = FD->getName();
    // memcpy/memmove into shared memory: the source's type must be portable.
    if ((Name == "memcpy" || Name == "memmove") && Call->getNumArgs() == 3) {
      if (const CallExpr *Mapping = sharedMapping(Call->getArg(0), Ctx, 0))
        if (std::optional<QualType> Type = payloadType(Call->getArg(1)))
          report(Call->getArg(1)->getBeginLoc(),
                 *Type, "object of type '" + typeName(*Type, Ctx) +
                            "' copied into shared memory",
                 TransferLevel::RawBytes, Ctx, Mapping);
      return;
    }
    auto Sink = SinkArgs.find(Name.str());
    if (Sink == SinkArgs.end() || Sink->second >= Call->getNumArgs())
      return;
    // The C library functions are global (or extern "C"); a member named
    // write() is someone else's API.
    if (!FD->getDeclContext()->getRedeclContext()->isTranslationUnit() && !FD->isExternC())
      return;
    if (std::optional<QualType> Type = payloadType(Call->getArg(Sink->second)))
      report(Call->getArg(Sink->second)->getBeginLoc(), *Type,
             "object of type '" + typeName(*Type, Ctx) + "' sent with '" +
                 Name.str() + "'",
             TransferLevel::RawBytes, Ctx, nullptr);
    return;
  }
  if (const auto *Assign = Result.Nodes.getNodeAs<BinaryOperator>("iov-assign")) {
    if (std::optional<QualType> Type = payloadType(Assign->getRHS()))
      report(Assign->getRHS()->getBeginLoc(), *Type,
             "object of type '" + typeName(*Type, Ctx) +
                 "' placed in an iovec",
             TransferLevel::RawBytes, Ctx, nullptr);
    return;
  }
  if (const auto *Init = Result.Nodes.getNodeAs<InitListExpr>("iov-init")) {
    if (Init->getNumInits() > 0)
      if (std::optional<QualType> Type = payloadType(Init->getInit(0)))
        report(Init->getInit(0)->getBeginLoc(), *Type,
               "object of type '" + typeName(*Type, Ctx) +
                   "' placed in an iovec",
               TransferLevel::RawBytes, Ctx, nullptr);
    return;
  }
  if (const auto *Cast = Result.Nodes.getNodeAs<CastExpr>("cast")) {
    QualType Pointee = Cast->getType()->getPointeeType();
    if (Pointee.isNull() || Pointee->isVoidType() || Pointee->isAnyCharacterType())
      return;
    if (const CallExpr *Mapping = sharedMapping(Cast->getSubExpr(), Ctx, 0))
      report(Cast->getBeginLoc(), Pointee,
             "'" + typeName(Pointee, Ctx) + "' placed in shared memory",
             TransferLevel::RawBytes, Ctx, Mapping);
    return;
  }
  if (const auto *New = Result.Nodes.getNodeAs<CXXNewExpr>("placement")) {
    if (New->getNumPlacementArgs() != 1)
      return;
    if (const CallExpr *Mapping = sharedMapping(New->getPlacementArg(0), Ctx, 0))
      report(New->getBeginLoc(), New->getAllocatedType(),
             "'" + typeName(New->getAllocatedType(), Ctx) +
                 "' constructed in shared memory",
             TransferLevel::RawBytes, Ctx, Mapping);
  }
}

} // namespace clang::tidy::parsafe
