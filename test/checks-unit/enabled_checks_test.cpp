// The `Checks` globs that let parsafe narrow clang-tidy's traversal to user
// code: only lists that can enable nothing but parsafe's checks (and compiler
// diagnostics) may narrow it; anything else must leave the traversal alone.

#include "analysis/EnabledChecks.h"
#include <gtest/gtest.h>

using clang::tidy::parsafe::analysis::enablesOnlyChecksWithPrefix;

namespace {

bool onlyParsafe(llvm::StringRef Checks) { return enablesOnlyChecksWithPrefix(Checks, "parsafe-"); }

TEST(EnabledChecks, ParsafeAfterDisablingEverything) {
  EXPECT_TRUE(onlyParsafe("-*,parsafe-*"));
  EXPECT_TRUE(onlyParsafe("-*,parsafe-shared-state-race,parsafe-fork-*"));
  EXPECT_TRUE(onlyParsafe(" -* , parsafe-* "));
  EXPECT_TRUE(onlyParsafe("-*,parsafe-*,-parsafe-unjoined-thread"));
  EXPECT_TRUE(onlyParsafe("bugprone-*,-*,parsafe-*"));
}

TEST(EnabledChecks, CompilerDiagnosticsAreNotMatchers) {
  EXPECT_TRUE(onlyParsafe("-*,clang-diagnostic-*,parsafe-*"));
}

TEST(EnabledChecks, NewlinesSeparateGlobsLikeCommas) {
  EXPECT_TRUE(onlyParsafe("-*\nparsafe-*\n"));
  EXPECT_FALSE(onlyParsafe("-*\nparsafe-*\nmisc-*"));
}

TEST(EnabledChecks, AnyOtherCheckKeepsTheFullTraversal) {
  EXPECT_FALSE(onlyParsafe("-*,parsafe-*,misc-unused-parameters"));
  EXPECT_FALSE(onlyParsafe("-*,parsafe-*,clang-analyzer-*"));
  EXPECT_FALSE(onlyParsafe("-*,parsafe-*,*"));
  EXPECT_FALSE(onlyParsafe("-*,parsafe*")); // also matches "parsafeX-..."
}

TEST(EnabledChecks, WithoutDisablingEverythingDefaultsStayOn) {
  EXPECT_FALSE(onlyParsafe(""));
  EXPECT_FALSE(onlyParsafe("parsafe-*"));
  EXPECT_FALSE(onlyParsafe("-bugprone-*,parsafe-*"));
  EXPECT_FALSE(onlyParsafe("clang-diagnostic-*,clang-analyzer-*"));
}

TEST(EnabledChecks, ALaterDisableAllRestoresTheProperty) {
  EXPECT_TRUE(onlyParsafe("misc-*,-*,parsafe-*"));
  EXPECT_TRUE(onlyParsafe("-*"));
}

} // namespace
