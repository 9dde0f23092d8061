// parsafe::ProcessPool: results, failure semantics (RemoteError, WorkerCrashed,
// TaskTimeout, broken pools), start methods, and cleanup (no zombies, no
// leaked descriptors). main() puts PARSAFE_MAIN_GUARD first: spawned workers
// re-execute this binary and must never run the test suite.
#include <parsafe/process_pool.hpp>

#include "sanitizer_scale.hpp"

#include <gtest/gtest.h>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <variant>
#include <vector>

namespace {

int square(int x) { return x * x; }

struct Report {
  std::string name;
  std::map<std::string, int> counts;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(name, counts);
  }
};

Report summarize(const std::string& name, const std::vector<std::string>& words) {
  Report r{name, {}};
  for (const auto& w : words)
    ++r.counts[w];
  return r;
}

Report count_one(const std::string& word) { return Report{word, {{word, 1}}}; }

std::variant<int, std::string> classify(std::optional<int> value) {
  if (value)
    return *value;
  return std::string("none");
}

struct CustomFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};
int fail_with(int kind) {
  if (kind == 0)
    throw std::invalid_argument("bad input 42");
  if (kind == 1)
    throw CustomFailure("custom");
  throw 7;
}

int die(int how) {
  if (how == 0)
    ::raise(SIGKILL);
  if (how == 1)
    std::abort();
  std::exit(3);
}

int sleep_ms(int ms) {
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  return ms;
}

int die_after_ms(int ms) {
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  ::raise(SIGKILL);
  return ms;
}

int worker_pid() { return static_cast<int>(::getpid()); }

/// Descriptors open in the calling process, except the one listing them.
std::set<int> open_fds() {
  std::set<int> fds;
  DIR* dir = ::opendir("/proc/self/fd");
  if (!dir)
    return fds;
  while (dirent* e = ::readdir(dir))
    if (e->d_name[0] != '.')
      fds.insert(std::atoi(e->d_name));
  fds.erase(::dirfd(dir));
  ::closedir(dir);
  return fds;
}

std::vector<int> worker_fds() {
  auto fds = open_fds();
  return std::vector<int>(fds.begin(), fds.end());
}

int write_garbage() {
  const char junk[] = "this is not a frame, not at all";
  ssize_t n = ::write(4, junk, sizeof junk);  // the answers pipe, in a spawned worker
  (void)n;
  return 1;
}

std::string make_big(int bytes) { return std::string(static_cast<std::size_t>(bytes), 'b'); }

int g_initialized = 0;
void init_worker(int value) { g_initialized = value; }
int initialized_value() { return g_initialized; }
void init_fails(std::string why) { throw std::runtime_error(why); }

}  // namespace

// Registered at global scope: PARSAFE_TASK specializes a parsafe template.
PARSAFE_TASK(square);
PARSAFE_TASK(summarize);
PARSAFE_TASK(count_one);
PARSAFE_TASK(classify);
PARSAFE_TASK(fail_with);
PARSAFE_TASK(die);
PARSAFE_TASK(sleep_ms);
PARSAFE_TASK(die_after_ms);
PARSAFE_TASK(worker_pid);
PARSAFE_TASK(worker_fds);
PARSAFE_TASK(write_garbage);
PARSAFE_TASK(make_big);
PARSAFE_TASK(init_worker);
PARSAFE_TASK(initialized_value);
PARSAFE_TASK(init_fails);

