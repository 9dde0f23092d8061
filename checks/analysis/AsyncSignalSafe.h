//===--- AsyncSignalSafe.h - POSIX async-signal-safe functions ------------===//
//
// After fork() in a multithreaded process, the child has one thread and a
// copy of every lock as it was: a lock held by another thread at that moment
// stays locked forever. Until it calls exec*, the child may only call
// async-signal-safe functions (POSIX.1-2017 §2.4.3, plus the string functions
// added in POSIX.1-2016); anything that may take a lock — malloc, stdio,
// iostreams, mutexes — can deadlock.
//
//===----------------------------------------------------------------------===//

#ifndef PARSAFE_ANALYSIS_ASYNCSIGNALSAFE_H
#define PARSAFE_ANALYSIS_ASYNCSIGNALSAFE_H

#include "llvm/ADT/StringRef.h"

namespace clang::tidy::parsafe::analysis {

/// True if the C library function \p Name is async-signal-safe.
bool isAsyncSignalSafe(llvm::StringRef Name);

} // namespace clang::tidy::parsafe::analysis

#endif
