// A static data member counts live connections; constructors and destructors
// run in several threads without a lock.
#include <thread>
#include <vector>

class Connection {
public:
  Connection() { ++live_; } // RACE!
  ~Connection() { --live_; } // RACE!
  static int live() { return live_; } // NORACE

private:
  static int live_;
};

int Connection::live_ = 0;

int main() {
  std::vector<std::thread> clients;
  for (int i = 0; i < 4; ++i)
    clients.emplace_back([] { Connection c; });
  for (auto &t : clients)
    t.join();
  return Connection::live();
}
