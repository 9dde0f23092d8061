//===--- AsyncSignalSafe.cpp ----------------------------------------------===//

#include "AsyncSignalSafe.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::parsafe::analysis {

bool isAsyncSignalSafe(llvm::StringRef Name) {
  // POSIX.1-2017, System Interfaces, 2.4.3 Signal Actions, and the string
  // and memory functions made async-signal-safe by POSIX.1-2016. The exec*
  // family beyond execl/execle/execv/execve is listed because it ends the
  // child's region: glibc implements execvp/execlp on top of execve.
  static const llvm::StringSet<> Safe = {
      "_Exit", "_exit", "abort", "accept", "access", "aio_error", "aio_return", "aio_suspend",
      "alarm", "bind", "cfgetispeed", "cfgetospeed", "cfsetispeed", "cfsetospeed", "chdir",
      "chmod", "chown", "clock_gettime", "close", "connect", "creat", "dup", "dup2", "execl",
      "execle", "execv", "execve", "execlp", "execvp", "execvpe", "fexecve", "faccessat",
      "fchdir", "fchmod", "fchmodat", "fchown", "fchownat", "fcntl", "fdatasync", "fork",
      "fstat", "fstatat", "fsync", "ftruncate", "futimens", "getegid", "geteuid", "getgid",
      "getgroups", "getpeername", "getpgrp", "getpid", "getppid", "getsockname", "getsockopt",
      "getuid", "htonl", "htons", "kill", "link", "linkat", "listen", "longjmp", "lseek",
      "lstat", "memccpy", "memchr", "memcmp", "memcpy", "memmove", "memset", "mkdir",
      "mkdirat", "mkfifo", "mkfifoat", "mknod", "mknodat", "ntohl", "ntohs", "open", "openat",
      "pause", "pipe", "pipe2", "poll", "posix_trace_event", "pselect", "pthread_kill",
      "pthread_self", "pthread_sigmask", "raise", "read", "readlink", "readlinkat", "recv",
      "recvfrom", "recvmsg", "rename", "renameat", "rmdir", "select", "sem_post", "send",
      "sendmsg", "sendto", "setgid", "setpgid", "setsid", "setsockopt", "setuid", "shutdown",
      "sigaction", "sigaddset", "sigdelset", "sigemptyset", "sigfillset", "sigismember",
      "siglongjmp", "signal", "sigpause", "sigpending", "sigprocmask", "sigqueue", "sigset",
      "sigsuspend", "sleep", "sockatmark", "socket", "socketpair", "stat", "stpcpy", "stpncpy",
      "strcat", "strchr", "strcmp", "strcpy", "strcspn", "strlen", "strncat", "strncmp",
      "strncpy", "strnlen", "strpbrk", "strrchr", "strspn", "strstr", "strtok_r", "symlink",
      "symlinkat", "tcdrain", "tcflow", "tcflush", "tcgetattr", "tcgetpgrp", "tcsendbreak",
      "tcsetattr", "tcsetpgrp", "time", "timer_getoverrun", "timer_gettime", "timer_settime",
      "times", "umask", "uname", "unlink", "unlinkat", "utime", "utimensat", "utimes", "wait",
      "waitpid", "wcpcpy", "wcpncpy", "wcscat", "wcschr", "wcscmp", "wcscpy", "wcscspn",
      "wcslen", "wcsncat", "wcsncmp", "wcsncpy", "wcsnlen", "wcspbrk", "wcsrchr", "wcsspn",
      "wcsstr", "wcstok", "wmemchr", "wmemcmp", "wmemcpy", "wmemmove", "wmemset", "write",
      // Linux system-call wrappers with the same property (no locks, no allocation).
      "prctl", "setrlimit", "getrlimit", "dup3", "syscall", "close_range", "setpriority"};
  return Safe.contains(Name);
}

} // namespace clang::tidy::parsafe::analysis
