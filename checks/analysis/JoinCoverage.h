//===--- JoinCoverage.h - does a join wait for every thread a spawn starts ===//
//
// A spawn in a loop starts one thread per iteration; a join waits for the
// threads its handle names. The join ends the spawn's window only when it
// waits for all of them:
//
//   for (i = 0; i < N; i++) pthread_create(&ids[i], ...);
//   for (i = 0; i < N; i++) pthread_join(ids[i], 0);      // covers
//   for (i = 0; i < N - 1; i++) pthread_join(ids[i], 0);  // misses the last
//   pthread_join(ids[0], 0);                               // one of N
//
//   for (...) pthread_create(&id, ...);  pthread_join(id, 0); // the last only
//
//   for (i = 0; i < N; i++) if (i != 3) pthread_join(ids[i], 0); // skips one
//   pthread_detach(ids[3]);  ids[2] = ids[3];   // the handle is given up
//
// Index ranges are compared when both loops count an index (`i`, `c.index`,
// `*cursor`) from a start to a bound (`for (i = a; i < b; i++)`, `<=`, `!=`):
// by value when both are constants; otherwise only a join bound that is the
// spawn bound minus a positive constant (`n - 1` against `n`) is known to
// fall short, since two differently written bounds may hold the same value.
// A join under a test of the index itself skips some. Anything the
// comparison cannot read counts as covering, as before (a missed race rather
// than a false one).
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_ANALYSIS_JOINCOVERAGE_H
#define PARSAFE_ANALYSIS_JOINCOVERAGE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::parsafe::analysis {

/// Whether a join through \p JoinHandle (`ids[i]`, `ids[0]`, `id`), made in
/// \p JoinLoop (or none), waits for every thread started with \p SpawnHandle
/// (`ids[i]`, `tids[1]`, `id`: the handle expression without `&`) in
/// \p SpawnLoop (or none). \p ScalarHandle: the handle is a single pthread_t /
/// thrd_t variable, overwritten by each start.
bool joinCoversSpawn(const Expr *SpawnHandle, const Stmt *SpawnLoop, bool ScalarHandle,
                     const Expr *JoinHandle, const Stmt *JoinLoop, ASTContext &Ctx);

/// Whether writing \p Written (`ids[2] = ...`, `pthread_detach(ids[k])`,
/// another start into `&ids[0]`), a handle of the same variable as
/// \p SpawnHandle, may replace or give up the thread the spawn stored there:
/// a join through the handle afterwards no longer waits for it. Only two
/// different constant slots are known apart.
bool mayReplaceHandle(const Expr *Written, const Expr *SpawnHandle, ASTContext &Ctx);

} // namespace clang::tidy::parsafe::analysis

#endif
