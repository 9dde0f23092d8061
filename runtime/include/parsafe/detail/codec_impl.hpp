// parsafe/detail/codec_impl.hpp — the binary encoding behind parsafe/codec.hpp.
//
// The format is native (same binary on both ends: a ProcessPool's workers run
// the parent's own executable): fixed-size scalars in host byte order, sizes
// and counts as LEB128 varints, containers as a count followed by elements.
// Decoding never trusts the input: every read is bounds-checked against the
// bytes that remain, and element counts are checked against those bytes before
// anything is allocated, so hostile input costs at most its own size.
#pragma once

#include <parsafe/errors.hpp>
#include <parsafe/transfer.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <map>
#include <new>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace parsafe::detail {

template <class T>
struct is_vector_bool : std::false_type {};
template <class A>
struct is_vector_bool<std::vector<bool, A>> : std::true_type {};

/// How a type is carried, decided once per type (in priority order).
enum class Encoding { Bool, Scalar, Enum, Null, Array, String, Vector, StdArray, Map, Set,
                      Optional, Variant, Pair, Tuple, Hook, RawBytes, None };

template <class T>
struct encoding_of {
  static constexpr Encoding value = [] {
    if constexpr (std::is_same_v<T, bool>)
      return Encoding::Bool;
    else if constexpr (std::is_arithmetic_v<T> || std::is_same_v<T, std::byte>)
      return Encoding::Scalar;
    else if constexpr (std::is_enum_v<T>)
      return Encoding::Enum;
    else if constexpr (std::is_same_v<T, std::nullptr_t>)
      return Encoding::Null;
    else if constexpr (std::is_array_v<T>)
      return Encoding::Array;
    else if constexpr (has_serialize<T>::value)
      return Encoding::Hook;
    else if constexpr (std::is_trivially_copyable_v<T> && std::is_class_v<T> &&
                       !std::is_polymorphic_v<T>)
      return Encoding::RawBytes;
    else
      return Encoding::None;
  }();
};
template <class C, class Tr, class A>
struct encoding_of<std::basic_string<C, Tr, A>> { static constexpr Encoding value = Encoding::String; };
template <class T, class A>
struct encoding_of<std::vector<T, A>> { static constexpr Encoding value = Encoding::Vector; };
template <class T, std::size_t N>
struct encoding_of<std::array<T, N>> { static constexpr Encoding value = Encoding::StdArray; };
template <class K, class V, class C, class A>
struct encoding_of<std::map<K, V, C, A>> { static constexpr Encoding value = Encoding::Map; };
template <class K, class V, class H, class E, class A>
struct encoding_of<std::unordered_map<K, V, H, E, A>> { static constexpr Encoding value = Encoding::Map; };
template <class K, class C, class A>
struct encoding_of<std::set<K, C, A>> { static constexpr Encoding value = Encoding::Set; };
template <class T>
struct encoding_of<std::optional<T>> { static constexpr Encoding value = Encoding::Optional; };
template <class... Ts>
struct encoding_of<std::variant<Ts...>> { static constexpr Encoding value = Encoding::Variant; };
template <class A, class B>
struct encoding_of<std::pair<A, B>> { static constexpr Encoding value = Encoding::Pair; };
template <class... Ts>
struct encoding_of<std::tuple<Ts...>> { static constexpr Encoding value = Encoding::Tuple; };

/// Fewest bytes one encoded T takes; 0 for types that encode to nothing.
template <class T>
constexpr std::size_t min_encoded_size() {
  constexpr Encoding e = encoding_of<T>::value;
  if constexpr (e == Encoding::Bool || e == Encoding::Scalar || e == Encoding::Enum ||
                e == Encoding::RawBytes)
    return sizeof(T);
  else if constexpr (e == Encoding::Null || e == Encoding::Hook)
    return 0;
  else if constexpr (e == Encoding::Array)
    return std::extent_v<T> * min_encoded_size<std::remove_extent_t<T>>();
  else if constexpr (e == Encoding::StdArray)
    return std::tuple_size_v<T> * min_encoded_size<typename T::value_type>();
  else if constexpr (e == Encoding::Pair)
    return min_encoded_size<typename T::first_type>() + min_encoded_size<typename T::second_type>();
  else
    return 1;  // a count, a flag or an index
}

// Containers of elements that encode to no bytes at all (std::monostate,
// empty structs) cannot be bounded by the input size; they are capped here.
constexpr std::uint64_t kMaxZeroSizeElements = 1u << 16;

class Writer {
public:
  explicit Writer(std::string& out) : out_(out) {}

