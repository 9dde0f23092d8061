// RUN: %check_parsafe -check-suffixes=,CXX17 %s parsafe-unjoined-thread %t -- -- -std=c++17
// RUN: %check_parsafe -check-suffixes=,CXX20 %s parsafe-unjoined-thread %t-20 -- -- -std=c++20

#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

void work();
bool failed();
void consume(std::thread T);
void keep(std::thread &T);

void validate() {
  if (failed())
    throw std::runtime_error("invalid");
}
void validate_indirectly() { validate(); }
void no_throw() noexcept;

// ---------------------------------------------------------------- positives

int early_return(bool Skip) {
  std::thread Worker(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread 'Worker' can be destroyed while still joinable, which calls std::terminate [parsafe-unjoined-thread]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'Worker' becomes joinable here
  // CHECK-FIXES-CXX20: std::jthread Worker(work);
  if (Skip)
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: still joinable when the function returns
  // CHECK-MESSAGES-CXX17: :[[@LINE-7]]:15: note: use std::jthread (C++20), which joins in its destructor, or run the work on a parsafe::ThreadPool; otherwise join on every path
  // CHECK-MESSAGES-CXX20: :[[@LINE-8]]:15: note: use std::jthread, which joins in its destructor, or run the work on a parsafe::ThreadPool; otherwise join on every path
  Worker.join();
  return 0;
}

void exception_between_start_and_join() {
  std::thread Worker(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread 'Worker' can be destroyed while still joinable
  validate();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: still joinable if 'validate' throws here
  Worker.join();
}

void exception_through_two_calls() {
  std::thread Worker(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread 'Worker' can be destroyed while still joinable
  validate_indirectly();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: still joinable if 'validate_indirectly' throws here
  Worker.join();
}

void explicit_throw(int Value) {
  std::thread Worker(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread 'Worker' can be destroyed while still joinable
  if (Value < 0)
    throw std::invalid_argument("negative");
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: still joinable when this exception is thrown
  Worker.join();
}

void break_out_of_loop() {
  for (int I = 0; I < 3; ++I) {
    std::thread Step(work);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: thread 'Step' can be destroyed while still joinable
    if (failed())
      break;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: still joinable when 'break' leaves its scope
    Step.join();
  }
}

void continue_in_loop() {
  for (int I = 0; I < 3; ++I) {
    std::thread Step(work);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: thread 'Step' can be destroyed while still joinable
    if (failed())
      continue;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: still joinable when 'continue' leaves its scope
    Step.detach();
  }
}

void never_joined() {
  std::thread Forgotten([] { work(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread 'Forgotten' can be destroyed while still joinable
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: still joinable at the end of its scope

void assigned_later(bool Start) {
  std::thread Later;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread 'Later' can be destroyed while still joinable
  if (Start)
    Later = std::thread(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'Later' becomes joinable here
}

void joined_on_one_branch_only(bool Fast) {
  std::thread Worker(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread 'Worker' can be destroyed while still joinable
  if (Fast)
    Worker.detach();
}

void container_early_return(int Count) {
  std::vector<std::thread> Pool;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: threads in 'Pool' can be destroyed while still joinable, which calls std::terminate
  // CHECK-FIXES-CXX20: std::vector<std::jthread> Pool;
  for (int I = 0; I < Count; ++I)
    Pool.emplace_back(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: a thread is added to 'Pool' here
  if (failed())
    return;
  for (auto &T : Pool)
    T.join();
}

template <class F> void in_template(F Fn) {
  std::thread Worker(Fn);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread 'Worker' can be destroyed while still joinable
  if (failed())
    return;
  Worker.join();
}
template void in_template(void (*)());

void in_lambda() {
  auto Run = [] {
    std::thread Inner(work);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: thread 'Inner' can be destroyed while still joinable
    if (failed())
      return;
    Inner.join();
  };
  Run();
}

// ---------------------------------------------------------------- negatives

void joined() {
  std::thread Worker(work);
  Worker.join();
}

void detached() { std::thread(work).detach(); }

void guarded_by_joinable(bool Start) {
  std::thread Maybe;
  if (Start)
    Maybe = std::thread(work);
  if (Maybe.joinable())
    Maybe.join();
}

void joined_on_every_path(bool Fast) {
  std::thread Worker(work);
  if (Fast) {
    Worker.join();
    return;
  }
  Worker.join();
}

void exception_caught_inside(int Value) {
  std::thread Worker(work);
  try {
    validate();
    if (Value < 0)
      throw std::invalid_argument("negative");
  } catch (const std::exception &) {
  }
  Worker.join();
}

void noexcept_call_between() {
  std::thread Worker(work);
  no_throw();
  Worker.join();
}

std::thread returned() {
  std::thread Worker(work);
  return Worker;
}

void moved_or_passed() {
  std::thread Given(work);
  consume(std::move(Given));
  std::thread Kept(work);
  keep(Kept);
  std::vector<std::thread> Owned;
  std::thread Moved(work);
  Owned.push_back(std::move(Moved));
  for (auto &T : Owned)
    T.join();
}

void container_joined(int Count) {
  std::vector<std::thread> Pool;
  for (int I = 0; I < Count; ++I)
    Pool.emplace_back(work);
  for (std::size_t I = 0; I < Pool.size(); ++I)
    Pool[I].join();
  std::vector<std::thread> Others;
  Others.push_back(std::thread(work));
  for (auto &T : Others)
    T.detach();
}

void default_constructed_only() { std::thread Empty; }

void jthread_joins_itself() {
  // std::jthread is not std::thread: it joins in its destructor.
}
