// The same checksums, really in parallel: parsafe::ThreadPool::map runs them
// on a bounded set of workers and returns the results in input order.
#include <parsafe/thread_pool.hpp>

#include <cstdio>
#include <string>
#include <vector>

static unsigned checksum(const std::string& text) {
  unsigned sum = 0;
  for (unsigned char c : text)
    sum = sum * 31 + c;
  return sum;
}

int main() {
  std::vector<std::string> files = {"alpha", "beta", "gamma", "delta"};
  parsafe::ThreadPool pool(2);
  std::vector<unsigned> sums = pool.map(checksum, files);
  for (std::size_t i = 0; i < files.size(); ++i)
    std::printf("%s %u\n", files[i].c_str(), sums[i]);
}
