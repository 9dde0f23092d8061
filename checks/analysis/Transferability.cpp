//===--- Transferability.cpp ----------------------------------------------===//

#include "Transferability.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::parsafe::analysis {

namespace {

enum class StdKind {
  None,
  String,       // basic_string
  View,         // string_view, span: point into this process
  Container,    // vector, map, ...: elements on the heap
  CodecContainer, // containers parsafe's codec encodes
  Wrapper,      // optional, variant, pair, tuple, array: value semantics
  Owner,        // unique_ptr, shared_ptr, weak_ptr
  Function,     // std::function
  Handle,       // mutex, thread, condition_variable, streams, future, ...
  Atomic,       // std::atomic<T>: bytes are fine in shared memory
};

StdKind stdKind(const CXXRecordDecl *Record) {
  if (!Record || !Record->isInStdNamespace() || !Record->getIdentifier())
    return StdKind::None;
  return llvm::StringSwitch<StdKind>(Record->getName())
      .Case("basic_string", StdKind::String)
      .Cases("basic_string_view", "span", StdKind::View)
      // Must match the containers runtime/include/parsafe/transfer.hpp encodes.
      .Cases("vector", "map", "unordered_map", "set", StdKind::CodecContainer)
      .Cases("deque", "list", "forward_list", "multimap", StdKind::Container)
      .Cases("unordered_multimap", "multiset", "unordered_set", "unordered_multiset",
             StdKind::Container)
      .Cases("optional", "variant", "pair", "tuple", "array", StdKind::Wrapper)
      .Cases("unique_ptr", "shared_ptr", "weak_ptr", StdKind::Owner)
      .Cases("function", "move_only_function", "packaged_task", StdKind::Function)
      .Cases("mutex", "recursive_mutex", "timed_mutex", "recursive_timed_mutex", StdKind::Handle)
      .Cases("shared_mutex", "shared_timed_mutex", "condition_variable", StdKind::Handle)
      .Cases("condition_variable_any", "thread", "jthread", "once_flag", StdKind::Handle)
      .Cases("future", "shared_future", "promise", "basic_fstream", StdKind::Handle)
      .Cases("basic_ifstream", "basic_ofstream", "basic_filebuf", "basic_ostream", StdKind::Handle)
      .Cases("basic_istream", "basic_iostream", "basic_stringstream", "stop_token", StdKind::Handle)
      .Cases("stop_source", "counting_semaphore", "latch", "barrier", StdKind::Handle)
      .Case("atomic", StdKind::Atomic)
      .Default(StdKind::None);
}

std::string friendlyStdName(const CXXRecordDecl *Record, QualType Type) {
  if (Record->getName() == "basic_string") {
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record);
    if (Spec && Spec->getTemplateArgs().size() > 0 &&
        Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
        Spec->getTemplateArgs()[0].getAsType()->isSpecificBuiltinType(BuiltinType::Char_S))
      return "std::string";
  }
  return ("std::" + Record->getName()).str();
}

TransferVerdict notPortable(std::string Offending, std::string Reason) {
  TransferVerdict V;
  V.Portable = false;
  V.OffendingType = std::move(Offending);
  V.Reason = std::move(Reason);
  return V;
}

/// A member function or member function template named `serialize`.
bool hasSerializeHook(const CXXRecordDecl *Record) {
  for (const Decl *D : Record->decls()) {
    const auto *Named = dyn_cast<NamedDecl>(D);
    if (Named && Named->getIdentifier() && Named->getName() == "serialize" &&
        (isa<CXXMethodDecl>(Named) || isa<FunctionTemplateDecl>(Named)))
      return true;
  }
  return false;
}

/// Joins a member path: field, then what is wrong inside it.
std::string memberPath(StringRef Field, StringRef Inner) {
  if (Inner.empty())
    return Field.str();
  if (Inner.starts_with("["))
    return (Field + Inner).str();
  return (Field + "." + Inner).str();
}

} // namespace

std::string Transferability::spell(QualType Type) const {
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressTagKeyword = true;
  return Type.getUnqualifiedType().getAsString(Policy);
}

