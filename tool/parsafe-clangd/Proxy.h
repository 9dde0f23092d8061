//===- Proxy.h - the LSP proxy between an editor and clangd ----------------===//
//
// Three threads, one lock:
//   - the editor thread forwards every message to clangd and records what the
//     proxy needs from it (buffer contents and versions, codeAction requests);
//   - the clangd thread forwards every message to the editor, rewriting two
//     kinds: publishDiagnostics (parsafe's diagnostics of the same file and
//     version are appended) and the responses to codeAction requests
//     (parsafe's quick fixes in range are appended);
//   - the analysis thread runs clang-tidy on buffer snapshots, debounced and
//     one at a time, and publishes the merged diagnostics when it finishes.
// Messages to the editor are written with the lock held, so a merged publish
// can never overtake a newer one for the same file.
//
//===----------------------------------------------------------------------===//
#ifndef PARSAFE_CLANGD_PROXY_H
#define PARSAFE_CLANGD_PROXY_H

#include "LspDiagnostics.h"
#include "LspTransport.h"
#include "TidyRun.h"
#include "llvm/Support/JSON.h"
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>

namespace parsafe::clangd {

/// One line on stderr, where editors keep the server's log.
void log(const llvm::Twine &Message);

struct ProxyOptions {
  TidyOptions Tidy;
  std::string DocsUrl;
  std::chrono::milliseconds Debounce{300};
  std::string WorkDir; ///< scratch directory for snapshots
};

class Proxy {
public:
  using Clock = std::chrono::steady_clock;

  Proxy(ProxyOptions Options, MessageWriter &ToEditor, MessageWriter &ToClangd);

  /// One message from the editor; forwarded to clangd. False once clangd's
  /// input is closed.
  bool fromEditor(const std::string &Body);
  /// One message from clangd; forwarded (perhaps rewritten) to the editor.
  void fromClangd(const std::string &Body);

  /// The analysis thread's body; returns after stop().
  void runAnalysis();
  /// Ends the analysis thread, killing a running clang-tidy.
  void stop();

  /// The editor asked to shut down (clangd exiting afterwards is expected).
  bool shutdownRequested() const { return ShutdownRequested.load(); }

private:
  struct Document {
    std::string Uri; ///< as the editor spelled it
    int64_t Version = 0;
    std::string Text;
    Clock::time_point ChangedAt;
    /// clangd's latest publishDiagnostics for the file.
    bool ClangdPublished = false;
    std::optional<int64_t> ClangdVersion;
    llvm::json::Array ClangdDiagnostics;
    /// parsafe's latest finished analysis.
    std::optional<int64_t> ParsafeVersion;
    std::vector<ParsafeDiagnostic> Parsafe;
    bool LatencyLogged = false;
  };
  struct PendingAnalysis {
    int64_t Version;
    std::string Text;
    Clock::time_point Due;
  };

  void trackDocument(llvm::StringRef Method, const llvm::json::Object &Params);
  void scheduleLocked(const std::string &Path, const Document &Doc);
  void cancelLocked(const std::string &Path);
  /// Appends parsafe's diagnostics for Doc if they are for Version (absent:
  /// the current one); false if parsafe has none for it yet.
  bool appendParsafeLocked(Document &Doc, std::optional<int64_t> Version,
                           llvm::json::Array &Diagnostics);
  /// Logs, once per version, the time from the edit to its diagnostics.
  void logDeliveryLocked(Document &Doc);
  void publishMergedLocked(Document &Doc);
  void analysisFinished(const std::string &Path, int64_t Version, TidyOutcome Outcome,
                        Clock::duration Took);
  void appendCodeActions(llvm::json::Object &Response, const std::string &Path, Position Start,
                         Position End);
  std::optional<std::string> readFileLocked(llvm::StringRef Path);

  ProxyOptions Options;
  MessageWriter &ToEditor;
  MessageWriter &ToClangd;
  std::atomic<bool> ShutdownRequested{false};

  std::mutex Mutex;
  std::condition_variable Wake;
  bool RelatedInformation = false; ///< the client's capability
  std::map<std::string, Document> Documents; ///< by path
  std::map<std::string, PendingAnalysis> Pending; ///< by path
  std::string Running;                      ///< path being analysed
  std::atomic<bool> CancelRunning{false};
  bool Stopping = false;
  struct CodeActionRequest {
    std::string Path;
    Position Start, End;
  };
  std::map<std::string, CodeActionRequest> CodeActionRequests; ///< by JSON id
};

} // namespace parsafe::clangd

#endif
