// A member function starts a thread with a lambda capturing this; the thread
// and the caller both update the member without a lock.
#include <thread>

class Downloader {
public:
  void start() {
    worker_ = std::thread([this] {
      for (int i = 0; i < 10; ++i)
        bytes_ += 1024; // RACE!
    });
  }
  void cancel() { bytes_ = 0; } // RACE!
  long finish() {
    worker_.join();
    return bytes_; // NORACE
  }

private:
  long bytes_ = 0;
  std::thread worker_;
};

int main() {
  Downloader d;
  d.start();
  d.cancel();
  return static_cast<int>(d.finish() % 100);
}
