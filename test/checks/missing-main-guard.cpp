// Each program needs its own main(): the cases are separate files under
// missing-main-guard/, run here one by one.
// RUN: %check_parsafe %S/Inputs/missing-main-guard/no-guard.cpp parsafe-missing-main-guard %t-1 -- -- -std=c++17 -I %S/Inputs
// RUN: %check_parsafe %S/Inputs/missing-main-guard/no-params.cpp parsafe-missing-main-guard %t-2 -- -- -std=c++17 -I %S/Inputs
// RUN: %check_parsafe %S/Inputs/missing-main-guard/effects-before-guard.cpp parsafe-missing-main-guard %t-3 -- -- -std=c++17 -I %S/Inputs
// RUN: %check_parsafe %S/Inputs/missing-main-guard/spawn-options.cpp parsafe-missing-main-guard %t-4 -- -- -std=c++17 -I %S/Inputs
// RUN: %check_parsafe %S/Inputs/missing-main-guard/pool-in-helper.cpp parsafe-missing-main-guard %t-5 -- -- -std=c++17 -I %S/Inputs
// RUN: %check_parsafe %S/Inputs/missing-main-guard/self-exec.cpp parsafe-missing-main-guard %t-6 -- -- -std=c++17 -I %S/Inputs
// RUN: %check_parsafe %S/Inputs/missing-main-guard/self-exec.c parsafe-missing-main-guard %t-7 -- -- -std=c11
// RUN: %check_parsafe -check-suffixes=OPTION %S/Inputs/missing-main-guard/user-named.cpp parsafe-missing-main-guard %t-8 \
// RUN:   -- -config="{CheckOptions: {parsafe-missing-main-guard.ReexecutingFunctions: 'workers::start_pool'}}" -- -std=c++17
// Negatives: must stay silent.
// RUN: %check_parsafe %S/Inputs/missing-main-guard/guard-first.cpp parsafe-missing-main-guard %t-9 -- -- -std=c++17 -I %S/Inputs
// RUN: %check_parsafe %S/Inputs/missing-main-guard/fork-only.cpp parsafe-missing-main-guard %t-10 -- -- -std=c++17 -I %S/Inputs
// RUN: %check_parsafe %S/Inputs/missing-main-guard/harmless-before.cpp parsafe-missing-main-guard %t-11 -- -- -std=c++17 -I %S/Inputs
// RUN: %check_parsafe %S/Inputs/missing-main-guard/no-pool.cpp parsafe-missing-main-guard %t-12 -- -- -std=c++17 -I %S/Inputs
// RUN: %check_parsafe %S/Inputs/missing-main-guard/dispatch.c parsafe-missing-main-guard %t-13 -- -- -std=c11
// RUN: %check_parsafe %S/Inputs/missing-main-guard/exec-other.c parsafe-missing-main-guard %t-14 -- -- -std=c11
// RUN: %check_parsafe %S/Inputs/missing-main-guard/user-named.cpp parsafe-missing-main-guard %t-15 -- -- -std=c++17
// RUN: %check_parsafe %S/Inputs/missing-main-guard/no-main.cpp parsafe-missing-main-guard %t-16 -- -- -std=c++17 -I %S/Inputs

// This file itself has a pool and no main: nothing to report here.
// CHECK-MESSAGES-NONE: this prefix is never used; the cases carry their own lines
