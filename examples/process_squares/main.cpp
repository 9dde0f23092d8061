// The classic first multiprocessing program, squares over a list:
//
//   from multiprocessing import Pool
//   def square(x): return x * x
//   if __name__ == '__main__':
//       with Pool(4) as p: print(p.map(square, range(10)))
//
// With parsafe::ProcessPool the task is named (PARSAFE_TASK) instead of
// pickled, its argument and result types are checked at compile time, and
// PARSAFE_MAIN_GUARD plays the part of `if __name__ == '__main__'`.
#include <parsafe/process_pool.hpp>

#include <cstdio>
#include <vector>

long square(long x) { return x * x; }
PARSAFE_TASK(square);

int main(int argc, char** argv) {
  PARSAFE_MAIN_GUARD(argc, argv);  // a worker process runs its tasks here and returns

  parsafe::PoolOptions options;
  options.workers = 4;
  parsafe::ProcessPool pool(options);

  std::vector<long> inputs;
  for (long i = 0; i < 10; ++i)
    inputs.push_back(i);
  std::vector<long> squares = pool.map<square>(inputs);  // results in input order
  for (long s : squares)
    std::printf("%ld ", s);
  std::printf("\n");

  // One future per task; as_completed hands them over as they finish.
  std::vector<parsafe::Future<long>> futures;
  for (long i = 0; i < 100; ++i)
    futures.push_back(pool.submit<square>(i));
  long total = 0;
  for (auto& f : parsafe::as_completed(futures))
    total += f.get();
  std::printf("sum of squares below 100: %ld\n", total);
}