namespace {

int thread_count() {
  int n = 0;
  DIR* dir = ::opendir("/proc/self/task");
  while (dirent* e = dir ? ::readdir(dir) : nullptr)
    n += e->d_name[0] != '.';
  if (dir)
    ::closedir(dir);
  return n;
}

/// True when this process has no child left (none running, none a zombie).
bool no_children() {
  int status;
  return ::waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD;
}

parsafe::PoolOptions options(unsigned workers) {
  parsafe::PoolOptions o;
  o.workers = workers;
  return o;
}

TEST(ProcessPool, SubmitAndMap) {
  parsafe::ProcessPool pool(options(2));
  EXPECT_EQ(pool.size(), 2u);
  EXPECT_EQ(pool.submit<square>(7).get(), 49);
  std::vector<int> inputs;
  for (int i = 0; i < 300; ++i)
    inputs.push_back(i);
  std::vector<int> squares = pool.map<square>(inputs);
  ASSERT_EQ(squares.size(), inputs.size());
  for (int i = 0; i < 300; ++i)
    EXPECT_EQ(squares[static_cast<std::size_t>(i)], i * i);
}

TEST(ProcessPool, MapSendsChunksAndRethrowsTheFirstFailure) {
  parsafe::ProcessPool pool(options(2));
  EXPECT_TRUE(pool.map<square>(std::vector<int>{}).empty());
  std::vector<std::string> words = {"a", "b", "a"};
  std::vector<Report> reports = pool.map<count_one>(words);
  ASSERT_EQ(reports.size(), 3u);
  EXPECT_EQ(reports[2].name, "a");
  try {
    pool.map<fail_with>(std::vector<int>{5, 5, 5, 5, 5, 5, 5, 5, 5, 0, 1});
    FAIL() << "no exception";
  } catch (const parsafe::RemoteError& e) {
    EXPECT_EQ(e.type_name(), "int");  // fail_with(5) throws 7, the first failure in input order
  }
}

TEST(ProcessPool, RichArgumentAndResultTypes) {
  parsafe::ProcessPool pool(options(1));
  Report r = pool.submit<summarize>("words", std::vector<std::string>{"a", "b", "a"}).get();
  EXPECT_EQ(r.name, "words");
  EXPECT_EQ(r.counts["a"], 2);
  EXPECT_EQ(r.counts["b"], 1);
  EXPECT_EQ(std::get<int>(pool.submit<classify>(5).get()), 5);
  EXPECT_EQ(std::get<std::string>(pool.submit<classify>(std::nullopt).get()), "none");
}

TEST(ProcessPool, ManyTasksInFlight) {
  parsafe::ProcessPool pool(options(2));
  std::vector<parsafe::Future<int>> futures;
  const int n = static_cast<int>(parsafe::test::scaled(20000));
  for (int i = 0; i < n; ++i)
    futures.push_back(pool.submit<square>(i));
  long long sum = 0, expected = 0;
  for (int i = 0; i < n; ++i) {
    sum += futures[static_cast<std::size_t>(i)].get();
    expected += static_cast<long long>(i) * i;
  }
  EXPECT_EQ(sum, expected);
}

TEST(ProcessPool, AsCompletedVisitsEveryFuture) {
  parsafe::ProcessPool pool(options(2));
  std::vector<parsafe::Future<int>> futures;
  futures.push_back(pool.submit<sleep_ms>(200));
  futures.push_back(pool.submit<sleep_ms>(1));
  std::vector<int> order;
  for (auto& f : parsafe::as_completed(futures))
    order.push_back(f.get());
  EXPECT_EQ(order, (std::vector<int>{1, 200}));
}

TEST(ProcessPool, ExceptionsArriveAsRemoteError) {
  parsafe::ProcessPool pool(options(1));
  try {
    pool.submit<fail_with>(0).get();
    FAIL() << "no exception";
  } catch (const parsafe::RemoteError& e) {
    EXPECT_EQ(e.type_name(), "std::invalid_argument");
    EXPECT_EQ(e.message(), "bad input 42");
    EXPECT_NE(std::string(e.what()).find("std::invalid_argument: bad input 42"), std::string::npos);
  }
  try {
    pool.submit<fail_with>(1).get();
    FAIL() << "no exception";
  } catch (const parsafe::RemoteError& e) {
    EXPECT_EQ(e.type_name(), "(anonymous namespace)::CustomFailure");
  }
  try {
    pool.submit<fail_with>(2).get();
    FAIL() << "no exception";
  } catch (const parsafe::RemoteError& e) {
    EXPECT_EQ(e.type_name(), "int");
  }
  EXPECT_EQ(pool.submit<square>(3).get(), 9);  // the worker survived
}

void expect_crash(parsafe::Future<int> f, int signal, int code) {
  try {
    f.get();
    FAIL() << "no exception";
  } catch (const parsafe::WorkerCrashed& e) {
    EXPECT_EQ(e.signal(), signal) << e.what();
    EXPECT_EQ(e.exit_code(), code) << e.what();
  }
}

TEST(ProcessPool, CrashFailsOnlyItsTaskAndWorkerIsReplaced) {
  parsafe::ProcessPool pool(options(1));
  // Tasks sent behind the crashing one to the same worker must still run.
  auto killed = pool.submit<die>(0);
  std::vector<parsafe::Future<int>> after;
  for (int i = 0; i < 5; ++i)
    after.push_back(pool.submit<square>(i));
  expect_crash(std::move(killed), SIGKILL, -1);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(after[static_cast<std::size_t>(i)].get(), i * i);
  expect_crash(pool.submit<die>(1), SIGABRT, -1);
  expect_crash(pool.submit<die>(2), 0, 3);
  EXPECT_EQ(pool.submit<square>(12).get(), 144);
  EXPECT_FALSE(pool.broken());
}

// After many short tasks a worker is sent up to 64 ahead, and a submitter
// holds frames back for the next answer to carry: the crash finds tasks sent,
// tasks half-read and frames never written behind the running one.
TEST(ProcessPool, CrashWithABatchInFlightFailsOnlyTheRunningTask) {
  parsafe::ProcessPool pool(options(1));
  for (int round = 0; round < 3; ++round) {
    std::vector<parsafe::Future<int>> warm;
    for (int i = 0; i < 200; ++i)
      warm.push_back(pool.submit<square>(i));
    for (auto& f : warm)
      f.get();
    const int before_pid = pool.submit<worker_pid>().get();
    std::vector<parsafe::Future<int>> before, after;
    for (int i = 0; i < 30; ++i)
      before.push_back(pool.submit<square>(i));
    auto killed = pool.submit<die>(round);  // SIGKILL, abort(), exit(3)
    for (int i = 0; i < 100; ++i)
      after.push_back(pool.submit<square>(i + 100));
    if (round == 0)
      expect_crash(std::move(killed), SIGKILL, -1);
    else if (round == 1)
      expect_crash(std::move(killed), SIGABRT, -1);
    else
      expect_crash(std::move(killed), 0, 3);
    for (int i = 0; i < 30; ++i)
      EXPECT_EQ(before[static_cast<std::size_t>(i)].get(), i * i) << i;
    for (int i = 0; i < 100; ++i)
      EXPECT_EQ(after[static_cast<std::size_t>(i)].get(), (i + 100) * (i + 100)) << i;
    EXPECT_NE(pool.submit<worker_pid>().get(), before_pid);  // replaced
  }
  EXPECT_FALSE(pool.broken());
}

// A task that has run for long gets nothing sent behind it, whatever the
// window its worker had: the tasks submitted meanwhile go to the idle worker.
TEST(ProcessPool, LongTaskLeavesLaterTasksToTheIdleWorker) {
  parsafe::ProcessPool pool(options(2));
  std::vector<parsafe::Future<int>> warm;
  for (int i = 0; i < 400; ++i)
    warm.push_back(pool.submit<square>(i));
  for (auto& f : warm)
    f.get();
  auto slow = pool.submit<sleep_ms>(20000);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // it has run for long
  std::vector<parsafe::Future<int>> quick;
  for (int i = 0; i < 100; ++i)
    quick.push_back(pool.submit<square>(i));
  for (int i = 0; i < 100; ++i)
    EXPECT_EQ(quick[static_cast<std::size_t>(i)].get(), i * i) << i;
  EXPECT_FALSE(slow.ready());  // none of them waited behind it
  pool.terminate();
  EXPECT_THROW(slow.get(), parsafe::Terminated);
}

TEST(ProcessPool, TimeoutKillsTheTask) {
  auto o = options(1);
  o.task_timeout = std::chrono::milliseconds(300);
  parsafe::ProcessPool pool(o);
  auto start = std::chrono::steady_clock::now();
  auto slow = pool.submit<sleep_ms>(20000);
  auto next = pool.submit<square>(6);
  EXPECT_THROW(slow.get(), parsafe::TaskTimeout);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15));
  EXPECT_EQ(next.get(), 36);
  EXPECT_EQ(pool.submit<sleep_ms>(10).get(), 10);
}

