//===--- FieldStores.h - what pointer and reference fields are set to -----===//
//
// The values a translation unit stores into its pointer and reference fields,
// so that an access through a field (`*a->total += x` in a thread whose
// argument struct was filled by `args[i].total = &total`) can be traced to the
// object it reaches. Field-based and flow-insensitive: one list of values per
// field, from
//
//   assignments           `args[i].total = &total;`, `a->lock = &m;`
//   initializer lists     `struct arg a = {i, &total};`, `Accumulate{total, 0, 9}`
//   constructors          `Worker(long &t) : total(t) {}` at each `Worker w(sum);`
//                         (the argument passed for t), other member
//                         initializers as written
//
// Null pointer constants are not values; a constructor's member initializer
// is stored where the object is constructed. Copies of whole objects (implicit
// copy constructors, `b = a`) store nothing new. Declarations in system
// headers are not walked. The TU is walked once, on the first question.
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_ANALYSIS_FIELDSTORES_H
#define PARSAFE_ANALYSIS_FIELDSTORES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::parsafe::analysis {

struct FieldStore {
  const Expr *Value; ///< what is stored
  /// Value names the object the field refers to (a reference member bound to
  /// it, or a pointer member set to the address of a reference parameter);
  /// otherwise Value is a pointer to it.
  bool Reference;
  const FunctionDecl *In; ///< the function that stores it (null: a global's initializer)
};

class FieldStores {
public:
  explicit FieldStores(ASTContext &Ctx) : Ctx(Ctx) {}
  /// The values stored into \p Field in the TU (outside system headers).
  llvm::ArrayRef<FieldStore> of(const FieldDecl *Field);

private:
  ASTContext &Ctx;
  std::optional<llvm::DenseMap<const FieldDecl *, llvm::SmallVector<FieldStore, 2>>> Stores;
};

} // namespace clang::tidy::parsafe::analysis

#endif
