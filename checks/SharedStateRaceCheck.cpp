//===--- SharedStateRaceCheck.cpp -----------------------------------------===//

#include "SharedStateRaceCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parsafe {

using analysis::AccessKind;
using analysis::Race;
using analysis::RaceAccess;

static constexpr llvm::StringLiteral DefaultThreadSafeTypes =
    "parsafe::Guarded;parsafe::Channel;parsafe::ThreadPool;parsafe::Future";

SharedStateRaceCheck::SharedStateRaceCheck(StringRef Name, ClangTidyContext *Context)
    : SpawnAwareCheck(Name, Context),
      ThreadSafeTypes(Options.get("ThreadSafeTypes", DefaultThreadSafeTypes)),
      LibraryFunctionsAsThreads(Options.get("LibraryFunctionsAsThreads", true)) {
  RaceOptions.ThreadSafeTypes = analysis::splitOptionList(ThreadSafeTypes);
}

void SharedStateRaceCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  SpawnAwareCheck::storeOptions(Opts);
  Options.store(Opts, "ThreadSafeTypes", ThreadSafeTypes);
  Options.store(Opts, "LibraryFunctionsAsThreads", LibraryFunctionsAsThreads);
}

void SharedStateRaceCheck::registerMatchers(MatchFinder *Finder) {
  narrowTraversalToUserCode(Finder);
  // Every function that starts threads is analysed once, as the spawner.
  Finder->addMatcher(functionDecl(isDefinition(), hasBody(stmt())).bind("fn"), this);
}

/// "free", "realloc" or "delete" when \p A ends the memory's life; else
/// empty.
static StringRef releaseOf(const RaceAccess &A) {
  if (isa<CXXDeleteExpr>(A.What.Where))
    return "delete";
  const auto *Call = dyn_cast<CallExpr>(A.What.Where);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (Callee && Callee->getIdentifier() && llvm::is_contained({"free", "realloc"}, Callee->getName()))
    return Callee->getName();
  return {};
}

static StringRef describe(const RaceAccess &A) {
  if (StringRef Release = releaseOf(A); !Release.empty())
    return Release;
  return A.What.Kind == AccessKind::Write ? "write" : "read";
}

/// The quoted \p Object, or the access as written when it went through a
/// local pointer: "'*d' (which may be 'A.datum')".
static std::string asWritten(const RaceAccess &A, const std::string &Object) {
  if (A.What.Spelled.empty() || "'" + A.What.Spelled + "'" == Object)
    return Object;
  return "'" + A.What.Spelled + "' (which " + (A.What.OneOfSeveral ? "may be " : "is ") + Object +
         ")";
}

void SharedStateRaceCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Fn || Fn->isInvalidDecl() || Fn->isDependentContext() ||
      Result.SourceManager->isInSystemHeader(Fn->getLocation()))
    return;
  if (!Analysis || &Analysis->context() != Result.Context) {
    Analysis = std::make_unique<analysis::RaceAnalysis>(*Result.Context, Starts, RaceOptions);
    LibraryEntries.clear();
    SawMainOrStart = false;
  }
  llvm::SmallVector<Race, 2> Races = Analysis->findRaces(Fn);
  SawMainOrStart |= Fn->isMain() || Analysis->startsThreads(Fn);
  if (Fn->isExternallyVisible() && !Fn->isTemplated() && analysis::takesLock(Fn))
    LibraryEntries.push_back(Fn);
  for (const Race &R : Races)
    report(R);
}

void SharedStateRaceCheck::onEndOfTranslationUnit() {
  // No main and no thread started here, but functions that lock: a library
  // whose callers run it from several threads. Its lock-taking functions
  // are taken to run at the same time.
  if (Analysis && LibraryFunctionsAsThreads && !SawMainOrStart && LibraryEntries.size() >= 2)
    for (const Race &R : Analysis->findRacesBetweenEntries(LibraryEntries))
      report(R);
  Analysis.reset();
  LibraryEntries.clear();
  SawMainOrStart = false;
}

