// parsafe-check: parsafe-discarded-async-future
// "Parallel" checksums with std::async: each future dies at the end of its
// loop iteration and waits there, so the files are processed one at a time.
#include <cstdio>
#include <future>
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
  std::vector<unsigned> sums(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    auto pending = std::async(std::launch::async, [&sums, &files, i] { sums[i] = checksum(files[i]); });
  }
  for (std::size_t i = 0; i < files.size(); ++i)
    std::printf("%s %u\n", files[i].c_str(), sums[i]);
}
