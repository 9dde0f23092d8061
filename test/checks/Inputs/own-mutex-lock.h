// A scoped lock class of a program's own, declared in its header: the
// constructor locks the mutex it is given, the destructor unlocks it.
#ifndef OWN_MUTEX_LOCK_H
#define OWN_MUTEX_LOCK_H

#include <mutex>

class OwnMutexLock {
public:
  explicit OwnMutexLock(std::mutex &M) : M_(M) { M_.lock(); }
  ~OwnMutexLock() { M_.unlock(); }
  OwnMutexLock(const OwnMutexLock &) = delete;
  OwnMutexLock &operator=(const OwnMutexLock &) = delete;

private:
  std::mutex &M_;
};

#endif