void SharedStateRaceCheck::report(const Race &R) {
  {
    const RaceAccess &First = R.First, &Second = R.Second;
    std::string Object = "'" + R.Object + "'";
    // Two names of memory that may be one object: what functions without a
    // body return (`getS()->field` against `getT()->s.field`).
    bool TypedAlias = !R.SecondObject.empty() && (First.What.AnyOf || Second.What.AnyOf);
    SourceLocation At = First.Chain.empty() ? First.What.Where->getBeginLoc()
                                            : First.Chain.front().Call->getBeginLoc();
    diag(At, "data race on %0: this %1%select{| (through a call)}2 runs concurrently with a %3 "
             "of %4 in another thread, and no lock is held by both")
        << asWritten(First, Object) << describe(First) << !First.Chain.empty() << describe(Second)
        << (TypedAlias ? "'" + R.SecondObject + "'" : Object);
    for (size_t I = 1; I < First.Chain.size(); ++I)
      diag(First.Chain[I].Call->getBeginLoc(), "%0 called here", DiagnosticIDs::Note)
          << First.Chain[I].Callee;
    if (!First.Chain.empty())
      diag(First.What.Where->getBeginLoc(), "the %0 of %1 is here", DiagnosticIDs::Note)
          << describe(First) << Object;
    SourceLocation Other = Second.Chain.empty() ? Second.What.Where->getBeginLoc()
                                                : Second.Chain.front().Call->getBeginLoc();
    bool SameThread = First.Spawn && Second.Spawn == First.Spawn;
    if (SameThread && Second.What.Where == First.What.Where)
      diag(Other, "the same %0 runs in every copy of the thread, at the same time",
           DiagnosticIDs::Note)
          << describe(Second);
    else
      diag(Other, "conflicting %0 of %1 %select{in the spawning thread|in a thread}2 here",
           DiagnosticIDs::Note)
          << describe(Second)
          << (!R.SecondObject.empty()
                  ? "'" + R.SecondObject + "'" +
                        (TypedAlias ? " (which may be the same memory)" : " (a neighbouring bit-field)")
                  : asWritten(Second, Object))
          << (Second.Spawn != nullptr || Second.Entry != nullptr);
    for (size_t I = 1; I < Second.Chain.size(); ++I)
      diag(Second.Chain[I].Call->getBeginLoc(), "%0 called here", DiagnosticIDs::Note)
          << Second.Chain[I].Callee;
    if (!Second.Chain.empty() && Second.What.Where != First.What.Where)
      diag(Second.What.Where->getBeginLoc(), "the conflicting %0 of %1 is here",
           DiagnosticIDs::Note)
          << describe(Second) << Object;
    for (const auto &[Name, Other] : R.Others)
      diag(Other.What.Where->getBeginLoc(),
           "%0 of '%1' %select{in the spawning thread|in a thread}2 here conflicts too",
           DiagnosticIDs::Note)
          << describe(Other) << Name << (Other.Spawn != nullptr || Other.Entry != nullptr);
    for (const RaceAccess *Any : {&First, &Second})
      if (auto [Lock, Pointer] = Any->StaleLock; Lock)
        diag(Lock->getBeginLoc(),
             "this lock was taken through %0 before %0 was given another value: it guards "
             "the object %0 pointed to then, not the one accessed",
             DiagnosticIDs::Note)
            << Pointer;
    for (const RaceAccess *Any : {&First, &Second})
      if (const FunctionDecl *Returner = Any->What.ReturnedBy) {
        diag(Returner->getLocation(),
             "%0 has no body here: the pointer it returns may point to any %1, so accesses "
             "through it may touch the same memory",
             DiagnosticIDs::Note)
            << Returner << QualType(Any->What.AnyOf->getTypeForDecl(), 0);
        break;
      }
    // A thread started elsewhere: where the spawner set it going (a call,
    // or the spawn of the thread that starts it, which may also join it),
    // then the start itself.
    auto StartNotes = [&](const RaceAccess &A, bool Other) {
      if (!A.StartedBy)
        return;
      if (A.HandedOver) {
        const FunctionDecl *Callee = cast<CallExpr>(A.Spawn)->getDirectCallee();
        diag(A.Spawn->getBeginLoc(), "%0 is handed to %1, which is not defined in this file and "
                                     "may run it on another thread (%0 takes a lock)",
             DiagnosticIDs::Note)
            << A.HandedOver << Callee;
        return;
      }
      diag(A.Spawn->getBeginLoc(), "%select{this call|the thread started here}0 starts a thread "
                                   "%select{that keeps running after it|and joins it}1",
           DiagnosticIDs::Note)
          << Starts.classify(A.Spawn).has_value() << A.JoinedByStarter;
      diag(A.StartedBy->getBeginLoc(), "the %select{|other }0thread is started here",
           DiagnosticIDs::Note)
          << Other;
    };
    if (First.Spawn && First.StartedBy)
      StartNotes(First, false);
    else if (First.Spawn)
      diag(First.Spawn->getBeginLoc(), "the thread is started here%select{| (more than one runs at "
                                       "once)}0",
           DiagnosticIDs::Note)
          << SameThread;
    if (Second.Spawn && !SameThread && Second.StartedBy)
      StartNotes(Second, First.Spawn != nullptr);
    else if (Second.Spawn && !SameThread)
      diag(Second.Spawn->getBeginLoc(), "the %select{|other }0thread is started here",
           DiagnosticIDs::Note)
          << (First.Spawn != nullptr);
    if (First.Entry && Second.Entry)
      diag(First.Entry->getLocation(),
           "this file has no main and starts no thread, and %0 and %1 take locks: they are "
           "taken to be called from different threads at the same time",
           DiagnosticIDs::Note)
          << First.Entry << Second.Entry;
    if (!releaseOf(First).empty() || !releaseOf(Second).empty()) {
      // C has no parsafe::Channel; the join is the fix there.
      diag(At, "release the memory of %0 only after every thread that uses it is joined"
               "%select{ (pthread_join)|, or hand it over to one thread through "
               "parsafe::Channel<T>}1",
           DiagnosticIDs::Note)
          << Object << getLangOpts().CPlusPlus;
      return;
    }
    bool Scalar = !R.Type.isNull() && R.Type->isScalarType() && !R.Type->isPointerType();
    diag(At,
         "%select{wrap %0 in parsafe::Guarded<T> so it can only be reached under its lock, or "
         "return per-task results from parsafe::ThreadPool::map instead of sharing it|make %0 "
         "std::atomic (or _Atomic in C), or hold the same mutex around every access}1",
         DiagnosticIDs::Note)
        << Object << Scalar;
  }
}

} // namespace clang::tidy::parsafe
