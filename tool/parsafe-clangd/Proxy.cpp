//===- Proxy.cpp ----------------------------------------------------------===//
#include "Proxy.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>

namespace parsafe::clangd {

namespace json = llvm::json;

void log(const llvm::Twine &Message) {
  // clangd writes to the same stderr: one write() per line (atomic on a pipe
  // up to PIPE_BUF bytes) keeps its lines and ours from interleaving.
  std::string Line = ("parsafe-clangd: " + Message + "\n").str();
  static std::mutex LogMutex;
  std::lock_guard<std::mutex> Lock(LogMutex);
  llvm::errs() << Line;
  llvm::errs().flush();
}

static long long millis(std::chrono::steady_clock::duration D) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(D).count();
}

Proxy::Proxy(ProxyOptions Options, MessageWriter &ToEditor, MessageWriter &ToClangd)
    : Options(std::move(Options)), ToEditor(ToEditor), ToClangd(ToClangd) {}

bool Proxy::fromEditor(const std::string &Body) {
  llvm::Expected<json::Value> Parsed = json::parse(Body);
  if (!Parsed) {
    // Not ours to judge: clangd answers a malformed message itself.
    log("message from the editor is not JSON (" + llvm::toString(Parsed.takeError()) +
        "); forwarded as is");
  } else if (json::Object *Message = Parsed->getAsObject()) {
    std::optional<llvm::StringRef> Method = Message->getString("method");
    const json::Object *Params = Message->getObject("params");
    if (Method && Params && *Method == "initialize") {
      const json::Object *Caps = Params->getObject("capabilities");
      const json::Object *Text = Caps ? Caps->getObject("textDocument") : nullptr;
      const json::Object *Publish = Text ? Text->getObject("publishDiagnostics") : nullptr;
      std::lock_guard<std::mutex> Lock(Mutex);
      RelatedInformation = Publish && Publish->getBoolean("relatedInformation").value_or(false);
    } else if (Method && *Method == "shutdown") {
      ShutdownRequested = true;
    } else if (Method && Params && Method->starts_with("textDocument/did")) {
      trackDocument(*Method, *Params);
    } else if (Method && Params && *Method == "textDocument/codeAction" && Message->get("id")) {
      // Recorded before forwarding: clangd's answer may come back at once.
      const json::Object *Doc = Params->getObject("textDocument");
      const json::Object *Range = Params->getObject("range");
      std::optional<llvm::StringRef> Uri = Doc ? Doc->getString("uri") : std::nullopt;
      std::optional<std::string> Path = Uri ? uriToPath(*Uri) : std::nullopt;
      std::optional<Position> Start = Range ? positionFromJSON(Range->get("start")) : std::nullopt;
      std::optional<Position> End = Range ? positionFromJSON(Range->get("end")) : std::nullopt;
      bool WantsQuickFix = true;
      if (const json::Object *Context = Params->getObject("context"))
        if (const json::Array *Only = Context->getArray("only"))
          WantsQuickFix = llvm::any_of(*Only, [](const json::Value &Kind) {
            auto S = Kind.getAsString();
            return S && (*S == "quickfix" || S->starts_with("quickfix."));
          });
      if (Path && Start && End && WantsQuickFix) {
        std::lock_guard<std::mutex> Lock(Mutex);
        CodeActionRequests[llvm::formatv("{0}", *Message->get("id")).str()] = {*Path, *Start,
                                                                               *End};
      }
    }
  }
  return ToClangd.write(Body);
}

static bool isHeader(llvm::StringRef Path) {
  llvm::StringRef Extension = llvm::sys::path::extension(Path);
  return Extension.empty() ||
         llvm::is_contained({".h", ".hh", ".hpp", ".hxx", ".h++", ".inc", ".inl", ".tcc"},
                            Extension.lower());
}

