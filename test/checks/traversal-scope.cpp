// parsafe narrows clang-tidy's traversal to declarations outside system
// headers when only its own checks run (checks/ParsafeCheckBase.h). The findings
// must be the same either way: in user headers, and through calls into
// system headers. With another matcher check enabled, the traversal stays
// whole and that check still sees system headers (--system-headers).
//
// RUN: %parsafe_tidy -checks='-*,parsafe-*' -header-filter='.*' %s -- -std=c++17 \
// RUN:   -I %S/Inputs/traversal-scope/user -isystem %S/Inputs/traversal-scope/sys \
// RUN:   | FileCheck %s --check-prefix=PARSAFE --implicit-check-not='[parsafe-'
// RUN: %parsafe_tidy -checks='-*,parsafe-*,misc-unused-parameters' --system-headers \
// RUN:   -header-filter='.*' %s -- -std=c++17 \
// RUN:   -I %S/Inputs/traversal-scope/user -isystem %S/Inputs/traversal-scope/sys \
// RUN:   > %t.whole
// RUN: FileCheck %s --input-file=%t.whole --check-prefix=PARSAFE --implicit-check-not='[parsafe-'
// RUN: FileCheck %s --input-file=%t.whole --check-prefix=OTHER

#include "hit_counter.h"
#include <thread>
#include <vendor_math.h>

// Diagnostics come sorted by file: the user header's first.
// PARSAFE: hit_counter.h:15:26: warning: data race on 'header_total'{{.*}} [parsafe-shared-state-race]

long local_total = 0;

void worker() {
  record_hit();
  // PARSAFE: traversal-scope.cpp:[[@LINE-1]]:3: warning: data race on 'shared_hits': this write (through a call) {{.*}} [parsafe-shared-state-race]
  // PARSAFE: hit_counter.h:6:28: note: the write of 'shared_hits' is here
  local_total += vendor_scale_counted(3);
  // PARSAFE: traversal-scope.cpp:[[@LINE-1]]:3: warning: data race on 'local_total': this write runs concurrently {{.*}} [parsafe-shared-state-race]
}
// OTHER: vendor_math.h:4:40: warning: parameter 'rounding' is unused [misc-unused-parameters]

int main() {
  count_in_two_threads();
  std::thread first(worker);
  std::thread second(worker);
  first.join();
  second.join();
  return static_cast<int>(local_total + shared_hits);
}
