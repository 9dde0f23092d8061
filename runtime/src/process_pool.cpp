// parsafe::ProcessPool: worker processes, the parent's I/O thread, and the
// worker loop (see parsafe/process_pool.hpp for the contract).
//
// Parent side. Each worker is connected by two pipes: calls go down one,
// answers come up the other (pipes, not a socketpair: a 16-byte ping-pong
// over an AF_UNIX socket takes ~1.7x as long as over pipes on the machine
// measured, see bench/README.md). The parent writes calls without blocking,
// and keeps a copy of the calls pipe's read end so a write to a dead worker
// fails with EAGAIN rather than SIGPIPE; its end of the answers pipe is
// blocking, read without blocking (RWF_NOWAIT) except by a waiting caller,
// see below. End of file on the answers pipe means the worker is gone. Tasks
// are sent ahead to a worker, up to its window (send_window()); it answers
// them in order, so the oldest unanswered task is the one running: that is the
// task a crash or a timeout fails, and the others are queued again. The
// worker writes each answer before it starts the next task, never a batch of
// them: a crash must find every finished task answered, or it would fail
// (or re-run) a task that had finished. One I/O thread polls the
// answers pipes (epoll), delivers results, enforces timeouts and replaces dead
// workers; submitters write directly to a worker with room, so a lone task
// costs no extra thread hop on the way out.
//
// Nor on the way back: a thread blocked on a future whose task a worker holds
// becomes that worker's reader (WorkerProc::reader_busy) if no other thread
// is. It disarms the I/O thread's interest in the answers pipe, blocks in
// read() on it and delivers answers itself (other waiters' too) until its own
// is in, so it is woken by the worker directly rather than by the I/O thread,
// which would then wake it: one wake-up per round trip, as in a raw pipe
// ping-pong. Handing the pipe back re-arms the I/O thread's interest (which
// reports whatever is pending) and wakes it when bytes may be left unread
// (tasks still in flight, end of file, a hang-up seen meanwhile). The reader
// only reads and delivers: at end of file or on a corrupt frame it hands the
// pipe back, and the I/O thread does the rest as before (bury, replace,
// fail). To stop a reader early (a task deadline, terminate(), a broken
// pool) the I/O thread kills the worker, which ends the reader's read() at
// end of file, and records in WorkerProc::fate how the worker is to be
// buried. Nobody else reads, buries or closes a worker while it has a reader.
//
// Worker side. A blocking loop: read frames, run the named task, answer.
#include <parsafe/process_pool.hpp>

#include <cxxabi.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <set>
#include <thread>
#include <typeinfo>
#include <unordered_map>

extern char** environ;

