// ProcessPool throughput and round trip, and the physical floor: a raw pipe
// ping-pong between two processes. Prints "key value" lines that
// bench/process_ratios.py compares with bench/process_pool_python.py.
//
//   process_pool_bench [workers] [tasks]
#include <parsafe/process_pool.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

int tiny(int x) { return x + 1; }
PARSAFE_TASK(tiny);

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

/// Median round trip (µs) of a 16-byte message to a child process and back
/// through two pipes: what any process pool pays at least.
double raw_pipe_round_trip_us(int rounds) {
  int to_child[2], to_parent[2];
  if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(to_parent, O_CLOEXEC) != 0)
    std::exit(1);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(to_child[1]);  // or the child never sees end of file
    ::close(to_parent[0]);
    char buf[16];
    while (::read(to_child[0], buf, sizeof buf) == sizeof buf)
      if (::write(to_parent[1], buf, sizeof buf) != sizeof buf)
        break;
    ::_exit(0);
  }
  ::close(to_child[0]);
  ::close(to_parent[1]);
  char buf[16] = "ping";
  std::vector<double> samples;
  for (int i = 0; i < rounds; ++i) {
    auto start = Clock::now();
    if (::write(to_child[1], buf, sizeof buf) != sizeof buf ||
        ::read(to_parent[0], buf, sizeof buf) != sizeof buf)
      std::exit(1);
    samples.push_back(seconds_since(start) * 1e6);
  }
  ::close(to_child[1]);
  ::close(to_parent[0]);
  ::waitpid(pid, nullptr, 0);
  return median(samples);
}

}  // namespace

int main(int argc, char** argv) {
  PARSAFE_MAIN_GUARD(argc, argv);
  unsigned workers = argc > 1 ? static_cast<unsigned>(std::atoi(argv[1])) : 2;
  int tasks = argc > 2 ? std::atoi(argv[2]) : 100000;

  std::printf("raw_pipe_round_trip_us %.2f\n", raw_pipe_round_trip_us(20000));

  parsafe::PoolOptions options;
  options.workers = workers;
  parsafe::ProcessPool pool(options);
  pool.submit<tiny>(0).get();  // warm up every worker

  auto start = Clock::now();
  std::vector<parsafe::Future<int>> futures;
  futures.reserve(static_cast<std::size_t>(tasks));
  for (int i = 0; i < tasks; ++i)
    futures.push_back(pool.submit<tiny>(i));
  long long sum = 0;
  for (auto& f : futures)
    sum += f.get();
  std::printf("submit_tasks_per_s %.0f\n", tasks / seconds_since(start));

  std::vector<int> inputs(static_cast<std::size_t>(tasks));
  for (int i = 0; i < tasks; ++i)
    inputs[static_cast<std::size_t>(i)] = i;
  start = Clock::now();
  std::vector<int> mapped = pool.map<tiny>(inputs);
  std::printf("map_tasks_per_s %.0f\n", tasks / seconds_since(start));

  std::vector<double> samples;
  for (int i = 0; i < 5000; ++i) {
    auto t = Clock::now();
    sum += pool.submit<tiny>(i).get();
    samples.push_back(seconds_since(t) * 1e6);
  }
  std::printf("round_trip_us %.2f\n", median(samples));
  std::printf("workers %u\ntasks %d\n", workers, tasks);
  return sum == 0 ? 1 : 0;
}