void Proxy::trackDocument(llvm::StringRef Method, const json::Object &Params) {
  const json::Object *TextDocument = Params.getObject("textDocument");
  std::optional<llvm::StringRef> Uri = TextDocument ? TextDocument->getString("uri") : std::nullopt;
  std::optional<std::string> Path = Uri ? uriToPath(*Uri) : std::nullopt;
  if (!Path)
    return;
  std::lock_guard<std::mutex> Lock(Mutex);
  if (Method == "textDocument/didOpen") {
    std::optional<llvm::StringRef> Text = TextDocument->getString("text");
    if (!Text)
      return;
    Document &Doc = Documents[*Path] = Document();
    Doc.Uri = Uri->str();
    Doc.Version = TextDocument->getInteger("version").value_or(0);
    Doc.Text = Text->str();
    Doc.ChangedAt = Clock::now();
    scheduleLocked(*Path, Doc);
  } else if (Method == "textDocument/didChange") {
    auto It = Documents.find(*Path);
    const json::Array *Changes = Params.getArray("contentChanges");
    if (It == Documents.end() || !Changes)
      return;
    Document &Doc = It->second;
    for (const json::Value &Change : *Changes) {
      const json::Object *C = Change.getAsObject();
      std::optional<llvm::StringRef> NewText = C ? C->getString("text") : std::nullopt;
      if (!NewText)
        continue;
      const json::Object *Range = C->getObject("range");
      if (!Range) {
        Doc.Text = NewText->str(); // full-document sync
        continue;
      }
      auto Start = positionFromJSON(Range->get("start"));
      auto End = positionFromJSON(Range->get("end"));
      if (!Start || !End)
        continue;
      size_t From = offsetOf(Doc.Text, *Start), To = offsetOf(Doc.Text, *End);
      Doc.Text.replace(From, std::max(From, To) - From, NewText->str());
    }
    Doc.Version = TextDocument->getInteger("version").value_or(Doc.Version + 1);
    Doc.ChangedAt = Clock::now();
    Doc.LatencyLogged = false;
    scheduleLocked(*Path, Doc);
    // An edit to a header can change what the open source files mean
    // (clangd rebuilds them too): analyse them again at their own versions.
    if (isHeader(*Path))
      for (auto &[OtherPath, Other] : Documents)
        if (OtherPath != *Path && !isHeader(OtherPath)) {
          Other.ChangedAt = Doc.ChangedAt;
          Other.LatencyLogged = false;
          scheduleLocked(OtherPath, Other);
        }
  } else if (Method == "textDocument/didClose") {
    Documents.erase(*Path);
    cancelLocked(*Path);
  }
}

void Proxy::scheduleLocked(const std::string &Path, const Document &Doc) {
  Pending[Path] = PendingAnalysis{Doc.Version, Doc.Text, Clock::now() + Options.Debounce};
  if (Running == Path)
    CancelRunning = true; // its result would be for a version nobody sees
  Wake.notify_all();
}

void Proxy::cancelLocked(const std::string &Path) {
  Pending.erase(Path);
  if (Running == Path)
    CancelRunning = true;
}

void Proxy::stop() {
  std::lock_guard<std::mutex> Lock(Mutex);
  Stopping = true;
  CancelRunning = true;
  Wake.notify_all();
}

void Proxy::runAnalysis() {
  std::unique_lock<std::mutex> Lock(Mutex);
  while (!Stopping) {
    if (Pending.empty()) {
      Wake.wait(Lock);
      continue;
    }
    auto Next = std::min_element(Pending.begin(), Pending.end(), [](const auto &A, const auto &B) {
      return A.second.Due < B.second.Due;
    });
    if (Clock::now() < Next->second.Due) {
      Wake.wait_until(Lock, Next->second.Due);
      continue;
    }
    std::string Path = Next->first;
    PendingAnalysis Job = std::move(Next->second);
    Pending.erase(Next);
    Running = Path;
    CancelRunning = false;
    // The analysis sees every open buffer as the editor has it (an unsaved
    // header included by this file, too), and this file as scheduled.
    std::map<std::string, std::string> Buffers;
    for (const auto &[OpenPath, Doc] : Documents)
      Buffers[OpenPath] = Doc.Text;
    Buffers[Path] = std::move(Job.Text);
    Lock.unlock();
    Clock::time_point Start = Clock::now();
    TidyOutcome Outcome = runTidy(Options.Tidy, Path, Buffers, Options.WorkDir, CancelRunning);
    Clock::duration Took = Clock::now() - Start;
    Lock.lock();
    Running.clear();
    analysisFinished(Path, Job.Version, std::move(Outcome), Took);
  }
}

std::optional<std::string> Proxy::readFileLocked(llvm::StringRef Path) {
  auto Open = Documents.find(Path.str());
  if (Open != Documents.end())
    return Open->second.Text;
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return std::nullopt;
  return (*Buffer)->getBuffer().str();
}

void Proxy::analysisFinished(const std::string &Path, int64_t Version, TidyOutcome Outcome,
                             Clock::duration Took) {
  std::string Name = llvm::sys::path::filename(Path).str();
  if (Outcome.Status == TidyOutcome::Cancelled) {
    log("analysis of " + Name + " v" + llvm::Twine(Version) + " cancelled");
    return;
  }
  if (Outcome.Status == TidyOutcome::Failed) {
    // clangd's features do not depend on this: report and carry on.
    log("analysis of " + Name + " v" + llvm::Twine(Version) + " failed: " + Outcome.Error);
    return;
  }
  auto It = Documents.find(Path);
  if (It == Documents.end() || It->second.Version != Version)
    return; // closed or edited meanwhile; a newer analysis is pending
  Document &Doc = It->second;
  ConversionOptions Conversion{Doc.Uri, Options.DocsUrl, RelatedInformation,
                               [this](llvm::StringRef P) { return readFileLocked(P); }};
  Doc.Parsafe = toLspDiagnostics(Outcome.Diagnostics, Path, Doc.Text, Conversion);
  Doc.ParsafeVersion = Version;
  log("analysed " + Name + " v" + llvm::Twine(Version) + ": " + llvm::Twine(Doc.Parsafe.size()) +
      " diagnostics in " + llvm::Twine(millis(Took)) + " ms (clang-tidy CPU time " +
      llvm::Twine(Outcome.CpuTime.count() / 1000) + " ms)");
  // If clangd has not published this version yet, its publication will carry
  // ours; if it has, publish the merged list now.
  if (Doc.ClangdPublished && Doc.ClangdVersion.value_or(Version) == Version)
    publishMergedLocked(Doc);
}

