// std::call_once initialises the shared configuration exactly once; every
// thread reads it after its own call_once returns.
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

std::once_flag config_once;
std::string host;
int port;

void load_config() {
  host = "localhost"; // NORACE
  port = 8080; // NORACE
}

void connect(int id) {
  std::call_once(config_once, load_config);
  std::cout << id << ": " << host << ':' << port << '\n'; // NORACE
}

int main() {
  std::thread a(connect, 1);
  std::thread b(connect, 2);
  a.join();
  b.join();
  return 0;
}
