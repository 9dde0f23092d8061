// Framing of the ProcessPool protocol (see parsafe/detail/frame.hpp).
#include <parsafe/detail/frame.hpp>
#include <parsafe/errors.hpp>

#include <array>
#include <cstring>

namespace parsafe::detail {

namespace {

constexpr char kMagic[4] = {'P', 'S', 'F', '1'};

constexpr std::array<std::uint32_t, 256> make_crc_table() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k)
      c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  return table;
}
constexpr std::array<std::uint32_t, 256> kCrcTable = make_crc_table();

void put_u32(char* at, std::uint32_t v) { std::memcpy(at, &v, 4); }
std::uint32_t get_u32(const char* at) {
  std::uint32_t v;
  std::memcpy(&v, at, 4);
  return v;
}

}  // namespace

std::uint32_t crc32(const char* data, std::size_t size) noexcept {
  std::uint32_t c = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < size; ++i)
    c = kCrcTable[(c ^ static_cast<unsigned char>(data[i])) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::size_t begin_frame(std::string& out) {
  std::size_t start = out.size();
  out.append(kFrameHeaderSize, '\0');
  return start;
}

void finish_frame(std::string& out, std::size_t start, FrameKind kind, std::size_t max_payload) {
  std::size_t length = out.size() - start - kFrameHeaderSize;
  if (length > max_payload || length > UINT32_MAX) {
    out.resize(start);
    throw Error("parsafe: message of " + std::to_string(length) +
                " bytes exceeds the limit of " + std::to_string(max_payload) +
                " bytes (PoolOptions::max_message_bytes)");
  }
  char* header = &out[start];
  std::memcpy(header, kMagic, 4);
  header[4] = static_cast<char>(kind);
  header[5] = header[6] = header[7] = 0;
  put_u32(header + 8, static_cast<std::uint32_t>(length));
  put_u32(header + 12, crc32(header + kFrameHeaderSize, length));
}

char* FrameBuffer::prepare(std::size_t min) {
  if (begin_ == end_)
    begin_ = end_ = 0;
  if (data_.size() - end_ < min) {
    // Slide the unconsumed bytes to the front before growing.
    if (begin_ > 0) {
      std::memmove(&data_[0], &data_[begin_], end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    }
    if (data_.size() - end_ < min)
      data_.resize(end_ + std::max(min, data_.size()));
  }
  return &data_[end_];
}

void FrameBuffer::append(const char* bytes, std::size_t n) {
  std::memcpy(prepare(n), bytes, n);
  commit(n);
}

std::optional<Frame> FrameBuffer::next() {
  std::size_t available = end_ - begin_;
  if (available < kFrameHeaderSize)
    return std::nullopt;
  const char* header = data_.data() + begin_;
  if (std::memcmp(header, kMagic, 4) != 0)
    throw DecodeError("parsafe: corrupt frame: bad magic");
  auto kind = static_cast<std::uint8_t>(header[4]);
  if (kind == 0 || kind > kMaxFrameKind)
    throw DecodeError("parsafe: corrupt frame: unknown kind " + std::to_string(kind));
  if (header[5] || header[6] || header[7])
    throw DecodeError("parsafe: corrupt frame: reserved bytes set");
  std::uint32_t length = get_u32(header + 8);
  if (length > max_payload_)
    throw DecodeError("parsafe: oversized frame: " + std::to_string(length) +
                      " bytes announced, limit " + std::to_string(max_payload_));
  if (available - kFrameHeaderSize < length)
    return std::nullopt;  // the buffer grows only as the payload arrives
  const char* payload = header + kFrameHeaderSize;
  if (crc32(payload, length) != get_u32(header + 12))
    throw DecodeError("parsafe: corrupt frame: checksum mismatch");
  begin_ += kFrameHeaderSize + length;
  return Frame{static_cast<FrameKind>(kind), std::string_view(payload, length)};
}

}  // namespace parsafe::detail
