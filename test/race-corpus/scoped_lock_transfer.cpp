// Transfers lock both accounts at once with std::scoped_lock, which avoids
// deadlock; every balance access holds the account's mutex.
#include <mutex>
#include <thread>

struct Account {
  std::mutex m;
  long balance = 100;
};

void transfer(Account &from, Account &to, long amount) {
  std::scoped_lock lock(from.m, to.m);
  from.balance -= amount; // NORACE
  to.balance += amount; // NORACE
}

int main() {
  Account a, b;
  std::thread t1(transfer, std::ref(a), std::ref(b), 10);
  std::thread t2(transfer, std::ref(b), std::ref(a), 20);
  t1.join();
  t2.join();
  return static_cast<int>(a.balance + b.balance); // NORACE
}