namespace parsafe::detail {

namespace {

constexpr const char* kWorkerFlag = "--parsafe-worker";
constexpr const char* kWorkerEnv = "PARSAFE_WORKER";
constexpr int kCallsFd = 3;          // in a spawned worker: the calls pipe's read end
constexpr int kAnswersFd = 4;        // and the answers pipe's write end
// A worker is sent about kQueuedWork of tasks ahead, judged by how long its
// recent tasks took: short tasks travel in batches (one write and one read
// for many), a long one keeps the tasks behind it for idle workers.
constexpr std::chrono::microseconds kQueuedWork{1000};
constexpr std::size_t kMaxWindow = 64;
constexpr int kExitProtocol = 70;    // a worker that received a corrupt frame
constexpr int kExitNoGuard = 127;    // re-executed without PARSAFE_MAIN_GUARD
using Clock = std::chrono::steady_clock;

std::unordered_map<std::string_view, TaskHandler>& registry() {
  static std::unordered_map<std::string_view, TaskHandler> tasks;
  return tasks;
}

// Descriptors owned by pools of this process. A forked worker closes all of
// them: a copy of another worker's calls pipe would keep it from seeing EOF.
std::mutex g_fds_mutex;
std::set<int> g_pool_fds;
std::atomic<int> g_io_threads{0};

void own_fd(int fd) {
  std::lock_guard<std::mutex> lock(g_fds_mutex);
  g_pool_fds.insert(fd);
}
void close_owned_fd(int& fd) {
  if (fd < 0)
    return;
  {
    std::lock_guard<std::mutex> lock(g_fds_mutex);
    g_pool_fds.erase(fd);
  }
  ::close(fd);
  fd = -1;
}

std::string error_text(int error) {
  char buf[256];
  return ::strerror_r(error, buf, sizeof buf);  // the GNU variant returns the text
}
std::string errno_text(const char* what) {
  return std::string(what) + ": " + error_text(errno);
}

/// Threads of this process (the "Threads:" line of /proc/self/status), or -1.
int thread_count() {
  int fd = ::open("/proc/self/status", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  char buf[4096];
  std::string status;
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0)
    status.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  std::size_t at = status.find("\nThreads:");
  return at == std::string::npos ? -1 : std::atoi(status.c_str() + at + 9);
}

/// An exception_ptr to a new E, built in the exception's own storage.
/// std::make_exception_ptr(E(...)) copies a temporary, and libstdc++'s
/// runtime_error shares its message between copies through a reference count
/// that ThreadSanitizer cannot see: the I/O thread destroying the temporary
/// while a caller reads what() is then reported as a race.
template <class E, class... Args>
std::exception_ptr new_error(Args&&... args) {
  try {
    throw E(std::forward<Args>(args)...);
  } catch (...) {
    return std::current_exception();
  }
}

/// The demangled type and the message of the exception being handled.
std::pair<std::string, std::string> describe_current_exception() {
  std::string type = "unknown exception";
  if (const std::type_info* info = abi::__cxa_current_exception_type()) {
    int status = 0;
    char* name = abi::__cxa_demangle(info->name(), nullptr, nullptr, &status);
    type = status == 0 && name ? name : info->name();
    std::free(name);
  }
  std::string message;
  try {
    throw;
  } catch (const std::exception& e) {
    message = e.what();
  } catch (...) {
  }
  return {type, message};
}

void append_string(std::string& out, std::string_view text) {
  Writer writer(out);
  writer.varint(text.size());
  writer.bytes(text.data(), text.size());
}
std::string_view read_string(Reader& in) {
  std::size_t n = in.count<char>();
  return std::string_view(in.take(n), n);
}

/// Writes all of `data` to a blocking pipe; false if the reader is gone (or
/// SIGPIPE ends the worker, which is as good: its parent is gone).
bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

/// Reads what is in a blocking pipe without waiting: -1 with EAGAIN when it
/// is empty, 0 at end of file. Kernels without RWF_NOWAIT for pipes get a
/// poll() first.
ssize_t read_now(int fd, char* data, std::size_t size) {
  iovec part{data, size};
  ssize_t n = ::preadv2(fd, &part, 1, -1, RWF_NOWAIT);
  if (n >= 0 || (errno != EOPNOTSUPP && errno != EINVAL))
    return n;
  pollfd ready{fd, POLLIN, 0};
  int polled = ::poll(&ready, 1, 0);
  if (polled <= 0) {
    if (polled == 0)
      errno = EAGAIN;
    return -1;
  }
  return ::read(fd, data, size);
}

std::string frame_of(FrameKind kind, const std::string& payload) {
  std::string frame;
  std::size_t start = begin_frame(frame);
  frame += payload;
  finish_frame(frame, start, kind, SIZE_MAX);
  return frame;
}

std::string failure_payload(const std::pair<std::string, std::string>& error) {
  std::string payload;
  append_string(payload, error.first);
  append_string(payload, error.second);
  return payload;
}

// ---------------------------------------------------------------- worker side

/// Runs one frame's call; appends the answer frame to `out`.
void answer_call(Reader& in, std::string& out, std::size_t max_payload, FrameKind ok,
                 FrameKind failed) {
  std::size_t start = begin_frame(out);
  try {
    std::string_view name = read_string(in);
    TaskHandler handler = find_task(name);
    if (!handler)
      throw Error("parsafe: no task named '" + std::string(name) +
                  "' in the worker (is PARSAFE_TASK in the same executable?)");
    handler(in, out);
    finish_frame(out, start, ok, max_payload);
  } catch (...) {
    out.resize(start + kFrameHeaderSize);
    out += failure_payload(describe_current_exception());
    finish_frame(out, start, failed, SIZE_MAX);
  }
}

/// The worker loop. Returns when the parent closes its end (0), or exits
/// at once if a frame is corrupt or the parent is gone.
int run_worker(int fd, int answers_fd) {
  FrameBuffer in(SIZE_MAX >> 1);
  std::size_t max_payload = kDefaultMaxPayload;
  std::string out;
  for (;;) {
    std::optional<Frame> frame;
    try {
      frame = in.next();
    } catch (const DecodeError& e) {
      std::fprintf(stderr, "parsafe worker %d: %s\n", int(::getpid()), e.what());
      std::fflush(nullptr);
      ::_exit(kExitProtocol);
    }
    if (!frame) {
      ssize_t n = ::read(fd, in.prepare(64 * 1024), in.capacity_left());
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return 0;
      in.commit(static_cast<std::size_t>(n));
      continue;
    }
    out.clear();
    Reader payload(frame->payload.data(), frame->payload.size());
    bool stop = false;
    if (frame->kind == FrameKind::Init) {
      try {
        max_payload = static_cast<std::size_t>(payload.varint());
      } catch (const DecodeError&) {
        ::_exit(kExitProtocol);
      }
      if (payload.done()) {
        std::size_t start = begin_frame(out);
        finish_frame(out, start, FrameKind::Ready, SIZE_MAX);
      } else {
        answer_call(payload, out, SIZE_MAX, FrameKind::Ready, FrameKind::InitFailed);
        stop = out[4] == static_cast<char>(FrameKind::InitFailed);
      }
    } else if (frame->kind == FrameKind::Call) {
      answer_call(payload, out, max_payload, FrameKind::Result, FrameKind::Failure);
    } else {
      ::_exit(kExitProtocol);
    }
    if (!write_all(answers_fd, out.data(), out.size()) || stop)
      return 0;
  }
}

}  // namespace

bool register_task(const char* name, TaskHandler handler) noexcept {
  try {
    registry().emplace(name, handler);
  } catch (...) {
    return false;
  }
  return true;
}

TaskHandler find_task(std::string_view name) noexcept {
  auto it = registry().find(name);
  return it == registry().end() ? nullptr : it->second;
}

int dispatch_worker(int argc, char** argv) {
  if (argc < 2 || !argv || !argv[1] || std::strcmp(argv[1], kWorkerFlag) != 0 ||
      !std::getenv(kWorkerEnv))
    return 0;
  // Pools this worker's tasks create are pools of their own, not a missing guard.
  ::unsetenv(kWorkerEnv);
  ::fcntl(kCallsFd, F_SETFD, FD_CLOEXEC);
  ::fcntl(kAnswersFd, F_SETFD, FD_CLOEXEC);
  run_worker(kCallsFd, kAnswersFd);
  ::close(kCallsFd);
  ::close(kAnswersFd);
  std::fflush(nullptr);
  return 1;
}

// ---------------------------------------------------------------- parent side

struct Job {
  std::string frame;
  std::unique_ptr<PendingResult> result;
};

enum class Death { Exited, TimedOut, Corrupt, Killed };

struct WorkerProc {
  pid_t pid = -1;
  int fd = -1;               // the answers pipe's read end (blocking)
  int calls_fd = -1;         // the calls pipe's write end (non-blocking); -1 once closed
  int calls_keepalive = -1;  // a read end of the calls pipe: no SIGPIPE, ever
  FrameBuffer in;
  std::string out;            // bytes not yet accepted by the calls pipe
  std::size_t frames_in_out = 0;  // tasks at the back of in_flight whose frames are (partly) in `out`
  std::deque<Job> in_flight;  // sent or being sent, not answered; front is running
  unsigned assigned = 0;      // tasks sent in this worker's life
  bool ready = false;         // answered the Init frame
  bool retire = false;        // close our end once `out` is sent (no more tasks)
  bool closed_write = false;
  bool reader_busy = false;   // a waiting caller reads the answers pipe, not the I/O thread
  Death fate = Death::Exited;  // how to bury it once its reader is done, if not Exited
  bool unread = false;        // bytes may wait in the answers pipe with no edge to come
  std::string start_failure;  // why it could not start, if it said so
  Clock::time_point started;
  Clock::time_point running_since;  // since the running task was sent or its predecessor answered
  // Moving average of running_since to the answer: a task's run time while
  // the worker has work queued. Starts at a window of 8.
  Clock::duration task_time = kQueuedWork / 8;

