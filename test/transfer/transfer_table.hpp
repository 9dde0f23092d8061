// One table of types with the verdict both the runtime's
// parsafe::transferable<T> and the checker's Transferability classifier
// (level "serializable") must give. Included by:
//   trait-agrees.cpp     static_asserts the trait against every row;
//   transfer_classify    runs the classifier over every row (checker side).
// PARSAFE_TRANSFER_CASE(Name, Expected, Type...) is defined by the includer (the
// type comes last: template arguments contain commas).
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <deque>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <variant>
#include <vector>

namespace transfer_table {
enum Plain { PlainA };
enum class Scoped : unsigned char { A, B };
struct Pod { int id; double weight; char name[16]; };
struct NestedPod { Pod inner; Scoped kind; int values[3]; };
struct WithPointer { int id; const char* name; };
struct NestedPointer { Pod pod; WithPointer link; };
struct WithFunctionPointer { void (*callback)(int); };
struct WithString { int id; std::string name; };
struct WithVector { std::vector<int> items; };
struct Polymorphic { virtual ~Polymorphic(); int x; };
struct Derived : Polymorphic { int y; };
struct Serializable {
  std::string name;
  std::vector<int> data;
  template <class Archive> void serialize(Archive& ar) { ar(name, data); }
};
class PrivateMembers {
  int x = 0;
public:
  int get() const { return x; }
};
struct WithReference { int& ref; };
struct Empty {};
struct WithMutex { std::mutex lock; int count; };
struct WithUniquePtr { std::unique_ptr<int> owned; };
struct MemberPointerHolder { int Pod::*member; };
}  // namespace transfer_table

#define T_ transfer_table
// Scalars and enums.
PARSAFE_TRANSFER_CASE(Int, true, int)
PARSAFE_TRANSFER_CASE(Bool, true, bool)
PARSAFE_TRANSFER_CASE(Double, true, double)
PARSAFE_TRANSFER_CASE(Char, true, char)
PARSAFE_TRANSFER_CASE(UnsignedLong, true, unsigned long)
PARSAFE_TRANSFER_CASE(PlainEnum, true, T_::Plain)
PARSAFE_TRANSFER_CASE(ScopedEnum, true, T_::Scoped)
PARSAFE_TRANSFER_CASE(Byte, true, std::byte)
// Arrays.
PARSAFE_TRANSFER_CASE(IntArray, true, int[8])
PARSAFE_TRANSFER_CASE(CharBuffer, true, char[32])
PARSAFE_TRANSFER_CASE(PointerArray, false, int*[4])
// Aggregates.
PARSAFE_TRANSFER_CASE(PodStruct, true, T_::Pod)
PARSAFE_TRANSFER_CASE(NestedPodStruct, true, T_::NestedPod)
PARSAFE_TRANSFER_CASE(EmptyStruct, true, T_::Empty)
PARSAFE_TRANSFER_CASE(StructWithPointer, false, T_::WithPointer)
PARSAFE_TRANSFER_CASE(NestedStructWithPointer, false, T_::NestedPointer)
PARSAFE_TRANSFER_CASE(StructWithFunctionPointer, false, T_::WithFunctionPointer)
// Not trivially copyable: the codec cannot reach the members without a hook.
PARSAFE_TRANSFER_CASE(StructWithString, false, T_::WithString)
PARSAFE_TRANSFER_CASE(StructWithVector, false, T_::WithVector)
PARSAFE_TRANSFER_CASE(StructWithMutex, false, T_::WithMutex)
PARSAFE_TRANSFER_CASE(StructWithUniquePtr, false, T_::WithUniquePtr)
PARSAFE_TRANSFER_CASE(StructWithMemberPointer, false, T_::MemberPointerHolder)
// Classes.
PARSAFE_TRANSFER_CASE(PolymorphicClass, false, T_::Polymorphic)
PARSAFE_TRANSFER_CASE(DerivedPolymorphic, false, T_::Derived)
PARSAFE_TRANSFER_CASE(SerializeHook, true, T_::Serializable)
PARSAFE_TRANSFER_CASE(PrivateMembersNoHook, false, T_::PrivateMembers)
// Pointers and references.
PARSAFE_TRANSFER_CASE(IntPointer, false, int*)
PARSAFE_TRANSFER_CASE(ConstCharPointer, false, const char*)
PARSAFE_TRANSFER_CASE(VoidPointer, false, void*)
PARSAFE_TRANSFER_CASE(FunctionPointer, false, void (*)(int))
PARSAFE_TRANSFER_CASE(MemberPointer, false, int T_::Pod::*)
PARSAFE_TRANSFER_CASE(LvalueReference, false, int&)
PARSAFE_TRANSFER_CASE(NullptrType, true, std::nullptr_t)
// Standard strings and containers.
PARSAFE_TRANSFER_CASE(String, true, std::string)
PARSAFE_TRANSFER_CASE(StringView, false, std::string_view)
PARSAFE_TRANSFER_CASE(VectorOfInt, true, std::vector<int>)
PARSAFE_TRANSFER_CASE(VectorOfPointers, false, std::vector<int*>)
PARSAFE_TRANSFER_CASE(VectorOfPods, true, std::vector<T_::Pod>)
PARSAFE_TRANSFER_CASE(MapStringToVector, true, std::map<std::string, std::vector<double>>)
PARSAFE_TRANSFER_CASE(UnorderedMap, true, std::unordered_map<int, std::string>)
PARSAFE_TRANSFER_CASE(SetOfStrings, true, std::set<std::string>)
PARSAFE_TRANSFER_CASE(Deque, false, std::deque<int>)
PARSAFE_TRANSFER_CASE(List, false, std::list<int>)
PARSAFE_TRANSFER_CASE(StdArrayOfPods, true, std::array<T_::Pod, 4>)
PARSAFE_TRANSFER_CASE(StdArrayOfPointers, false, std::array<int*, 4>)
// Vocabulary types.
PARSAFE_TRANSFER_CASE(OptionalString, true, std::optional<std::string>)
PARSAFE_TRANSFER_CASE(OptionalPointer, false, std::optional<int*>)
PARSAFE_TRANSFER_CASE(VariantIntString, true, std::variant<int, std::string>)
PARSAFE_TRANSFER_CASE(PairIntString, true, std::pair<int, std::string>)
PARSAFE_TRANSFER_CASE(TupleWithPointer, false, std::tuple<int, double*>)
PARSAFE_TRANSFER_CASE(TupleOfValues, true, std::tuple<int, std::string, std::vector<char>>)
// Handles and owners.
PARSAFE_TRANSFER_CASE(UniquePtr, false, std::unique_ptr<int>)
PARSAFE_TRANSFER_CASE(SharedPtr, false, std::shared_ptr<T_::Pod>)
PARSAFE_TRANSFER_CASE(Function, false, std::function<void()>)
PARSAFE_TRANSFER_CASE(Mutex, false, std::mutex)
PARSAFE_TRANSFER_CASE(Thread, false, std::thread)
PARSAFE_TRANSFER_CASE(Atomic, false, std::atomic<int>)
#undef T_
