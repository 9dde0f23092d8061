//===--- MissingMainGuardCheck.cpp ----------------------------------------===//

#include "MissingMainGuardCheck.h"
#include "analysis/StmtContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parsafe {

using analysis::StartKind;

MissingMainGuardCheck::MissingMainGuardCheck(StringRef Name, ClangTidyContext *Context)
    : ParsafeCheckBase(Name, Context),
      ReexecutingFunctions(Options.get("ReexecutingFunctions", "")),
      GuardMacros(Options.get("GuardMacros", "PARSAFE_MAIN_GUARD")),
      DefaultStartIsSpawn(Options.get("DefaultStartIsSpawn", true)),
      Reexecuting(analysis::splitOptionList(ReexecutingFunctions)),
      GuardMacroNames(analysis::splitOptionList(GuardMacros)) {}

void MissingMainGuardCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ReexecutingFunctions", ReexecutingFunctions);
  Options.store(Opts, "GuardMacros", GuardMacros);
  Options.store(Opts, "DefaultStartIsSpawn", DefaultStartIsSpawn);
}

void MissingMainGuardCheck::registerMatchers(MatchFinder *Finder) {
  narrowTraversalToUserCode(Finder);
  Finder->addMatcher(functionDecl(isMain(), isDefinition()).bind("main"), this);
  Finder->addMatcher(
      cxxConstructExpr(hasDeclaration(cxxConstructorDecl(ofClass(hasName("::parsafe::ProcessPool")))))
          .bind("pool"),
      this);
  Finder->addMatcher(callExpr(unless(isExpansionInSystemHeader())).bind("call"), this);
}

namespace {

/// The enumerators of parsafe::Start named inside an expression (an options
/// initializer), or assigned to `<Options>.start` in the function around it.
struct StartEnumerators {
  bool Fork = false;
  bool Spawn = false;
  void scan(const Stmt *S) {
    struct Finder : RecursiveASTVisitor<Finder> {
      StartEnumerators *Out;
      bool VisitDeclRefExpr(DeclRefExpr *Ref) {
        const auto *Enumerator = dyn_cast<EnumConstantDecl>(Ref->getDecl());
        const auto *Enum = Enumerator ? dyn_cast<EnumDecl>(Enumerator->getDeclContext()) : nullptr;
        if (!Enum || Enum->getName() != "Start")
          return true;
        Out->Fork |= Enumerator->getName() == "fork";
        Out->Spawn |= Enumerator->getName() != "fork";
        return true;
      }
    } F;
    F.Out = this;
    if (S)
      F.TraverseStmt(const_cast<Stmt *>(S));
  }
};

/// Which start method a ProcessPool construction uses, as far as the code
/// shows: options built inline, or an options variable whose `start` member
/// is assigned in the same function.
std::optional<bool> poolUsesSpawn(const CXXConstructExpr *Pool, ASTContext &Ctx) {
  StartEnumerators Seen;
  for (const Expr *Arg : Pool->arguments()) {
    Seen.scan(Arg);
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(analysis::stripCopies(Arg));
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var)
      continue;
    Seen.scan(Var->getInit());
    if (const FunctionDecl *FD = analysis::enclosingFunction(Pool, Ctx)) {
      struct AssignFinder : RecursiveASTVisitor<AssignFinder> {
        const VarDecl *Options;
        StartEnumerators *Seen;
        bool VisitBinaryOperator(BinaryOperator *Assign) {
          const auto *Member = dyn_cast<MemberExpr>(Assign->getLHS()->IgnoreParenImpCasts());
          const auto *Base = Member ? dyn_cast<DeclRefExpr>(Member->getBase()->IgnoreParenImpCasts())
                                    : nullptr;
          if (Assign->isAssignmentOp() && Base && Base->getDecl() == Options)
            Seen->scan(Assign->getRHS());
          return true;
        }
      } Finder;
      Finder.Options = Var;
      Finder.Seen = &Seen;
      Finder.TraverseStmt(FD->getBody());
    }
  }
  if (Seen.Spawn)
    return true;
  if (Seen.Fork)
    return false;
  return std::nullopt;
}

