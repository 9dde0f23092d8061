//===--- ParsafeTidyModule.cpp - the parsafe clang-tidy module -----------===//
//
// Registers every parsafe check under the prefix `parsafe-`. Loaded into
// clang-tidy-19 with -load libparsafe-tidy.so, and linked into parsafe's own
// tools through the static parsafeChecks library.
//
//===----------------------------------------------------------------------===//

#include "ClangTidyModule.h"
#include "ClangTidyModuleRegistry.h"
#include "DanglingThreadCaptureCheck.h"
#include "DiscardedAsyncFutureCheck.h"
#include "ForkLostWriteCheck.h"
#include "ForkUnsafeChildCheck.h"
#include "MissingMainGuardCheck.h"
#include "MtUnsafeCallInThreadCheck.h"
#include "NontransferablePayloadCheck.h"
#include "PoolSelfWaitCheck.h"
#include "SharedStateRaceCheck.h"
#include "StaticInitConcurrencyCheck.h"
#include "UnboundedThreadSpawnCheck.h"
#include "UnjoinedThreadCheck.h"

namespace clang::tidy::parsafe {

class ParsafeModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<DanglingThreadCaptureCheck>(
        "parsafe-dangling-thread-capture");
    Factories.registerCheck<DiscardedAsyncFutureCheck>(
        "parsafe-discarded-async-future");
    Factories.registerCheck<ForkLostWriteCheck>("parsafe-fork-lost-write");
    Factories.registerCheck<ForkUnsafeChildCheck>("parsafe-fork-unsafe-child");
    Factories.registerCheck<MissingMainGuardCheck>("parsafe-missing-main-guard");
    Factories.registerCheck<MtUnsafeCallInThreadCheck>(
        "parsafe-mt-unsafe-call-in-thread");
    Factories.registerCheck<NontransferablePayloadCheck>(
        "parsafe-nontransferable-payload");
    Factories.registerCheck<PoolSelfWaitCheck>("parsafe-pool-self-wait");
    Factories.registerCheck<SharedStateRaceCheck>("parsafe-shared-state-race");
    Factories.registerCheck<StaticInitConcurrencyCheck>(
        "parsafe-static-init-concurrency");
    Factories.registerCheck<UnboundedThreadSpawnCheck>(
        "parsafe-unbounded-thread-spawn");
    Factories.registerCheck<UnjoinedThreadCheck>("parsafe-unjoined-thread");
  }
};

} // namespace clang::tidy::parsafe

namespace clang::tidy {
// Registration is a static initializer: the standalone tools reference this
// anchor so the linker keeps this object file out of the static archive.
static ClangTidyModuleRegistry::Add<parsafe::ParsafeModule>
    X("parsafe-module", "Checks for unsafe parallel C and C++.");
volatile int ParsafeModuleAnchorSource = 0;
} // namespace clang::tidy
