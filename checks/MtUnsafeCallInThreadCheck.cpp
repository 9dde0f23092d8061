//===--- MtUnsafeCallInThreadCheck.cpp ------------------------------------===//

#include "MtUnsafeCallInThreadCheck.h"
#include "analysis/ReachableCalls.h"
#include "analysis/ThreadEntries.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parsafe {

using analysis::ReachableCalls;

namespace {
/// POSIX functions that need not be thread-safe (POSIX.1-2017 2.9.1), the
/// common ones, with what to use instead.
struct Replacement {
  const char *Function;
  const char *Instead;
};
constexpr Replacement DefaultUnsafe[] = {
    {"strtok", "strtok_r"},
    {"localtime", "localtime_r"},
    {"gmtime", "gmtime_r"},
    {"ctime", "ctime_r"},
    {"asctime", "asctime_r"},
    {"rand", "rand_r, or a std::mt19937 per thread"},
    {"srand", "a std::mt19937 per thread"},
    {"drand48", "erand48 with per-thread state"},
    {"lrand48", "nrand48 with per-thread state"},
    {"mrand48", "jrand48 with per-thread state"},
    {"getenv", "values read once before the threads start"},
    {"setenv", "setting the environment before the threads start"},
    {"unsetenv", "changing the environment before the threads start"},
    {"putenv", "setting the environment before the threads start"},
    {"strerror", "strerror_r"},
    {"strsignal", "a lookup of your own"},
    {"readdir", "one DIR * per thread (readdir is then safe), or readdir_r"},
    {"getpwnam", "getpwnam_r"},
    {"getpwuid", "getpwuid_r"},
    {"getgrnam", "getgrnam_r"},
    {"getgrgid", "getgrgid_r"},
    {"getlogin", "getlogin_r"},
    {"gethostbyname", "getaddrinfo"},
    {"gethostbyaddr", "getnameinfo"},
    {"inet_ntoa", "inet_ntop"},
    {"tmpnam", "mkstemp"},
    {"ttyname", "ttyname_r"},
    {"ptsname", "ptsname_r"},
    {"crypt", "crypt_r"},
    {"ecvt", "snprintf"},
    {"fcvt", "snprintf"},
    {"gcvt", "snprintf"},
    {"mbtowc", "mbrtowc"},
    {"wctomb", "wcrtomb"},
    {"mblen", "mbrlen"},
    {"setlocale", "uselocale with a per-thread locale"},
    {"nl_langinfo", "nl_langinfo_l"},
    {"dirname", "a copy of the path per thread (dirname may return static storage)"},
    {"basename", "a copy of the path per thread (basename may return static storage)"},
    {"lgamma", "lgamma_r"},
    {"system", "posix_spawn"},
};
} // namespace

MtUnsafeCallInThreadCheck::MtUnsafeCallInThreadCheck(StringRef Name, ClangTidyContext *Context)
    : SpawnAwareCheck(Name, Context), ExtraFunctions(Options.get("ExtraFunctions", "")),
      IgnoredFunctions(Options.get("IgnoredFunctions", "")) {
  for (const Replacement &R : DefaultUnsafe)
    Unsafe[R.Function] = R.Instead;
  // ExtraFunctions: "name" or "name=replacement".
  for (const std::string &Entry : analysis::splitOptionList(ExtraFunctions)) {
    auto [Function, Instead] = StringRef(Entry).split('=');
    Unsafe[Function.trim()] = Instead.trim().str();
  }
  for (const std::string &Ignored : analysis::splitOptionList(IgnoredFunctions))
    Unsafe.erase(Ignored);
}

void MtUnsafeCallInThreadCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ExtraFunctions", ExtraFunctions);
  Options.store(Opts, "IgnoredFunctions", IgnoredFunctions);
  SpawnAwareCheck::storeOptions(Opts);
}

void MtUnsafeCallInThreadCheck::registerMatchers(MatchFinder *Finder) {
  narrowTraversalToUserCode(Finder);
  Finder->addMatcher(expr(unless(isExpansionInSystemHeader()),
                          anyOf(callExpr(), cxxConstructExpr()))
                         .bind("start"), this);
}

void MtUnsafeCallInThreadCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Start = Result.Nodes.getNodeAs<Expr>("start");
  if (!Start || Start->containsErrors() ||
      Result.SourceManager->isInSystemHeader(Start->getBeginLoc()))
    return;
  std::optional<analysis::StartKind> Kind = Starts.classify(Start);
  if (!Kind)
    return;
  std::optional<analysis::ThreadEntry> Entry = analysis::threadEntry(Start, *Kind);
  if (!Entry || !Entry->Function)
    return;
  const FunctionDecl *Body = nullptr;
  if (!Entry->Function->hasBody(Body) || !Body)
    return;

  ReachableCalls Walker(*Result.SourceManager, 8);
  auto Visit = [&](const Expr *Call, llvm::ArrayRef<analysis::CallStep> Chain) {
    const auto *C = dyn_cast<CallExpr>(Call);
    const FunctionDecl *FD = C ? C->getDirectCallee() : nullptr;
    if (!FD || !FD->getIdentifier())
      return ReachableCalls::Action::Descend;
    // The C library's functions: global (or std::, which re-exports them).
    bool CLibrary = FD->getDeclContext()->getRedeclContext()->isTranslationUnit() ||
                    FD->isExternC() || FD->isInStdNamespace();
    auto It = Unsafe.find(FD->getName());
    if (!CLibrary || It == Unsafe.end() || Walker.definitionCalled(C))
      return ReachableCalls::Action::Descend;
    if (!Reported.insert(Call).second)
      return ReachableCalls::Action::Skip;
    diag(Call->getBeginLoc(), "%0 is not thread-safe: it keeps its state in static storage that "
                              "every thread shares%select{|; use %2}1")
        << FD << !It->second.empty() << It->second;
    for (const analysis::CallStep &Step : llvm::reverse(Chain))
      diag(Step.Call->getBeginLoc(), "%0 called here", DiagnosticIDs::Note) << Step.Callee;
    diag(Start->getBeginLoc(), "reachable from the entry of %0, which runs concurrently",
         DiagnosticIDs::Note)
        << analysis::describeStart(*Kind, Start);
    return ReachableCalls::Action::Skip;
  };
  Walker.walkFunction(Body, Visit);
}

} // namespace clang::tidy::parsafe