  explicit WorkerProc(std::size_t max_payload) : in(max_payload) {}
};

namespace {
/// How many tasks `w` may hold (sent, unanswered): about kQueuedWork of them
/// at its recent task time, or at the running task's time so far if that is
/// longer (a task running for kQueuedWork or more gets nothing sent behind
/// it). At least 1, at most kMaxWindow.
std::size_t send_window(const WorkerProc& w, Clock::time_point now) {
  Clock::duration task_time = w.task_time;
  if (!w.in_flight.empty())
    task_time = std::max(task_time, now - w.running_since);
  if (task_time <= Clock::duration::zero())
    return kMaxWindow;
  auto fits = static_cast<std::size_t>(Clock::duration(kQueuedWork) / task_time);
  return std::clamp<std::size_t>(fits, 1, kMaxWindow);
}

/// Tasks `w` has received in full and not answered.
std::size_t sent_ahead(const WorkerProc& w) { return w.in_flight.size() - w.frames_in_out; }
}  // namespace

class ProcessPoolCore;

/// The pool as the futures of its tasks see it (their ResultSource). A future
/// may outlive its pool: the pool detaches on destruction, after the callers
/// reading through it are done.
class ResultLink final : public ResultSource {
public:
  explicit ResultLink(ProcessPoolCore* core) : core_(core) {}
  void wait_ready(const StateBase& state) override;
  void detach();

private:
  std::mutex mutex_;
  std::condition_variable done_;
  ProcessPoolCore* core_;
  unsigned readers_ = 0;
};

class ProcessPoolCore {
public:
  explicit ProcessPoolCore(PoolOptions options);
  ~ProcessPoolCore();

  /// See ResultLink: becomes the reader of the worker holding `state`'s task
  /// and reads until it is ready; returns at once if it cannot.
  void read_until_ready(const StateBase& state);
  const std::shared_ptr<ResultSource>& result_source() const noexcept { return source_; }

  void enqueue(Job job);
  void wait();
  void shutdown(bool cancel_pending);
  void terminate();
  bool broken() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return !broken_reason_.empty();
  }
  unsigned size() const noexcept { return static_cast<unsigned>(workers_.size()); }
  std::size_t max_message_bytes() const noexcept { return options_.max_message_bytes; }

private:
  using Lock = std::unique_lock<std::mutex>;

  void start_worker(std::size_t slot);
  pid_t spawn_process(int calls_fd, int answers_fd);
  pid_t fork_process(int calls_fd, int answers_fd);
  void close_fds(WorkerProc& w);
  void io_loop();
  void pump(bool submitter = false);
  void flush(WorkerProc& w);
  void stop_reader(WorkerProc& w, Death fate);
  void close_calls(WorkerProc& w);
  void watch_answers(std::size_t slot, bool watch);
  bool read_from(std::size_t slot);
  void read_and_bury_if_gone(std::size_t slot, Lock& lock);
  void handle_frame(std::size_t slot, const Frame& frame);
  void bury(std::size_t slot, Death death, Lock& lock);
  void check_deadlines(Lock& lock);
  void break_pool(const std::string& reason);
  // Each result gets its own exception object: see retired_ for why the I/O
  // thread must not keep a reference to an exception a caller may be reading.
  template <class MakeError>
  void fail_all(const MakeError& make_error);
  void wake();
  void join_io_thread();
  std::vector<std::unique_ptr<PendingResult>> take_retired(Lock& lock) {
    std::vector<std::unique_ptr<PendingResult>> done;
    done.swap(retired_);
    lock.unlock();
    return done;
  }
  bool idle_locked() const;

  PoolOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;  // readiness, idleness, the I/O thread ending
  std::deque<Job> queue_;
  // Answered results, destroyed by the next user call instead of the I/O
  // thread: the last reference to a future's state (and to the exception in
  // it) is then dropped on the thread that consumed it. ThreadSanitizer cannot
  // see the uninstrumented libstdc++ reference count of exception_ptr, and
  // would otherwise report the I/O thread freeing an exception still being
  // read in a catch block.
  std::vector<std::unique_ptr<PendingResult>> retired_;
  std::vector<std::unique_ptr<WorkerProc>> workers_;  // a slot is null while empty
  std::string broken_reason_;
  std::string start_error_;
  bool starting_ = true;
  bool stopping_ = false;
  bool terminating_ = false;
  bool io_done_ = false;
  int wake_fd_ = -1;
  int epoll_fd_ = -1;
  std::shared_ptr<ResultSource> source_;  // a ResultLink
  ResultLink* link_ = nullptr;
  std::thread io_thread_;
};

void ResultLink::wait_ready(const StateBase& state) {
  ProcessPoolCore* core;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!core_)
      return;
    core = core_;
    ++readers_;
  }
  struct Done {
    ResultLink* link;
    ~Done() {
      std::lock_guard<std::mutex> lock(link->mutex_);
      if (--link->readers_ == 0)
        link->done_.notify_all();
    }
  } done{this};
  core->read_until_ready(state);
}

void ResultLink::detach() {
  std::unique_lock<std::mutex> lock(mutex_);
  core_ = nullptr;
  done_.wait(lock, [this] { return readers_ == 0; });
}