const TransferVerdict &Transferability::classify(QualType Type, TransferLevel Level) {
  auto Key = std::make_pair(Type.getCanonicalType().getTypePtrOrNull(), unsigned(Level));
  auto It = Cache.find(Key);
  if (It != Cache.end())
    return It->second;
  TransferVerdict V = compute(Type, Level, 0);
  // Relative member paths become "Type::member" at the top.
  if (!V.Portable && !V.Path.empty()) {
    QualType Canonical = Type.getCanonicalType();
    std::string Owner = Canonical->getAsRecordDecl()
                            ? Canonical->getAsRecordDecl()->getQualifiedNameAsString()
                            : spell(Type);
    V.Path = V.Path.front() == '[' ? Owner + V.Path : Owner + "::" + V.Path;
  }
  return Cache[Key] = std::move(V);
}

TransferVerdict Transferability::compute(QualType Type, TransferLevel Level, unsigned Depth) {
  if (Type.isNull() || Depth > 16)
    return {};
  QualType Canonical = Type.getCanonicalType();
  const clang::Type *T = Canonical.getTypePtr();
  if (T->isDependentType() || T->isUndeducedType())
    return {};
  if (const auto *Atomic = dyn_cast<AtomicType>(T))
    return compute(Atomic->getValueType(), Level, Depth + 1);
  if (T->isReferenceType())
    return notPortable(spell(Type), "a reference: it refers to an object in this process's memory");
  if (T->isFunctionPointerType() || T->isBlockPointerType())
    return notPortable(spell(Type), "a function pointer: code addresses differ in another process");
  if (T->isAnyPointerType())
    return notPortable(spell(Type), "a pointer: the address means nothing in another process");
  if (T->isMemberPointerType())
    return notPortable(spell(Type), "a member pointer: it may hold a function address of this "
                                    "process");
  if (T->isNullPtrType() || T->isBuiltinType() || T->isEnumeralType() || T->isAnyComplexType() ||
      T->isVectorType())
    return {};
  if (const auto *Array = dyn_cast<ArrayType>(T)) {
    TransferVerdict Element = compute(Array->getElementType(), Level, Depth + 1);
    if (!Element.Portable)
      Element.Path = memberPath("", "[]" + (Element.Path.empty() ? "" : "." + Element.Path));
    return Element;
  }
  const RecordDecl *Record = T->getAsRecordDecl();
  if (!Record)
    return {};
  // Standard library types are known by name, instantiated or not (a
  // `std::map<int, int> *` never instantiates the map).
  if (const auto *CXX = dyn_cast<CXXRecordDecl>(Record); CXX && stdKind(CXX) != StdKind::None)
    return classifyRecord(CXX, Type, Level, Depth);
  Record = Record->getDefinition();
  if (!Record)
    return {}; // incomplete: nothing to say
  if (const auto *CXX = dyn_cast<CXXRecordDecl>(Record))
    return classifyRecord(CXX, Type, Level, Depth);
  // A C struct or union: its members decide.
  for (const FieldDecl *Field : Record->fields()) {
    TransferVerdict Inner = compute(Field->getType(), Level, Depth + 1);
    if (!Inner.Portable) {
      Inner.Path = memberPath(Field->getName(), Inner.Path);
      return Inner;
    }
  }
  return {};
}

TransferVerdict Transferability::classifyTemplateArgs(const ClassTemplateSpecializationDecl *Spec,
                                                      TransferLevel Level, unsigned Depth) {
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray()) {
    llvm::SmallVector<QualType, 4> Types;
    if (Arg.getKind() == TemplateArgument::Type)
      Types.push_back(Arg.getAsType());
    else if (Arg.getKind() == TemplateArgument::Pack)
      for (const TemplateArgument &Element : Arg.pack_elements())
        if (Element.getKind() == TemplateArgument::Type)
          Types.push_back(Element.getAsType());
    for (QualType Element : Types) {
      // Allocators, comparators and hashers are not part of the value.
      if (const auto *Record = Element->getAsCXXRecordDecl())
        if (Record->isInStdNamespace() && Record->getIdentifier() &&
            llvm::is_contained({"allocator", "less", "hash", "equal_to", "char_traits"},
                               Record->getName()))
          continue;
      TransferVerdict Inner = compute(Element, Level, Depth + 1);
      if (!Inner.Portable) {
        Inner.Path = memberPath("", "[]" + (Inner.Path.empty() ? "" : "." + Inner.Path));
        return Inner;
      }
    }
  }
  return {};
}

