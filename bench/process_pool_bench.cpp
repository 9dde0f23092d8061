// ProcessPool throughput and round trip, and the physical floor: a raw pipe
// ping-pong between two processes (and, for reference, the same over an
// AF_UNIX socketpair). Prints "key value" lines that bench/process_ratios.py
// compares with bench/process_pool_python.py.
//
//   process_pool_bench [workers] [tasks]
#include <parsafe/process_pool.hpp>

#include <fcntl.h>
#include <sys/socket.h>
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

/// A child process echoing 16-byte messages back through two pipes, or one
/// socketpair: what any process pool pays at least per round trip.
class Echo {
public:
  explicit Echo(bool socket) {
    int to_child[2], to_parent[2];
    if (socket) {
      if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, to_child) != 0)
        std::exit(1);
      to_parent[0] = to_child[0];
      to_parent[1] = to_child[1];
    } else if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(to_parent, O_CLOEXEC) != 0) {
      std::exit(1);
    }
    pid_ = ::fork();
    if (pid_ == 0) {
      // The parent's ends: or the child never sees end of file.
      ::close(socket ? to_child[0] : to_child[1]);
      if (!socket)
        ::close(to_parent[0]);
      int in = socket ? to_child[1] : to_child[0];
      int out = to_parent[1];
      char buf[16];
      while (::read(in, buf, sizeof buf) == sizeof buf)
        if (::write(out, buf, sizeof buf) != sizeof buf)
          break;
      ::_exit(0);
    }
    write_ = socket ? to_child[0] : to_child[1];
    read_ = to_parent[0];
    if (socket) {
      ::close(to_child[1]);
    } else {
      ::close(to_child[0]);
      ::close(to_parent[1]);
    }
  }
  ~Echo() {
    ::close(write_);
    if (read_ != write_)
      ::close(read_);
    ::waitpid(pid_, nullptr, 0);
  }
  /// One round trip, in µs.
  double round_trip_us() {
    char buf[16] = "ping";
    auto start = Clock::now();
    if (::write(write_, buf, sizeof buf) != sizeof buf || ::read(read_, buf, sizeof buf) != sizeof buf)
      std::exit(1);
    return seconds_since(start) * 1e6;
  }

private:
  pid_t pid_ = -1;
  int write_ = -1;
  int read_ = -1;
};

}  // namespace

int main(int argc, char** argv) {
  PARSAFE_MAIN_GUARD(argc, argv);
  unsigned workers = argc > 1 ? static_cast<unsigned>(std::atoi(argv[1])) : 2;
  int tasks = argc > 2 ? std::atoi(argv[2]) : 100000;

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

  // Round trips of the pool and of the raw floors, in alternating blocks, so
  // that all three see the same machine load (it is shared, and drifts).
  Echo pipe(false), socket(true);
  std::vector<double> samples, pipe_samples, socket_samples;
  for (int block = 0; block < 10; ++block) {
    for (int i = 0; i < 500; ++i) {
      auto t = Clock::now();
      sum += pool.submit<tiny>(i).get();
      samples.push_back(seconds_since(t) * 1e6);
    }
    for (int i = 0; i < 500; ++i)
      pipe_samples.push_back(pipe.round_trip_us());
    for (int i = 0; i < 500; ++i)
      socket_samples.push_back(socket.round_trip_us());
  }
  std::printf("round_trip_us %.2f\n", median(samples));
  std::printf("raw_pipe_round_trip_us %.2f\n", median(pipe_samples));
  std::printf("raw_socket_round_trip_us %.2f\n", median(socket_samples));
  std::printf("workers %u\ntasks %d\n", workers, tasks);
  return sum == 0 ? 1 : 0;
}