ProcessPoolCore::ProcessPoolCore(PoolOptions options) : options_(std::move(options)) {
  unsigned n = options_.workers ? options_.workers : std::max(1u, std::thread::hardware_concurrency());
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake_fd_ < 0)
    throw StartError("parsafe::ProcessPool: " + errno_text("eventfd"));
  own_fd(wake_fd_);
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  epoll_event wake_event{};
  wake_event.events = EPOLLIN;
  wake_event.data.u64 = UINT64_MAX;
  if (epoll_fd_ < 0 || ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &wake_event) != 0) {
    std::string error = errno_text("epoll");
    ::close(epoll_fd_);
    close_owned_fd(wake_fd_);
    throw StartError("parsafe::ProcessPool: " + error);
  }
  own_fd(epoll_fd_);
  auto close_own_fds = [this] {
    close_owned_fd(epoll_fd_);
    close_owned_fd(wake_fd_);
  };
  if (options_.start == Start::fork) {
    int threads = thread_count();
    if (threads != 1 + g_io_threads.load()) {
      close_own_fds();
      throw StartError(
          "parsafe::ProcessPool: Start::fork refused: this process has " +
          std::to_string(threads - g_io_threads.load()) +
          " threads besides parsafe's own, and a forked child gets copies of their locks in whatever state they are "
          "(a deadlock waiting to happen). Create the pool before starting threads, or use "
          "Start::spawn with PARSAFE_MAIN_GUARD(argc, argv) at the top of main");
    }
  }
  workers_.resize(n);
  try {
    for (std::size_t i = 0; i < n; ++i)
      start_worker(i);
  } catch (...) {
    for (auto& w : workers_)
      if (w) {
        ::kill(w->pid, SIGKILL);
        ::waitpid(w->pid, nullptr, 0);
        close_fds(*w);
      }
    close_own_fds();
    throw;
  }
  auto link = std::make_shared<ResultLink>(this);
  link_ = link.get();
  source_ = std::move(link);
  ++g_io_threads;
  io_thread_ = std::thread([this] { io_loop(); });
  Lock lock(mutex_);
  changed_.wait(lock, [this] {
    return !start_error_.empty() || !broken_reason_.empty() ||
           std::all_of(workers_.begin(), workers_.end(), [](auto& w) { return w && w->ready; });
  });
  starting_ = false;
  if (!start_error_.empty()) {
    std::string error = start_error_;
    terminating_ = true;
    lock.unlock();
    wake();
    join_io_thread();
    link_->detach();
    close_own_fds();
    throw StartError(error);
  }
}

ProcessPoolCore::~ProcessPoolCore() {
  try {
    shutdown(false);
  } catch (...) {
  }
  link_->detach();
  close_owned_fd(epoll_fd_);
  close_owned_fd(wake_fd_);
}

pid_t ProcessPoolCore::spawn_process(int calls_fd, int answers_fd) {
  // The child's pipes go to descriptors 3 and 4; make sure the sources are
  // elsewhere, or the first dup2 could overwrite the second's source.
  int sources[2] = {calls_fd, answers_fd};
  for (int& source : sources)
    if (source == kCallsFd || source == kAnswersFd) {
      source = ::fcntl(source, F_DUPFD_CLOEXEC, 10);
      if (source < 0) {
        std::string error = errno_text("fcntl");
        if (sources[0] != calls_fd && sources[0] >= 0)
          ::close(sources[0]);
        throw StartError("parsafe::ProcessPool: " + error);
      }
    }
  std::vector<std::string> env_storage;
  for (char** e = environ; e && *e; ++e)
    if (std::strncmp(*e, "PARSAFE_WORKER=", 15) != 0)
      env_storage.emplace_back(*e);
  env_storage.emplace_back(std::string(kWorkerEnv) + "=1");
  std::vector<char*> env;
  for (auto& e : env_storage)
    env.push_back(e.data());
  env.push_back(nullptr);
  std::string arg0 = program_invocation_name ? program_invocation_name : "parsafe-worker";
  std::string flag = kWorkerFlag;
  char* argv[] = {arg0.data(), flag.data(), nullptr};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, sources[0], kCallsFd);
  posix_spawn_file_actions_adddup2(&actions, sources[1], kAnswersFd);
  // Descriptors the program left inheritable stay with the parent.
  posix_spawn_file_actions_addclosefrom_np(&actions, kAnswersFd + 1);
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, "/proc/self/exe", &actions, nullptr, argv, env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (sources[0] != calls_fd)
    ::close(sources[0]);
  if (sources[1] != answers_fd)
    ::close(sources[1]);
  if (rc != 0)
    throw StartError("parsafe::ProcessPool: cannot spawn /proc/self/exe: " + error_text(rc));
  return pid;
}

pid_t ProcessPoolCore::fork_process(int calls_fd, int answers_fd) {
  std::vector<int> inherited;
  std::lock_guard<std::mutex> fds(g_fds_mutex);  // no pool opens or closes one meanwhile
  for (int fd : g_pool_fds)
    if (fd != calls_fd && fd != answers_fd)
      inherited.push_back(fd);
  const int* close_first = inherited.data();
  const std::size_t close_count = inherited.size();
  pid_t pid = ::fork();
  if (pid < 0)
    throw StartError("parsafe::ProcessPool: " + errno_text("fork"));
  if (pid == 0) {
    for (std::size_t i = 0; i < close_count; ++i)
      ::close(close_first[i]);
    // The worker loop allocates and formats, which a fork child may do only
    // when no other thread could have held a lock at the fork: start_worker
    // forks only when the process has no threads but parsafe's own I/O
    // threads, and glibc's fork() keeps malloc and stdio consistent.
    int code = run_worker(calls_fd, answers_fd);  // NOLINT(parsafe-fork-unsafe-child): see above
    std::fflush(nullptr);             // NOLINT(parsafe-fork-unsafe-child)
    ::_exit(code);
  }
  return pid;
}

