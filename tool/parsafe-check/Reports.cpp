//===--- Reports.cpp ------------------------------------------------------===//

#include "Reports.h"

#include "Docs.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <tuple>

namespace parsafe::check {
namespace {

constexpr const char *ToolName = "parsafe-check";
constexpr const char *SarifSchema = "https://json.schemastore.org/sarif-2.1.0.json";

auto findingKey(const Finding &F) {
  return std::tie(F.Where.File, F.Where.Offset, F.Check, F.Message);
}

void writeLocationPrefix(llvm::raw_ostream &OS, const Location &L, const OutputOptions &Opts) {
  if (Opts.Color)
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  if (L.File.empty())
    OS << ToolName << ": ";
  else
    OS << relativeTo(L.File, Opts.SourceRoot) << ":" << L.Line << ":" << L.Column << ": ";
}

void writeSeverity(llvm::raw_ostream &OS, llvm::StringRef Level, const OutputOptions &Opts) {
  if (Opts.Color)
    OS.changeColor(Level == "error"     ? llvm::raw_ostream::RED
                   : Level == "warning" ? llvm::raw_ostream::MAGENTA
                                        : llvm::raw_ostream::BLACK,
                   /*Bold=*/true);
  OS << Level << ": ";
  if (Opts.Color)
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
}

void writeSnippet(llvm::raw_ostream &OS, const Location &L, const OutputOptions &Opts,
                  Sources &Files) {
  if (L.File.empty() || L.Line == 0)
    return;
  std::string Text = Files.lineText(L.File, L.Line);
  OS << Text << "\n";
  std::string Caret;
  for (unsigned I = 1; I < L.Column && I - 1 < Text.size(); ++I)
    Caret += Text[I - 1] == '\t' ? '\t' : ' ';
  if (Opts.Color)
    OS.changeColor(llvm::raw_ostream::GREEN, /*Bold=*/true);
  OS << Caret << "^\n";
  if (Opts.Color)
    OS.resetColor();
}

void writeDiagnosticLine(llvm::raw_ostream &OS, const Location &L, llvm::StringRef Level,
                         llvm::StringRef Message, llvm::StringRef Check,
                         const OutputOptions &Opts, Sources &Files) {
  writeLocationPrefix(OS, L, Opts);
  writeSeverity(OS, Level, Opts);
  OS << Message;
  if (!Check.empty())
    OS << " [" << Check << "]";
  if (Opts.Color)
    OS.resetColor();
  OS << "\n";
  writeSnippet(OS, L, Opts, Files);
}

llvm::json::Object locationJson(const Location &L) {
  return llvm::json::Object{{"file", L.File},
                            {"line", L.Line},
                            {"column", L.Column},
                            {"offset", L.Offset}};
}

llvm::json::Object sarifPhysical(const Location &L, const OutputOptions &Opts) {
  std::string Rel = relativeTo(L.File, Opts.SourceRoot);
  llvm::json::Object Artifact;
  if (Rel != L.File) {
    Artifact["uri"] = Rel;
    Artifact["uriBaseId"] = "%SRCROOT%";
  } else {
    Artifact["uri"] = "file://" + L.File;
  }
  llvm::json::Object Physical{{"artifactLocation", std::move(Artifact)}};
  if (L.Line)
    Physical["region"] = llvm::json::Object{{"startLine", L.Line}, {"startColumn", L.Column}};
  return Physical;
}

llvm::StringRef sarifLevel(llvm::StringRef Level) {
  if (Level == "error")
    return "error";
  if (Level == "warning")
    return "warning";
  return "note";
}

llvm::json::Object sarifRule(llvm::StringRef Check) {
  llvm::json::Object Rule{{"id", Check}, {"name", Check}};
  if (std::optional<CheckDoc> Doc = findCheckDoc(Check)) {
    Rule["shortDescription"] = llvm::json::Object{{"text", Doc->Short}};
    Rule["fullDescription"] = llvm::json::Object{{"text", Doc->Full}};
    Rule["help"] = llvm::json::Object{{"text", Doc->Page}, {"markdown", Doc->Page}};
  } else {
    std::string Text = Check.starts_with("clang-diagnostic-")
                           ? "A diagnostic of the compiler (" + Check.str() + ")."
                           : "The clang-tidy check " + Check.str() + ".";
    Rule["shortDescription"] = llvm::json::Object{{"text", Text}};
    Rule["fullDescription"] = llvm::json::Object{{"text", Text}};
    Rule["help"] = llvm::json::Object{{"text", Text}};
  }
  Rule["defaultConfiguration"] = llvm::json::Object{
      {"level", Check.starts_with("clang-diagnostic-error") ? "error" : "warning"}};
  return Rule;
}

llvm::Error malformed(llvm::StringRef Path, llvm::StringRef What) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "'%s' is not a %s",
                                 Path.str().c_str(), What.str().c_str());
}

