//===- LspTransport.cpp ---------------------------------------------------===//
#include "LspTransport.h"

#include "llvm/ADT/StringExtras.h"
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace parsafe::clangd {

bool MessageReader::fill(std::string &Error) {
  char Chunk[65536];
  for (;;) {
    ssize_t N = ::read(Fd, Chunk, sizeof(Chunk));
    if (N > 0) {
      Buffer.append(Chunk, static_cast<size_t>(N));
      return true;
    }
    if (N == 0) {
      if (!Buffer.empty())
        Error = "stream ended inside a message";
      return false;
    }
    if (errno != EINTR) {
      Error = std::string("read failed: ") + strerror(errno);
      return false;
    }
  }
}

std::optional<std::string> MessageReader::read(std::string &Error) {
  Error.clear();
  size_t HeaderEnd;
  while ((HeaderEnd = Buffer.find("\r\n\r\n")) == std::string::npos)
    if (!fill(Error))
      return std::nullopt;

  std::optional<size_t> Length;
  llvm::StringRef Headers = llvm::StringRef(Buffer).take_front(HeaderEnd);
  while (!Headers.empty()) {
    llvm::StringRef Line;
    std::tie(Line, Headers) = Headers.split("\r\n");
    auto [Name, Value] = Line.split(':');
    if (!Name.trim().equals_insensitive("content-length"))
      continue; // Content-Type is the only other header, and is optional.
    size_t N;
    if (Value.trim().getAsInteger(10, N)) {
      Error = ("bad Content-Length header: '" + Line + "'").str();
      return std::nullopt;
    }
    Length = N;
  }
  if (!Length) {
    Error = "message without a Content-Length header";
    return std::nullopt;
  }
  size_t BodyStart = HeaderEnd + 4;
  while (Buffer.size() < BodyStart + *Length)
    if (!fill(Error)) {
      if (Error.empty())
        Error = "stream ended inside a message";
      return std::nullopt;
    }
  std::string Body = Buffer.substr(BodyStart, *Length);
  Buffer.erase(0, BodyStart + *Length);
  return Body;
}

bool MessageWriter::write(llvm::StringRef Body) {
  std::string Framed = "Content-Length: " + llvm::utostr(Body.size()) + "\r\n\r\n";
  Framed += Body;
  std::lock_guard<std::mutex> Lock(Mutex);
  if (Fd < 0)
    return false;
  const char *Data = Framed.data();
  size_t Left = Framed.size();
  while (Left > 0) {
    ssize_t N = ::write(Fd, Data, Left);
    if (N < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    Data += N;
    Left -= static_cast<size_t>(N);
  }
  return true;
}

void MessageWriter::close() {
  std::lock_guard<std::mutex> Lock(Mutex);
  if (Fd >= 0)
    ::close(Fd);
  Fd = -1;
}

} // namespace parsafe::clangd