void ProcessPoolCore::start_worker(std::size_t slot) {
  if (options_.start == Start::fork && !starting_) {
    int threads = thread_count();
    int allowed = 1 + g_io_threads.load();
    if (threads > allowed)
      throw StartError("parsafe::ProcessPool: Start::fork cannot replace a worker: the process "
                       "now has " + std::to_string(threads) +
                       " threads besides the pools' own, and forking it could copy a held "
                       "lock into the child. Use Start::spawn");
  }
  int calls[2], answers[2];
  if (::pipe2(calls, O_CLOEXEC) != 0)
    throw StartError("parsafe::ProcessPool: " + errno_text("pipe2"));
  if (::pipe2(answers, O_CLOEXEC) != 0) {
    std::string error = errno_text("pipe2");
    ::close(calls[0]);
    ::close(calls[1]);
    throw StartError("parsafe::ProcessPool: " + error);
  }
  for (int fd : {calls[0], calls[1], answers[0], answers[1]})
    own_fd(fd);
  auto w = std::make_unique<WorkerProc>(options_.max_message_bytes);
  w->fd = answers[0];
  w->calls_fd = calls[1];
  try {
    w->pid = options_.start == Start::fork ? fork_process(calls[0], answers[1])
                                           : spawn_process(calls[0], answers[1]);
  } catch (...) {
    close_owned_fd(answers[1]);
    close_owned_fd(calls[0]);
    close_fds(*w);
    throw;
  }
  close_owned_fd(answers[1]);  // or the answers pipe never reaches end of file
  w->calls_keepalive = calls[0];
  ::fcntl(w->calls_fd, F_SETFL, ::fcntl(w->calls_fd, F_GETFL) | O_NONBLOCK);
  // Edge-triggered: whoever reads must read until EAGAIN or leave `unread`
  // set. The calls pipe signals writable only when it stops being full.
  epoll_event answers_event{}, calls_event{};
  answers_event.events = EPOLLIN | EPOLLET;
  answers_event.data.u64 = (std::uint64_t(slot) << 32) | std::uint32_t(w->fd);
  calls_event.events = EPOLLOUT | EPOLLET;
  calls_event.data.u64 = (std::uint64_t(slot) << 32) | std::uint32_t(w->calls_fd);
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, w->fd, &answers_event) != 0 ||
      ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, w->calls_fd, &calls_event) != 0) {
    std::string error = errno_text("epoll_ctl");
    ::kill(w->pid, SIGKILL);
    ::waitpid(w->pid, nullptr, 0);
    close_fds(*w);
    throw StartError("parsafe::ProcessPool: " + error);
  }
  // The Init frame: the message limit, then the initializer call (if any).
  std::string payload;
  Writer(payload).varint(options_.max_message_bytes);
  if (!options_.initializer.name.empty())
    payload += options_.initializer.arguments;
  w->out = frame_of(FrameKind::Init, payload);
  w->started = Clock::now();
  flush(*w);
  workers_[slot] = std::move(w);
}

void ProcessPoolCore::close_fds(WorkerProc& w) {
  close_owned_fd(w.fd);
  close_owned_fd(w.calls_fd);
  close_owned_fd(w.calls_keepalive);
}

/// Ends the read() of `w`'s reader by killing the worker (end of file); the
/// reader hands the pipe back and the I/O thread buries the worker as `fate`.
void ProcessPoolCore::stop_reader(WorkerProc& w, Death fate) {
  if (w.fate == Death::Exited)
    w.fate = fate;
  ::kill(w.pid, SIGKILL);
}

void ProcessPoolCore::wake() {
  std::uint64_t one = 1;
  ssize_t n = ::write(wake_fd_, &one, sizeof one);
  (void)n;  // EAGAIN: a wake-up is already pending
}

void ProcessPoolCore::enqueue(Job job) {
  Lock lock(mutex_);
  if (!broken_reason_.empty())
    throw BrokenPool(broken_reason_);
  if (stopping_)
    throw PoolShutDown("parsafe::ProcessPool");
  queue_.push_back(std::move(job));
  pump(/*submitter=*/true);
  auto done = std::move(retired_);
  retired_.clear();
  // The I/O thread must hear of a new deadline or of bytes left to send
  // (not of frames held back: the next answer sends them).
  bool needs_io = false;
  for (auto& w : workers_)
    if (w && ((!w->out.empty() && sent_ahead(*w) == 0) ||
              (options_.task_timeout.count() > 0 && w->in_flight.size() == 1)))
      needs_io = true;
  lock.unlock();
  if (needs_io)
    wake();
}

/// Assigns queued tasks to workers and sends their frames. A `submitter`
/// writes only to a worker that has nothing to run: a busy one will answer
/// soon, and whoever reads that answer (the I/O thread or a waiting caller,
/// both pump) sends every frame held back meanwhile in one write, which the
/// worker reads in one read. Writing each frame at once costs a system call
/// per task and, when the worker keeps up with the submitter, a wake-up of
/// the worker per task too. (Measured on 2 vCPUs, the first 100,000 tiny
/// tasks of a pool, 8 runs each: median 242k tasks/s writing only to an idle
/// worker, 201k holding back from one with 8 tasks to run, 183k never.)
void ProcessPoolCore::pump(bool submitter) {
  Clock::time_point now = queue_.empty() ? Clock::time_point() : Clock::now();
  while (!queue_.empty()) {
    WorkerProc* best = nullptr;
    for (auto& w : workers_) {
      if (!w || !w->ready || w->retire || w->in_flight.size() >= send_window(*w, now))
        continue;
      if (!best || w->in_flight.size() < best->in_flight.size())
        best = w.get();
    }
    if (!best)
      break;
    Job& job = queue_.front();
    if (best->in_flight.empty())
      best->running_since = now;
    best->out += job.frame;  // the job keeps its frame: it is sent again if the worker dies
    ++best->frames_in_out;
    best->in_flight.push_back(std::move(job));
    queue_.pop_front();
    if (options_.max_tasks_per_child && ++best->assigned >= options_.max_tasks_per_child)
      best->retire = true;
  }
  if (stopping_ && queue_.empty())
    for (auto& w : workers_)
      if (w)
        w->retire = true;
  for (auto& w : workers_)
    if (w && !(submitter && sent_ahead(*w) > 0))
      flush(*w);
}

void ProcessPoolCore::flush(WorkerProc& w) {
  while (!w.out.empty()) {
    if (w.calls_fd < 0) {
      w.out.clear();
      w.frames_in_out = 0;
      break;
    }
    // A dead worker's pipe fills up (EAGAIN); its end of file on the answers
    // pipe is seen by the I/O thread.
    ssize_t n = ::write(w.calls_fd, w.out.data(), w.out.size());
    if (n < 0) {
      if (errno == EINTR)
        continue;
      if (errno != EAGAIN) {
        w.out.clear();
        w.frames_in_out = 0;
      }
      break;
    }
    w.out.erase(0, static_cast<std::size_t>(n));
  }
  if (w.out.empty())
    w.frames_in_out = 0;
  if (w.out.empty() && w.retire && w.ready && !w.closed_write)
    close_calls(w);  // the worker finishes what it has, then exits
}

