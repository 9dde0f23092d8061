// libFuzzer target for everything a ProcessPool reads from a socket: the
// frame reassembly (headers, lengths, checksums) and the codec's decoder.
// Any input must end in a value or a parsafe::DecodeError: never a crash, a
// sanitizer report, or an allocation larger than the input could describe.
#include <parsafe/codec.hpp>
#include <parsafe/detail/frame.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

namespace {

struct Sample {
  std::string name;
  std::map<int, std::string> table;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(name, table);
  }
};

using Payload = std::tuple<std::string, std::vector<std::string>, std::optional<std::variant<int, std::string, std::tuple<>>>,
                           std::set<long>, std::vector<bool>, std::vector<double>, Sample,
                           std::vector<std::tuple<>>>;

template <class T>
void decode_checked(std::string_view bytes) {
  try {
    T value = parsafe::decode<T>(bytes);
    // Whatever decodes re-encodes to something that decodes to the same
    // value. Compared as bytes, not with ==: a decoded NaN is a valid double
    // that is not equal to itself (found by this fuzzer).
    const std::string encoded = parsafe::encode(value);
    if (parsafe::encode(parsafe::decode<T>(encoded)) != encoded)
      std::abort();
  } catch (const parsafe::DecodeError&) {
  }
}

void decode_all(std::string_view bytes) {
  decode_checked<Payload>(bytes);
  decode_checked<std::map<std::string, std::vector<int>>>(bytes);
  decode_checked<Sample>(bytes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  decode_all(input);  // the decoder on its own: checksums would hide it from the fuzzer

  if (size == 0)
    return 0;
  // The first byte picks how the stream is split into reads.
  std::size_t chunk = 1 + data[0] % 64;
  parsafe::detail::FrameBuffer buffer(1 << 16);
  try {
    for (std::size_t at = 1; at < size; at += chunk) {
      std::size_t n = std::min(chunk, size - at);
      buffer.append(input.data() + at, n);
      while (auto frame = buffer.next())
        decode_all(frame->payload);
    }
  } catch (const parsafe::DecodeError&) {
  }
  return 0;
}