/// `execv("/proc/self/exe", ...)` or `execv(argv[0], ...)`: the program starts
/// itself again.
bool reexecutesSelf(const CallExpr *Call, StartKind Kind) {
  unsigned PathArg = Kind == StartKind::ProcessSpawn ? 1 : 0;
  if (Call->getNumArgs() <= PathArg)
    return false;
  const Expr *Path = Call->getArg(PathArg)->IgnoreParenImpCasts();
  if (const auto *Literal = dyn_cast<StringLiteral>(Path))
    return Literal->getString() == "/proc/self/exe";
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Path)) {
    const auto *Base = dyn_cast<DeclRefExpr>(Subscript->getBase()->IgnoreParenImpCasts());
    const auto *Param = Base ? dyn_cast<ParmVarDecl>(Base->getDecl()) : nullptr;
    const auto *Owner = Param ? dyn_cast<FunctionDecl>(Param->getDeclContext()) : nullptr;
    Expr::EvalResult Index;
    return Owner && Owner->isMain() && Param->getFunctionScopeIndex() == 1 &&
           !Subscript->getIdx()->isValueDependent() &&
           Subscript->getIdx()->EvaluateAsInt(Index, Param->getASTContext()) &&
           Index.Val.getInt() == 0;
  }
  return false;
}

/// Statements that change nothing when they run again in a worker.
bool isHarmlessBeforeGuard(const Stmt *S, ASTContext &Ctx) {
  if (isa<NullStmt>(S))
    return true;
  const auto *Decl = dyn_cast<DeclStmt>(S);
  if (!Decl)
    return false;
  for (const auto *D : Decl->decls()) {
    const auto *Var = dyn_cast<VarDecl>(D);
    if (!Var)
      continue;
    if (Var->getInit() && !Var->getInit()->isConstantInitializer(Ctx, false))
      return false;
  }
  return true;
}

/// Does \p S mention main's parameters or the environment? In C a worker
/// dispatch is an `if` on argv/argc/getenv at the top of main.
bool looksAtArgsOrEnv(const Stmt *S, const FunctionDecl *Main) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const FunctionDecl *Main;
    bool Found = false;
    bool VisitDeclRefExpr(DeclRefExpr *Ref) {
      if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl()))
        Found |= Param->getDeclContext() == Main;
      return !Found;
    }
    bool VisitCallExpr(CallExpr *Call) {
      if (const FunctionDecl *FD = Call->getDirectCallee())
        Found |= FD->getIdentifier() && (FD->getName() == "getenv" || FD->getName() == "secure_getenv");
      return !Found;
    }
  } F;
  F.Main = Main;
  F.TraverseStmt(const_cast<Stmt *>(S));
  return F.Found;
}

} // namespace

void MissingMainGuardCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  if (const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("main")) {
    if (!Fn->isInvalidDecl())
      Main = Fn;
    return;
  }
  if (FirstReexec)
    return; // one re-executing site is enough evidence
  if (const auto *Pool = Result.Nodes.getNodeAs<CXXConstructExpr>("pool")) {
    std::optional<bool> Spawn = poolUsesSpawn(Pool, *Result.Context);
    if (Spawn.value_or(DefaultStartIsSpawn)) {
      FirstReexec = Pool;
      FirstReexecWhat = "parsafe::ProcessPool (start method 'spawn')";
    }
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    std::optional<StartKind> Kind = Reexecuting.classify(Call);
    if (!Kind)
      return;
    if (*Kind == StartKind::UserFunction) {
      FirstReexec = Call;
      FirstReexecWhat = "'" + analysis::calleeName(Call) + "'";
    } else if ((*Kind == StartKind::Exec || *Kind == StartKind::ProcessSpawn) &&
               reexecutesSelf(Call, *Kind)) {
      FirstReexec = Call;
      FirstReexecWhat = "'" + analysis::calleeName(Call) + "' of this program";
    }
  }
}