/// Arms or disarms the I/O thread's interest in worker `slot`'s answers
/// pipe. Disarmed while a caller reads it, or every answer would wake the
/// I/O thread too. Measured over 12 runs each: with that third wake-up the
/// median round trip was 16.7-23.8 us, twice ~115 us; without, 15.9-16.9 us,
/// once 27 us. It costs two epoll_ctl calls per read, the first while the
/// worker runs. EPOLLONESHOT with no events rather than removing the pipe: a
/// hang-up is then reported once, not in a loop. Re-arming reports what is
/// pending, so nothing is left unread.
void ProcessPoolCore::watch_answers(std::size_t slot, bool watch) {
  WorkerProc& w = *workers_[slot];
  epoll_event event{};
  event.events = watch ? EPOLLIN | EPOLLET : EPOLLONESHOT;
  event.data.u64 = (std::uint64_t(slot) << 32) | std::uint32_t(w.fd);
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, w.fd, &event);
}

/// End of file for the worker: it answers what it has and exits.
void ProcessPoolCore::close_calls(WorkerProc& w) {
  w.closed_write = true;
  close_owned_fd(w.calls_fd);
}

bool ProcessPoolCore::idle_locked() const {
  if (!queue_.empty())
    return false;
  for (auto& w : workers_)
    if (w && !w->in_flight.empty())
      return false;
  return true;
}

void ProcessPoolCore::handle_frame(std::size_t slot, const Frame& frame) {
  WorkerProc& w = *workers_[slot];
  Reader payload(frame.payload.data(), frame.payload.size());
  switch (frame.kind) {
  case FrameKind::Ready:
    if (w.ready)
      throw DecodeError("parsafe: protocol error: a second Ready frame");
    w.ready = true;
    changed_.notify_all();
    return;
  case FrameKind::InitFailed: {
    std::string type(read_string(payload));
    std::string message(read_string(payload));
    w.start_failure = "the initializer failed in a worker: " + type + ": " + message;
    return;
  }
  case FrameKind::NoGuard:
    w.start_failure =
        "Start::spawn re-executed this program, and it reached a ProcessPool without running "
        "the worker dispatch: add PARSAFE_MAIN_GUARD(argc, argv); as the first statement of "
        "main() (or use Start::fork)";
    return;
  case FrameKind::Result:
  case FrameKind::Failure: {
    if (w.in_flight.empty())
      throw DecodeError("parsafe: protocol error: an answer with no task running");
    Job job = std::move(w.in_flight.front());
    w.in_flight.pop_front();
    Clock::time_point now = Clock::now();
    // Answers read together give one long sample and some near zero: the
    // average still tracks the time per task.
    w.task_time += (now - w.running_since - w.task_time) / 8;
    w.running_since = now;
    if (frame.kind == FrameKind::Result) {
      job.result->deliver(frame.payload);
    } else {
      std::string type(read_string(payload));
      std::string message(read_string(payload));
      job.result->fail(new_error<RemoteError>(std::move(type), std::move(message)));
    }
    retired_.push_back(std::move(job.result));
    return;
  }
  default:
    throw DecodeError("parsafe: protocol error: unexpected frame kind from a worker");
  }
}

/// Reads and handles what a worker sent; false at end of file (it is gone).
/// Throws DecodeError on a corrupt frame.
bool ProcessPoolCore::read_from(std::size_t slot) {
  WorkerProc& w = *workers_[slot];
  for (;;) {
    ssize_t n = read_now(w.fd, w.in.prepare(64 * 1024), w.in.capacity_left());
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return errno == EAGAIN || errno == EWOULDBLOCK;
    if (n == 0)
      return false;
    w.in.commit(static_cast<std::size_t>(n));
    while (std::optional<Frame> frame = w.in.next())
      handle_frame(slot, *frame);
  }
}

namespace {
/// How a worker ended, for WorkerCrashed.
std::string describe_status(int status, int* signal, int* code) {
  *signal = 0;
  *code = -1;
  if (WIFSIGNALED(status)) {
    *signal = WTERMSIG(status);
    const char* abbrev = ::sigabbrev_np(*signal);
    return "was killed by signal " + std::to_string(*signal) +
           (abbrev ? std::string(" (SIG") + abbrev + ")" : std::string());
  }
  if (WIFEXITED(status)) {
    *code = WEXITSTATUS(status);
    return "exited with code " + std::to_string(*code) + " while running it";
  }
  return "ended (status " + std::to_string(status) + ")";
}

/// Reaps `pid`, which closed its answers pipe: it is exiting. A process that
/// closed the pipe but keeps running is killed after a grace period.
int reap(pid_t pid) {
  int status = 0;
  for (int i = 0; i < 2000; ++i) {
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid)
      return status;
    if (r < 0 && errno != EINTR)
      return -1;  // ECHILD: SIGCHLD ignored, reaped by the kernel
    std::this_thread::sleep_for(std::chrono::microseconds(i < 100 ? 20 : 1000));
  }
  ::kill(pid, SIGKILL);
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}
}  // namespace

void ProcessPoolCore::bury(std::size_t slot, Death death, Lock& lock) {
  std::unique_ptr<WorkerProc> w = std::move(workers_[slot]);
  if (death != Death::Exited)
    ::kill(w->pid, SIGKILL);
  lock.unlock();
  int status = reap(w->pid);
  lock.lock();
  close_fds(*w);

  if (!w->in_flight.empty()) {
    Job running = std::move(w->in_flight.front());
    w->in_flight.pop_front();
    std::exception_ptr error;
    if (death == Death::TimedOut) {
      error = new_error<TaskTimeout>(
          "parsafe: task exceeded its timeout of " +
          std::to_string(options_.task_timeout.count()) +
          " ms (PoolOptions::task_timeout); its worker was killed and replaced");
    } else if (death == Death::Corrupt) {
      error = new_error<DecodeError>(
          "parsafe: the worker running this task sent a corrupt frame; it was killed");
    } else if (death == Death::Killed) {
      error = new_error<Terminated>();
    } else {
      int sig = 0, code = -1;
      std::string how = status < 0 ? "ended (exit status unavailable: SIGCHLD is ignored)"
                                   : describe_status(status, &sig, &code);
      error = new_error<WorkerCrashed>(how, sig, code);
    }
    running.result->fail(std::move(error));  // the I/O thread keeps no reference
    retired_.push_back(std::move(running.result));
    // The tasks sent behind it never started: queue them again, in order.
    while (!w->in_flight.empty()) {
      queue_.push_front(std::move(w->in_flight.back()));
      w->in_flight.pop_back();
    }
  }
  if (!w->ready && death != Death::Killed && !terminating_) {
    std::string reason = w->start_failure;
    if (reason.empty()) {
      int sig = 0, code = -1;
      reason = "a worker process ended before it started (" +
               (status < 0 ? std::string("status unavailable") : describe_status(status, &sig, &code)) +
               ")" +
               (options_.start == Start::spawn
                    ? "; with Start::spawn, main() must begin with PARSAFE_MAIN_GUARD(argc, argv)"
                    : "");
    }
    if (starting_ && w->start_failure.rfind("the initializer", 0) != 0)
      start_error_ = "parsafe::ProcessPool: " + reason;
    else
      break_pool("parsafe::ProcessPool is broken: " + reason);
    changed_.notify_all();
    return;
  }
  if (terminating_ || !broken_reason_.empty() || (stopping_ && queue_.empty()))
    return;
  try {
    start_worker(slot);
  } catch (const std::exception& e) {
    break_pool(std::string("parsafe::ProcessPool is broken: a worker could not be replaced: ") +
               e.what());
  }
}

