//===--- StmtContext.h - where a statement sits ---------------------------===//
//
// Questions about the surroundings of an expression that several checks ask:
// which loop encloses it (within the same function), and what the value of an
// expression becomes once the implicit wrappers Clang adds (temporaries,
// cleanups, casts) are looked through.
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_ANALYSIS_STMTCONTEXT_H
#define PARSAFE_ANALYSIS_STMTCONTEXT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parsafe::analysis {

/// The innermost for/while/do/range-for loop whose body (or condition or
/// increment) contains \p S, without leaving the enclosing function or lambda.
/// Null when \p S is not in a loop.
const Stmt *enclosingLoop(const Stmt *S, ASTContext &Ctx);

/// The function whose body contains \p S: the nearest FunctionDecl above it
/// (for code in a lambda, the lambda's call operator). Null
/// for code outside functions (initializers of globals). Walks the parent map:
/// call it for the few nodes a check keeps, not from a matcher on every node.
const FunctionDecl *enclosingFunction(const Stmt *S, ASTContext &Ctx);

/// The body statement of a loop statement.
const Stmt *loopBody(const Stmt *Loop);

/// The single parent of \p Node, or an empty node when it has none or several
/// (as in template instantiations shared between contexts).
DynTypedNode singleParent(const DynTypedNode &Node, ASTContext &Ctx);

/// A choice \p S is under: an if, `?:`, `&&` or `||` whose condition does
/// not contain S, and the part of it (then, else, right operand) that does.
struct Branch {
  const Stmt *Choice;
  const Stmt *Taken;
  const Expr *Cond; ///< what decides (for && and ||, the left operand)
};

/// The choices \p S is under, innermost first, up to \p Stop (not
/// included) or the top of its function.
llvm::SmallVector<Branch, 4> enclosingBranches(const Stmt *S, ASTContext &Ctx,
                                               const Stmt *Stop = nullptr);

/// Walks up from \p E through the nodes that do not change what happens to
/// its value: parentheses, implicit casts, temporaries, cleanups, and the
/// copy/move constructions that elide into the next owner. Returns the first
/// parent that does something with the value, and stores the last expression
/// on the way in \p Outermost.
DynTypedNode valueConsumer(const Expr *E, ASTContext &Ctx, const Expr *&Outermost);

/// Looks through the wrappers around a value being passed or stored:
/// cleanups, temporaries, implicit casts, functional casts and the copies or
/// moves that construct the destination from it. `f(opts)` with a by-value
/// parameter gives `opts`; `std::thread t = std::thread(f)` gives the inner
/// construction.
const Expr *stripCopies(const Expr *E);

/// The index of a subscript (`ids[i]`, `threads[k]`, `&m[i + 1]`, a
/// container's operator[]), or null.
const Expr *subscriptIndex(const Expr *E);

/// Whether \p S may change \p Var: assigns it, increments it, or takes its
/// address.
bool mayChange(const Stmt *S, const VarDecl *Var);

/// Whether two expressions are spelled alike, up to parentheses and
/// implicit conversions (`c.index` and `(c.index)`).
bool sameExpr(const Expr *A, const Expr *B, ASTContext &Ctx);

} // namespace clang::tidy::parsafe::analysis

#endif