  void bytes(const void* data, std::size_t size) {
    if (size)
      out_.append(static_cast<const char*>(data), size);
  }
  void varint(std::uint64_t value) {
    char buf[10];
    std::size_t n = 0;
    do {
      unsigned char byte = value & 0x7f;
      value >>= 7;
      buf[n++] = static_cast<char>(value ? byte | 0x80 : byte);
    } while (value);
    out_.append(buf, n);
  }

  template <class T>
  void write(const T& value);

  /// The archive handed to serialize() hooks: `ar(a, b, c)` writes them.
  template <class... Ts>
  void operator()(const Ts&... values) {
    (write(values), ...);
  }

private:
  template <class Range>
  void write_elements(const Range& items) {
    for (const auto& item : items)
      write(item);
  }
  std::string& out_;
};

class Reader {
public:
  Reader(const char* data, std::size_t size) : pos_(data), end_(data + size) {}

  std::size_t remaining() const noexcept { return static_cast<std::size_t>(end_ - pos_); }
  bool done() const noexcept { return pos_ == end_; }

  const char* take(std::size_t size) {
    if (size > remaining())
      fail("truncated input: " + std::to_string(size) + " bytes needed, " +
           std::to_string(remaining()) + " left");
    const char* at = pos_;
    pos_ += size;
    return at;
  }
  std::uint64_t varint() {
    std::uint64_t value = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      auto byte = static_cast<unsigned char>(*take(1));
      if (shift == 63 && byte > 1)
        fail("varint overflows 64 bits");
      value |= std::uint64_t(byte & 0x7f) << shift;
      if (!(byte & 0x80))
        return value;
    }
    fail("varint longer than 10 bytes");
  }
  /// A count of elements of type T, checked against the bytes left.
  template <class T>
  std::size_t count() {
    std::uint64_t n = varint();
    constexpr std::size_t min = min_encoded_size<T>();
    if constexpr (min == 0) {
      if (n > kMaxZeroSizeElements)
        fail("element count " + std::to_string(n) + " over the limit for empty elements");
    } else if (n > remaining() / min) {
      fail("element count " + std::to_string(n) + " exceeds the " + std::to_string(remaining()) +
           " bytes left");
    }
    return static_cast<std::size_t>(n);
  }

  template <class T>
  void read(T& value);

  template <class T>
  T read() {
    if constexpr (std::is_default_constructible_v<T>) {
      T value{};
      read(value);
      return value;
    } else {
      static_assert(std::is_trivially_copyable_v<T>,
                    "parsafe codec: a decoded type must be default-constructible");
      alignas(T) unsigned char storage[sizeof(T)];
      std::memcpy(storage, take(sizeof(T)), sizeof(T));
      return *std::launder(reinterpret_cast<T*>(storage));
    }
  }

  /// The archive handed to serialize() hooks: `ar(a, b, c)` reads them.
  template <class... Ts>
  void operator()(Ts&... values) {
    (read(values), ...);
  }

  [[noreturn]] static void fail(const std::string& what) {
    throw DecodeError("parsafe: cannot decode: " + what);
  }

private:
  const char* pos_;
  const char* end_;
};

template <class T>
void Writer::write(const T& value) {
  constexpr Encoding e = encoding_of<T>::value;
  if constexpr (e == Encoding::Bool) {
    out_.push_back(value ? 1 : 0);
  } else if constexpr (e == Encoding::Scalar || e == Encoding::Enum || e == Encoding::RawBytes) {
    bytes(&value, sizeof(T));
  } else if constexpr (e == Encoding::Null) {
  } else if constexpr (e == Encoding::Array || e == Encoding::StdArray) {
    write_elements(value);
  } else if constexpr (e == Encoding::String) {
    varint(value.size());
    bytes(value.data(), value.size() * sizeof(typename T::value_type));
  } else if constexpr (e == Encoding::Vector) {
    varint(value.size());
    using E = typename T::value_type;
    if constexpr (is_vector_bool<T>::value)
      write_elements(value);
    else if constexpr ((std::is_arithmetic_v<E> && !std::is_same_v<E, bool>) || std::is_enum_v<E>)
      bytes(value.data(), value.size() * sizeof(E));
    else
      write_elements(value);
  } else if constexpr (e == Encoding::Map || e == Encoding::Set) {
    varint(value.size());
    write_elements(value);
  } else if constexpr (e == Encoding::Optional) {
    write(value.has_value());
    if (value)
      write(*value);
  } else if constexpr (e == Encoding::Variant) {
    if (value.valueless_by_exception())
      throw Error("parsafe: cannot encode a valueless std::variant");
    varint(value.index());
    std::visit([&](const auto& alternative) { write(alternative); }, value);
  } else if constexpr (e == Encoding::Pair) {
    write(value.first);
    write(value.second);
  } else if constexpr (e == Encoding::Tuple) {
    std::apply([&](const auto&... items) { (write(items), ...); }, value);
  } else if constexpr (e == Encoding::Hook) {
    // serialize() is one member for both directions, so it is not const; in
    // this direction the archive only reads the members it is given.
    const_cast<T&>(value).serialize(*this);
  } else {
    static_assert(e != Encoding::None,
                  "parsafe codec: this type is declared transferable (transfer_traits) but the "
                  "codec cannot encode it: give it a serialize(Archive&) member");
  }
}

