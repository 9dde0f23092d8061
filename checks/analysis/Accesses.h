//===--- Accesses.h - reads and writes of named objects -------------------===//
//
// The access model shared by the checks that reason about memory: which named
// objects (variables, and fields or elements of them) a statement reads and
// writes. It is the base layer of the race engine; fork-lost-write uses it to
// find what a fork child writes and what the parent reads afterwards.
//
// A write is an assignment or compound assignment to the object (or a field
// or element of it), ++/--, or a non-const member call on it (a container's
// push_back, insert, operator[] of a map, ...). Every other evaluation of the
// object is a read. Calls are not followed here; callers that want callees
// combine this with ReachableCalls. Code inside lambdas is not the
// statement's own (it runs when the lambda is called).
//
// With ThroughPointers, accesses to the object a pointer variable points to
// are recorded too (`p->count`, `*p`, `p[k]`, `(*p).f`, and `this->f` or an
// implicit member, whose Object is null), casts looked through
// (`((struct args *)arg)->n`), and one level of pointer or reference fields
// (`*a->total`, `a->sh->n`, `this->total` for a `long &total` member: see
// Access::Through). Taking an address (`&x`) is then not a read,
// and a call of a member function defined in this TU is not an access of its
// object: what it does is in its body, which the caller follows.
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_ANALYSIS_ACCESSES_H
#define PARSAFE_ANALYSIS_ACCESSES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace clang::tidy::parsafe::analysis {

enum class AccessKind { Read, Write };

struct Access {
  const Expr *Where;     ///< the whole access expression (e.g. `s.count`)
  const VarDecl *Object; ///< the variable it reaches
  AccessKind Kind;
  /// The fields on the way, "stats.done" as "done"; empty for the whole
  /// variable. Two accesses touch the same memory when one path is a prefix
  /// of the other.
  std::string Path;
  /// The object Object points to (`p->count`), or `*this` when Object is
  /// null. Only recorded with ThroughPointers.
  bool Pointee = false;
  /// The type of the memory accessed (`s.n` gives the type of n).
  QualType Type;
  /// Set when the memory is what a pointer or reference field points to
  /// (`*a->total`, `a->sh->n`, a functor's `long &total`), one level deep:
  /// Object, Pointee and Path then name the field holding the pointer, and
  /// InnerPath the members inside its pointee. Only with ThroughPointers.
  const FieldDecl *Through = nullptr;
  std::string InnerPath = {};
  /// The bit-field the path ends in: adjacent bit-fields share one memory
  /// location (C11 3.14), so `f.dirty` and `f.locked` are the same memory.
  const FieldDecl *BitField = nullptr;
  /// Set when the memory is in any object of this record type: what a
  /// function without a body returns (`get_s()->datum`, see opaqueReturner).
  /// Object is then null, Pointee true, and Path inside that object.
  const RecordDecl *AnyOf = nullptr;
  const FunctionDecl *ReturnedBy = nullptr; ///< the function that returned it
  /// How the user wrote the memory when it was reached through a local
  /// pointer whose targets are known (`*d`, `s->datum`; see PointerTargets);
  /// Object and Path then name the target. Empty otherwise.
  std::string Spelled = {};
  bool OneOfSeveral = false; ///< that pointer had several targets
};

/// True when the two accesses may touch the same memory (same variable and
/// overlapping member paths; through the same pointer field of it).
bool sameMemory(const Access &A, const Access &B);

/// The function without a body, declared outside system headers, whose
/// returned pointer \p E is (`get_s()`): it may point to any object of its
/// record type. Null for anything else: the C library's `malloc`, `getenv`
/// return fresh or library memory, and so does a function whose name says
/// it makes an object (`create_node`, `new_conn`, `buf_alloc`, `dup_entry`).
const FunctionDecl *opaqueReturner(const Expr *E);

/// How a user names \p A's memory, \p Path inside it: "stats.done",
/// "p->n", "*a->total", "slot[]->next" (what an element of the array of
/// pointers slot points to), "get_s()->datum".
std::string spelledName(const Access &A, llvm::StringRef Path);

/// Joins member paths: the base "inner" and the access "n" give "inner.n".
std::string joinPath(llvm::StringRef Base, llvm::StringRef Rest);

/// Rebases an access made through a pointer, a parameter or `this` onto
/// \p Base, the object it points to: `p->n` with p = `&s.inner` becomes
/// s.inner.n, and with p = `a->sh`, n through the pointer field sh of *a;
/// with p = `get_s()`, n in any object of its type. At most one pointer
/// field on the way.
std::optional<Access> rebase(const Access &Inner, const Access &Base);

/// The field a member path names inside an object of type \p Root
/// ("inner.mutex" gives the field mutex; arrays on the way are looked
/// through), or null for an empty or unknown path.
const FieldDecl *fieldAtPath(QualType Root, llvm::StringRef Path);

/// True when member paths \p P and \p Q overlap ("a" and "a.b", not "ab").
bool overlappingPaths(llvm::StringRef P, llvm::StringRef Q);

/// The object an lvalue expression denotes (`x`, `s.a`, `p->n`, `*p`,
/// `this->f`, pointers followed as with ThroughPointers), as an Access of
/// kind Read located at \p E; std::nullopt when it reaches no named object.
std::optional<Access> accessedObject(const Expr *E);

/// Calls \p Visit with each named field of the record \p List initializes and
/// the expression that initializes it (the semantic form of \p List is
/// used: it has one initializer per field, after the bases). Unions and
/// non-record lists visit nothing.
void forEachFieldInit(const InitListExpr *List,
                      llvm::function_ref<void(const FieldDecl *, const Expr *)> Visit);

/// The accesses to variables that \p S makes itself, in source order.
llvm::SmallVector<Access, 8> accessesIn(const Stmt *S, bool ThroughPointers = false);

} // namespace clang::tidy::parsafe::analysis

#endif
