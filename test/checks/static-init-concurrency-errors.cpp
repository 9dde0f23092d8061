// RUN: %check_parsafe --expect-compile-errors %s parsafe-static-init-concurrency %t

// The check survives code that does not compile: invalid declarations and
// initializers with errors are skipped, valid ones are still analysed.
#include <thread>

void work();

std::thread g_valid(work);
// CHECK-MESSAGES: :[[@LINE-1]]:13: warning: dynamic initialization of 'g_valid' starts a thread ('std::thread') before 'main' runs [parsafe-static-init-concurrency]

std::thread g_broken(undeclared_function);
int g_bad_init = missing_helper() + std::thread(work).joinable();
UnknownType g_unknown_type(4);

struct Broken {
  Broken() { std::thread(work).detach(); this_is_not_declared(); }
};
Broken g_broken_ctor;
// A body with an error still starts its thread: reported like valid code.
// CHECK-MESSAGES: :[[@LINE-2]]:8: warning: dynamic initialization of 'g_broken_ctor' starts a thread ('std::thread') before 'main' runs

__attribute__((constructor)) static void half_written() {
  std::thread(work
}
// Clang recovers the unterminated call as a complete construction: the
// finding is what the finished code will do.
// CHECK-MESSAGES: :[[@LINE-5]]:42: warning: constructor function 'half_written' starts a thread ('std::thread') before 'main' runs