template <class T, class... Ts, std::size_t... I>
void emplace_alternative(std::variant<Ts...>& out, Reader& in, std::size_t index,
                         std::index_sequence<I...>) {
  ((I == index ? (void)out.template emplace<I>(
                     in.template read<std::variant_alternative_t<I, std::variant<Ts...>>>())
               : void()),
   ...);
}

template <class T>
void Reader::read(T& value) {
  constexpr Encoding e = encoding_of<T>::value;
  if constexpr (e == Encoding::Bool) {
    char byte = *take(1);
    if (byte != 0 && byte != 1)
      fail("bool byte is " + std::to_string(int(byte)));
    value = byte == 1;
  } else if constexpr (e == Encoding::Scalar || e == Encoding::Enum || e == Encoding::RawBytes) {
    std::memcpy(static_cast<void*>(&value), take(sizeof(T)), sizeof(T));
  } else if constexpr (e == Encoding::Null) {
    value = nullptr;
  } else if constexpr (e == Encoding::Array || e == Encoding::StdArray) {
    for (auto& item : value)
      read(item);
  } else if constexpr (e == Encoding::String) {
    using C = typename T::value_type;
    std::size_t n = count<C>();
    value.resize(n);
    if (n)
      std::memcpy(value.data(), take(n * sizeof(C)), n * sizeof(C));
  } else if constexpr (e == Encoding::Vector) {
    using E = typename T::value_type;
    std::size_t n = count<E>();
    value.clear();
    if constexpr (!is_vector_bool<T>::value &&
                  ((std::is_arithmetic_v<E> && !std::is_same_v<E, bool>) || std::is_enum_v<E>)) {
      value.resize(n);
      if (n)  // an empty vector's data() may be null
        std::memcpy(value.data(), take(n * sizeof(E)), n * sizeof(E));
    } else {
      value.reserve(n);
      for (std::size_t i = 0; i < n; ++i)
        value.push_back(read<E>());
    }
  } else if constexpr (e == Encoding::Map) {
    using K = typename T::key_type;
    using V = typename T::mapped_type;
    std::size_t n = count<std::pair<K, V>>();
    value.clear();
    for (std::size_t i = 0; i < n; ++i) {
      K key = read<K>();
      V mapped = read<V>();
      if (!value.emplace(std::move(key), std::move(mapped)).second)
        fail("duplicate key in a map");
    }
  } else if constexpr (e == Encoding::Set) {
    using K = typename T::key_type;
    std::size_t n = count<K>();
    value.clear();
    for (std::size_t i = 0; i < n; ++i)
      if (!value.insert(read<K>()).second)
        fail("duplicate element in a set");
  } else if constexpr (e == Encoding::Optional) {
    if (read<bool>())
      value.emplace(read<typename T::value_type>());
    else
      value.reset();
  } else if constexpr (e == Encoding::Variant) {
    std::uint64_t index = varint();
    if (index >= std::variant_size_v<T>)
      fail("variant index " + std::to_string(index) + " out of range");
    emplace_alternative<T>(value, *this, static_cast<std::size_t>(index),
                           std::make_index_sequence<std::variant_size_v<T>>());
  } else if constexpr (e == Encoding::Pair) {
    // std::map's value_type has a const key: read into the bare types.
    read(const_cast<std::remove_const_t<typename T::first_type>&>(value.first));
    read(value.second);
  } else if constexpr (e == Encoding::Tuple) {
    std::apply([&](auto&... items) { (read(items), ...); }, value);
  } else if constexpr (e == Encoding::Hook) {
    value.serialize(*this);
  } else {
    static_assert(e != Encoding::None,
                  "parsafe codec: this type is declared transferable (transfer_traits) but the "
                  "codec cannot decode it: give it a serialize(Archive&) member");
  }
}

}  // namespace parsafe::detail