TransferVerdict Transferability::classifyRecord(const CXXRecordDecl *Record, QualType Type,
                                                TransferLevel Level, unsigned Depth) {
  bool Raw = Level == TransferLevel::RawBytes;
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record);
  switch (stdKind(Record)) {
  case StdKind::String:
    if (Raw)
      return notPortable(friendlyStdName(Record, Type),
                         "a " + friendlyStdName(Record, Type) +
                             ": its characters live in this process's heap");
    return {};
  case StdKind::View:
    return notPortable(friendlyStdName(Record, Type),
                       "a " + friendlyStdName(Record, Type) +
                           ": it points into this process's memory");
  case StdKind::Container:
    if (!Raw)
      return notPortable(friendlyStdName(Record, Type),
                         "a " + friendlyStdName(Record, Type) +
                             ", which parsafe's codec does not encode; use a std::vector, "
                             "std::map, std::unordered_map or std::set");
    [[fallthrough]];
  case StdKind::CodecContainer:
    if (Raw)
      return notPortable(friendlyStdName(Record, Type),
                         "a " + friendlyStdName(Record, Type) +
                             ": its elements live in this process's heap");
    return Spec ? classifyTemplateArgs(Spec, Level, Depth) : TransferVerdict();
  case StdKind::Wrapper:
    return Spec ? classifyTemplateArgs(Spec, Level, Depth) : TransferVerdict();
  case StdKind::Owner:
    return notPortable(friendlyStdName(Record, Type),
                       "a " + friendlyStdName(Record, Type) +
                           ": it owns memory in this process's heap");
  case StdKind::Function:
    return notPortable(friendlyStdName(Record, Type),
                       "a " + friendlyStdName(Record, Type) +
                           ": it holds code addresses and captures of this process");
  case StdKind::Handle:
    return notPortable(friendlyStdName(Record, Type),
                       "a " + friendlyStdName(Record, Type) +
                           ": a handle that only means something in this process");
  case StdKind::Atomic:
    // An atomic's bytes work in MAP_SHARED memory (a cross-process counter);
    // the codec has no business encoding one.
    if (Raw)
      return Spec ? classifyTemplateArgs(Spec, Level, Depth) : TransferVerdict();
    return notPortable(friendlyStdName(Record, Type),
                       "a std::atomic: encode the value it holds instead");
  case StdKind::None:
    break;
  }

  if (Record->isPolymorphic())
    return notPortable(spell(Type), "a polymorphic class: its vtable pointer is only valid in "
                                    "this process");
  if (!Raw && hasSerializeHook(Record))
    return {};
  // The codec sees inside aggregates only (the runtime trait has no
  // reflection): other classes need a serialize() member.
  if (!Raw && !Record->isAggregate())
    return notPortable(spell(Type), "not an aggregate and has no serialize() member: parsafe's "
                                    "codec cannot see its members");

  // Members first: a std::string member is a better explanation than "not
  // trivially copyable".
  for (const CXXBaseSpecifier &Base : Record->bases()) {
    TransferVerdict Inner = compute(Base.getType(), Level, Depth + 1);
    if (!Inner.Portable) {
      const CXXRecordDecl *BaseRecord = Base.getType()->getAsCXXRecordDecl();
      Inner.Path = memberPath(BaseRecord ? BaseRecord->getName() : "<base>", Inner.Path);
      return Inner;
    }
  }
  for (const FieldDecl *Field : Record->fields()) {
    TransferVerdict Inner = compute(Field->getType(), Level, Depth + 1);
    if (!Inner.Portable) {
      Inner.Path = memberPath(Field->getName(), Inner.Path);
      return Inner;
    }
  }
  if (!Record->isTriviallyCopyable())
    return notPortable(spell(Type),
                       Raw ? "not trivially copyable: copying its bytes skips its copy constructor"
                           : "not trivially copyable and has no serialize() member");
  return {};
}

} // namespace clang::tidy::parsafe::analysis
