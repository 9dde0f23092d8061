// Non-transferable task parameters and results are compile errors that name
// the offending type and say what to do instead.
// RUN: %clangxx -std=c++17 -fsyntax-only %runtime_flags %s
// RUN: not %clangxx -std=c++17 -fsyntax-only %runtime_flags -DPARAM_POINTER %s 2>&1 | FileCheck %s --check-prefix=PARAM
// RUN: not %clangxx -std=c++17 -fsyntax-only %runtime_flags -DAGGREGATE_POINTER %s 2>&1 | FileCheck %s --check-prefix=AGG
// RUN: not %clangxx -std=c++17 -fsyntax-only %runtime_flags -DRESULT_HANDLE %s 2>&1 | FileCheck %s --check-prefix=RESULT
// RUN: not %clangxx -std=c++17 -fsyntax-only %runtime_flags -DOUT_PARAM %s 2>&1 | FileCheck %s --check-prefix=OUT
// RUN: not %clangxx -std=c++17 -fsyntax-only %runtime_flags -DUNREGISTERED %s 2>&1 | FileCheck %s --check-prefix=UNREG
// RUN: not %clangxx -std=c++17 -fsyntax-only %runtime_flags -DCODEC %s 2>&1 | FileCheck %s --check-prefix=CODEC
#include <parsafe/process_pool.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

struct Job {
  int id;
  double weight;
};
struct Named {
  int id;
  const char* name;
};

// Fine: values, containers, aggregates without pointers, const references.
int weigh(Job job, const std::string& label, std::vector<int> extra) {
  return job.id + static_cast<int>(label.size() + extra.size());
}
PARSAFE_TASK(weigh);

#ifdef PARAM_POINTER
int by_pointer(Job* job) { return job->id; }
PARSAFE_TASK(by_pointer);
// PARAM: error: static assertion failed due to requirement 'transferable_v<Job *>': parsafe::ProcessPool: this task parameter type cannot cross a process boundary
// PARAM-SAME: std::string instead of char*, containers or std::optional instead of pointers
#endif

#ifdef AGGREGATE_POINTER
int by_named(Named item) { return item.id; }
PARSAFE_TASK(by_named);
// AGG: error: static assertion failed due to requirement 'transferable_v<Named>': parsafe::ProcessPool: this task parameter type cannot cross a process boundary
#endif

#ifdef RESULT_HANDLE
std::unique_ptr<int> make_handle(int x) { return std::make_unique<int>(x); }
PARSAFE_TASK(make_handle);
// RESULT: error: static assertion failed due to requirement 'transferable_v<std::unique_ptr<int, std::default_delete<int>>>': parsafe::ProcessPool: this task result type cannot cross a process boundary
// RESULT-SAME: Return values instead
#endif

#ifdef OUT_PARAM
void fill(std::vector<int>& out) { out.push_back(1); }
PARSAFE_TASK(fill);
// OUT: error: static assertion failed {{.*}}: parsafe::ProcessPool: a task cannot take a non-const reference parameter: the task runs in another process and its writes would never come back. Return the value instead
#endif

#ifdef UNREGISTERED
int not_registered(int x) { return x; }
#endif

int main(int argc, char** argv) {
  PARSAFE_MAIN_GUARD(argc, argv);
  parsafe::ProcessPool pool;
  pool.submit<weigh>(Job{1, 2.0}, "label", std::vector<int>{1});
#ifdef UNREGISTERED
  pool.submit<not_registered>(1);
  // UNREG: error: static assertion failed {{.*}}: parsafe::ProcessPool: this function is not a registered task; add PARSAFE_TASK(fn) at global scope after its definition
#endif
#ifdef CODEC
  std::function<void()> callback;
  parsafe::encode(callback);
  // CODEC: error: static assertion failed due to requirement 'transferable_v<std::function<void ()>>': parsafe codec: this type cannot cross a process boundary
#endif
}
