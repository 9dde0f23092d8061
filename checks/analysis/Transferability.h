//===--- Transferability.h - can a value cross a process boundary? --------===//
//
// The C++ analogue of "can't pickle". Two levels, the same as the runtime's
// parsafe::transferable trait (runtime/include/parsafe/transfer.hpp), and a
// test compiles one table of types through both and requires equal verdicts:
//
//  * raw-portable: the value survives a byte copy into another process
//    (write(fd, &v, sizeof v), a struct in MAP_SHARED memory): arithmetic
//    types, enums, std::byte, arrays of raw-portable elements, and trivially
//    copyable, non-polymorphic classes all of whose members are raw-portable.
//  * serializable: what parsafe::ProcessPool can encode: raw-portable types,
//    std::string, the standard containers, optional, variant, pair and tuple
//    of serializable types, and classes with a serialize() member.
//
// Not portable: pointers (data and function), references, member pointers,
// polymorphic classes (their vtable pointer), and types whose value lives
// behind a pointer or is a handle into this process (std::string, containers,
// smart pointers, std::mutex, std::thread, ...). The verdict names the member
// that makes a type non-portable, so a message can say why.
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_ANALYSIS_TRANSFERABILITY_H
#define PARSAFE_ANALYSIS_TRANSFERABILITY_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/DenseMap.h"
#include <string>

namespace clang::tidy::parsafe::analysis {

enum class TransferLevel {
  RawBytes,     ///< a byte copy must reproduce the value
  Serializable, ///< parsafe's codec may encode it
};

struct TransferVerdict {
  bool Portable = true;
  /// Where the problem is, as a member path: "Job::name", "Job::inputs[]".
  /// Empty when the type itself is the problem.
  std::string Path;
  /// The offending type, spelled for messages ("std::string").
  std::string OffendingType;
  /// Why, completing "'<Path>' is <Reason>": "a std::string: its characters
  /// live in this process's heap".
  std::string Reason;
};

class Transferability {
public:
  explicit Transferability(ASTContext &Ctx) : Ctx(Ctx) {}

  ASTContext &context() const { return Ctx; }

  /// The verdict for \p Type at \p Level (memoized per type).
  const TransferVerdict &classify(QualType Type, TransferLevel Level);

private:
  TransferVerdict compute(QualType Type, TransferLevel Level, unsigned Depth);
  TransferVerdict classifyRecord(const CXXRecordDecl *Record, QualType Type, TransferLevel Level,
                                 unsigned Depth);
  TransferVerdict classifyTemplateArgs(const ClassTemplateSpecializationDecl *Spec,
                                       TransferLevel Level, unsigned Depth);
  std::string spell(QualType Type) const;

  ASTContext &Ctx;
  llvm::DenseMap<std::pair<const Type *, unsigned>, TransferVerdict> Cache;
};

} // namespace clang::tidy::parsafe::analysis

#endif