Location readLocation(const llvm::json::Object &O) {
  Location L;
  L.File = O.getString("file").value_or("").str();
  L.Line = unsigned(O.getInteger("line").value_or(0));
  L.Column = unsigned(O.getInteger("column").value_or(0));
  L.Offset = unsigned(O.getInteger("offset").value_or(0));
  return L;
}

} // namespace

llvm::Expected<llvm::json::Value> readJsonFile(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read '%s': %s",
                                   Path.str().c_str(), Buffer.getError().message().c_str());
  llvm::Expected<llvm::json::Value> Doc = llvm::json::parse((*Buffer)->getBuffer());
  if (!Doc)
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "'%s' is not valid JSON: %s",
                                   Path.str().c_str(),
                                   llvm::toString(Doc.takeError()).c_str());
  return Doc;
}

void sortAndDeduplicate(std::vector<Finding> &Findings) {
  llvm::sort(Findings, [](const Finding &A, const Finding &B) {
    return findingKey(A) < findingKey(B);
  });
  Findings.erase(std::unique(Findings.begin(), Findings.end(),
                             [](const Finding &A, const Finding &B) {
                               return findingKey(A) == findingKey(B);
                             }),
                 Findings.end());
}

void writeText(const Report &R, llvm::raw_ostream &OS, const OutputOptions &Opts,
               Sources &Files) {
  for (const Finding &F : R.Findings) {
    writeDiagnosticLine(OS, F.Where, F.Level, F.Message, F.Check, Opts, Files);
    for (const Note &N : F.Notes)
      writeDiagnosticLine(OS, N.Where, "note", N.Message, "", Opts, Files);
  }
}

void writeJson(const Report &R, llvm::raw_ostream &OS) {
  llvm::json::Array Findings;
  for (const Finding &F : R.Findings) {
    llvm::json::Array Notes, Fixes;
    for (const Note &N : F.Notes) {
      llvm::json::Object O = locationJson(N.Where);
      O["message"] = N.Message;
      Notes.push_back(std::move(O));
    }
    for (const Edit &E : F.Fixes)
      Fixes.push_back(llvm::json::Object{{"file", E.File},
                                         {"offset", E.Offset},
                                         {"length", E.Length},
                                         {"text", E.Text}});
    llvm::json::Object O = locationJson(F.Where);
    O["check"] = F.Check;
    O["level"] = F.Level;
    O["message"] = F.Message;
    O["function"] = F.Function;
    O["fingerprint"] = F.Fingerprint;
    O["notes"] = std::move(Notes);
    O["fixes"] = std::move(Fixes);
    Findings.push_back(std::move(O));
  }
  llvm::json::Array Failures;
  for (const Failure &F : R.Failures)
    Failures.push_back(llvm::json::Object{{"file", F.File}, {"reason", F.Reason}});
  llvm::json::Object Doc{{"tool", ToolName},
                         {"version", 1},
                         {"units", R.Units},
                         {"suppressed", R.Suppressed},
                         {"findings", std::move(Findings)},
                         {"failures", std::move(Failures)}};
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Doc))) << "\n";
}

