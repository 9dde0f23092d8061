// parsafe-check: parsafe-mt-unsafe-call-in-thread
// Word counting in threads with strtok, which keeps its position in static
// storage shared by every thread. (The threads run one after another here so
// the output is stable; run them together and the tokens interleave.)
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

static void count_words(std::string line, int* words) {
  for (char* w = std::strtok(line.data(), " "); w; w = std::strtok(nullptr, " "))
    ++*words;
}

int main() {
  const char* lines[] = {"the quick brown fox", "jumps over", "the lazy dog"};
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    std::thread t(count_words, std::string(lines[i]), &counts[i]);
    t.join();
  }
  std::printf("words: %d %d %d\n", counts[0], counts[1], counts[2]);
}
