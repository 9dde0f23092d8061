// The parts of parsafe::ProcessPool's interface that parsafe-missing-main-guard
// looks at: the class name, the Start enumeration and the options' `start`.
#pragma once
namespace parsafe {
enum class Start { fork, spawn };
struct PoolOptions {
  int workers = 2;
  Start start = Start::spawn;
};
class ProcessPool {
public:
  ProcessPool();
  explicit ProcessPool(PoolOptions Options);
};
namespace detail {
int dispatch_worker(int argc, char **argv);
}
} // namespace parsafe
#define PARSAFE_MAIN_GUARD(argc, argv)                                                             \
  do {                                                                                             \
    if (::parsafe::detail::dispatch_worker(argc, argv))                                            \
      return 0;                                                                                    \
  } while (0)