void writeSarif(const Report &R, llvm::raw_ostream &OS, const OutputOptions &Opts) {
  std::vector<std::string> RuleIds = Opts.EnabledChecks;
  for (const Finding &F : R.Findings)
    RuleIds.push_back(F.Check);
  llvm::sort(RuleIds);
  RuleIds.erase(std::unique(RuleIds.begin(), RuleIds.end()), RuleIds.end());
  llvm::json::Array Rules;
  for (const std::string &Id : RuleIds)
    Rules.push_back(sarifRule(Id));

  llvm::json::Array Results;
  for (const Finding &F : R.Findings) {
    llvm::json::Object Result{
        {"ruleId", F.Check},
        {"ruleIndex", int64_t(llvm::lower_bound(RuleIds, F.Check) - RuleIds.begin())},
        {"level", sarifLevel(F.Level)},
        {"message", llvm::json::Object{{"text", F.Message}}},
        {"partialFingerprints", llvm::json::Object{{"parsafeFingerprint/v1", F.Fingerprint}}}};
    if (!F.Where.File.empty())
      Result["locations"] = llvm::json::Array{
          llvm::json::Object{{"physicalLocation", sarifPhysical(F.Where, Opts)}}};
    llvm::json::Array Related;
    int Id = 0;
    for (const Note &N : F.Notes) {
      if (N.Where.File.empty())
        continue;
      Related.push_back(llvm::json::Object{{"id", Id++},
                                           {"message", llvm::json::Object{{"text", N.Message}}},
                                           {"physicalLocation", sarifPhysical(N.Where, Opts)}});
    }
    if (!Related.empty())
      Result["relatedLocations"] = std::move(Related);
    if (!F.Fixes.empty()) {
      llvm::json::Array Changes;
      for (const Edit &E : F.Fixes) {
        llvm::json::Object Physical = sarifPhysical(Location{E.File, E.Offset, 0, 0}, Opts);
        llvm::json::Object Replacement{
            {"deletedRegion", llvm::json::Object{{"startLine", E.Line},
                                                 {"startColumn", E.Column},
                                                 {"endLine", E.EndLine},
                                                 {"endColumn", E.EndColumn}}},
            {"insertedContent", llvm::json::Object{{"text", E.Text}}}};
        Changes.push_back(llvm::json::Object{
            {"artifactLocation", std::move(*Physical.getObject("artifactLocation"))},
            {"replacements", llvm::json::Array{std::move(Replacement)}}});
      }
      Result["fixes"] = llvm::json::Array{llvm::json::Object{
          {"description", llvm::json::Object{{"text", "fix-it of " + F.Check}}},
          {"artifactChanges", std::move(Changes)}}};
    }
    Results.push_back(std::move(Result));
  }

  llvm::json::Array Notifications;
  for (const Failure &F : R.Failures)
    Notifications.push_back(llvm::json::Object{
        {"level", "error"},
        {"message", llvm::json::Object{{"text", F.File + ": " + F.Reason}}},
        {"locations", llvm::json::Array{llvm::json::Object{
                          {"physicalLocation", sarifPhysical(Location{F.File}, Opts)}}}}});
  std::string Root = Opts.SourceRoot;
  if (!llvm::StringRef(Root).ends_with("/"))
    Root += "/";
  llvm::json::Object Run{
      {"tool", llvm::json::Object{{"driver", llvm::json::Object{
                                                 {"name", ToolName},
                                                 {"semanticVersion", PARSAFE_VERSION},
                                                 {"rules", std::move(Rules)}}}}},
      {"originalUriBaseIds",
       llvm::json::Object{{"%SRCROOT%", llvm::json::Object{{"uri", "file://" + Root}}}}},
      {"invocations",
       llvm::json::Array{llvm::json::Object{
           {"executionSuccessful", R.Failures.empty()},
           {"toolExecutionNotifications", std::move(Notifications)}}}},
      {"results", std::move(Results)}};
  llvm::json::Object Log{{"$schema", SarifSchema},
                         {"version", "2.1.0"},
                         {"runs", llvm::json::Array{std::move(Run)}}};
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Log))) << "\n";
}

llvm::Expected<Report> readJson(llvm::StringRef Path) {
  llvm::Expected<llvm::json::Value> Doc = readJsonFile(Path);
  if (!Doc)
    return Doc.takeError();
  const llvm::json::Object *Root = Doc->getAsObject();
  if (!Root || Root->getString("tool") != ToolName || !Root->getArray("findings"))
    return malformed(Path, "parsafe-check JSON report (--format json)");
  Report R;
  R.Units = unsigned(Root->getInteger("units").value_or(0));
  R.Suppressed = unsigned(Root->getInteger("suppressed").value_or(0));
  for (const llvm::json::Value &V : *Root->getArray("findings")) {
    const llvm::json::Object *O = V.getAsObject();
    if (!O)
      return malformed(Path, "parsafe-check JSON report (a finding is not an object)");
    Finding F;
    F.Where = readLocation(*O);
    F.Check = O->getString("check").value_or("").str();
    F.Level = O->getString("level").value_or("warning").str();
    F.Message = O->getString("message").value_or("").str();
    F.Function = O->getString("function").value_or("").str();
    F.Fingerprint = O->getString("fingerprint").value_or("").str();
    if (const llvm::json::Array *Notes = O->getArray("notes"))
      for (const llvm::json::Value &N : *Notes)
        if (const llvm::json::Object *NO = N.getAsObject())
          F.Notes.push_back({NO->getString("message").value_or("").str(), readLocation(*NO)});
    if (const llvm::json::Array *Fixes = O->getArray("fixes"))
      for (const llvm::json::Value &E : *Fixes)
        if (const llvm::json::Object *EO = E.getAsObject())
          F.Fixes.push_back({EO->getString("file").value_or("").str(),
                             unsigned(EO->getInteger("offset").value_or(0)),
                             unsigned(EO->getInteger("length").value_or(0)),
                             EO->getString("text").value_or("").str()});
    R.Findings.push_back(std::move(F));
  }
  if (const llvm::json::Array *Failures = Root->getArray("failures"))
    for (const llvm::json::Value &V : *Failures)
      if (const llvm::json::Object *O = V.getAsObject())
        R.Failures.push_back({O->getString("file").value_or("").str(),
                              O->getString("reason").value_or("").str()});
  return R;
}

