// Partial sums returned through futures: nothing shared.
#include <future>
#include <vector>

int main() {
  std::vector<int> data(1000, 1);
  auto left = std::async(std::launch::async, [&data] {
    long s = 0;
    for (std::size_t i = 0; i < data.size() / 2; ++i)
      s += data[i]; // NORACE
    return s;
  });
  long right = 0;
  for (std::size_t i = data.size() / 2; i < data.size(); ++i)
    right += data[i]; // NORACE
  return static_cast<int>(left.get() + right);
}