void ProcessPoolCore::break_pool(const std::string& reason) {
  if (broken_reason_.empty())
    broken_reason_ = reason;
  fail_all([this] { return new_error<BrokenPool>(broken_reason_); });
  for (auto& w : workers_) {
    if (w && w->reader_busy)
      stop_reader(*w, Death::Killed);  // its task failed above
    if (w && !w->closed_write) {
      close_calls(*w);
      w->retire = true;
    }
  }
}

template <class MakeError>
void ProcessPoolCore::fail_all(const MakeError& make_error) {
  for (auto& job : queue_) {
    job.result->fail(make_error());
    retired_.push_back(std::move(job.result));
  }
  queue_.clear();
  for (auto& w : workers_)
    if (w) {
      for (auto& job : w->in_flight) {
        job.result->fail(make_error());
        retired_.push_back(std::move(job.result));
      }
      w->in_flight.clear();
    }
}

void ProcessPoolCore::check_deadlines(Lock& lock) {
  Clock::time_point now = Clock::now();
  for (std::size_t i = 0; i < workers_.size(); ++i) {
    WorkerProc* w = workers_[i].get();
    if (!w || w->fate != Death::Exited)
      continue;  // to be buried once its reader is done
    if (w->reader_busy) {
      if (options_.task_timeout.count() > 0 && !w->in_flight.empty() &&
          now - w->running_since > options_.task_timeout)
        stop_reader(*w, Death::TimedOut);
      continue;
    }
    if (!w->ready && now - w->started > options_.start_timeout) {
      w->start_failure = "a worker did not start within " +
                         std::to_string(options_.start_timeout.count()) +
                         " ms (PoolOptions::start_timeout)" +
                         (options_.start == Start::spawn
                              ? "; with Start::spawn, main() must begin with "
                                "PARSAFE_MAIN_GUARD(argc, argv)"
                              : "");
      bury(i, Death::TimedOut, lock);
    } else if (options_.task_timeout.count() > 0 && !w->in_flight.empty() &&
               now - w->running_since > options_.task_timeout) {
      bury(i, Death::TimedOut, lock);
    }
  }
}

void ProcessPoolCore::io_loop() {
  Lock lock(mutex_);
  epoll_event events[64];
  for (;;) {
    if (terminating_) {
      fail_all([] { return new_error<Terminated>(); });
      for (auto& w : workers_)
        if (w && w->reader_busy)
          stop_reader(*w, Death::Killed);
      changed_.wait(lock, [this] {
        return std::none_of(workers_.begin(), workers_.end(),
                            [](auto& w) { return w && w->reader_busy; });
      });
      for (std::size_t i = 0; i < workers_.size(); ++i)
        if (workers_[i])
          bury(i, Death::Killed, lock);
      break;
    }
    for (std::size_t i = 0; i < workers_.size(); ++i) {
      WorkerProc* w = workers_[i].get();
      if (!w || w->reader_busy)
        continue;
      if (w->fate != Death::Exited)
        bury(i, w->fate, lock);
      else if (w->unread)
        read_and_bury_if_gone(i, lock);
    }
    pump();
    if (idle_locked())
      changed_.notify_all();
    bool any = std::any_of(workers_.begin(), workers_.end(), [](auto& w) { return w != nullptr; });
    if (!any && (stopping_ || !broken_reason_.empty() || !start_error_.empty()))
      break;

    Clock::time_point deadline = Clock::time_point::max();
    for (std::size_t i = 0; i < workers_.size(); ++i) {
      WorkerProc* w = workers_[i].get();
      if (!w)
        continue;
      if (!w->ready)
        deadline = std::min(deadline, w->started + options_.start_timeout);
      else if (options_.task_timeout.count() > 0 && !w->in_flight.empty() &&
               w->fate == Death::Exited)
        deadline = std::min(deadline, w->running_since + options_.task_timeout);
    }
    int timeout_ms = -1;
    if (deadline != Clock::time_point::max()) {
      auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
      timeout_ms = static_cast<int>(std::max<long long>(0, left.count()));
    }
    lock.unlock();
    int ready = ::epoll_wait(epoll_fd_, events, 64, timeout_ms);
    lock.lock();
    if (ready < 0 && errno != EINTR)
      break;  // cannot happen with a valid epoll descriptor
    for (int k = 0; k < ready; ++k) {
      if (events[k].data.u64 == UINT64_MAX) {
        std::uint64_t count;
        ssize_t n = ::read(wake_fd_, &count, sizeof count);
        (void)n;
        continue;
      }
      // An event of a worker buried meanwhile, or one that has a reader now.
      std::size_t slot = static_cast<std::size_t>(events[k].data.u64 >> 32);
      int fd = static_cast<int>(events[k].data.u64 & 0xffffffffu);
      if (!workers_[slot])
        continue;
      WorkerProc& w = *workers_[slot];
      if (fd == w.calls_fd && fd >= 0) {
        flush(w);
        continue;
      }
      if (fd != w.fd)
        continue;
      const std::uint32_t hangup = EPOLLHUP | EPOLLERR;
      if (w.reader_busy) {
        // Its reader reads what arrived; an end of file it may have missed.
        if (events[k].events & hangup)
          w.unread = true;
        continue;
      }
      if (events[k].events & (EPOLLIN | hangup))
        read_and_bury_if_gone(slot, lock);
    }
    check_deadlines(lock);
  }
  io_done_ = true;
  changed_.notify_all();
}