llvm::Error mergeSarif(llvm::ArrayRef<std::string> Paths, llvm::raw_ostream &OS,
                       bool &HasResults, bool &HasFailures) {
  std::optional<llvm::json::Value> Merged;
  llvm::json::Object *MergedRun = nullptr;
  llvm::StringSet<> SeenRules, SeenResults;
  for (const std::string &Path : Paths) {
    llvm::Expected<llvm::json::Value> Doc = readJsonFile(Path);
    if (!Doc)
      return Doc.takeError();
    llvm::json::Object *Root = Doc->getAsObject();
    llvm::json::Array *Runs = Root ? Root->getArray("runs") : nullptr;
    if (!Root || Root->getString("version") != "2.1.0" || !Runs || Runs->size() != 1 ||
        !(*Runs)[0].getAsObject())
      return malformed(Path, "SARIF 2.1.0 log with one run (--format sarif)");
    llvm::json::Object &Run = *(*Runs)[0].getAsObject();
    const llvm::json::Object *Driver =
        Run.getObject("tool") ? Run.getObject("tool")->getObject("driver") : nullptr;
    if (!Driver || Driver->getString("name") != ToolName || !Run.getArray("results"))
      return malformed(Path, "SARIF log written by parsafe-check");
    if (!Merged) {
      // The first log is the frame; later logs add rules, results, notifications.
      Merged = std::move(*Doc);
      MergedRun = (*Merged->getAsObject()->getArray("runs"))[0].getAsObject();
      llvm::json::Array Kept;
      for (llvm::json::Value &Result : *MergedRun->getArray("results"))
        if (SeenResults.insert(llvm::formatv("{0}", Result).str()).second)
          Kept.push_back(std::move(Result));
      *MergedRun->getArray("results") = std::move(Kept);
      for (const llvm::json::Value &Rule :
           *MergedRun->getObject("tool")->getObject("driver")->getArray("rules"))
        SeenRules.insert(Rule.getAsObject()->getString("id").value_or(""));
      continue;
    }
    llvm::json::Array &Rules =
        *MergedRun->getObject("tool")->getObject("driver")->getArray("rules");
    if (const llvm::json::Array *NewRules = Driver->getArray("rules"))
      for (const llvm::json::Value &Rule : *NewRules)
        if (const llvm::json::Object *RO = Rule.getAsObject())
          if (SeenRules.insert(RO->getString("id").value_or("")).second)
            Rules.push_back(Rule);
    for (const llvm::json::Value &Result : *Run.getArray("results"))
      if (SeenResults.insert(llvm::formatv("{0}", Result).str()).second)
        MergedRun->getArray("results")->push_back(Result);
    llvm::json::Array *Invocations = Run.getArray("invocations");
    llvm::json::Array *MergedInvocations = MergedRun->getArray("invocations");
    if (Invocations && MergedInvocations && !Invocations->empty() &&
        !MergedInvocations->empty()) {
      llvm::json::Object &Into = *(*MergedInvocations)[0].getAsObject();
      const llvm::json::Object &From = *(*Invocations)[0].getAsObject();
      Into["executionSuccessful"] = Into.getBoolean("executionSuccessful").value_or(true) &&
                                    From.getBoolean("executionSuccessful").value_or(true);
      if (const llvm::json::Array *N = From.getArray("toolExecutionNotifications"))
        for (const llvm::json::Value &V : *N)
          Into.getArray("toolExecutionNotifications")->push_back(V);
    }
  }
  // ruleIndex points into the merged rules array; recompute it.
  llvm::json::Array &Rules = *MergedRun->getObject("tool")->getObject("driver")->getArray("rules");
  llvm::StringMap<int64_t> Index;
  for (size_t I = 0; I < Rules.size(); ++I)
    Index[Rules[I].getAsObject()->getString("id").value_or("")] = int64_t(I);
  for (llvm::json::Value &Result : *MergedRun->getArray("results"))
    if (llvm::json::Object *RO = Result.getAsObject())
      (*RO)["ruleIndex"] = Index.lookup(RO->getString("ruleId").value_or(""));
  HasResults = !MergedRun->getArray("results")->empty();
  const llvm::json::Array *Invocations = MergedRun->getArray("invocations");
  HasFailures = Invocations && !Invocations->empty() &&
                !(*Invocations)[0].getAsObject()->getBoolean("executionSuccessful").value_or(true);
  OS << llvm::formatv("{0:2}", *Merged) << "\n";
  return llvm::Error::success();
}

} // namespace parsafe::check
