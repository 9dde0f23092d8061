//===- ParsafeClangd.cpp - parsafe-clangd, clangd with parsafe's diagnostics ===//
//
// Editors start parsafe-clangd where they would start clangd. It starts the
// real clangd-19 with the arguments it does not know itself, forwards the
// LSP traffic both ways, and adds parsafe's diagnostics and quick fixes.
// clangd's life is the proxy's: when clangd exits, so does the proxy.
//
//===----------------------------------------------------------------------===//
#include "Proxy.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char **environ;

using namespace parsafe::clangd;
namespace cl = llvm::cl;

static cl::OptionCategory Category("parsafe-clangd options");
static cl::opt<std::string> ClangdBinary("clangd-binary", cl::cat(Category),
                                         cl::desc("The clangd to run (default: clangd-19 on PATH)"));
static cl::opt<std::string> TidyBinary(
    "parsafe-tidy", cl::cat(Category),
    cl::desc("The clang-tidy that runs the analysis (default: clang-tidy-19 on PATH)"));
static cl::opt<std::string> Plugin(
    "parsafe-plugin", cl::cat(Category),
    cl::desc("libparsafe-tidy.so (default: ../lib/ next to this program's directory)"));
static cl::opt<std::string> Checks("parsafe-checks", cl::cat(Category), cl::init("-*,parsafe-*"),
                                   cl::desc("clang-tidy -checks= for the analysis"));
static cl::opt<std::string>
    DocsUrl("parsafe-docs-url", cl::cat(Category),
            cl::desc("Base URL of the check pages linked from diagnostics "
                     "(default: the installed share/doc/parsafe/checks, or the source tree's)"));
static cl::opt<unsigned> DebounceMs("parsafe-debounce-ms", cl::cat(Category), cl::init(300),
                                    cl::desc("Quiet time after an edit before analysing"));
static cl::list<std::string> ClangdArgs(cl::Sink, cl::desc("<arguments for clangd>"));

[[noreturn]] static void fail(const llvm::Twine &Message) {
  log(Message);
  std::_Exit(1);
}

static std::string findProgram(const std::string &Given, llvm::StringRef Name) {
  if (!Given.empty())
    return Given;
  auto Found = llvm::sys::findProgramByName(Name);
  return Found ? *Found : Name.str();
}

/// A sibling of this program's directory: bin/../lib, bin/../share/...
static std::string besideBinary(const char *Argv0, llvm::StringRef Relative) {
  static int Anchor;
  std::string Self = llvm::sys::fs::getMainExecutable(Argv0, &Anchor);
  llvm::SmallString<256> Path(llvm::sys::path::parent_path(llvm::sys::path::parent_path(Self)));
  llvm::sys::path::append(Path, Relative);
  return std::string(Path);
}

struct Child {
  pid_t Pid;
  int Stdin;
  int Stdout;
};

