//===- LspTransport.h - LSP base-protocol framing over file descriptors --===//
//
// The LSP base protocol: "Content-Length: N\r\n" headers, a blank line, then
// N bytes of JSON. Pipes deliver any number of bytes per read, so the reader
// buffers until a whole message is there; the writer loops over partial writes
// and is shared by the threads that talk to one peer.
//
//===----------------------------------------------------------------------===//
#ifndef PARSAFE_CLANGD_LSPTRANSPORT_H
#define PARSAFE_CLANGD_LSPTRANSPORT_H

#include "llvm/ADT/StringRef.h"
#include <mutex>
#include <optional>
#include <string>

namespace parsafe::clangd {

class MessageReader {
public:
  explicit MessageReader(int Fd) : Fd(Fd) {}
  /// The next message body. std::nullopt at end of stream or on a framing
  /// error; Error then says which (empty at a clean end of stream).
  std::optional<std::string> read(std::string &Error);

private:
  bool fill(std::string &Error);
  int Fd;
  std::string Buffer;
};

class MessageWriter {
public:
  explicit MessageWriter(int Fd) : Fd(Fd) {}
  /// Frames and writes one message; false once the peer is gone.
  bool write(llvm::StringRef Body);
  void close();

private:
  std::mutex Mutex;
  int Fd;
};

} // namespace parsafe::clangd

#endif
