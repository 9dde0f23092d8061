// strtok_r keeps its position in a variable of each call, and the pool maps
// the lines to their counts in input order.
#include <parsafe/thread_pool.hpp>

#include <cstdio>
#include <string>
#include <vector>
#include <string.h>

static int count_words(std::string line) {
  int words = 0;
  char* save = nullptr;
  for (char* w = strtok_r(line.data(), " ", &save); w; w = strtok_r(nullptr, " ", &save))
    ++words;
  return words;
}

int main() {
  std::vector<std::string> lines = {"the quick brown fox", "jumps over", "the lazy dog"};
  parsafe::ThreadPool pool(3);
  std::vector<int> counts = pool.map(count_words, lines);
  std::printf("words: %d %d %d\n", counts[0], counts[1], counts[2]);
}
