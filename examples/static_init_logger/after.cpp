// The logger from before.cpp, started by main instead of by static
// initialization: main owns a parsafe::ThreadPool and hands it to the logger,
// whose lines travel through a parsafe::Channel to one draining task.
#include <parsafe/channel.hpp>
#include <parsafe/thread_pool.hpp>

#include <cstdio>
#include <string>

class Logger {
public:
  explicit Logger(parsafe::ThreadPool& pool) : done_(pool.submit([this] { drain(); })) {}
  ~Logger() {
    lines_.close();
    done_.get();
  }
  void log(std::string line) { lines_.push(std::move(line)); }

private:
  void drain() {
    for (std::string& line : lines_)
      std::printf("log: %s\n", line.c_str());
  }
  parsafe::Channel<std::string> lines_{64};
  parsafe::Future<void> done_;
};

int main() {
  parsafe::ThreadPool pool(1);
  Logger logger(pool);
  for (int i = 1; i <= 3; ++i)
    logger.log("step " + std::to_string(i));
  return 0;
}
