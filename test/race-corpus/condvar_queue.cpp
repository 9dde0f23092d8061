// A work queue: the producer pushes under a unique_lock and notifies, the
// consumer waits with a predicate and pops while holding the lock.
#include <condition_variable>
#include <mutex>
#include <queue>
#include <thread>

std::queue<int> jobs;
bool closed = false;
std::mutex jobs_mutex;
std::condition_variable jobs_cv;

void produce() {
  for (int i = 0; i < 20; ++i) {
    {
      std::unique_lock<std::mutex> lock(jobs_mutex);
      jobs.push(i); // NORACE
    }
    jobs_cv.notify_one();
  }
  std::lock_guard<std::mutex> lock(jobs_mutex);
  closed = true; // NORACE
  jobs_cv.notify_all();
}

long consume() {
  long sum = 0;
  for (;;) {
    std::unique_lock<std::mutex> lock(jobs_mutex);
    jobs_cv.wait(lock, [] { return !jobs.empty() || closed; }); // NORACE
    if (jobs.empty()) // NORACE
      return sum;
    sum += jobs.front(); // NORACE
    jobs.pop(); // NORACE
  }
}

int main() {
  long result = 0;
  std::thread consumer([&result] { result = consume(); });
  std::thread producer(produce);
  producer.join();
  consumer.join();
  return static_cast<int>(result); // NORACE
}
