// parsafe/transfer.hpp — which types can cross a process boundary.
//
// parsafe::transferable<T> is true when parsafe's codec can carry a T to a
// worker process and back. It is the same rule as the checker's
// Transferability classifier (checks/analysis/Transferability, level
// "serializable"); test/transfer/ compiles one table of types through both and
// fails on any disagreement.
//
//   transferable: arithmetic types, enums, std::byte, arrays of transferable
//     types, std::string, std::vector, std::map, std::unordered_map, std::set,
//     std::optional, std::variant, std::pair, std::tuple, std::array of
//     transferable types, trivially copyable aggregates that are not
//     polymorphic, and classes with a serialize() member;
//   not transferable: pointers (data, function, member), references,
//     polymorphic classes, smart pointers, std::function, views, handles
//     (std::mutex, std::thread, streams, futures, atomics, ...), other
//     containers, and non-aggregate classes without serialize().
//
// A user type opts in or out explicitly by specializing
// parsafe::transfer_traits<T> with `static constexpr bool transferable`.
//
// Aggregates are looked into without reflection (see AnyMember below): a
// `struct { int id; char* name; }` is not transferable. Classes that are not
// aggregates (private members, constructors) need a serialize() member.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace parsafe {

/// Specialize with `static constexpr bool transferable = true/false;` to
/// override the rules below for a type of your own.
template <class T, class = void>
struct transfer_traits {};

namespace detail {

template <class T, class = void>
struct has_transfer_override : std::false_type {};
template <class T>
struct has_transfer_override<T, std::void_t<decltype(transfer_traits<T>::transferable)>>
    : std::true_type {};

/// An archive that accepts anything: used only to detect serialize().
struct ProbeArchive {
  template <class... Ts>
  void operator()(Ts&&...) {}
};
template <class T, class = void>
struct has_serialize : std::false_type {};
template <class T>
struct has_serialize<T, std::void_t<decltype(std::declval<T&>().serialize(
                            std::declval<ProbeArchive&>()))>> : std::true_type {};

template <class T>
struct rules;

template <class T>
constexpr bool transferable_impl();

template <class T>
constexpr bool transferable_impl() {
  using U = std::remove_cv_t<T>;
  if constexpr (has_transfer_override<U>::value)
    return transfer_traits<U>::transferable;
  else if constexpr (std::is_reference_v<T> || std::is_pointer_v<U> ||
                     std::is_member_pointer_v<U> || std::is_function_v<U>)
    return false;
  else if constexpr (std::is_arithmetic_v<U> || std::is_enum_v<U> ||
                     std::is_same_v<U, std::nullptr_t>)
    return true;
  else if constexpr (std::is_array_v<U>)
    return transferable_impl<std::remove_extent_t<U>>();
  else
    return rules<U>::value;
}

template <class... Ts>
constexpr bool all_transferable() {
  return (transferable_impl<Ts>() && ...);
}

// Looking inside an aggregate without reflection. A probe converts to any
// type that is not an aggregate class, so `Aggregate{p, p, ...}` must elide
// braces down to every leaf member (scalars, and non-aggregate classes such as
// std::string); the largest number of probes it accepts is the number of
// leaves. A restricted probe converts only to transferable leaves: the
// aggregate is transferable when it accepts exactly that many of them (fewer
// would leave trailing members value-initialized and unchecked).
template <class M>
constexpr bool is_leaf_type =
    !(std::is_class_v<M> && std::is_aggregate_v<M>) && !std::is_array_v<M>;

struct AnyMember {
  template <class M, class = std::enable_if_t<is_leaf_type<M>>>
  operator M() const;  // never defined: only used in unevaluated contexts
};
struct TransferableMember {
  template <class M, class = std::enable_if_t<is_leaf_type<M> && transferable_impl<M>()>>
  operator M() const;
};

template <class T, class Probe, std::size_t... I>
constexpr auto brace_init(std::index_sequence<I...>, int)
    -> decltype(T{(void(I), std::declval<Probe>())...}, true) {
  return true;
}
template <class T, class Probe, std::size_t... I>
constexpr bool brace_init(std::index_sequence<I...>, long) {
  return false;
}

// Aggregates with more leaves than this are not looked into (a byte buffer
// member such as char[4096] counts one leaf per element).
constexpr std::size_t kMaxLeafMembers = 64;

template <class T, std::size_t N = kMaxLeafMembers>
constexpr std::size_t leaf_member_count() {
  if constexpr (N == 0)
    return 0;
  else if constexpr (brace_init<T, AnyMember>(std::make_index_sequence<N>(), 0))
    return N;
  else
    return leaf_member_count<T, N - 1>();
}

template <class T>
constexpr bool aggregate_members_transferable() {
  constexpr std::size_t n = leaf_member_count<T>();
  if constexpr (n == kMaxLeafMembers)
    return true; // too large to look into: trusted, as trivially copyable
  else
    return brace_init<T, TransferableMember>(std::make_index_sequence<n>(), 0);
}

// Class types not covered below: a serialize() hook, or a trivially copyable,
// non-polymorphic aggregate whose members are all transferable.
template <class T>
struct rules {
  static constexpr bool value = [] {
    if constexpr (!std::is_class_v<T> || std::is_polymorphic_v<T>)
      return false;
    else if constexpr (has_serialize<T>::value)
      return true;
    else if constexpr (std::is_trivially_copyable_v<T> && std::is_aggregate_v<T>)
      return aggregate_members_transferable<T>();
    else
      return false;
  }();
};

template <class C, class Tr, class A>
struct rules<std::basic_string<C, Tr, A>> : std::bool_constant<transferable_impl<C>()> {};
template <class T, class A>
struct rules<std::vector<T, A>> : std::bool_constant<transferable_impl<T>()> {};
template <class K, class V, class C, class A>
struct rules<std::map<K, V, C, A>> : std::bool_constant<all_transferable<K, V>()> {};
template <class K, class V, class H, class E, class A>
struct rules<std::unordered_map<K, V, H, E, A>> : std::bool_constant<all_transferable<K, V>()> {};
template <class K, class C, class A>
struct rules<std::set<K, C, A>> : std::bool_constant<transferable_impl<K>()> {};
template <class T>
struct rules<std::optional<T>> : std::bool_constant<transferable_impl<T>()> {};
template <class... Ts>
struct rules<std::variant<Ts...>> : std::bool_constant<all_transferable<Ts...>()> {};
template <class A, class B>
struct rules<std::pair<A, B>> : std::bool_constant<all_transferable<A, B>()> {};
template <class... Ts>
struct rules<std::tuple<Ts...>> : std::bool_constant<all_transferable<Ts...>()> {};
template <class T, std::size_t N>
struct rules<std::array<T, N>> : std::bool_constant<transferable_impl<T>()> {};

}  // namespace detail

/// True when parsafe's codec can carry a T across a process boundary.
template <class T>
struct transferable : std::bool_constant<detail::transferable_impl<T>()> {};

template <class T>
inline constexpr bool transferable_v = transferable<T>::value;

#if defined(__cpp_concepts) && __cpp_concepts >= 201907L
template <class T>
concept Transferable = transferable_v<T>;
#endif

}  // namespace parsafe