/// Reads what worker `slot` sent; buries it at end of file or on a corrupt
/// frame.
void ProcessPoolCore::read_and_bury_if_gone(std::size_t slot, Lock& lock) {
  workers_[slot]->unread = false;
  bool open = false;
  try {
    open = read_from(slot);
  } catch (const DecodeError&) {
    bury(slot, Death::Corrupt, lock);
    return;
  }
  if (!open)
    bury(slot, workers_[slot]->fate, lock);
}

void ProcessPoolCore::read_until_ready(const StateBase& state) {
  std::vector<std::unique_ptr<PendingResult>> done;  // destroyed after the lock
  Lock lock(mutex_);
  if (io_thread_.get_id() == std::this_thread::get_id() || terminating_ ||
      !broken_reason_.empty())
    return;
  std::size_t slot = 0;
  WorkerProc* w = nullptr;
  for (std::size_t i = 0; i < workers_.size() && !w; ++i) {
    WorkerProc* candidate = workers_[i].get();
    if (!candidate || !candidate->ready || candidate->reader_busy ||
        candidate->fate != Death::Exited)
      continue;
    for (const Job& job : candidate->in_flight)
      if (job.result->state() == &state) {
        w = candidate;
        slot = i;
        break;
      }
  }
  if (!w)
    return;  // still queued, or another thread reads its worker: park
  w->reader_busy = true;
  watch_answers(slot, false);
  bool read_to_end = false;  // end of file, or the read side shut down
  try {
    while (!state.ready() && w->fate == Death::Exited) {
      lock.unlock();
      // Only this thread touches w->in and reads w->fd while reader_busy.
      ssize_t n = ::read(w->fd, w->in.prepare(64 * 1024), w->in.capacity_left());
      int error = errno;
      lock.lock();
      if (n < 0 && error == EINTR)
        continue;
      if (n <= 0) {
        read_to_end = true;
        break;  // end of file (the worker is gone, or stop_reader): the I/O thread buries it
      }
      w->in.commit(static_cast<std::size_t>(n));
      try {
        while (std::optional<Frame> frame = w->in.next())
          handle_frame(slot, *frame);
      } catch (const DecodeError&) {
        w->fate = Death::Corrupt;
        break;
      }
      pump();
      if (idle_locked())
        changed_.notify_all();
    }
  } catch (...) {
    // Out of memory for the buffer: the I/O thread carries on.
    if (!lock.owns_lock())
      lock.lock();
  }
  // Bytes may have arrived after the last read() with their edge gone to the
  // I/O thread, which skipped it: answers still due, or an end of file.
  if (!w->in_flight.empty() || read_to_end || !state.ready())
    w->unread = true;
  // The I/O thread has work (bytes to read, a worker to bury) or a deadline
  // to recompute.
  bool wake_io = w->unread || w->fate != Death::Exited || options_.task_timeout.count() > 0;
  w->reader_busy = false;
  watch_answers(slot, true);
  changed_.notify_all();  // terminate() waits for readers
  done = take_retired(lock);
  if (wake_io)
    wake();
}

void ProcessPoolCore::wait() {
  Lock lock(mutex_);
  if (io_thread_.get_id() == std::this_thread::get_id())
    return;
  changed_.wait(lock, [this] { return idle_locked() || io_done_; });
  take_retired(lock);
}

void ProcessPoolCore::join_io_thread() {
  if (io_thread_.joinable()) {
    io_thread_.join();
    --g_io_threads;
  }
}

void ProcessPoolCore::shutdown(bool cancel_pending) {
  {
    Lock lock(mutex_);
    stopping_ = true;
    if (cancel_pending) {
      for (auto& job : queue_)
        job.result->fail(new_error<Cancelled>());
      queue_.clear();
    }
  }
  wake();
  join_io_thread();
}

void ProcessPoolCore::terminate() {
  {
    Lock lock(mutex_);
    stopping_ = true;
    terminating_ = true;
  }
  wake();
  join_io_thread();
}

}  // namespace parsafe::detail

namespace parsafe {

namespace {
/// A program re-executed by Start::spawn that did not dispatch the worker
/// reaches its first ProcessPool here: tell the parent, and stop before it
/// can start workers of its own (no fork bomb).
void refuse_unguarded_worker() {
  if (!std::getenv(detail::kWorkerEnv))
    return;
  std::string frame = detail::frame_of(detail::FrameKind::NoGuard, "");
  detail::write_all(detail::kAnswersFd, frame.data(), frame.size());
  std::fprintf(stderr,
               "parsafe: this process was started as a ProcessPool worker, but main() did not "
               "begin with PARSAFE_MAIN_GUARD(argc, argv); stopping it\n");
  std::fflush(nullptr);
  ::_exit(detail::kExitNoGuard);
}
}  // namespace

ProcessPool::ProcessPool(PoolOptions options) {
  refuse_unguarded_worker();
  core_ = std::make_unique<detail::ProcessPoolCore>(std::move(options));
}

ProcessPool::~ProcessPool() = default;

void ProcessPool::enqueue(std::string frame, std::unique_ptr<detail::PendingResult> result) {
  core_->enqueue(detail::Job{std::move(frame), std::move(result)});
}
std::size_t ProcessPool::max_message_bytes() const noexcept { return core_->max_message_bytes(); }
const std::shared_ptr<detail::ResultSource>& ProcessPool::result_source() const noexcept {
  return core_->result_source();
}
void ProcessPool::wait() { core_->wait(); }
void ProcessPool::shutdown(bool cancel_pending) { core_->shutdown(cancel_pending); }
void ProcessPool::terminate() { core_->terminate(); }
unsigned ProcessPool::size() const noexcept { return core_->size(); }
bool ProcessPool::broken() const { return core_->broken(); }

}  // namespace parsafe
