//===- LspDiagnostics.cpp -------------------------------------------------===//
#include "LspDiagnostics.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include <map>

namespace parsafe::clangd {

namespace json = llvm::json;

/// UTF-16 code units that the UTF-8 sequence led by this byte encodes.
static int utf16Units(unsigned char Byte) {
  if ((Byte & 0xC0) == 0x80)
    return 0; // continuation byte: counted with its lead
  return Byte >= 0xF0 ? 2 : 1;
}

Position positionOf(llvm::StringRef Text, size_t Offset) {
  Offset = std::min(Offset, Text.size());
  Position Pos;
  size_t LineStart = 0;
  for (size_t I = 0; I < Offset; ++I)
    if (Text[I] == '\n') {
      ++Pos.Line;
      LineStart = I + 1;
    }
  for (size_t I = LineStart; I < Offset; ++I)
    Pos.Character += utf16Units(static_cast<unsigned char>(Text[I]));
  return Pos;
}

size_t offsetOf(llvm::StringRef Text, Position Pos) {
  size_t Offset = 0;
  for (int64_t Line = 0; Line < Pos.Line; ++Line) {
    size_t NewLine = Text.find('\n', Offset);
    if (NewLine == llvm::StringRef::npos)
      return Text.size();
    Offset = NewLine + 1;
  }
  int64_t Units = 0;
  while (Offset < Text.size() && Text[Offset] != '\n' && Units < Pos.Character) {
    Units += utf16Units(static_cast<unsigned char>(Text[Offset]));
    ++Offset;
    while (Offset < Text.size() && utf16Units(static_cast<unsigned char>(Text[Offset])) == 0)
      ++Offset;
  }
  return Offset;
}

json::Value toJSON(Position Pos) {
  return json::Object{{"line", Pos.Line}, {"character", Pos.Character}};
}

std::optional<Position> positionFromJSON(const json::Value *V) {
  const json::Object *O = V ? V->getAsObject() : nullptr;
  if (!O)
    return std::nullopt;
  auto Line = O->getInteger("line"), Character = O->getInteger("character");
  if (!Line || !Character)
    return std::nullopt;
  return Position{*Line, *Character};
}

static json::Value rangeJSON(Position Start, Position End) {
  return json::Object{{"start", toJSON(Start)}, {"end", toJSON(End)}};
}

std::string pathToUri(llvm::StringRef Path) {
  std::string Uri = "file://";
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/").contains(C))
      Uri += static_cast<char>(C);
    else
      Uri += "%" + llvm::utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return Uri;
}

std::optional<std::string> uriToPath(llvm::StringRef Uri) {
  if (!Uri.consume_front("file://"))
    return std::nullopt;
  Uri.consume_front("localhost"); // file://localhost/path is the same file
  std::string Path;
  for (size_t I = 0; I < Uri.size(); ++I) {
    unsigned Byte;
    if (Uri[I] == '%' && I + 2 < Uri.size() && !Uri.substr(I + 1, 2).getAsInteger(16, Byte)) {
      Path += static_cast<char>(Byte);
      I += 2;
    } else {
      Path += Uri[I];
    }
  }
  return Path;
}

/// End of the diagnostic's range: clang-tidy exports a point (and sometimes
/// ranges); a point is widened to the identifier it starts, so the editor has
/// something to underline.
static size_t pointEnd(llvm::StringRef Text, size_t Offset) {
  size_t End = Offset;
  while (End < Text.size() && (llvm::isAlnum(Text[End]) || Text[End] == '_'))
    ++End;
  if (End == Offset && Offset < Text.size() && Text[Offset] != '\n')
    ++End;
  return End;
}

/// A title that says what the edit does, for a single replacement.
static std::string describeEdit(const TidyReplacement &R, llvm::StringRef Text) {
  llvm::StringRef Old = R.Offset <= Text.size() ? Text.substr(R.Offset, R.Length) : "";
  auto Quote = [](llvm::StringRef S) {
    S = S.trim();
    return "'" + (S.size() > 40 ? S.take_front(37).str() + "..." : S.str()) + "'";
  };
  if (Old.empty())
    return "insert " + Quote(R.ReplacementText);
  if (R.ReplacementText.empty())
    return "remove " + Quote(Old);
  return "replace " + Quote(Old) + " with " + Quote(R.ReplacementText);
}

std::vector<ParsafeDiagnostic> toLspDiagnostics(const std::vector<TidyDiagnostic> &Diagnostics,
                                                llvm::StringRef File, llvm::StringRef Text,
                                                const ConversionOptions &Options) {
  std::map<std::string, std::optional<std::string>> OtherFiles;
  auto TextOf = [&](llvm::StringRef Path) -> std::optional<llvm::StringRef> {
    if (Path == File)
      return Text;
    auto It = OtherFiles.find(Path.str());
    if (It == OtherFiles.end())
      It = OtherFiles.emplace(Path.str(), Options.ReadFile(Path)).first;
    if (!It->second)
      return std::nullopt;
    return llvm::StringRef(*It->second);
  };
  // The analysed file keeps the editor's spelling of its URI: an edit for
  // "another" URI would not apply to the open buffer.
  auto UriOf = [&](llvm::StringRef Path) {
    return Path == File ? Options.FileUri : pathToUri(Path);
  };
  auto PointRange = [&](const std::string &Path, unsigned Offset) -> std::optional<json::Value> {
    auto FileText = TextOf(Path);
    if (!FileText)
      return std::nullopt;
    Position P = positionOf(*FileText, Offset);
    return rangeJSON(P, P);
  };
  auto CodeAction = [&](const std::vector<TidyReplacement> &Replacements,
                        std::string Title) -> std::optional<json::Object> {
    std::map<std::string, json::Array> Changes;
    for (const TidyReplacement &R : Replacements) {
      auto FileText = TextOf(R.FilePath);
      if (!FileText)
        return std::nullopt; // an edit we cannot place: offer none of it
      Changes[UriOf(R.FilePath)].push_back(json::Object{
          {"range", rangeJSON(positionOf(*FileText, R.Offset),
                              positionOf(*FileText, R.Offset + R.Length))},
          {"newText", R.ReplacementText}});
    }
    if (Title.empty())
      Title = Replacements.size() == 1
                  ? "parsafe: " + describeEdit(Replacements[0], *TextOf(Replacements[0].FilePath))
                  : "parsafe: apply " + std::to_string(Replacements.size()) + " edits";
    json::Object ChangesJSON;
    for (auto &[Uri, Edits] : Changes)
      ChangesJSON[Uri] = std::move(Edits);
    return json::Object{{"title", std::move(Title)},
                        {"kind", "quickfix"},
                        {"edit", json::Object{{"changes", std::move(ChangesJSON)}}}};
  };

  std::vector<ParsafeDiagnostic> Result;
  for (const TidyDiagnostic &D : Diagnostics) {
    const TidyMessage &Main = D.DiagnosticMessage;
    // Compiler errors are clangd's to report; other modules are not ours.
    if (!llvm::StringRef(D.DiagnosticName).starts_with("parsafe-") || Main.FilePath != File)
      continue;
    ParsafeDiagnostic Out;
    size_t EndOffset = pointEnd(Text, Main.FileOffset);
    if (!Main.Ranges.empty() && Main.Ranges[0].FilePath == File &&
        Main.Ranges[0].FileOffset == Main.FileOffset && Main.Ranges[0].Length > 0)
      EndOffset = Main.FileOffset + Main.Ranges[0].Length;
    Out.Start = positionOf(Text, Main.FileOffset);
    Out.End = positionOf(Text, EndOffset);

    std::string Message = Main.Message;
    json::Array Related;
    for (const TidyMessage &Note : D.Notes) {
      auto Range = PointRange(Note.FilePath, Note.FileOffset);
      if (!Range)
        continue;
      if (Options.RelatedInformation) {
        Related.push_back(json::Object{
            {"location", json::Object{{"uri", UriOf(Note.FilePath)}, {"range", *Range}}},
            {"message", Note.Message}});
      } else {
        // What clangd does for clients without relatedInformation: the notes
        // (for parsafe, the other access and the recommended API) join the text.
        Position P = positionOf(*TextOf(Note.FilePath), Note.FileOffset);
        Message += "\n\n" + llvm::sys::path::filename(Note.FilePath).str() + ":" +
                   std::to_string(P.Line + 1) + ":" + std::to_string(P.Character + 1) +
                   ": note: " + Note.Message;
      }
    }
    llvm::StringRef CheckPage = llvm::StringRef(D.DiagnosticName).drop_front(strlen("parsafe-"));
    Out.Lsp = json::Object{
        {"range", rangeJSON(Out.Start, Out.End)},
        {"severity", D.Level == "Error" ? 1 : D.Level == "Remark" ? 3 : 2},
        {"code", D.DiagnosticName},
        {"codeDescription", json::Object{{"href", Options.DocsUrl + "/" + CheckPage.str() + ".md"}}},
        {"source", "parsafe"},
        {"message", std::move(Message)}};
    if (Options.RelatedInformation && !Related.empty())
      Out.Lsp["relatedInformation"] = std::move(Related);

    if (!Main.Replacements.empty())
      if (auto Action = CodeAction(Main.Replacements, "")) {
        (*Action)["isPreferred"] = true;
        Out.Fixes.push_back(std::move(*Action));
      }
    for (const TidyMessage &Note : D.Notes)
      if (!Note.Replacements.empty())
        if (auto Action = CodeAction(Note.Replacements, "parsafe: " + Note.Message))
          Out.Fixes.push_back(std::move(*Action));
    Result.push_back(std::move(Out));
  }
  return Result;
}

} // namespace parsafe::clangd
