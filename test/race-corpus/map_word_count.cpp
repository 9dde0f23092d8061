// Two threads count words into the same std::map with operator[], without a
// lock.
#include <map>
#include <string>
#include <thread>
#include <vector>

std::map<std::string, int> counts;

void count_words(const std::vector<std::string> &words) {
  for (const auto &w : words)
    ++counts[w]; // RACE!
}

int main() {
  std::vector<std::string> left{"a", "b", "a"};
  std::vector<std::string> right{"b", "c"};
  std::thread t1(count_words, std::cref(left));
  std::thread t2(count_words, std::cref(right));
  t1.join();
  t2.join();
  return counts["a"]; // NORACE
}
