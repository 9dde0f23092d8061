// A program's own scoped lock over a pthread mutex, as older code bases
// write it: held from its declaration to the end of the block. A stats
// counter bumped after the block is not protected.
#include <pthread.h>
#include <thread>
#include <vector>

class MutexLock {
public:
  explicit MutexLock(pthread_mutex_t *mu) : mu_(mu) { pthread_mutex_lock(mu_); }
  ~MutexLock() { pthread_mutex_unlock(mu_); }
  MutexLock(const MutexLock &) = delete;
  MutexLock &operator=(const MutexLock &) = delete;

private:
  pthread_mutex_t *mu_;
};

pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
int table[64];
int table_hits;
long lookups;

int lookup_and_bump(int key) {
  int value;
  {
    MutexLock hold(&table_mu);
    value = table[key & 63];
    ++table_hits; // NORACE
  }
  ++lookups; // RACE!
  return value;
}

int main() {
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back([i] { lookup_and_bump(i); });
  for (auto &w : workers)
    w.join();
  return static_cast<int>(lookups);
}
