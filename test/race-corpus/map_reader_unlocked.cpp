// The writer inserts into the map under a lock_guard, but the reader looks
// it up without taking the mutex.
#include <map>
#include <mutex>
#include <string>
#include <thread>

std::map<std::string, int> prices;
std::mutex prices_mutex;

void update(const std::string &item, int price) {
  std::lock_guard<std::mutex> lock(prices_mutex);
  prices[item] = price; // RACE!
}

int lookup(const std::string &item) {
  auto it = prices.find(item); // RACE!
  return it == prices.end() ? -1 : it->second; // RACE!
}

int main() {
  std::thread writer([] {
    for (int i = 0; i < 100; ++i)
      update("item" + std::to_string(i), i);
  });
  std::thread reader([] {
    long sum = 0;
    for (int i = 0; i < 100; ++i)
      sum += lookup("item" + std::to_string(i));
    return sum;
  });
  writer.join();
  reader.join();
  return 0;
}
