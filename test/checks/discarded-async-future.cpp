// RUN: %check_parsafe %s parsafe-discarded-async-future %t -- -- -std=c++17

#include <future>
#include <vector>

int work(int);
void log_line(int);

struct Job {
  int operator()(int Value) const;
};

template <class F> void for_each_async(const std::vector<int> &Items, F Fn);

// ---------------------------------------------------------------- positives

void discarded(const std::vector<int> &Items) {
  std::async(std::launch::async, work, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: future returned by 'std::async' is discarded; its destructor waits for the task, so this call runs synchronously [parsafe-discarded-async-future]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: keep the future and call get() when the result is needed; for fire-and-forget work use parsafe::ThreadPool::detach, which also reports the task's exceptions

  // A cast to void silences -Wunused-result and bugprone-unused-return-value,
  // but the destructor still waits.
  (void)std::async(work, 2);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: future returned by 'std::async' is discarded
  static_cast<void>(std::async(std::launch::async, Job(), 3));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: future returned by 'std::async' is discarded

  // The classic "parallel" loop that is serial: each temporary waits.
  for (int Item : Items)
    std::async(std::launch::async, [Item] { log_line(Item); });
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: future returned by 'std::async' is discarded
}

int waited_at_once() {
  return std::async(std::launch::async, work, 4).get();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: result of 'std::async' is waited for at once, so the task runs synchronously on another thread
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: keep the futures until every task is launched (collect them in a std::vector and call get() afterwards), or use parsafe::ThreadPool::submit or parsafe::ThreadPool::map
}

void waited_at_once_void() {
  std::async(std::launch::async, log_line, 5).wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'std::async' is waited for at once
}

void loop_local_destroyed(const std::vector<int> &Items) {
  for (int Item : Items) {
    auto Pending = std::async(std::launch::async, log_line, Item);
  }
  // CHECK-MESSAGES: :[[@LINE-2]]:20: warning: future 'Pending' is destroyed at the end of each loop iteration; each iteration waits for its task before the next one starts, so the loop runs serially
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: loop here
}

int loop_local_waited(const std::vector<int> &Items) {
  int Sum = 0;
  for (std::size_t I = 0; I < Items.size(); ++I) {
    std::future<int> Result = std::async(std::launch::async, work, Items[I]);
    Sum += Result.get();
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:31: warning: future 'Result' is waited for right after it is launched; each iteration waits for its task before the next one starts, so the loop runs serially
  return Sum;
}

void while_loop(int Count) {
  while (Count-- > 0) {
    auto Done = std::async(std::launch::async, log_line, Count);
    Done.wait();
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:17: warning: future 'Done' is waited for right after it is launched
}

void do_loop(int Count) {
  do {
    auto Done = std::async(log_line, Count);
  } while (--Count > 0);
  // CHECK-MESSAGES: :[[@LINE-2]]:17: warning: future 'Done' is destroyed at the end of each loop iteration
}

template <class T> void in_template(const std::vector<T> &Items) {
  for (const T &Item : Items) {
    auto Pending = std::async(std::launch::async, log_line, Item);
  }
  // CHECK-MESSAGES: :[[@LINE-2]]:20: warning: future 'Pending' is destroyed at the end of each loop iteration
}
template void in_template<int>(const std::vector<int> &);

#define FIRE(x) std::async(std::launch::async, log_line, x)
void through_macro() {
  FIRE(6);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: future returned by 'std::async' is discarded
}

// ---------------------------------------------------------------- negatives

// Futures collected first, waited for after the loop: real parallelism.
int collected(const std::vector<int> &Items) {
  std::vector<std::future<int>> Futures;
  for (int Item : Items)
    Futures.push_back(std::async(std::launch::async, work, Item));
  for (int Item : Items) {
    auto F = std::async(std::launch::async, work, Item);
    Futures.push_back(std::move(F));
  }
  int Sum = 0;
  for (auto &F : Futures)
    Sum += F.get();
  return Sum;
}

// Work done between launch and wait overlaps with the task.
int overlapped(const std::vector<int> &Items) {
  int Sum = 0;
  for (int Item : Items) {
    auto Pending = std::async(std::launch::async, work, Item);
    log_line(Item);
    Sum += Pending.get();
  }
  for (int Item : Items) {
    auto Pending = std::async(std::launch::async, log_line, Item);
    Sum += work(Item); // overlaps; the destructor waits at the end
  }
  return Sum;
}

// Deferred tasks run on the waiting thread by design.
int deferred() {
  std::async(std::launch::deferred, work, 7);
  return std::async(std::launch::deferred, work, 8).get();
}

// A future kept in a variable outside any loop and waited for later.
int kept(int Value) {
  auto Pending = std::async(std::launch::async, work, Value);
  log_line(Value);
  return Pending.get();
}

// Returned to the caller, or passed on.
std::future<int> returned(int Value) { return std::async(std::launch::async, work, Value); }
void consume(std::future<int> F);
void passed(int Value) { consume(std::async(std::launch::async, work, Value)); }

// A future declared in the loop but moved out of it.
std::future<int> last_of(const std::vector<int> &Items) {
  std::future<int> Last;
  for (int Item : Items) {
    auto F = std::async(std::launch::async, work, Item);
    Last = std::move(F);
  }
  return Last;
}

// A lambda that launches work, defined in a loop but run elsewhere.
void lambda_in_loop(const std::vector<int> &Items, std::vector<std::future<int>> &Out) {
  for (int Item : Items) {
    auto Launch = [&Out, Item] { Out.push_back(std::async(std::launch::async, work, Item)); };
    Launch();
  }
}
