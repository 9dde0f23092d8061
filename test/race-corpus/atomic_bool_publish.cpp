// Release/acquire publication: the worker writes the payload and then sets an
// atomic flag with release; main reads the payload only after an acquire load
// has seen the flag.
#include <atomic>
#include <iostream>
#include <string>
#include <thread>

std::string message;
std::atomic<bool> ready{false};

int main() {
  std::thread producer([] {
    message = "hello"; // NORACE
    ready.store(true, std::memory_order_release); // NORACE
  });
  while (!ready.load(std::memory_order_acquire)) // NORACE
    std::this_thread::yield();
  std::cout << message << '\n'; // NORACE
  producer.join();
  return 0;
}
