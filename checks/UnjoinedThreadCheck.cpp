//===--- UnjoinedThreadCheck.cpp ------------------------------------------===//

#include "UnjoinedThreadCheck.h"
#include "analysis/StmtContext.h"
#include "analysis/ThreadLifetime.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/TypeLoc.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parsafe {

using analysis::ExitKind;

void UnjoinedThreadCheck::registerMatchers(MatchFinder *Finder) {
  narrowTraversalToUserCode(Finder);
  // Every function body that declares a local std::thread or a container of
  // them is analysed once, all its threads together.
  auto ThreadDecl = varDecl(hasLocalStorage(),
                            hasType(qualType(hasUnqualifiedDesugaredType(recordType(
                                hasDeclaration(cxxRecordDecl(isInStdNamespace())))))));
  Finder->addMatcher(functionDecl(isDefinition(), hasBody(hasDescendant(ThreadDecl)))
                         .bind("fn"),
                     this);
}

/// The location of the `thread` in a spelled `std::thread`, for the fix-it
/// to `std::jthread`; invalid when the type is not spelled that way (auto,
/// a typedef).
static SourceLocation threadNameLoc(const VarDecl *Var) {
  TypeSourceInfo *Info = Var->getTypeSourceInfo();
  if (!Info)
    return {};
  for (TypeLoc Loc = Info->getTypeLoc(); !Loc.isNull(); Loc = Loc.getNextTypeLoc()) {
    if (auto Record = Loc.getAs<RecordTypeLoc>())
      return analysis::isStdThreadType(Record.getType()) ? Record.getNameLoc() : SourceLocation();
    if (auto Spec = Loc.getAs<TemplateSpecializationTypeLoc>()) {
      // std::vector<std::thread>: look at the first template argument.
      if (Spec.getNumArgs() == 0)
        return {};
      TypeSourceInfo *Arg = Spec.getArgLoc(0).getTypeSourceInfo();
      if (!Arg)
        return {};
      for (TypeLoc Inner = Arg->getTypeLoc(); !Inner.isNull(); Inner = Inner.getNextTypeLoc())
        if (auto Record = Inner.getAs<RecordTypeLoc>())
          return analysis::isStdThreadType(Record.getType()) ? Record.getNameLoc()
                                                             : SourceLocation();
      return {};
    }
  }
  return {};
}

/// The fix-it to std::jthread is offered only when the program still compiles
/// with it: the variable is constructed directly (not from a std::thread
/// temporary), and every use is a member call std::jthread also has, or the
/// range of a range-for. Assigning a std::thread, moving into a function that
/// takes one, or push_back of a std::thread would not compile.
static bool canBecomeJthread(const VarDecl *Var, const FunctionDecl *Fn, ASTContext &Ctx) {
  const Expr *Init = Var->getInit() ? Var->getInit()->IgnoreImplicit() : nullptr;
  const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Init);
  if (!Construct || isa<CXXTemporaryObjectExpr>(Construct) ||
      (Construct->getConstructor()->isCopyOrMoveConstructor()))
    return false;
  struct UseFinder : RecursiveASTVisitor<UseFinder> {
    const VarDecl *Var;
    ASTContext *Ctx;
    bool Compatible = true;
    bool VisitDeclRefExpr(DeclRefExpr *Ref) {
      if (Ref->getDecl() != Var)
        return true;
      const Expr *Outer = nullptr;
      DynTypedNode User = analysis::valueConsumer(Ref, *Ctx, Outer);
      if (const auto *Member = User.get<MemberExpr>()) {
        const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
        StringRef Name = Method && Method->getIdentifier() ? Method->getName() : "";
        Compatible &= !Name.empty() && Name != "push_back" && Name != "push_front" &&
                      Name != "insert" && Name != "assign" && Name != "swap";
      } else if (const auto *Op = User.get<CXXOperatorCallExpr>()) {
        Compatible &= Op->getOperator() == OO_Subscript;
      } else if (const auto *Decl = User.get<VarDecl>()) {
        Compatible &= Decl->isImplicit(); // the __range of a range-for
      } else {
        Compatible = false;
      }
      return Compatible;
    }
  } Finder;
  Finder.Var = Var;
  Finder.Ctx = &Ctx;
  Finder.TraverseStmt(Fn->getBody());
  return Finder.Compatible;
}

static SourceLocation exitLoc(const analysis::JoinableExit &Exit) {
  if (const auto *Block = dyn_cast<CompoundStmt>(Exit.Where))
    return Block->getRBracLoc();
  return Exit.Where->getBeginLoc();
}

void UnjoinedThreadCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Fn || Fn->isInvalidDecl() || Fn->isDependentContext())
    return;
  const SourceManager &SM = *Result.SourceManager;
  const LangOptions &Lang = Result.Context->getLangOpts();
  for (const analysis::JoinableThread &T :
       analysis::findJoinableExits(Fn, *Result.Context, Starts)) {
    {
      auto Warning = diag(T.Thread->getLocation(),
                          "%select{thread %1 can be destroyed while still joinable|"
                          "threads in %1 can be destroyed while still joinable}0, "
                          "which calls std::terminate")
                     << T.IsContainer << T.Thread;
      SourceLocation NameLoc = threadNameLoc(T.Thread);
      if (Lang.CPlusPlus20 && NameLoc.isValid() && !NameLoc.isMacroID() &&
          !SM.isInSystemHeader(NameLoc) && canBecomeJthread(T.Thread, Fn, *Result.Context))
        Warning << FixItHint::CreateReplacement(CharSourceRange::getTokenRange(NameLoc),
                                                "jthread");
    }
    diag(T.Start->getBeginLoc(),
         "%select{%1 becomes joinable here|a thread is added to %1 here}0", DiagnosticIDs::Note)
        << T.IsContainer << T.Thread;
    const unsigned MaxExitNotes = 4;
    for (unsigned I = 0; I < T.Exits.size() && I < MaxExitNotes; ++I) {
      const analysis::JoinableExit &Exit = T.Exits[I];
      const auto *Call = dyn_cast<CallExpr>(Exit.Where);
      const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
      if (Exit.Kind == ExitKind::ThrowingCall && Callee) {
        diag(exitLoc(Exit), "still joinable if %0 throws here", DiagnosticIDs::Note) << Callee;
        continue;
      }
      diag(exitLoc(Exit),
           "still joinable %select{at the end of its scope|when the function returns|when "
           "'break' leaves its scope|when 'continue' leaves its scope|when 'goto' leaves its "
           "scope|when this exception is thrown|if this call throws}0",
           DiagnosticIDs::Note)
          << static_cast<unsigned>(Exit.Kind);
    }
    diag(T.Thread->getLocation(),
         "%select{use std::jthread, which joins in its destructor,|use std::jthread (C++20), "
         "which joins in its destructor,}0 or run the work on a parsafe::ThreadPool; otherwise "
         "join on every path",
         DiagnosticIDs::Note)
        << !Lang.CPlusPlus20;
  }
}

} // namespace clang::tidy::parsafe
