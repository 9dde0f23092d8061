// Readers look up the routing table under std::shared_lock; the single
// writer replaces entries under std::unique_lock.
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>

class Routes {
public:
  std::string lookup(int id) const {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    auto it = table_.find(id); // NORACE
    return it == table_.end() ? std::string() : it->second; // NORACE
  }
  void set(int id, std::string host) {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    table_[id] = std::move(host); // NORACE
  }

private:
  mutable std::shared_mutex mutex_;
  std::map<int, std::string> table_;
};

int main() {
  Routes routes;
  std::thread writer([&routes] {
    for (int i = 0; i < 50; ++i)
      routes.set(i, "host" + std::to_string(i));
  });
  std::thread r1([&routes] { (void)routes.lookup(7); });
  std::thread r2([&routes] { (void)routes.lookup(9); });
  writer.join();
  r1.join();
  r2.join();
  return static_cast<int>(routes.lookup(7).size());
}
