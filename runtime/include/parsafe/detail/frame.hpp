// parsafe/detail/frame.hpp — the framing of ProcessPool's parent/worker
// protocol.
//
// A frame is a 16-byte header followed by its payload:
//   magic "PSF1" (4) | kind (1) | 3 zero bytes | payload length (4) | CRC-32 of the payload (4)
// FrameBuffer accumulates bytes as they arrive from a pipe and yields whole
// frames. Every header is validated before anything is allocated for its
// payload: a bad magic, kind or reserved byte, a length over the limit, or a
// checksum mismatch is a DecodeError, never a crash or a huge allocation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parsafe::detail {

enum class FrameKind : std::uint8_t {
  Init = 1,        // parent -> worker: initializer call (may be empty)
  Call = 2,        // parent -> worker: task name + encoded arguments
  Ready = 3,       // worker -> parent: initializer done
  InitFailed = 4,  // worker -> parent: initializer raised (type, message)
  Result = 5,      // worker -> parent: encoded result
  Failure = 6,     // worker -> parent: task raised (type, message)
  NoGuard = 7,     // re-executed program reached a ProcessPool without PARSAFE_MAIN_GUARD
};
constexpr std::uint8_t kMaxFrameKind = 7;

constexpr std::size_t kFrameHeaderSize = 16;
constexpr std::size_t kDefaultMaxPayload = std::size_t(64) << 20;

std::uint32_t crc32(const char* data, std::size_t size) noexcept;

/// Starts a frame in `out`: reserves its header. Append the payload, then
/// call finish_frame with the offset this returned.
std::size_t begin_frame(std::string& out);
/// Fills in the header of the frame begun at `start`. Throws parsafe::Error
/// when the payload is over `max_payload`.
void finish_frame(std::string& out, std::size_t start, FrameKind kind, std::size_t max_payload);

struct Frame {
  FrameKind kind;
  std::string_view payload;  // valid until the next call on the buffer
};

/// Reassembles frames from a byte stream.
class FrameBuffer {
public:
  explicit FrameBuffer(std::size_t max_payload = kDefaultMaxPayload) : max_payload_(max_payload) {}

  /// Room for at least `min` more bytes; write into it, then commit().
  char* prepare(std::size_t min);
  std::size_t capacity_left() const noexcept { return data_.size() - end_; }
  void commit(std::size_t n) noexcept { end_ += n; }
  void append(const char* bytes, std::size_t n);

  /// The next whole frame, or nullopt if more bytes are needed. Throws
  /// parsafe::DecodeError on an invalid header or checksum.
  std::optional<Frame> next();
  /// Bytes received and not yet returned as frames.
  std::size_t buffered() const noexcept { return end_ - begin_; }

private:
  std::size_t max_payload_;
  std::string data_;
  std::size_t begin_ = 0;  // start of the first unconsumed byte
  std::size_t end_ = 0;    // end of the received bytes
};

}  // namespace parsafe::detail
