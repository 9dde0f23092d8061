// parsafe/codec.hpp — the binary codec that carries transferable values
// between processes (parsafe::ProcessPool's arguments and results).
//
//   std::string bytes = parsafe::encode(std::map<std::string, int>{{"a", 1}});
//   auto back = parsafe::decode<std::map<std::string, int>>(bytes);
//
// What can be encoded is exactly parsafe::transferable<T> (parsafe/transfer.hpp);
// anything else is a compile error naming the type. A user type takes part by
// being a trivially copyable aggregate without pointers (copied as bytes) or
// by giving itself a hook that lists its members, used in both directions:
//
//   struct Order {
//     std::string customer; std::vector<int> items;
//     template <class Archive> void serialize(Archive& ar) { ar(customer, items); }
//   };
//
// decode() validates everything it reads and throws parsafe::DecodeError on
// truncated, oversized or malformed input (never allocates more than the input
// could describe). The format is for processes running the same executable:
// scalars are in host byte order and plain structs are copied as bytes.
#pragma once

#include <parsafe/detail/codec_impl.hpp>
#include <parsafe/errors.hpp>
#include <parsafe/transfer.hpp>

#include <string>
#include <string_view>

namespace parsafe {

namespace detail {
/// The one place the codec refuses a type; the failed requirement names it.
template <class T>
constexpr bool codec_accepts() {
  static_assert(transferable_v<T>,
                "parsafe codec: this type cannot cross a process boundary (see the type in "
                "'transferable_v<...>'). Use values: std::string instead of char*, containers "
                "or std::optional instead of pointers, or give the type a "
                "serialize(Archive&) member. docs/runtime/transferable.md lists the rules");
  return transferable_v<T>;
}
}  // namespace detail

/// Appends the encoding of `value` to `out`.
template <class T>
void encode_to(std::string& out, const T& value) {
  if constexpr (detail::codec_accepts<T>()) {
    detail::Writer writer(out);
    writer.write(value);
  }
}

/// The encoding of `value`.
template <class T>
std::string encode(const T& value) {
  std::string out;
  encode_to(out, value);
  return out;
}

/// Decodes a T that fills `bytes` exactly. Throws parsafe::DecodeError.
template <class T>
T decode(std::string_view bytes) {
  if constexpr (detail::codec_accepts<T>()) {
    detail::Reader reader(bytes.data(), bytes.size());
    T value = reader.read<T>();
    if (!reader.done())
      detail::Reader::fail(std::to_string(reader.remaining()) + " trailing bytes");
    return value;
  } else {
    return T();
  }
}

}  // namespace parsafe