/// Starts clangd with pipes for stdin and stdout; stderr is shared, so
/// clangd's log lands where the editor keeps ours.
static Child spawnClangd(const std::vector<std::string> &Args) {
  int In[2], Out[2];
  if (pipe2(In, O_CLOEXEC) != 0 || pipe2(Out, O_CLOEXEC) != 0)
    fail(llvm::Twine("cannot create pipes: ") + strerror(errno));
  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  posix_spawn_file_actions_adddup2(&Actions, In[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&Actions, Out[1], STDOUT_FILENO);
  std::vector<char *> Argv;
  for (const std::string &A : Args)
    Argv.push_back(const_cast<char *>(A.c_str()));
  Argv.push_back(nullptr);
  pid_t Pid;
  int Error = posix_spawn(&Pid, Args[0].c_str(), &Actions, nullptr, Argv.data(), environ);
  posix_spawn_file_actions_destroy(&Actions);
  if (Error != 0)
    fail("cannot start " + Args[0] + ": " + strerror(Error) +
         " (set its path with --clangd-binary=)");
  close(In[0]);
  close(Out[1]);
  return {Pid, In[1], Out[0]};
}

static std::string describeStatus(int Status) {
  if (WIFSIGNALED(Status))
    return "killed by signal " + std::to_string(WTERMSIG(Status));
  return "exit status " + std::to_string(WEXITSTATUS(Status));
}

int main(int argc, char **argv) {
  cl::HideUnrelatedOptions(Category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "parsafe-clangd: clangd with parsafe's concurrency diagnostics and fixes.\n\n"
      "Configure your editor to start this program instead of clangd. Options it\n"
      "does not know are passed to clangd.\n");
  // A peer that goes away must surface as a failed write, not kill us.
  signal(SIGPIPE, SIG_IGN);

  ProxyOptions Options;
  Options.Tidy.ClangTidy = findProgram(TidyBinary, "clang-tidy-19");
  Options.Tidy.Plugin = Plugin.empty() ? besideBinary(argv[0], "lib/libparsafe-tidy.so") : Plugin;
  Options.Tidy.Checks = Checks;
  Options.Debounce = std::chrono::milliseconds(DebounceMs);
  if (!llvm::sys::fs::exists(Options.Tidy.Plugin))
    log("warning: plugin " + Options.Tidy.Plugin +
        " not found (set it with --parsafe-plugin=); analyses will fail, clangd works");
  for (const std::string &Arg : ClangdArgs) {
    llvm::StringRef A(Arg);
    if (A.consume_front("--compile-commands-dir=") || A.consume_front("-compile-commands-dir="))
      Options.Tidy.CompileCommandsDir = A.str(); // analyse with the flags clangd uses
  }
  if (!DocsUrl.empty()) {
    Options.DocsUrl = DocsUrl;
  } else {
    std::string Installed = besideBinary(argv[0], "share/doc/parsafe/checks");
    Options.DocsUrl = pathToUri(llvm::sys::fs::is_directory(Installed) ? Installed
                                                                       : PARSAFE_SOURCE_DOCS_DIR);
  }
  std::vector<std::string> Args = {findProgram(ClangdBinary, "clangd-19")};
  Args.insert(Args.end(), ClangdArgs.begin(), ClangdArgs.end());
  Child Clangd = spawnClangd(Args);

  llvm::SmallString<128> WorkDir;
  if (std::error_code EC = llvm::sys::fs::createUniqueDirectory("parsafe-clangd", WorkDir))
    fail("cannot create a scratch directory: " + EC.message());
  Options.WorkDir = std::string(WorkDir);

  MessageWriter ToEditor(STDOUT_FILENO), ToClangd(Clangd.Stdin);
  Proxy Server(std::move(Options), ToEditor, ToClangd);
  std::thread Analysis([&] { Server.runAnalysis(); });

  // clangd's output ends when clangd exits: that ends the proxy too.
  std::thread FromClangd([&] {
    MessageReader Reader(Clangd.Stdout);
    std::string Error;
    while (std::optional<std::string> Body = Reader.read(Error))
      Server.fromClangd(*Body);
    if (!Error.empty())
      log("bad message from clangd: " + Error);
    int Status = 0;
    while (waitpid(Clangd.Pid, &Status, 0) < 0 && errno == EINTR)
      ;
    Server.stop();
    Analysis.join();
    llvm::sys::fs::remove_directories(WorkDir);
    bool Clean = WIFEXITED(Status) && WEXITSTATUS(Status) == 0;
    if (!Server.shutdownRequested() || !Clean)
      log("clangd exited (" + describeStatus(Status) + ")" +
          (Server.shutdownRequested() ? "" : " without a shutdown request") + "; stopping");
    std::_Exit(Server.shutdownRequested() && Clean ? 0 : 1);
  });

  MessageReader FromEditor(STDIN_FILENO);
  std::string Error;
  while (std::optional<std::string> Body = FromEditor.read(Error))
    if (!Server.fromEditor(*Body))
      break; // clangd is gone; its thread ends the process
  if (!Error.empty())
    log("bad message from the editor: " + Error + "; closing clangd's input");
  // clangd exits at the end of its input; its thread then ends the process.
  ToClangd.close();
  FromClangd.join();
  return 1;
}
