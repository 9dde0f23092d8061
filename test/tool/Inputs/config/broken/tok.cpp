#include <cstring>
#include <thread>

void split(char *line) {
  std::thread t([line] { strtok(line, " "); });
  t.join();
}
