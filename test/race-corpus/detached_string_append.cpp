// A detached logger thread appends to a global string that main reads, with
// no lock and no join.
#include <chrono>
#include <iostream>
#include <string>
#include <thread>

std::string journal;

int main() {
  std::thread logger([] {
    for (int i = 0; i < 100; ++i)
      journal += "tick\n"; // RACE!
  });
  logger.detach();
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::cout << journal.size() << '\n'; // RACE!
  return 0;
}