void MissingMainGuardCheck::onEndOfTranslationUnit() {
  const FunctionDecl *Fn = Main;
  const Expr *Reexec = FirstReexec;
  Main = nullptr;
  FirstReexec = nullptr;
  if (!Fn || !Reexec || !Context)
    return;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Fn->getBody());
  if (!Body)
    return;
  const SourceManager &SM = Context->getSourceManager();
  const LangOptions &Lang = Context->getLangOpts();

  auto IsGuard = [&](const Stmt *S) {
    SourceLocation Loc = S->getBeginLoc();
    if (!Loc.isMacroID())
      return false;
    SourceLocation Expansion = SM.getExpansionLoc(Loc);
    StringRef Name = Lexer::getSourceText(CharSourceRange::getTokenRange(Expansion), SM, Lang);
    return llvm::is_contained(GuardMacroNames, Name.str());
  };

  const Stmt *Guard = nullptr;
  const Stmt *FirstEffect = nullptr;
  for (const Stmt *S : Body->body()) {
    if (IsGuard(S)) {
      Guard = S;
      break;
    }
    // C, or hand-written dispatch: an `if` on argv/argc/getenv that comes first.
    if (!FirstEffect && isa<IfStmt>(S) && looksAtArgsOrEnv(cast<IfStmt>(S)->getCond(), Fn) &&
        !isa<CXXConstructExpr>(Reexec))
      return;
    if (!FirstEffect && !isHarmlessBeforeGuard(S, *Context))
      FirstEffect = S;
  }
  if (Guard && !FirstEffect)
    return;

  // The guard goes right after main's opening brace, indented like the first
  // statement, so it also comes before any comment that opens the body.
  const Stmt *First = Body->body_empty() ? nullptr : Body->body_front();
  SourceLocation InsertAt = Body->getLBracLoc().getLocWithOffset(1);
  std::string Indent = "  ";
  if (First) {
    unsigned Column = SM.getExpansionColumnNumber(SM.getExpansionLoc(First->getBeginLoc()));
    Indent = std::string(Column > 0 ? Column - 1 : 0, ' ');
  }
  bool CanFix = Lang.CPlusPlus && InsertAt.isValid() && SM.isWrittenInMainFile(InsertAt);

  if (Guard) {
    // The guard is there, but code runs before it in every worker.
    CharSourceRange GuardRange = SM.getExpansionRange(Guard->getSourceRange());
    StringRef GuardText = Lexer::getSourceText(GuardRange, SM, Lang);
    SourceLocation AfterSemi = Lexer::findLocationAfterToken(
        GuardRange.getEnd(), tok::semi, SM, Lang, /*SkipTrailingWhitespaceAndNewLine=*/true);
    {
    auto Warning = diag(SM.getExpansionLoc(FirstEffect->getBeginLoc()),
                        "statement runs before %0 in 'main': every worker process that %1 "
                        "starts runs it again")
                   << Lexer::getSourceText(CharSourceRange::getTokenRange(
                                               SM.getExpansionLoc(Guard->getBeginLoc())),
                                           SM, Lang)
                   << FirstReexecWhat;
    if (CanFix && AfterSemi.isValid()) {
      Warning << FixItHint::CreateRemoval(
                     CharSourceRange::getCharRange(GuardRange.getBegin(), AfterSemi))
              << FixItHint::CreateInsertion(InsertAt, ("\n" + Indent + GuardText + ";").str());
    }
    } // The builder emits when it dies: before the notes.
    diag(SM.getExpansionLoc(Guard->getBeginLoc()), "the worker dispatch is here; move it to the "
                                                   "top of 'main'",
         DiagnosticIDs::Note);
    diag(Reexec->getBeginLoc(), "%0 re-executes the program here", DiagnosticIDs::Note)
        << FirstReexecWhat;
    return;
  }

  {
    auto Warning = diag(Fn->getLocation(),
                        "'main' does not dispatch worker processes first: %0 re-executes this "
                        "program, and every worker would run 'main' again")
                   << FirstReexecWhat;
    if (CanFix) {
      std::string Argc = "argc", Argv = "argv";
      if (Fn->getNumParams() >= 2 && Fn->getParamDecl(0)->getIdentifier() &&
          Fn->getParamDecl(1)->getIdentifier()) {
        Argc = Fn->getParamDecl(0)->getName().str();
        Argv = Fn->getParamDecl(1)->getName().str();
      } else if (Fn->getNumParams() == 0) {
        // int main() / int main(void) -> int main(int argc, char **argv)
        FunctionTypeLoc Loc = Fn->getFunctionTypeLoc();
        if (Loc && Loc.getLParenLoc().isValid() && Loc.getRParenLoc().isValid() &&
            !Loc.getLParenLoc().isMacroID())
          Warning << FixItHint::CreateReplacement(
              CharSourceRange::getTokenRange(Loc.getLParenLoc(), Loc.getRParenLoc()),
              "(int argc, char **argv)");
        else
          CanFix = false;
      } else {
        CanFix = false;
      }
      if (CanFix)
        Warning << FixItHint::CreateInsertion(
            InsertAt, "\n" + Indent + "PARSAFE_MAIN_GUARD(" + Argc + ", " + Argv + ");");
    }
  }
  diag(Reexec->getBeginLoc(), "%0 re-executes the program here", DiagnosticIDs::Note)
      << FirstReexecWhat;
  diag(Fn->getLocation(),
       "%select{start 'main' with PARSAFE_MAIN_GUARD(argc, argv): in a worker it runs the "
       "worker loop and exits, in the parent it returns at once|dispatch worker processes at "
       "the top of 'main', before anything else runs (parsafe::ProcessPool with "
       "PARSAFE_MAIN_GUARD(argc, argv) does this in C++)}0",
       DiagnosticIDs::Note)
      << !Lang.CPlusPlus;
}

} // namespace clang::tidy::parsafe