TEST(ProcessPool, MaxTasksPerChildReplacesWorkers) {
  auto o = options(1);
  o.max_tasks_per_child = 2;
  parsafe::ProcessPool pool(o);
  std::set<int> pids;
  for (int i = 0; i < 6; ++i)
    pids.insert(pool.submit<worker_pid>().get());
  EXPECT_EQ(pids.size(), 3u);
  EXPECT_EQ(pids.count(static_cast<int>(::getpid())), 0u);
}

TEST(ProcessPool, InitializerRunsInEveryWorker) {
  auto o = options(2);
  o.initializer = parsafe::initializer<init_worker>(99);
  parsafe::ProcessPool pool(o);
  EXPECT_EQ(pool.submit<initialized_value>().get(), 99);
  EXPECT_EQ(g_initialized, 0);  // only in the workers
}

TEST(ProcessPool, FailingInitializerBreaksThePool) {
  auto o = options(2);
  o.initializer = parsafe::initializer<init_fails>(std::string("no database"));
  parsafe::ProcessPool pool(o);
  EXPECT_TRUE(pool.broken());
  try {
    pool.submit<square>(1);
    FAIL() << "submit on a broken pool";
  } catch (const parsafe::BrokenPool& e) {
    EXPECT_NE(std::string(e.what()).find("initializer failed"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("no database"), std::string::npos) << e.what();
  }
}

TEST(ProcessPool, CorruptFrameFromWorkerFailsItsTask) {
  parsafe::ProcessPool pool(options(1));
  EXPECT_THROW(pool.submit<write_garbage>().get(), parsafe::DecodeError);
  EXPECT_EQ(pool.submit<square>(4).get(), 16);
}

TEST(ProcessPool, OversizedMessagesAreRefused) {
  auto o = options(1);
  o.max_message_bytes = 1000;
  parsafe::ProcessPool pool(o);
  EXPECT_THROW(pool.submit<summarize>(std::string(2000, 'x'), std::vector<std::string>{}),
               parsafe::Error);
  try {
    pool.submit<make_big>(5000).get();
    FAIL() << "oversized result delivered";
  } catch (const parsafe::RemoteError& e) {
    EXPECT_NE(std::string(e.what()).find("max_message_bytes"), std::string::npos) << e.what();
  }
  EXPECT_EQ(pool.submit<make_big>(10).get(), "bbbbbbbbbb");
}

TEST(ProcessPool, ShutdownCancelsPendingAndRefusesNewWork) {
  parsafe::ProcessPool pool(options(1));
  auto running = pool.submit<sleep_ms>(300);
  std::vector<parsafe::Future<int>> queued;
  for (int i = 0; i < 20; ++i)
    queued.push_back(pool.submit<square>(i));
  pool.shutdown(/*cancel_pending=*/true);
  EXPECT_EQ(running.get(), 300);
  int cancelled = 0;
  for (auto& f : queued) {
    try {
      f.get();
    } catch (const parsafe::Cancelled&) {
      ++cancelled;
    }
  }
  EXPECT_GT(cancelled, 0);  // some were already sent to the worker and ran
  EXPECT_THROW(pool.submit<square>(1), parsafe::PoolShutDown);
}

TEST(ProcessPool, TerminateKillsRunningTasks) {
  parsafe::ProcessPool pool(options(2));
  auto a = pool.submit<sleep_ms>(30000);
  auto b = pool.submit<sleep_ms>(30000);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto start = std::chrono::steady_clock::now();
  pool.terminate();
  EXPECT_THROW(a.get(), parsafe::Terminated);
  EXPECT_THROW(b.get(), parsafe::Terminated);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_TRUE(no_children());
}

TEST(ProcessPool, NoZombiesAndNoLeakedDescriptors) {
  std::set<int> before = open_fds();
  {
    auto o = options(3);
    o.max_tasks_per_child = 3;
    parsafe::ProcessPool pool(o);
    for (int i = 0; i < 20; ++i)
      pool.submit<square>(i).get();
    expect_crash(pool.submit<die>(0), SIGKILL, -1);
    // Every descriptor the pool holds is close-on-exec.
    for (int fd : open_fds())
      if (!before.count(fd))
        EXPECT_TRUE(::fcntl(fd, F_GETFD) & FD_CLOEXEC) << "descriptor " << fd;
  }
  EXPECT_EQ(open_fds(), before);
  EXPECT_TRUE(no_children());
}

// A thread blocked in get() reads its worker's socket itself (see
// process_pool.cpp). These tests make sure the waiter is reading when the
// unusual happens, and that it hands the socket back to the I/O thread.

TEST(ProcessPool, ManyWaitersOnOneWorker) {
  parsafe::ProcessPool pool(options(1));
  constexpr int kTasks = 24;  // more than a worker's window: some stay queued
  std::vector<parsafe::Future<int>> futures;
  for (int i = 0; i < kTasks; ++i)
    futures.push_back(i % 3 == 0 ? pool.submit<sleep_ms>(5) : pool.submit<square>(i));
  std::vector<int> results(kTasks, -1);
  std::vector<std::thread> waiters;
  for (int t = 0; t < 6; ++t)
    waiters.emplace_back([&, t] {
      // Later futures first: the reader delivers the earlier ones meanwhile.
      for (int i = kTasks - 1 - t; i >= 0; i -= 6)
        results[static_cast<std::size_t>(i)] = futures[static_cast<std::size_t>(i)].get();
    });
  pool.wait();
  for (auto& w : waiters)
    w.join();
  for (int i = 0; i < kTasks; ++i)
    EXPECT_EQ(results[static_cast<std::size_t>(i)], i % 3 == 0 ? 5 : i * i) << i;
  EXPECT_EQ(pool.submit<square>(7).get(), 49);  // the I/O thread has the socket again
}

TEST(ProcessPool, WorkerCrashesWhileTheWaiterReads) {
  parsafe::ProcessPool pool(options(1));
  auto dying = pool.submit<die_after_ms>(100);
  auto behind = pool.submit<square>(5);
  expect_crash(std::move(dying), SIGKILL, -1);
  EXPECT_EQ(behind.get(), 25);  // sent again to the replacement worker
  EXPECT_EQ(pool.submit<square>(6).get(), 36);
}

TEST(ProcessPool, TimeoutWhileTheWaiterReads) {
  auto o = options(1);
  o.task_timeout = std::chrono::milliseconds(200);
  parsafe::ProcessPool pool(o);
  for (int round = 0; round < 2; ++round) {  // the replacement worker can be read too
    auto slow = pool.submit<sleep_ms>(20000);
    auto quick = pool.submit<square>(round);
    std::thread waiter([&] { EXPECT_THROW(slow.get(), parsafe::TaskTimeout); });
    waiter.join();
    EXPECT_EQ(quick.get(), round * round);
  }
}

TEST(ProcessPool, TerminateWhileAWaiterReads) {
  parsafe::ProcessPool pool(options(1));
  auto running = pool.submit<sleep_ms>(30000);
  auto queued = pool.submit<square>(2);
  std::thread waiter([&] { EXPECT_THROW(running.get(), parsafe::Terminated); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto start = std::chrono::steady_clock::now();
  pool.terminate();
  waiter.join();
  EXPECT_THROW(queued.get(), parsafe::Terminated);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_TRUE(no_children());
}

TEST(ProcessPool, PoolDestroyedWhileAWaiterReadsAndFutureOutlivesIt) {
  parsafe::Future<int> outlives;
  std::thread waiter;
  int waited = -1;
  {
    parsafe::ProcessPool pool(options(1));
    auto running = std::make_shared<parsafe::Future<int>>(pool.submit<sleep_ms>(150));
    outlives = pool.submit<square>(9);
    waiter = std::thread([&waited, running] { waited = running->get(); });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }  // the destructor finishes both tasks, then detaches from their futures
  waiter.join();
  EXPECT_EQ(waited, 150);
  EXPECT_EQ(outlives.get(), 81);
  EXPECT_TRUE(no_children());
}

TEST(ProcessPool, LargeMessagesBothWays) {
  // Bigger than a pipe's buffer: calls are written in parts as the worker
  // reads (writable edges), answers read in parts by the waiting caller.
  parsafe::ProcessPool pool(options(2));
  std::vector<std::string> words(100000, "word");
  words.back() = "last";
  auto report = pool.submit<summarize>(std::string("big"), words);
  auto big = pool.submit<make_big>(3 << 20);
  std::vector<parsafe::Future<std::string>> more;
  for (int i = 0; i < 4; ++i)
    more.push_back(pool.submit<make_big>(1 << 20));
  EXPECT_EQ(big.get().size(), std::size_t(3) << 20);
  Report r = report.get();
  EXPECT_EQ(r.counts["word"], 99999);
  EXPECT_EQ(r.counts["last"], 1);
  for (auto& f : more)
    EXPECT_EQ(f.get(), std::string(std::size_t(1) << 20, 'b'));
}

TEST(ProcessPool, SpawnedWorkerInheritsOnlyItsPipes) {
  int leaked = ::open("/dev/null", O_RDONLY);  // inheritable on purpose
  ASSERT_GE(leaked, 0);
  parsafe::ProcessPool pool(options(1));
  std::vector<int> fds = pool.submit<worker_fds>().get();
  ::close(leaked);
  EXPECT_EQ(fds, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(ProcessPool, ForkStartRefusedWithOtherThreads) {
  std::mutex m;
  std::condition_variable cv;
  bool done = false;
  std::thread other([&] {
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, [&] { return done; });
  });
  auto o = options(1);
  o.start = parsafe::Start::fork;
  try {
    parsafe::ProcessPool pool(o);
    ADD_FAILURE() << "fork with another thread running was accepted";
  } catch (const parsafe::StartError& e) {
    EXPECT_NE(std::string(e.what()).find("Start::fork refused"), std::string::npos) << e.what();
  }
  {
    std::lock_guard<std::mutex> lock(m);
    done = true;
  }
  cv.notify_one();
  other.join();
}

TEST(ProcessPool, ForkStart) {
  auto o = options(2);
  o.start = parsafe::Start::fork;
  if (thread_count() != 1) {
    // ThreadSanitizer runs a background thread: fork is refused, as it should.
    EXPECT_THROW(parsafe::ProcessPool pool(o), parsafe::StartError);
    GTEST_SKIP() << "process has " << thread_count() << " threads (sanitizer runtime)";
  }
  {
    parsafe::ProcessPool pool(o);
    EXPECT_EQ(pool.map<square>(std::vector<int>{1, 2, 3}), (std::vector<int>{1, 4, 9}));
    expect_crash(pool.submit<die>(2), 0, 3);  // replaced by forking again
    EXPECT_EQ(pool.submit<square>(5).get(), 25);
  }
  EXPECT_TRUE(no_children());
}

TEST(ProcessPool, SpawnWithoutMainGuardFailsClearly) {
  // The helper's main() has no PARSAFE_MAIN_GUARD: its workers run main again.
  std::string command = std::string(PARSAFE_NO_GUARD_HELPER) + " 2>&1";
  FILE* out = ::popen(command.c_str(), "r");
  ASSERT_NE(out, nullptr);
  std::string text;
  char buf[512];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, out))
    text.append(buf, n);
  int status = ::pclose(out);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << text;
  EXPECT_NE(text.find("StartError: parsafe::ProcessPool: Start::spawn re-executed this program"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("add PARSAFE_MAIN_GUARD(argc, argv);"), std::string::npos) << text;
  // The parent ran main, and each of its 2 workers at most once (the pool
  // kills the second as soon as the first reports); no worker started more.
  std::size_t runs = 0;
  for (std::size_t at = text.find("main ran"); at != std::string::npos;
       at = text.find("main ran", at + 1))
    ++runs;
  EXPECT_GE(runs, 2u) << text;
  EXPECT_LE(runs, 3u) << text;
}

}  // namespace

int main(int argc, char** argv) {
  PARSAFE_MAIN_GUARD(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
