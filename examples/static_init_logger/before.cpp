// parsafe-check: parsafe-static-init-concurrency
// A logger that starts its background thread when the program loads.
// parsafe-static-init-concurrency flags g_logger: its constructor starts a
// std::thread before main runs (and would again in every re-executed worker).
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

class Logger {
public:
  Logger() : worker_([this] { drain(); }) {}
  ~Logger() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    ready_.notify_one();
    worker_.join();
  }
  void log(std::string line) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      lines_.push_back(std::move(line));
    }
    ready_.notify_one();
  }

private:
  void drain() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      ready_.wait(lock, [this] { return done_ || !lines_.empty(); });
      while (!lines_.empty()) {
        std::printf("log: %s\n", lines_.front().c_str());
        lines_.pop_front();
      }
      if (done_)
        return;
    }
  }
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::string> lines_;
  bool done_ = false;
  std::thread worker_;
};

Logger g_logger;

int main() {
  for (int i = 1; i <= 3; ++i)
    g_logger.log("step " + std::to_string(i));
  return 0;
}