bool Proxy::appendParsafeLocked(Document &Doc, std::optional<int64_t> Version,
                                json::Array &Diagnostics) {
  if (!Doc.ParsafeVersion || *Doc.ParsafeVersion != Version.value_or(Doc.Version))
    return false;
  for (const ParsafeDiagnostic &D : Doc.Parsafe)
    Diagnostics.push_back(json::Object(D.Lsp));
  return true;
}

void Proxy::logDeliveryLocked(Document &Doc) {
  // Written after the message, so whoever reads this line can rely on the
  // diagnostics being in the editor's pipe already.
  if (Doc.LatencyLogged)
    return;
  Doc.LatencyLogged = true;
  log("diagnostics of " + llvm::sys::path::filename(*uriToPath(Doc.Uri)) + " v" +
      llvm::Twine(*Doc.ParsafeVersion) + " published " +
      llvm::Twine(millis(Clock::now() - Doc.ChangedAt)) + " ms after the edit");
}

void Proxy::publishMergedLocked(Document &Doc) {
  json::Array Diagnostics = Doc.ClangdDiagnostics;
  bool Merged = appendParsafeLocked(Doc, *Doc.ParsafeVersion, Diagnostics);
  json::Object Params{{"uri", Doc.Uri}, {"diagnostics", std::move(Diagnostics)}};
  Params["version"] = *Doc.ParsafeVersion;
  json::Value Message = json::Object{{"jsonrpc", "2.0"},
                                     {"method", "textDocument/publishDiagnostics"},
                                     {"params", std::move(Params)}};
  ToEditor.write(llvm::formatv("{0}", Message).str());
  if (Merged)
    logDeliveryLocked(Doc);
}

void Proxy::appendCodeActions(json::Object &Response, const std::string &Path, Position Start,
                              Position End) {
  auto It = Documents.find(Path);
  if (It == Documents.end() || It->second.ParsafeVersion != It->second.Version)
    return; // fixes computed for another text would corrupt the buffer
  json::Value *Result = Response.get("result");
  if (!Result || Result->kind() == json::Value::Null)
    Response["result"] = json::Array();
  json::Array *Actions = Response.getArray("result");
  if (!Actions)
    return;
  for (const ParsafeDiagnostic &D : It->second.Parsafe) {
    if (!(D.Start <= End && Start <= D.End))
      continue;
    for (const json::Object &Fix : D.Fixes) {
      json::Object Action = Fix;
      Action["diagnostics"] = json::Array{json::Object(D.Lsp)};
      Actions->push_back(std::move(Action));
    }
  }
}

void Proxy::fromClangd(const std::string &Body) {
  llvm::Expected<json::Value> Parsed = json::parse(Body);
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    ToEditor.write(Body);
    return;
  }
  json::Object *Message = Parsed->getAsObject();
  std::optional<llvm::StringRef> Method = Message ? Message->getString("method") : std::nullopt;
  if (Method && *Method == "textDocument/publishDiagnostics") {
    json::Object *Params = Message->getObject("params");
    std::optional<llvm::StringRef> Uri = Params ? Params->getString("uri") : std::nullopt;
    std::optional<std::string> Path = Uri ? uriToPath(*Uri) : std::nullopt;
    json::Array *Diagnostics = Params ? Params->getArray("diagnostics") : nullptr;
    std::lock_guard<std::mutex> Lock(Mutex);
    auto It = Path ? Documents.find(*Path) : Documents.end();
    if (It != Documents.end() && Diagnostics) {
      Document &Doc = It->second;
      Doc.ClangdPublished = true;
      Doc.ClangdVersion = Params->getInteger("version");
      Doc.ClangdDiagnostics = *Diagnostics;
      bool Merged = appendParsafeLocked(Doc, Doc.ClangdVersion, *Diagnostics);
      ToEditor.write(llvm::formatv("{0}", *Parsed).str());
      if (Merged)
        logDeliveryLocked(Doc);
      return;
    }
  } else if (Message && !Method && Message->get("id")) {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto Request = CodeActionRequests.find(llvm::formatv("{0}", *Message->get("id")).str());
    if (Request != CodeActionRequests.end()) {
      CodeActionRequest R = Request->second;
      CodeActionRequests.erase(Request);
      appendCodeActions(*Message, R.Path, R.Start, R.End);
      ToEditor.write(llvm::formatv("{0}", *Parsed).str());
      return;
    }
  }
  ToEditor.write(Body);
}

} // namespace parsafe::clangd
