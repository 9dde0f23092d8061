// parsafe-check: parsafe-pool-self-wait
// A hand-written pool whose enqueue returns std::future, and a task that waits
// for work it queued to the same pool. With four workers and one outer task
// it finishes; with one worker (or four such tasks) it deadlocks.
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

class ThreadPool {
public:
  explicit ThreadPool(std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
      workers_.emplace_back([this] {
        for (;;) {
          std::function<void()> task;
          {
            std::unique_lock<std::mutex> lock(mutex_);
            ready_.wait(lock, [this] { return stop_ || !tasks_.empty(); });
            if (stop_ && tasks_.empty())
              return;
            task = std::move(tasks_.front());
            tasks_.pop();
          }
          task();
        }
      });
  }
  ~ThreadPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    ready_.notify_all();
    for (auto& w : workers_)
      w.join();
  }
  template <class F> auto enqueue(F fn) -> std::future<decltype(fn())> {
    auto task = std::make_shared<std::packaged_task<decltype(fn())()>>(fn);
    auto result = task->get_future();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      tasks_.emplace([task] { (*task)(); });
    }
    ready_.notify_one();
    return result;
  }

private:
  std::vector<std::thread> workers_;
  std::queue<std::function<void()>> tasks_;
  std::mutex mutex_;
  std::condition_variable ready_;
  bool stop_ = false;
};

int main() {
  ThreadPool pool(4);
  auto total = pool.enqueue([&pool] {
    auto left = pool.enqueue([] { return 20; });
    auto right = pool.enqueue([] { return 22; });
    return left.get() + right.get();
  });
  std::printf("total: %d\n", total.get());
}
